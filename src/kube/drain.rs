//! Draining a host as `kubectl drain` does: cordon it, then evict its pods through the
//! eviction API so PodDisruptionBudgets are honoured, skipping DaemonSet and mirror
//! pods, refusing pods with local storage unless allowed, and reporting pod by pod.

use crate::model::refusal::Refusal;
use std::collections::HashSet;
use std::time::Duration;

use ::kube::Api;
use ::kube::api::{EvictParams, ListParams};
use k8s_openapi::api::core::v1::Pod;
use tokio::time::Instant;

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// How a drain behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrainOptions {
    /// How long to keep retrying evictions and waiting for pods to go.
    pub timeout: Duration,
    /// Evict pods with emptyDir volumes (their data is lost).
    pub local_storage: bool,
    /// Evict pods no controller manages (they do not come back anywhere).
    pub force: bool,
}

/// What happens to one pod of the host.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    Evict,
    Skip(&'static str),
    Refuse(String),
}

/// Why a pod is not evicted, or `Evict`.
fn plan(pod: &Pod, options: &DrainOptions) -> Plan {
    let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    if matches!(phase, Some("Succeeded" | "Failed")) {
        return Plan::Skip("finished");
    }
    let annotations = pod.metadata.annotations.as_ref();
    if annotations.is_some_and(|a| a.contains_key("kubernetes.io/config.mirror")) {
        return Plan::Skip("static (mirror) pod");
    }
    let owners = pod.metadata.owner_references.iter().flatten();
    if owners
        .filter(|o| o.controller == Some(true))
        .any(|o| o.kind == "DaemonSet")
    {
        return Plan::Skip("DaemonSet pod");
    }
    let managed = pod
        .metadata
        .owner_references
        .iter()
        .flatten()
        .any(|o| o.controller == Some(true));
    if !managed && !options.force {
        return Plan::Refuse("not managed by a controller, it would not come back: add force to evict it".into());
    }
    let volumes = pod.spec.as_ref().and_then(|s| s.volumes.as_ref());
    let local = volumes.into_iter().flatten().any(|v| v.empty_dir.is_some());
    if local && !options.local_storage {
        return Plan::Refuse("uses local storage (emptyDir): allow local storage to evict it".into());
    }
    Plan::Evict
}

fn full_name(pod: &Pod) -> String {
    format!(
        "{}/{}",
        pod.metadata.namespace.as_deref().unwrap_or_default(),
        pod.metadata.name.as_deref().unwrap_or_default()
    )
}

/// Drains `node`, calling `progress` with one line per step; `Ok` sums up a complete
/// drain, `Err` lists the pods that could not be evicted and why.
pub async fn drain(
    connection: &Connection,
    node: &str,
    options: DrainOptions,
    progress: impl Fn(String),
) -> Result<String, KubeError> {
    let explain = explain(connection);
    super::hosts::set_unschedulable(connection, node, true).await?;
    progress(format!("drain {node}: cordoned"));
    let pods = Api::<Pod>::all(connection.client.clone())
        .list(&ListParams::default().fields(&format!("spec.nodeName={node}")))
        .await
        .map_err(explain)?
        .items;
    let mut pending = Vec::new();
    let mut refused = Vec::new();
    let mut skipped = 0;
    for pod in pods {
        match plan(&pod, &options) {
            Plan::Evict => pending.push(pod),
            Plan::Skip(why) => {
                skipped += 1;
                progress(format!("drain {node}: skipped {} ({why})", full_name(&pod)));
            }
            Plan::Refuse(why) => {
                progress(format!("drain {node}: cannot evict {}: {why}", full_name(&pod)));
                refused.push(format!("{}: {why}", full_name(&pod)));
            }
        }
    }
    // As kubectl: pods that need an option the operator did not give stop the drain
    // before anything is evicted (the host stays cordoned).
    if !refused.is_empty() {
        return Err(KubeError::from(Refusal::DrainStopped {
            node: node.into(),
            refused: refused.join("; "),
        }));
    }
    let deadline = Instant::now() + options.timeout;
    let (evicted, blocked) = evict_all(connection, node, pending, deadline, &progress).await;
    refused.extend(blocked);
    let gone = wait_gone(connection, node, &evicted, deadline).await;
    for pod in evicted.iter().filter(|p| !gone.contains(&full_name(p))) {
        refused.push(format!(
            "{}: evicted but still terminating after the timeout",
            full_name(pod)
        ));
    }
    if refused.is_empty() {
        Ok(format!(
            "drained {node}: {} pod(s) evicted, {skipped} skipped",
            evicted.len()
        ))
    } else {
        Err(KubeError::from(Refusal::DrainIncomplete {
            node: node.into(),
            evicted: evicted.len(),
            refused: refused.join("; "),
        }))
    }
}

