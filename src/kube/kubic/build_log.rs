//! Following an image build: its phase follows its pod, its log is streamed line by
//! line and ends with the completion line or the failure reason, and the last lines
//! are kept on the `ImageBuild` record.

use std::time::Duration;

use futures::StreamExt;

use super::builds;
use crate::kube::Connection;
use crate::kube::errors::KubeError;
use crate::kube::logs::{LogRequest, log_lines};
use crate::model::build_line::BuildLine;
use crate::model::pod_wait::PodWait;

/// Follows build `name`: waits for its pod, streams its log while it runs, then sends
/// the closing line, and keeps the phase and the last lines on the record. Every line
/// also goes to `sink`; returns all of them.
pub async fn follow_build(
    connection: &Connection,
    name: &str,
    mut sink: impl FnMut(BuildLine),
) -> Result<Vec<String>, KubeError> {
    let mut lines: Vec<String> = Vec::new();
    let mut said: Option<String> = None;
    let pod = loop {
        let status = builds::sync_build(connection, name).await?;
        match builds::build_pod(connection, name).await? {
            Some(pod) if status.phase != "Pending" => break pod,
            // A pending pod says why it waits (no node fits, an image that cannot be
            // pulled), once each time that changes.
            Some(pod) => {
                let why = PodWait::read(&pod, &[]).reason();
                if let Some(why) = why.as_ref().filter(|why| said.as_ref() != Some(*why)) {
                    sink(BuildLine::PodWaits(why.clone()));
                }
                said = why;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            // The pod is gone (cleaned up): what the record kept is all there is.
            None if status.phase == "Succeeded" || status.phase == "Failed" => {
                status
                    .last_log_lines
                    .iter()
                    .for_each(|line| sink(BuildLine::Log(line.clone())));
                return Ok(status.last_log_lines);
            }
            None => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    };
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let (phase, _) = builds::pod_phase(&pod);
    let running = phase == "Running";
    let request = LogRequest {
        namespace: crate::model::cluster::SYSTEM_NAMESPACE.into(),
        pod: pod_name,
        follow: running,
        tail_lines: Some(200),
        ..LogRequest::default()
    };
    // A pod that never reached a node (it failed while pending) has no log to read.
    let mut stream = match log_lines(connection, &request).await {
        Ok(stream) => stream.boxed(),
        Err(error) if running => return Err(error),
        Err(_) => futures::stream::empty().boxed(),
    };
    let mut check = tokio::time::interval(Duration::from_millis(500));
    loop {
        tokio::select! {
            line = stream.next() => match line {
                Some(Ok(line)) => {
                    sink(BuildLine::Log(line.clone()));
                    lines.push(line);
                }
                Some(Err(_)) | None => break,
            },
            _ = check.tick(), if running => {
                let status = builds::sync_build(connection, name).await?;
                if status.phase == "Succeeded" || status.phase == "Failed" {
                    break;
                }
            }
        }
    }
    let status = builds::sync_build(connection, name).await?;
    if let Some(last) = builds::closing_line(&status.phase, status.reason.as_deref()) {
        sink(BuildLine::Log(last.clone()));
        lines.push(last);
    }
    builds::keep_log(connection, name, &lines).await?;
    Ok(lines)
}
