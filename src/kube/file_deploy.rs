//! File deploy (KUBIC 1.10.5): a catalog's files are copied into every pod of every app
//! made from it, as `kubectl cp` does: `tar` in the source pod streamed over exec into
//! `tar` in each target pod. Also the rolling restart offered afterwards.

use ::kube::Api;
use ::kube::api::{ListParams, Patch, PatchParams};
use futures::{StreamExt, stream};
use k8s_openapi::api::apps::v1::Deployment;

use super::batch::catalog_pods;
use super::connect::{Connection, explain};
use super::errors::KubeError;
use super::exec::{ExitStatus, exec};
use super::{catalog_files, toolbox};
use crate::model::cluster::ExecRequest;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::detail::pod_runs::failures_first;
use crate::model::detail::pod_runs::{AppPod, PodResult};
use crate::model::refusal::Refusal;

/// Pods written to at once.
pub const CONCURRENCY: usize = 4;

/// A directory in a pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodDir {
    pub namespace: String,
    pub pod: String,
    pub dir: String,
}

/// Copies what `source.dir` holds into `target.dir` (created when missing); the bytes sent.
pub async fn copy_dir(connection: &Connection, source: &PodDir, target: &PodDir) -> Result<u64, KubeError> {
    let run = |at: &PodDir, command: Vec<String>| ExecRequest {
        namespace: at.namespace.clone(),
        pod: at.pod.clone(),
        container: None,
        command,
        tty: false,
    };
    let pack = ["tar", "cf", "-", "-C", &source.dir, "."].map(String::from).to_vec();
    let unpack = "mkdir -p \"$1\" && tar xf - -C \"$1\"";
    let unpack = ["sh", "-c", unpack, "unpack", &target.dir].map(String::from).to_vec();
    let mut from = exec(connection, &run(source, pack)).await?;
    let mut to = exec(connection, &run(target, unpack)).await?;
    let (Some(mut tar_out), Some(mut tar_in)) = (from.stdout(), to.stdin()) else {
        return Err(KubeError::Other("the exec streams are missing".into()));
    };
    let mut from_err = from.stderr();
    let mut to_err = to.stderr();
    // The error streams are read while the copy runs: a full one would stall it.
    let copy = async {
        let copied = tokio::io::copy(&mut tar_out, &mut tar_in).await;
        drop(tar_in);
        copied
    };
    let (copied, from_messages, to_messages) = tokio::join!(
        copy,
        super::batch::read_bounded(from_err.as_mut()),
        super::batch::read_bounded(to_err.as_mut())
    );
    let messages = String::from_utf8_lossy(&[from_messages, to_messages].concat()).into_owned();
    let (packed, unpacked) = tokio::join!(from.wait(), to.wait());
    let copied = copied.map_err(|e| KubeError::Other(format!("the copy broke: {e}")))?;
    for (what, status) in [("reading", packed), ("writing", unpacked)] {
        if status != ExitStatus::Success {
            let detail = messages.trim();
            return Err(KubeError::Other(format!(
                "{what} the files failed ({status:?}) {detail}"
            )));
        }
    }
    Ok(copied)
}

/// Copies `source` into `dest_dir` of every pod in `targets`; results failures first.
pub async fn copy_everywhere(
    connection: &Connection,
    source: &PodDir,
    targets: Vec<AppPod>,
    dest_dir: &str,
) -> Vec<PodResult> {
    let mut results: Vec<PodResult> = stream::iter(targets)
        .map(|target| async move {
            let dest = PodDir {
                namespace: target.namespace.clone(),
                pod: target.pod.clone(),
                dir: dest_dir.to_string(),
            };
            let copied = tokio::time::timeout(super::batch::POD_TIMEOUT, copy_dir(connection, source, &dest))
                .await
                .unwrap_or_else(|_| {
                    Err(KubeError::Other(format!(
                        "no end of the copy within {}s",
                        super::batch::POD_TIMEOUT.as_secs()
                    )))
                });
            match copied {
                Ok(bytes) => PodResult {
                    target,
                    code: Some(0),
                    output: format!("{bytes} bytes copied into {dest_dir}"),
                },
                Err(error) => PodResult {
                    target,
                    code: None,
                    output: error.to_string(),
                },
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    failures_first(&mut results);
    results
}

/// The whole deploy: a pod with the catalog's files volume, its `/data` copied into
/// `/data` of every pod of the catalog's apps, the pod removed.
pub async fn deploy_files(
    connection: &Connection,
    catalog: &str,
    image: &str,
    (source_dir, dest_dir): (&str, &str),
) -> Result<Vec<PodResult>, KubeError> {
    let targets = catalog_pods(connection, catalog).await?;
    if targets.is_empty() {
        return Err(Refusal::NoAppPods {
            catalog: catalog.to_string(),
        }
        .into());
    }
    let claim = catalog_files::ensure_volume(connection, catalog).await?;
    let pod = toolbox::pod_name(0).replace("kubic-console", "kubic-files");
    let namespace = SYSTEM_NAMESPACE;
    let started = toolbox::start(connection, namespace, &pod, image, Some(&claim)).await;
    let results = match started {
        Ok(()) => {
            let source = PodDir {
                namespace: namespace.into(),
                pod: pod.clone(),
                dir: source_dir.into(),
            };
            Ok(copy_everywhere(connection, &source, targets, dest_dir).await)
        }
        Err(error) => Err(error),
    };
    // The files pod goes whatever happened; failing to remove it is reported first,
    // beside the per-pod results rather than instead of them.
    match (toolbox::remove(connection, namespace, &pod).await, results) {
        (Err(error), Ok(mut results)) => {
            let leftover = PodResult {
                target: AppPod {
                    namespace: namespace.into(),
                    app: "files pod".into(),
                    pod,
                },
                code: None,
                output: format!("could not be removed: {error}"),
            };
            results.insert(0, leftover);
            Ok(results)
        }
        (_, results) => results,
    }
}

/// A rolling restart of each app (`project/name`): its deployments get a new
/// `restartedAt` annotation, as `kubectl rollout restart` does.
pub async fn restart_apps(connection: &Connection, apps: &[(String, String)]) -> Result<usize, KubeError> {
    let now = k8s_openapi::jiff::Timestamp::now().to_string();
    let patch = serde_json::json!({"spec": {"template": {"metadata": {"annotations": {
        "kubectl.kubernetes.io/restartedAt": now
    }}}}});
    let mut restarted = 0;
    for (namespace, app) in apps {
        let deployments: Api<Deployment> = Api::namespaced(connection.client.clone(), namespace);
        let selector = format!("{}={app}", crate::model::crd::APP_LABEL);
        let list = deployments
            .list(&ListParams::default().labels(&selector))
            .await
            .map_err(explain(connection))?;
        for deployment in list.items {
            let name = deployment.metadata.name.unwrap_or_default();
            deployments
                .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
                .await
                .map_err(explain(connection))?;
            restarted += 1;
        }
    }
    Ok(restarted)
}
