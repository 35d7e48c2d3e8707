//! Rows of the core kinds (nodes, namespaces, services, events, config) and of any other kind.

use kube::core::DynamicObject;
use serde_json::Value;

use super::{Drill, Health, at, items, text};

pub const NODE_COLUMNS: &[&str] = &[
    "STATUS",
    "CPU%",
    "MEM%",
    "PODS",
    "CPU",
    "MEMORY",
    "TAINTS",
    "ROLES",
    "VERSION",
    "INTERNAL-IP",
];
pub const SERVICE_COLUMNS: &[&str] = &["TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORTS"];
pub const EVENT_COLUMNS: &[&str] = &["TYPE", "REASON", "OBJECT", "MESSAGE"];
pub const SECRET_COLUMNS: &[&str] = &["TYPE", "DATA"];
pub const CONFIGMAP_COLUMNS: &[&str] = &["DATA"];
pub const GENERIC_COLUMNS: &[&str] = &["STATUS"];

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn node(object: &DynamicObject) -> Projection {
    let ready = condition(object, "Ready");
    let cordoned = at(object, "/spec/unschedulable").and_then(Value::as_bool) == Some(true);
    let mut status = match ready.as_deref() {
        Some("True") => "Ready".to_string(),
        Some("False") => "NotReady".to_string(),
        _ => "Unknown".to_string(),
    };
    if cordoned {
        status.push_str(",SchedulingDisabled");
    }
    let health = match (ready.as_deref(), cordoned) {
        (Some("True"), false) => Health::Ok,
        (Some("True"), true) => Health::Pending,
        _ => Health::Error,
    };
    let mut roles: Vec<&str> = object
        .metadata
        .labels
        .iter()
        .flatten()
        .filter_map(|(k, _)| k.strip_prefix("node-role.kubernetes.io/"))
        .filter(|r| !r.is_empty())
        .collect();
    roles.sort_unstable();
    let internal_ip = items(object, "/status/addresses")
        .iter()
        .find(|a| a["type"] == "InternalIP")
        .and_then(|a| a["address"].as_str())
        .unwrap_or("-");
    let taints: Vec<String> = items(object, "/spec/taints")
        .iter()
        .map(|t| {
            let (key, effect) = (t["key"].as_str().unwrap_or("?"), t["effect"].as_str().unwrap_or("?"));
            match t["value"].as_str().filter(|v| !v.is_empty()) {
                Some(value) => format!("{key}={value}:{effect}"),
                None => format!("{key}:{effect}"),
            }
        })
        .collect();
    // Use (CPU%, MEM%, PODS and the part before '/') is filled in live from the metrics.
    let cells = vec![
        status,
        "-".into(),
        "-".into(),
        "-".into(),
        format!("-/{}", text(object, "/status/allocatable/cpu")),
        format!("-/{}", text(object, "/status/allocatable/memory")),
        if taints.is_empty() {
            "<none>".into()
        } else {
            taints.join(",")
        },
        if roles.is_empty() {
            "<none>".into()
        } else {
            roles.join(",")
        },
        text(object, "/status/nodeInfo/kubeletVersion"),
        internal_ip.into(),
    ];
    let name = object.metadata.name.clone().unwrap_or_default();
    (cells, health, Some(Drill::NodePods(name)))
}

pub fn namespace(object: &DynamicObject) -> Projection {
    let phase = text(object, "/status/phase");
    let health = if phase == "Active" { Health::Ok } else { Health::Pending };
    let name = object.metadata.name.clone().unwrap_or_default();
    (vec![phase], health, Some(Drill::NamespacePods(name)))
}

