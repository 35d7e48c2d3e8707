//! A host's detail: schedulability, taints and the pods it carries first, then the
//! kubectl-like description (conditions, addresses, capacity and allocatable, system
//! info) and its events.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::model::describe::describe;

/// One pod bound to a host, as the host detail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPod {
    /// `namespace/name`.
    pub name: String,
    pub phase: String,
    /// `ready/total` containers.
    pub ready: String,
    /// The kind of the pod's controller (`ReplicaSet`, `DaemonSet`…), or `-`.
    pub owner: String,
}

/// The detail of the Node `node`; `pods` is the list of its pods or why it could not be read.
pub fn host_detail(node: &Value, pods: &Result<Vec<HostPod>, String>, events: &[Value], now: Timestamp) -> String {
    let mut text = schedulable_line(node);
    text.push_str(&taints_section(node));
    text.push_str(&pods_section(pods));
    text.push('\n');
    text.push_str(&describe(node, events, now));
    text
}

fn schedulable_line(node: &Value) -> String {
    let cordoned = node.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true);
    let answer = if cordoned {
        "no (cordoned: SchedulingDisabled)"
    } else {
        "yes"
    };
    format!("Schedulable:  {answer}\n")
}

fn taints_section(node: &Value) -> String {
    let taints = node
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut text = String::from("Taints:");
    text.push_str(if taints.is_empty() { "       <none>\n" } else { "\n" });
    for taint in taints {
        let value = taint["value"].as_str().filter(|v| !v.is_empty());
        let key = taint["key"].as_str().unwrap_or("?");
        let effect = taint["effect"].as_str().unwrap_or("?");
        match value {
            Some(v) => text.push_str(&format!("  {key}={v}:{effect}\n")),
            None => text.push_str(&format!("  {key}:{effect}\n")),
        }
    }
    text
}

fn pods_section(pods: &Result<Vec<HostPod>, String>) -> String {
    let pods = match pods {
        Ok(pods) => pods,
        Err(error) => return format!("Pods on this host: cannot list them: {error}\n"),
    };
    let mut text = format!("Pods on this host ({}):\n", pods.len());
    for pod in pods {
        text.push_str(&format!(
            "  {:<50} {:<10} {:<6} {}\n",
            pod.name, pod.phase, pod.ready, pod.owner
        ));
    }
    text
}

#[cfg(test)]
mod tests;
