//! An app's live state: its workloads and pods, the phase they add up to, and the
//! status kubic records on the App so `kubectl get apps` shows it too.

use ::kube::Api;
use ::kube::api::{ListParams, Patch, PatchParams};
use ::kube::core::DynamicObject;
use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::kube::tables::dynamic_api;
use crate::model::app::AppReport;
use crate::model::app::{PodState, WorkloadState, phase};
use crate::model::crd::{APP_LABEL, App};
use crate::model::pod_wait::PodWait;
use crate::model::resource::{Known, Registry, ResourceKind};
use crate::model::rows::project;

/// The objects of `kind` in `ns` that carry the app's label.
async fn labelled(
    connection: &Connection,
    kind: &ResourceKind,
    ns: &str,
    app: &str,
) -> Result<Vec<DynamicObject>, KubeError> {
    let params = ListParams::default().labels(&format!("{APP_LABEL}={app}"));
    dynamic_api(connection, kind, Some(ns))
        .list(&params)
        .await
        .map(|l| l.items)
        .map_err(explain(connection))
}

fn workload_state(object: &DynamicObject) -> WorkloadState {
    let data = &object.data;
    let int = |pointer: &str| data.pointer(pointer).and_then(Value::as_i64).unwrap_or(0) as i32;
    let stalled = data
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|c| c.iter().find(|c| c["type"] == "Progressing" && c["status"] == "False"))
        .map(|c| c["message"].as_str().unwrap_or("no progress").to_string());
    let generation = object.metadata.generation.unwrap_or(0);
    WorkloadState {
        desired: data.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1) as i32,
        ready: int("/status/readyReplicas"),
        updated: int("/status/updatedReplicas"),
        available: int("/status/availableReplicas"),
        stale_generation: data
            .pointer("/status/observedGeneration")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            < generation,
        stalled,
    }
}

/// Why a pending pod waits, as `Reason (message)`: `Unschedulable (0/2 nodes are
/// available: …)` for one the scheduler could not place, `ErrImagePull (…)` for an image
/// that cannot be pulled; kubectl says `Pending`.
fn waiting(pod: &DynamicObject) -> Option<String> {
    let typed: Pod = serde_json::to_value(pod).and_then(serde_json::from_value).ok()?;
    let wait = PodWait::read(&typed, &[]);
    if wait.phase != "Pending" {
        return None;
    }
    let (reason, message) = wait.cause()?;
    Some(if message.is_empty() {
        reason
    } else {
        format!("{reason} ({message})")
    })
}

/// Reads the app's workloads and pods and works out its phase.
pub async fn app_report(connection: &Connection, ns: &str, name: &str) -> Result<AppReport, KubeError> {
    let app = Api::<App>::namespaced(connection.client.clone(), ns)
        .get(name)
        .await
        .map_err(explain(connection))?;
    let registry = Registry::builtin();
    let mut workloads = Vec::new();
    for kind in [Known::Deployment, Known::StatefulSet]
        .into_iter()
        .filter_map(|k| registry.known(k))
    {
        workloads.extend(labelled(connection, kind, ns, name).await?.iter().map(workload_state));
    }
    let mut pods = Vec::new();
    if let Some(kind) = registry.known(Known::Pod) {
        pods.extend(labelled(connection, kind, ns, name).await?.iter().map(|pod| {
            let row = project(kind, pod);
            let status = row.cells.get(1).cloned().unwrap_or_default();
            PodState {
                name: row.key.name.clone(),
                status: waiting(pod).unwrap_or(status),
                restarts: row.cells.get(2).and_then(|r| r.parse().ok()).unwrap_or(0),
            }
        }));
    }
    let desired = app.spec.desired;
    let (phase, message) = phase(desired, &workloads, &pods);
    Ok(AppReport {
        phase,
        message,
        workloads,
        pods,
    })
}

/// Records the app's current phase in its status.
pub async fn refresh_status(connection: &Connection, ns: &str, name: &str) -> Result<AppReport, KubeError> {
    let report = app_report(connection, ns, name).await?;
    let status = json!({"status": {
        "phase": report.phase, "ready": report.ready(), "message": report.message,
        "updated": report.workloads.iter().map(|w| w.updated).sum::<i32>(),
        "available": report.workloads.iter().map(|w| w.available).sum::<i32>(),
    }});
    Api::<App>::namespaced(connection.client.clone(), ns)
        .patch_status(name, &PatchParams::default(), &Patch::Merge(&status))
        .await
        .map_err(explain(connection))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(status: Value) -> DynamicObject {
        serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "dns-1"},
            "spec": {"containers": [{"name": "main"}]},
            "status": status
        }))
        .unwrap()
    }

    #[test]
    fn a_pending_pod_says_why_it_waits_and_a_running_one_says_nothing() {
        let pulling = pod(json!({"phase": "Pending", "containerStatuses": [{
            "name": "main", "image": "nope:1", "imageID": "", "ready": false, "restartCount": 0,
            "state": {"waiting": {"reason": "ErrImagePull", "message": "pull access denied"}}}]}));
        assert_eq!(waiting(&pulling).as_deref(), Some("ErrImagePull (pull access denied)"));
        let unplaced = pod(
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
            "reason": "Unschedulable", "message": "0/2 nodes are available"}]}),
        );
        assert_eq!(
            waiting(&unplaced).as_deref(),
            Some("Unschedulable (0/2 nodes are available)")
        );
        assert_eq!(waiting(&pod(json!({"phase": "Running"}))), None);
    }
}
