//! Rows of pods and the workloads that own them, computed the way kubectl prints them.

use kube::core::DynamicObject;
use serde_json::Value;

use super::{Drill, Health, Known, at, int, items, selector, text};

pub const POD_COLUMNS: &[&str] = &["READY", "STATUS", "RESTARTS", "IP", "NODE"];
pub const DEPLOYMENT_COLUMNS: &[&str] = &["READY", "UP-TO-DATE", "AVAILABLE"];
pub const SET_COLUMNS: &[&str] = &["DESIRED", "CURRENT", "READY"];
pub const JOB_COLUMNS: &[&str] = &["COMPLETIONS", "STATUS"];

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn pod(object: &DynamicObject) -> Projection {
    let statuses = items(object, "/status/containerStatuses");
    let total = items(object, "/spec/containers").len();
    let ready = statuses.iter().filter(|s| s["ready"].as_bool() == Some(true)).count();
    let restarts: i64 = statuses.iter().filter_map(|s| s["restartCount"].as_i64()).sum();
    let status = pod_status(object, statuses);
    let health = match status.as_str() {
        "Running" if ready == total => Health::Ok,
        "Succeeded" | "Completed" => Health::Neutral,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Running" => Health::Pending,
        _ => Health::Error,
    };
    let cells = vec![
        format!("{ready}/{total}"),
        status,
        restarts.to_string(),
        text(object, "/status/podIP"),
        text(object, "/spec/nodeName"),
    ];
    (cells, health, None)
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
    text(object, "/status/phase").replace('-', "Pending")
}

pub fn deployment(object: &DynamicObject) -> Projection {
    let desired = at(object, "/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
    let ready = int(object, "/status/readyReplicas");
    let updated = int(object, "/status/updatedReplicas");
    let available = int(object, "/status/availableReplicas");
    let health = workload_health(desired, ready);
    let cells = vec![format!("{ready}/{desired}"), updated.to_string(), available.to_string()];
    (cells, health, workload_drill(object))
}

pub fn replica_set(object: &DynamicObject, kind: Known) -> Projection {
    let (desired, current, ready) = if kind == Known::DaemonSet {
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
    let cells = vec![desired.to_string(), current.to_string(), ready.to_string()];
    (cells, workload_health(desired, ready), workload_drill(object))
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
    let selector = selector(object, "/spec/selector/matchLabels")?;
    Some(Drill::SelectedPods {
        namespace: object.metadata.namespace.clone().unwrap_or_default(),
        selector,
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
        assert_eq!(cells, ["2/2", "Running", "3", "10.0.0.1", "kube-minion1"]);
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
        assert_eq!(cells, ["0/1", "Pending", "0", "-", "-"]);
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
