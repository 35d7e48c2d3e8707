//! While image builds are shown, keeps their recorded phase following their Job's
//! pods (a poll every two seconds); stopped when dropped.

use std::time::Duration;

use crate::kube::Connection;
use crate::kube::kubic::builds;

/// A background task that ends when this is dropped.
pub struct Follower(tokio::task::JoinHandle<()>);

impl Drop for Follower {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Follower {
    /// Runs `task` until the follower is dropped.
    pub fn spawn(task: impl std::future::Future<Output = ()> + Send + 'static) -> Follower {
        Follower(tokio::spawn(task))
    }
}

/// Starts following the unfinished builds.
pub fn follow(connection: &Connection) -> Follower {
    let connection = connection.clone();
    Follower::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            // A failed round is retried on the next tick; the table shows the watch's errors.
            let _ = builds::sync_unfinished(&connection).await;
        }
    })
}