pub fn service(object: &DynamicObject) -> Projection {
    let external: Vec<&str> = items(object, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ports: Vec<String> = items(object, "/spec/ports")
        .iter()
        .map(|p| {
            let port = p["port"].as_i64().unwrap_or(0);
            let protocol = p["protocol"].as_str().unwrap_or("TCP");
            match p["nodePort"].as_i64() {
                Some(node_port) => format!("{port}:{node_port}/{protocol}"),
                None => format!("{port}/{protocol}"),
            }
        })
        .collect();
    let cells = vec![
        text(object, "/spec/type"),
        text(object, "/spec/clusterIP"),
        if external.is_empty() {
            "<none>".into()
        } else {
            external.join(",")
        },
        if ports.is_empty() {
            "<none>".into()
        } else {
            ports.join(",")
        },
    ];
    let drill = super::selector(object, "/spec/selector").map(|selector| Drill::SelectedPods {
        namespace: object.metadata.namespace.clone().unwrap_or_default(),
        selector,
    });
    (cells, Health::Neutral, drill)
}

pub fn event(object: &DynamicObject) -> Projection {
    let kind = text(object, "/involvedObject/kind").to_lowercase();
    let name = text(object, "/involvedObject/name");
    let type_ = text(object, "/type");
    let health = if type_ == "Warning" {
        Health::Error
    } else {
        Health::Neutral
    };
    let message = text(object, "/message").replace('\n', " ");
    let cells = vec![type_, text(object, "/reason"), format!("{kind}/{name}"), message];
    (cells, health, None)
}

pub fn secret(object: &DynamicObject) -> Projection {
    (
        vec![text(object, "/type"), count(object, "/data")],
        Health::Neutral,
        None,
    )
}

pub fn config_map(object: &DynamicObject) -> Projection {
    let data = at(object, "/data").and_then(Value::as_object).map_or(0, |m| m.len());
    let binary = at(object, "/binaryData")
        .and_then(Value::as_object)
        .map_or(0, |m| m.len());
    (vec![(data + binary).to_string()], Health::Neutral, None)
}

/// Any other kind: its phase, or its Ready condition, or nothing.
pub fn generic(object: &DynamicObject) -> Projection {
    if let Some(phase) = at(object, "/status/phase").and_then(Value::as_str) {
        let health = match phase {
            "Running" | "Active" | "Bound" | "Succeeded" | "Ready" => Health::Ok,
            "Failed" | "Lost" => Health::Error,
            _ => Health::Pending,
        };
        return (vec![phase.into()], health, None);
    }
    match condition(object, "Ready").as_deref() {
        Some("True") => (vec!["Ready".into()], Health::Ok, None),
        Some(_) => (vec!["NotReady".into()], Health::Pending, None),
        None => (vec!["-".into()], Health::Neutral, None),
    }
}

fn condition(object: &DynamicObject, type_: &str) -> Option<String> {
    items(object, "/status/conditions")
        .iter()
        .find(|c| c["type"] == type_)
        .and_then(|c| c["status"].as_str())
        .map(String::from)
}

fn count(object: &DynamicObject, pointer: &str) -> String {
    at(object, pointer)
        .and_then(Value::as_object)
        .map_or(0, |m| m.len())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::object;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_cordoned_ready_node_drills_into_its_pods() {
        let n = object(json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": "kube-minion1", "labels": {"node-role.kubernetes.io/worker": ""}},
            "spec": {"unschedulable": true, "taints": [{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "allocatable": {"cpu": "4", "memory": "8Gi"}, "nodeInfo": {"kubeletVersion": "kwok"}}
        }));
        let (cells, health, drill) = node(&n);
        assert_eq!(
            cells,
            [
                "Ready,SchedulingDisabled",
                "-",
                "-",
                "-",
                "-/4",
                "-/8Gi",
                "dedicated=db:NoSchedule",
                "worker",
                "kwok",
                "-"
            ]
        );
        assert_eq!(health, Health::Pending);
        assert_eq!(drill, Some(Drill::NodePods("kube-minion1".into())));
    }

    #[test]
    fn a_service_lists_external_ips_and_ports() {
        let svc = object(json!({
            "apiVersion": "v1", "kind": "Service", "metadata": {"name": "dns", "namespace": "d"},
            "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10", "externalIPs": ["192.0.2.10"],
                     "selector": {"app": "bind"},
                     "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]}
        }));
        let (cells, _, drill) = service(&svc);
        assert_eq!(cells, ["ClusterIP", "10.96.0.10", "192.0.2.10", "53/UDP,53/TCP"]);
        assert!(drill.is_some());
    }

    #[test]
    fn an_unknown_kind_shows_its_phase_or_ready_condition() {
        let with_phase = object(json!({"apiVersion": "x/v1", "kind": "X", "metadata": {"name": "a"},
                                       "status": {"phase": "Failed"}}));
        assert_eq!(generic(&with_phase).0, ["Failed"]);
        assert_eq!(generic(&with_phase).1, Health::Error);
        let bare = object(json!({"apiVersion": "x/v1", "kind": "X", "metadata": {"name": "a"}}));
        assert_eq!(generic(&bare).0, ["-"]);
    }

    #[test]
    fn warning_events_are_errors_with_their_object() {
        let ev = object(json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"},
                               "type": "Warning", "reason": "BackOff", "message": "restarting\nfailed",
                               "involvedObject": {"kind": "Pod", "name": "web-1"}}));
        let (cells, health, _) = event(&ev);
        assert_eq!(cells, ["Warning", "BackOff", "pod/web-1", "restarting failed"]);
        assert_eq!(health, Health::Error);
    }
}
