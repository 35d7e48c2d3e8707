//! Container log streams, line by line, as the kubelet (or KWOK) serves them.

use ::kube::Api;
use ::kube::api::LogParams;
use futures::{AsyncBufReadExt, Stream, StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Which log to read and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogRequest {
    pub namespace: String,
    pub pod: String,
    pub container: Option<String>,
    pub follow: bool,
    pub tail_lines: Option<i64>,
    pub since_seconds: Option<i64>,
    pub timestamps: bool,
    pub previous: bool,
}

/// Opens a log stream; each item is one line without its newline.
pub async fn log_lines(
    connection: &Connection,
    request: &LogRequest,
) -> Result<impl Stream<Item = Result<String, KubeError>> + use<>, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &request.namespace);
    let params = LogParams {
        container: request.container.clone(),
        follow: request.follow,
        tail_lines: request.tail_lines,
        since_seconds: request.since_seconds,
        timestamps: request.timestamps,
        previous: request.previous,
        ..LogParams::default()
    };
    let reader = pods
        .log_stream(&request.pod, &params)
        .await
        .map_err(explain(connection))?;
    Ok(reader
        .lines()
        .map_err(|e| KubeError::Other(format!("the log stream broke: {e}")))
        .boxed())
}
