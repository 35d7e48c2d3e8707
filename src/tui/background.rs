//! A background task tied to its owner: the runner keeps one per stream or poll it
//! follows (a log pane, the metrics poller, image builds) and dropping it stops it.

use std::future::Future;

use tokio::task::JoinHandle;

/// A spawned task that is aborted when this is dropped.
pub struct Background(JoinHandle<()>);

impl Background {
    /// Runs `task` until the returned value is dropped.
    pub fn spawn(task: impl Future<Output = ()> + Send + 'static) -> Background {
        Background(tokio::spawn(task))
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.0.abort();
    }
}
