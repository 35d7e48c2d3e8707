//! Rows of the core kinds (nodes, namespaces, services, events, config) and of any other kind.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::core::DynamicObject;
use serde_json::Value;

use super::workloads::selected_pods;
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
    let internal_ip = items(object, "/status/addresses")
        .iter()
        .find(|a| a["type"] == "InternalIP")
        .and_then(|a| a["address"].as_str())
        .unwrap_or("-");
    let taints = items(object, "/spec/taints")
        .iter()
        .map(|t| taint_text(t["key"].as_str(), t["value"].as_str(), t["effect"].as_str()))
        .collect();
    node_projection(
        &object.metadata,
        NodeView {
            ready: condition(object, "Ready").as_deref(),
            cordoned: at(object, "/spec/unschedulable").and_then(Value::as_bool) == Some(true),
            taints,
            cpu: text(object, "/status/allocatable/cpu"),
            memory: text(object, "/status/allocatable/memory"),
            kubelet: text(object, "/status/nodeInfo/kubeletVersion"),
            internal_ip,
        },
    )
}

/// A node's parts as its row shows them, however the node was read.
pub(super) struct NodeView<'a> {
    /// The status of its Ready condition.
    pub ready: Option<&'a str>,
    pub cordoned: bool,
    pub taints: Vec<String>,
    /// Allocatable CPU and memory, `-` when unknown.
    pub cpu: String,
    pub memory: String,
    pub kubelet: String,
    pub internal_ip: &'a str,
}

pub(super) fn node_projection(meta: &ObjectMeta, node: NodeView) -> Projection {
    let mut status = match node.ready {
        Some("True") => "Ready".to_string(),
        Some("False") => "NotReady".to_string(),
        _ => "Unknown".to_string(),
    };
    if node.cordoned {
        status.push_str(",SchedulingDisabled");
    }
    let health = match (node.ready, node.cordoned) {
        (Some("True"), false) => Health::Ok,
        (Some("True"), true) => Health::Pending,
        _ => Health::Error,
    };
    let mut roles: Vec<&str> = meta
        .labels
        .iter()
        .flatten()
        .filter_map(|(k, _)| k.strip_prefix("node-role.kubernetes.io/"))
        .filter(|r| !r.is_empty())
        .collect();
    roles.sort_unstable();
    // Use (CPU%, MEM%, PODS and the part before '/') is filled in live from the metrics.
    let cells = vec![
        status,
        "-".into(),
        "-".into(),
        "-".into(),
        format!("-/{}", node.cpu),
        format!("-/{}", node.memory),
        joined_or_none(&node.taints),
        joined_or_none(&roles),
        node.kubelet,
        node.internal_ip.into(),
    ];
    let name = meta.name.clone().unwrap_or_default();
    (cells, health, Some(Drill::NodePods(name)))
}

/// `key=value:Effect`, or `key:Effect` without a value; `?` for a missing part.
pub(super) fn taint_text(key: Option<&str>, value: Option<&str>, effect: Option<&str>) -> String {
    let (key, effect) = (key.unwrap_or("?"), effect.unwrap_or("?"));
    match value.filter(|v| !v.is_empty()) {
        Some(value) => format!("{key}={value}:{effect}"),
        None => format!("{key}:{effect}"),
    }
}

/// The items joined by commas, or `<none>`.
fn joined_or_none<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        "<none>".into()
    } else {
        items.iter().map(AsRef::as_ref).collect::<Vec<&str>>().join(",")
    }
}

pub fn namespace(object: &DynamicObject) -> Projection {
    namespace_projection(&object.metadata, text(object, "/status/phase"))
}

pub(super) fn namespace_projection(meta: &ObjectMeta, phase: String) -> Projection {
    let health = if phase == "Active" { Health::Ok } else { Health::Pending };
    let name = meta.name.clone().unwrap_or_default();
    (vec![phase], health, Some(Drill::NamespacePods(name)))
}

pub fn service(object: &DynamicObject) -> Projection {
    let external: Vec<&str> = items(object, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ports: Vec<String> = items(object, "/spec/ports")
        .iter()
        .map(|p| port_text(p["port"].as_i64(), p["nodePort"].as_i64(), p["protocol"].as_str()))
        .collect();
    service_projection(
        &object.metadata,
        ServiceView {
            type_: text(object, "/spec/type"),
            cluster_ip: text(object, "/spec/clusterIP"),
            external,
            ports,
            selector: super::selector(object, "/spec/selector"),
        },
    )
}

/// A Service's parts as its row shows them, however it was read.
pub(super) struct ServiceView<'a> {
    pub type_: String,
    pub cluster_ip: String,
    pub external: Vec<&'a str>,
    pub ports: Vec<String>,
    /// `k=v,k2=v2` of its selector, if it has one.
    pub selector: Option<String>,
}

pub(super) fn service_projection(meta: &ObjectMeta, service: ServiceView) -> Projection {
    let cells = vec![
        service.type_,
        service.cluster_ip,
        joined_or_none(&service.external),
        joined_or_none(&service.ports),
    ];
    (cells, Health::Neutral, selected_pods(meta, service.selector))
}

/// `53/UDP`, or `80:30080/TCP` with a node port.
pub(super) fn port_text(port: Option<i64>, node_port: Option<i64>, protocol: Option<&str>) -> String {
    let (port, protocol) = (port.unwrap_or(0), protocol.unwrap_or("TCP"));
    match node_port {
        Some(node_port) => format!("{port}:{node_port}/{protocol}"),
        None => format!("{port}/{protocol}"),
    }
}

pub fn event(object: &DynamicObject) -> Projection {
    event_projection(EventView {
        type_: text(object, "/type"),
        reason: text(object, "/reason"),
        kind: text(object, "/involvedObject/kind"),
        name: text(object, "/involvedObject/name"),
        message: text(object, "/message"),
    })
}

/// An Event's parts, each `-` when missing, however it was read.
pub(super) struct EventView {
    pub type_: String,
    pub reason: String,
    /// Of the object the event is about.
    pub kind: String,
    pub name: String,
    pub message: String,
}

pub(super) fn event_projection(event: EventView) -> Projection {
    let health = if event.type_ == "Warning" {
        Health::Error
    } else {
        Health::Neutral
    };
    let object = format!("{}/{}", event.kind.to_lowercase(), event.name);
    let cells = vec![event.type_, event.reason, object, event.message.replace('\n', " ")];
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
