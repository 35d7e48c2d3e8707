//! Rows of pods and the workloads that own them, computed the way kubectl prints them.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::core::DynamicObject;
use serde_json::Value;

use super::{Drill, Health, Known, RowFacts, at, int, items, selector, text};
use crate::model::quantity;
use crate::model::resources::{ContainerResources, PodResources};

/// The use columns (CPU to %MEM/L) sit before IP and NODE, which a narrow terminal
/// drops first.
pub const POD_COLUMNS: &[&str] = &[
    "READY", "STATUS", "RESTARTS", "CPU", "MEM", "%CPU/R", "%CPU/L", "%MEM/R", "%MEM/L", "IP", "NODE",
];

/// Where a pod row's use cells start.
pub const POD_USAGE_CELL: usize = 3;

/// The titles of the use columns, filled in from the pod metrics.
pub const USAGE_COLUMNS: [&str; 6] = ["CPU", "MEM", "%CPU/R", "%CPU/L", "%MEM/R", "%MEM/L"];
pub const DEPLOYMENT_COLUMNS: &[&str] = &["READY", "UP-TO-DATE", "AVAILABLE"];
pub const SET_COLUMNS: &[&str] = &["DESIRED", "CURRENT", "READY"];
pub const JOB_COLUMNS: &[&str] = &["COMPLETIONS", "STATUS"];

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn pod(object: &DynamicObject) -> Projection {
    let statuses = items(object, "/status/containerStatuses");
    pod_projection(PodView {
        ready: statuses.iter().filter(|s| s["ready"].as_bool() == Some(true)).count(),
        total: items(object, "/spec/containers").len(),
        restarts: statuses.iter().filter_map(|s| s["restartCount"].as_i64()).sum(),
        status: pod_status(object, statuses),
        ip: text(object, "/status/podIP"),
        node: text(object, "/spec/nodeName"),
    })
}

/// A pod's figures as its row shows them, however the pod was read.
pub(super) struct PodView {
    pub ready: usize,
    pub total: usize,
    pub restarts: i64,
    pub status: String,
    pub ip: String,
    pub node: String,
}

pub(super) fn pod_projection(pod: PodView) -> Projection {
    let PodView {
        ready,
        total,
        restarts,
        status,
        ip,
        node,
    } = pod;
    let health = match status.as_str() {
        "Running" if ready == total => Health::Ok,
        "Succeeded" | "Completed" => Health::Neutral,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Running" => Health::Pending,
        _ => Health::Error,
    };
    // The use cells stay empty (no allocation) until the pod metrics fill them in.
    let mut cells = Vec::with_capacity(POD_COLUMNS.len());
    cells.extend([format!("{ready}/{total}"), status, restarts.to_string()]);
    cells.extend(std::iter::repeat_with(String::new).take(USAGE_COLUMNS.len()));
    cells.extend([ip, node]);
    (cells, health, None)
}

/// The requests and limits of a pod read as a `DynamicObject`, summed over its containers.
pub fn pod_facts(object: &DynamicObject) -> RowFacts {
    let amount = |container: &Value, pointer: &str, read: fn(&str) -> Option<f64>| {
        container.pointer(pointer).and_then(Value::as_str).and_then(read)
    };
    let containers = items(object, "/spec/containers").iter().map(|c| ContainerResources {
        cpu_request: amount(c, "/resources/requests/cpu", quantity::cpu_millis),
        cpu_limit: amount(c, "/resources/limits/cpu", quantity::cpu_millis),
        memory_request: amount(c, "/resources/requests/memory", quantity::bytes),
        memory_limit: amount(c, "/resources/limits/memory", quantity::bytes),
    });
    pod_resources_facts(containers)
}

/// The facts of a pod with these containers' resources.
pub(super) fn pod_resources_facts(containers: impl IntoIterator<Item = ContainerResources>) -> RowFacts {
    PodResources::of(containers).map_or(RowFacts::None, |pod| RowFacts::Pod(Box::new(pod)))
}

/// kubectl's STATUS: a terminating pod, a container's waiting/terminated reason, or the phase.
fn pod_status(object: &DynamicObject, statuses: &[Value]) -> String {
    if object.metadata.deletion_timestamp.is_some() {
        return "Terminating".into();
    }
    if let Some(reason) = at(object, "/status/reason").and_then(Value::as_str) {
        return reason.into();
    }
    for status in statuses {
        for state in ["waiting", "terminated"] {
            if let Some(reason) = status["state"][state]["reason"].as_str() {
                return reason.into();
            }
        }
    }
    phase_status(&text(object, "/status/phase"))
}

/// The phase as STATUS shows it (`-`, no phase yet, reads `Pending`).
pub(super) fn phase_status(phase: &str) -> String {
    phase.replace('-', "Pending")
}

pub fn deployment(object: &DynamicObject) -> Projection {
    deployment_projection(
        DeploymentView {
            desired: at(object, "/spec/replicas").and_then(Value::as_i64).unwrap_or(1),
            ready: int(object, "/status/readyReplicas"),
            updated: int(object, "/status/updatedReplicas"),
            available: int(object, "/status/availableReplicas"),
        },
        workload_drill(object),
    )
}

