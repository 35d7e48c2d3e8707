//! Toolbox pods for the KUBIC console: a fresh pod for every console, labelled so that
//! kubic (and an operator) can find leftovers, started, waited for, and removed.

use std::time::Duration;

use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, PostParams};
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use super::pod_wait;
use crate::model::pod_wait::PodWait;

/// The label every toolbox pod carries.
pub const LABEL: &str = "kubic.io/console";
/// How long a toolbox pod may take to run.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A unique toolbox pod name.
pub fn pod_name(id: u64) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("kubic-console-{id}-{nanos:08x}")
}

/// Where a catalog's files volume is mounted in the files console's pod.
pub const FILES_PATH: &str = "/data";

/// Creates the toolbox pod `name` (with the persistent volume claim `claim` mounted at
/// `/data`, for a catalog's files) and waits until it runs, for at most 90 s; the
/// error of a pod that did not start says why it waited.
pub async fn start(
    connection: &Connection,
    namespace: &str,
    name: &str,
    image: &str,
    claim: Option<&str>,
) -> Result<(), KubeError> {
    create(connection, namespace, name, image, claim).await?;
    let mut why = None;
    let running = pod_wait::wait_running(connection, namespace, name, |wait| why = wait.reason());
    match tokio::time::timeout(START_TIMEOUT, running).await {
        Ok(result) => result,
        Err(_) => Err(KubeError::Other(format!(
            "the toolbox pod {name} did not start within {}s{}",
            START_TIMEOUT.as_secs(),
            why.map(|why| format!(": {why}")).unwrap_or_default()
        ))),
    }
}

/// Creates the toolbox pod `name` like [`start`], then waits for it as long as it takes,
/// telling `on_wait` why it waits each time that changes (the caller can give up).
pub async fn start_watched(
    connection: &Connection,
    namespace: &str,
    (name, image, claim): (&str, &str, Option<&str>),
    on_wait: impl FnMut(&PodWait),
) -> Result<(), KubeError> {
    create(connection, namespace, name, image, claim).await?;
    pod_wait::wait_running(connection, namespace, name, on_wait).await
}

/// Creates the toolbox pod `name`.
async fn create(
    connection: &Connection,
    namespace: &str,
    name: &str,
    image: &str,
    claim: Option<&str>,
) -> Result<(), KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    let mut spec = json!({
        "restartPolicy": "Never",
        "terminationGracePeriodSeconds": 1,
        "containers": [{
            "name": "toolbox",
            "image": image,
            "command": ["sleep", "infinity"],
            "stdin": true,
            "tty": true
        }]
    });
    if let Some(claim) = claim {
        spec["volumes"] = json!([{"name": "files", "persistentVolumeClaim": {"claimName": claim}}]);
        spec["containers"][0]["volumeMounts"] = json!([{"name": "files", "mountPath": FILES_PATH}]);
    }
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {LABEL: "true", "app.kubernetes.io/managed-by": "kubic"}},
        "spec": spec
    }))
    .map_err(|e| KubeError::Other(format!("cannot build the toolbox pod: {e}")))?;
    pods.create(&PostParams::default(), &pod)
        .await
        .map_err(explain(connection))?;
    Ok(())
}

/// Removes a toolbox pod at once; a pod already gone is fine.
pub async fn remove(connection: &Connection, namespace: &str, name: &str) -> Result<(), KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    let params = DeleteParams {
        grace_period_seconds: Some(0),
        ..DeleteParams::default()
    };
    match pods.delete(name, &params).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let error = explain(connection)(e);
            if error.is_not_found() { Ok(()) } else { Err(error) }
        }
    }
}

/// Removes a toolbox pod whose creation may still be in flight (its console was closed
/// while starting): a pod not there yet is looked for again for a few seconds.
pub async fn remove_when_created(connection: &Connection, namespace: &str, name: &str) -> Result<(), KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    for _ in 0..3 {
        if pods.get_opt(name).await.map_err(explain(connection))?.is_some() {
            return remove(connection, namespace, name).await;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    Ok(())
}

/// The toolbox pods in `namespace`, by name.
pub async fn list(connection: &Connection, namespace: &str) -> Result<Vec<String>, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    let list = pods
        .list(&ListParams::default().labels(&format!("{LABEL}=true")))
        .await
        .map_err(explain(connection))?;
    Ok(list.items.into_iter().filter_map(|p| p.metadata.name).collect())
}
