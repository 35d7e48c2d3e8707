//! While image builds are shown, keeps their recorded phase following their Job's
//! pods (a poll every two seconds); stopped when dropped.

use std::time::Duration;

use super::background::Background;
use crate::kube::Connection;
use crate::kube::kubic::builds;

/// Starts following the unfinished builds.
pub fn follow(connection: &Connection) -> Background {
    let connection = connection.clone();
    Background::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            // A failed round is retried on the next tick; the table shows the watch's errors.
            let _ = builds::sync_unfinished(&connection).await;
        }
    })
}