/// A Deployment's replica counts, however it was read.
pub(super) struct DeploymentView {
    pub desired: i64,
    pub ready: i64,
    pub updated: i64,
    pub available: i64,
}

pub(super) fn deployment_projection(counts: DeploymentView, drill: Option<Drill>) -> Projection {
    let DeploymentView {
        desired,
        ready,
        updated,
        available,
    } = counts;
    let cells = vec![format!("{ready}/{desired}"), updated.to_string(), available.to_string()];
    (cells, workload_health(desired, ready), drill)
}

pub fn replica_set(object: &DynamicObject, kind: Known) -> Projection {
    let counts = if kind == Known::DaemonSet {
        (
            int(object, "/status/desiredNumberScheduled"),
            int(object, "/status/currentNumberScheduled"),
            int(object, "/status/numberReady"),
        )
    } else {
        (
            at(object, "/spec/replicas").and_then(Value::as_i64).unwrap_or(1),
            int(object, "/status/replicas"),
            int(object, "/status/readyReplicas"),
        )
    };
    set_projection(counts, workload_drill(object))
}

/// DESIRED, CURRENT and READY of a replica, stateful or daemon set.
pub(super) fn set_projection((desired, current, ready): (i64, i64, i64), drill: Option<Drill>) -> Projection {
    let cells = vec![desired.to_string(), current.to_string(), ready.to_string()];
    (cells, workload_health(desired, ready), drill)
}

pub fn job(object: &DynamicObject) -> Projection {
    let completions = at(object, "/spec/completions").and_then(Value::as_i64).unwrap_or(1);
    let succeeded = int(object, "/status/succeeded");
    let failed = int(object, "/status/failed");
    let (status, health) = if succeeded >= completions {
        ("Complete", Health::Ok)
    } else if failed > 0 {
        ("Failed", Health::Error)
    } else {
        ("Running", Health::Pending)
    };
    let cells = vec![format!("{succeeded}/{completions}"), status.into()];
    (cells, health, workload_drill(object))
}

fn workload_health(desired: i64, ready: i64) -> Health {
    if ready >= desired { Health::Ok } else { Health::Pending }
}

fn workload_drill(object: &DynamicObject) -> Option<Drill> {
    selected_pods(&object.metadata, selector(object, "/spec/selector/matchLabels"))
}

/// Where `enter` on a workload (or a Service) leads: its pods, when it selects any.
pub(super) fn selected_pods(meta: &ObjectMeta, selector: Option<String>) -> Option<Drill> {
    Some(Drill::SelectedPods {
        namespace: meta.namespace.clone().unwrap_or_default(),
        selector: selector?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::object;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_running_pod_shows_ready_restarts_ip_and_node() {
        let pod_object = object(json!({
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "n"},
            "spec": {"containers": [{"name": "a"}, {"name": "b"}], "nodeName": "kube-minion1"},
            "status": {"phase": "Running", "podIP": "10.0.0.1", "containerStatuses": [
                {"name": "a", "ready": true, "restartCount": 2, "state": {"running": {}}},
                {"name": "b", "ready": true, "restartCount": 1, "state": {"running": {}}}]}
        }));
        let (cells, health, _) = pod(&pod_object);
        let blank = ["", "", "", "", "", ""];
        assert_eq!(cells[..3], ["2/2", "Running", "3"]);
        assert_eq!(cells[3..9], blank, "the use cells wait for the pod metrics");
        assert_eq!(cells[9..], ["10.0.0.1", "kube-minion1"]);
        assert_eq!(health, Health::Ok);
    }

    #[test]
    fn a_crashing_container_reason_wins_over_the_phase() {
        let pod_object = object(json!({
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Running", "containerStatuses": [
                {"name": "a", "ready": false, "restartCount": 7,
                 "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}
        }));
        let (cells, health, _) = pod(&pod_object);
        assert_eq!(cells[1], "CrashLoopBackOff");
        assert_eq!(health, Health::Error);
    }

    #[test]
    fn an_unscheduled_pod_is_pending() {
        let pod_object = object(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                                       "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Pending"}}));
        let (cells, health, _) = pod(&pod_object);
        assert_eq!(cells, ["0/1", "Pending", "0", "", "", "", "", "", "", "-", "-"]);
        assert_eq!(health, Health::Pending);
    }

    #[test]
    fn a_deployment_drills_into_its_pods_by_selector() {
        let deploy = object(json!({
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "demo"},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "tier": "front"}}},
            "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}
        }));
        let (cells, health, drill) = deployment(&deploy);
        assert_eq!(cells, ["2/3", "3", "2"]);
        assert_eq!(health, Health::Pending);
        assert_eq!(
            drill,
            Some(Drill::SelectedPods {
                namespace: "demo".into(),
                selector: "app=web,tier=front".into()
            })
        );
    }
}