/// Evicts every pod, retrying those a disruption budget protects until `deadline`.
async fn evict_all(
    connection: &Connection,
    node: &str,
    mut pending: Vec<Pod>,
    deadline: Instant,
    progress: &impl Fn(String),
) -> (Vec<Pod>, Vec<String>) {
    let mut evicted = Vec::new();
    let mut failed = Vec::new();
    loop {
        let mut blocked = Vec::new();
        for pod in pending {
            let name = full_name(&pod);
            let namespace = pod.metadata.namespace.clone().unwrap_or_default();
            // Without retries: a 429 is a disruption budget's answer, retried here until the timeout.
            let api: Api<Pod> = Api::namespaced(connection.client_once.clone(), &namespace);
            let pod_name = pod.metadata.name.clone().unwrap_or_default();
            let Ok(answer) = tokio::time::timeout_at(deadline, api.evict(&pod_name, &EvictParams::default())).await
            else {
                failed.push(format!("{name}: no answer to its eviction before the timeout"));
                continue;
            };
            match answer {
                Ok(_) => {
                    progress(format!("drain {node}: evicted {name}"));
                    evicted.push(pod);
                }
                Err(::kube::Error::Api(status)) if status.code == 404 => evicted.push(pod),
                Err(::kube::Error::Api(status)) if status.code == 429 => {
                    progress(format!("drain {node}: {name} waits: {}", status.message));
                    blocked.push((pod, status.message));
                }
                Err(error) => {
                    let why = explain(connection)(error);
                    progress(format!("drain {node}: cannot evict {name}: {why}"));
                    failed.push(format!("{name}: {why}"));
                }
            }
        }
        if blocked.is_empty() || Instant::now() + Duration::from_secs(2) > deadline {
            failed.extend(
                blocked
                    .into_iter()
                    .map(|(pod, why)| format!("{}: blocked by a PodDisruptionBudget ({why})", full_name(&pod))),
            );
            return (evicted, failed);
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        pending = blocked.into_iter().map(|(pod, _)| pod).collect();
    }
}

/// The names of the evicted pods that are gone from `node` (or replaced) before
/// `deadline`: the node's pods are listed once a round, whatever their number.
async fn wait_gone(connection: &Connection, node: &str, evicted: &[Pod], deadline: Instant) -> Vec<String> {
    let api: Api<Pod> = Api::all(connection.client_once.clone());
    let params = ListParams::default().fields(&format!("spec.nodeName={node}"));
    loop {
        let gone: Vec<String> = match tokio::time::timeout_at(deadline, api.list(&params)).await {
            Ok(Ok(list)) => {
                let still: HashSet<&str> = list.items.iter().filter_map(|p| p.metadata.uid.as_deref()).collect();
                evicted
                    .iter()
                    .filter(|p| p.metadata.uid.as_deref().is_none_or(|uid| !still.contains(uid)))
                    .map(full_name)
                    .collect()
            }
            _ => Vec::new(),
        };
        if gone.len() == evicted.len() || Instant::now() >= deadline {
            return gone;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(value: serde_json::Value) -> Pod {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn daemonset_mirror_and_finished_pods_are_skipped_and_local_storage_needs_consent() {
        let options = DrainOptions {
            timeout: Duration::from_secs(1),
            local_storage: false,
            force: true,
        };
        let daemon = pod(json!({"metadata": {"name": "d", "ownerReferences": [
            {"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "x", "uid": "1", "controller": true}]}}));
        assert_eq!(plan(&daemon, &options), Plan::Skip("DaemonSet pod"));
        let mirror = pod(json!({"metadata": {"name": "m", "annotations": {"kubernetes.io/config.mirror": "x"}}}));
        assert_eq!(plan(&mirror, &options), Plan::Skip("static (mirror) pod"));
        let done = pod(json!({"metadata": {"name": "j"}, "status": {"phase": "Succeeded"}}));
        assert_eq!(plan(&done, &options), Plan::Skip("finished"));
        let local = pod(json!({"metadata": {"name": "l"}, "spec": {"containers": [],
            "volumes": [{"name": "scratch", "emptyDir": {}}]}}));
        assert!(matches!(plan(&local, &options), Plan::Refuse(why) if why.contains("emptyDir")));
        let allowed = DrainOptions {
            local_storage: true,
            ..options
        };
        assert_eq!(plan(&local, &allowed), Plan::Evict);
        let plain = pod(json!({"metadata": {"name": "p"}}));
        assert_eq!(plan(&plain, &options), Plan::Evict);
        let careful = DrainOptions {
            force: false,
            ..options
        };
        assert!(matches!(plan(&plain, &careful), Plan::Refuse(why) if why.contains("add force")));
        let managed = pod(json!({"metadata": {"name": "r", "ownerReferences": [
            {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "x", "uid": "2", "controller": true}]}}));
        assert_eq!(plan(&managed, &careful), Plan::Evict);
    }
}
