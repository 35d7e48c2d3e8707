//! Batch commands (KUBIC 1.10.6): one argument vector run through exec (never a local
//! shell) in every pod of every app made from a catalog, a few at a time, each pod's
//! output and exit code collected.

use std::time::Duration;

use ::kube::Api;
use ::kube::api::ListParams;
use futures::{StreamExt, stream};
use k8s_openapi::api::core::v1::Pod;
use tokio::io::AsyncReadExt;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use super::exec::{ExitStatus, exec};
use super::kubic::catalogs::apps_of;
use crate::model::cluster::ExecRequest;
use crate::model::detail::pod_runs::failures_first;
use crate::model::detail::pod_runs::{AppPod, PodResult};

/// Pods the command runs in at once.
pub const CONCURRENCY: usize = 8;
/// The longest one pod's command may run.
pub(super) const POD_TIMEOUT: Duration = Duration::from_secs(120);

/// Every pod of every app made from catalog `catalog`.
pub async fn catalog_pods(connection: &Connection, catalog: &str) -> Result<Vec<AppPod>, KubeError> {
    let mut targets = Vec::new();
    for app in apps_of(connection, catalog).await? {
        let Some((namespace, name)) = app.split_once('/') else {
            continue;
        };
        let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
        let selector = format!("{}={name}", crate::model::crd::APP_LABEL);
        let list = pods
            .list(&ListParams::default().labels(&selector))
            .await
            .map_err(explain(connection))?;
        for pod in list.items {
            if pod.metadata.deletion_timestamp.is_some() {
                continue;
            }
            targets.push(AppPod {
                namespace: namespace.to_string(),
                app: name.to_string(),
                pod: pod.metadata.name.unwrap_or_default(),
            });
        }
    }
    Ok(targets)
}

/// Runs `argv` in every pod of `targets`, at most `concurrency` at once; failures first,
/// then by app and pod.
pub async fn run_everywhere(
    connection: &Connection,
    targets: Vec<AppPod>,
    argv: &[String],
    concurrency: usize,
) -> Vec<PodResult> {
    let mut results: Vec<PodResult> = stream::iter(targets)
        .map(|target| run_in(connection, target, argv))
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    failures_first(&mut results);
    results
}

async fn run_in(connection: &Connection, target: AppPod, argv: &[String]) -> PodResult {
    let request = ExecRequest {
        namespace: target.namespace.clone(),
        pod: target.pod.clone(),
        container: None,
        command: argv.to_vec(),
        tty: false,
    };
    let outcome = tokio::time::timeout(POD_TIMEOUT, capture(connection, &request)).await;
    let (code, output) = match outcome {
        Ok(Ok(done)) => done,
        Ok(Err(error)) => (None, error.to_string()),
        Err(_) => (None, format!("no answer within {}s", POD_TIMEOUT.as_secs())),
    };
    PodResult { target, code, output }
}

async fn capture(connection: &Connection, request: &ExecRequest) -> Result<(Option<i32>, String), KubeError> {
    let mut session = exec(connection, request).await?;
    drop(session.stdin());
    let mut stdout = session.stdout();
    let mut stderr = session.stderr();
    let (mut out, err) = tokio::join!(read_bounded(stdout.as_mut()), read_bounded(stderr.as_mut()));
    let code = match session.wait().await {
        ExitStatus::Success => Some(0),
        ExitStatus::Failure { code, .. } => code,
        ExitStatus::Unknown => None,
    };
    out.extend_from_slice(&err);
    Ok((code, String::from_utf8_lossy(&out).into_owned()))
}

/// The most of one stream's output kept per pod; the rest is read and dropped.
const MAX_OUTPUT: u64 = 64 * 1024;

/// Reads `stream` to its end, keeping its first [`MAX_OUTPUT`] bytes (memory stays
/// bounded, and the remote side is never blocked on a full pipe).
pub(super) async fn read_bounded<R: tokio::io::AsyncRead + Unpin>(stream: Option<&mut R>) -> Vec<u8> {
    let Some(stream) = stream else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    let _ = (&mut *stream).take(MAX_OUTPUT).read_to_end(&mut kept).await;
    let dropped = tokio::io::copy(stream, &mut tokio::io::sink()).await.unwrap_or(0);
    if dropped > 0 {
        kept.extend_from_slice(format!("\n… {dropped} more bytes not kept\n").as_bytes());
    }
    kept
}
