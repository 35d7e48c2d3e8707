//! Hosts (KUBIC's minions) are Kubernetes nodes; this is the row the hosts screen shows.

use k8s_openapi::api::core::v1::Node;
use k8s_openapi::jiff::Timestamp;

use super::age::format_age;

/// One host as the hosts table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRow {
    pub name: String,
    pub status: String,
    pub roles: String,
    pub version: String,
    pub internal_ip: String,
    pub cpu: String,
    pub memory: String,
    pub age: String,
}

/// Derives the row of `node` at time `now`.
pub fn host_row(node: &Node, now: Timestamp) -> HostRow {
    let status = node.status.as_ref();
    let capacity = status.and_then(|s| s.capacity.as_ref());
    let quantity = |key: &str| {
        capacity
            .and_then(|c| c.get(key))
            .map(|q| q.0.clone())
            .unwrap_or_else(|| "-".into())
    };
    HostRow {
        name: node.metadata.name.clone().unwrap_or_default(),
        status: node_status(node),
        roles: node_roles(node),
        version: status
            .and_then(|s| s.node_info.as_ref())
            .map(|i| i.kubelet_version.clone())
            .unwrap_or_else(|| "-".into()),
        internal_ip: status
            .and_then(|s| s.addresses.as_ref())
            .and_then(|a| a.iter().find(|a| a.type_ == "InternalIP"))
            .map(|a| a.address.clone())
            .unwrap_or_else(|| "-".into()),
        cpu: quantity("cpu"),
        memory: quantity("memory"),
        age: format_age(node.metadata.creation_timestamp.as_ref().map(|t| t.0), now),
    }
}

/// `Ready`, `NotReady` or `Unknown`, with `SchedulingDisabled` appended when cordoned (as kubectl).
pub fn node_status(node: &Node) -> String {
    let ready = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|c| c.iter().find(|c| c.type_ == "Ready"))
        .map(|c| match c.status.as_str() {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        })
        .unwrap_or("Unknown");
    let cordoned = node.spec.as_ref().and_then(|s| s.unschedulable).unwrap_or(false);
    if cordoned {
        format!("{ready},SchedulingDisabled")
    } else {
        ready.to_string()
    }
}

/// The node's roles from its `node-role.kubernetes.io/<role>` labels, or `<none>`.
pub fn node_roles(node: &Node) -> String {
    let mut roles: Vec<&str> = node
        .metadata
        .labels
        .iter()
        .flatten()
        .filter_map(|(key, _)| key.strip_prefix("node-role.kubernetes.io/"))
        .filter(|role| !role.is_empty())
        .collect();
    roles.sort_unstable();
    if roles.is_empty() {
        "<none>".into()
    } else {
        roles.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(value: serde_json::Value) -> Node {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_ready_worker_shows_its_role_capacity_and_address() {
        let n = node(json!({
            "metadata": {"name": "kube-minion1", "labels": {"node-role.kubernetes.io/worker": ""},
                         "creationTimestamp": "2026-01-01T00:00:00Z"},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "capacity": {"cpu": "4", "memory": "8Gi"},
                       "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}],
                       "nodeInfo": {"kubeletVersion": "kwok", "architecture": "", "bootID": "",
                                    "containerRuntimeVersion": "", "kernelVersion": "", "kubeProxyVersion": "",
                                    "machineID": "", "operatingSystem": "", "osImage": "", "systemUUID": ""}}
        }));
        let now: Timestamp = "2026-01-01T00:10:00Z".parse().unwrap();
        let row = host_row(&n, now);
        assert_eq!(row.status, "Ready");
        assert_eq!(row.roles, "worker");
        assert_eq!(row.cpu, "4");
        assert_eq!(row.memory, "8Gi");
        assert_eq!(row.internal_ip, "10.0.0.1");
        assert_eq!(row.version, "kwok");
        assert_eq!(row.age, "10m");
    }

    #[test]
    fn a_cordoned_node_without_conditions_is_unknown_and_unschedulable() {
        let n = node(json!({"metadata": {"name": "n"}, "spec": {"unschedulable": true}}));
        assert_eq!(node_status(&n), "Unknown,SchedulingDisabled");
        assert_eq!(node_roles(&n), "<none>");
    }
}
