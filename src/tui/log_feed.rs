//! The runner's side of the log pane: resolves which pods an object's logs come from,
//! follows them, and hands each batch of lines to the state machine as an action.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::background::Background;
use crate::app::Action;
use crate::kube::Connection;
use crate::kube::log_follow::{self};
use crate::model::cluster::ObjectRef;
use crate::model::cluster::{LogEvent, LogOptions};
use crate::model::failure::Failure;

/// Starts following `object`'s logs as stream `stream`; dropping the answer stops every
/// pod's stream.
pub fn start(
    connection: &Connection,
    stream: u64,
    object: ObjectRef,
    options: LogOptions,
    actions: UnboundedSender<Action>,
) -> Background {
    let connection = connection.clone();
    Background::spawn(async move {
        let source = match log_follow::source_of(&connection, &object).await {
            Ok(source) => source,
            Err(error) => {
                let events = vec![LogEvent::Failed(error.into())];
                let _ = actions.send(Action::Log { stream, events });
                return;
            }
        };
        let sink: log_follow::Sink = Arc::new(move |event| {
            let _ = actions.send(Action::Log {
                stream,
                events: vec![event],
            });
        });
        let _follow = log_follow::follow(&connection, source, options, sink);
        std::future::pending::<()>().await;
    })
}

/// Writes the saved buffer; the answer is the absolute path written.
pub async fn save(path: std::path::PathBuf, text: String) -> Result<String, Failure> {
    tokio::task::spawn_blocking(move || {
        std::fs::write(&path, text).map_err(|e| Failure::other(format!("{}: {e}", path.display())))?;
        let absolute = std::path::absolute(&path).unwrap_or(path);
        Ok(absolute.display().to_string())
    })
    .await
    .map_err(|e| Failure::other(format!("the save did not finish: {e}")))?
}
