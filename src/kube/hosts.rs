//! Host maintenance that changes a node itself: cordon, uncordon, taints. Draining is in
//! [`super::drain`].

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{Patch, PatchParams};
use k8s_openapi::api::core::v1::{Node, Taint as NodeTaint};
use serde_json::json;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::detail::HostPod;
use crate::model::taint::TaintChange;

fn nodes(connection: &Connection) -> Api<Node> {
    Api::all(connection.client.clone())
}

/// Marks `node` unschedulable (`true`) or schedulable again (`false`).
pub async fn set_unschedulable(connection: &Connection, node: &str, unschedulable: bool) -> Result<(), KubeError> {
    let patch = json!({"spec": {"unschedulable": unschedulable}});
    nodes(connection)
        .patch(node, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(drop)
        .map_err(explain(connection))
}

/// How often a taint change that lost a race with another write of the node is redone.
const CONFLICT_RETRIES: usize = 5;

/// Adds or removes a taint; the node's resourceVersion guards against concurrent edits,
/// and a change that lost that race (to the node's own status updates too) is redone
/// from a fresh read, its checks included. On a redo, a node already as asked counts as
/// done: the earlier write may have landed with its answer lost (a slow API server's
/// timeout, retried by the client, then refused as a conflict).
pub async fn change_taint(connection: &Connection, node: &str, change: &TaintChange) -> Result<(), KubeError> {
    let mut attempt = 0;
    loop {
        match change_taint_once(connection, node, change, attempt > 0).await {
            Err(KubeError::Refused { code: 409, .. }) if attempt < CONFLICT_RETRIES => attempt += 1,
            done => return done,
        }
    }
}

async fn change_taint_once(
    connection: &Connection,
    node: &str,
    change: &TaintChange,
    redo: bool,
) -> Result<(), KubeError> {
    let current = nodes(connection).get(node).await.map_err(explain(connection))?;
    let mut taints: Vec<NodeTaint> = current.spec.and_then(|s| s.taints).unwrap_or_default();
    match change {
        TaintChange::Add(taint) => {
            let present = taints.iter().find(|t| t.key == taint.key && t.effect == taint.effect);
            if redo && present.is_some_and(|t| t.value == taint.value) {
                return Ok(());
            }
            if present.is_some() {
                return Err(KubeError::from(Refusal::TaintExists {
                    node: node.into(),
                    taint: format!("{}:{}", taint.key, taint.effect),
                }));
            }
            taints.push(NodeTaint {
                key: taint.key.clone(),
                value: taint.value.clone(),
                effect: taint.effect.clone(),
                time_added: None,
            });
        }
        TaintChange::Remove { key, effect } => {
            let before = taints.len();
            taints.retain(|t| !(&t.key == key && effect.as_ref().is_none_or(|e| e == &t.effect)));
            if taints.len() == before && redo {
                return Ok(());
            }
            if taints.len() == before {
                return Err(KubeError::from(Refusal::NoTaint {
                    node: node.into(),
                    taint: change_target(change),
                }));
            }
        }
    }
    let patch = json!({
        "metadata": {"resourceVersion": current.metadata.resource_version},
        "spec": {"taints": taints},
    });
    nodes(connection)
        .patch(node, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(drop)
        .map_err(explain(connection))
}

fn change_target(change: &TaintChange) -> String {
    match change {
        TaintChange::Add(taint) => taint.text(),
        TaintChange::Remove { key, effect: Some(e) } => format!("{key}:{e}"),
        TaintChange::Remove { key, effect: None } => key.clone(),
    }
}

/// The pods bound to `node`, by name.
pub async fn pods_on(connection: &Connection, node: &str) -> Result<Vec<HostPod>, KubeError> {
    let params = ::kube::api::ListParams::default().fields(&format!("spec.nodeName={node}"));
    let list = Api::<k8s_openapi::api::core::v1::Pod>::all(connection.client.clone())
        .list(&params)
        .await
        .map_err(explain(connection))?;
    let mut pods: Vec<HostPod> = list
        .items
        .into_iter()
        .map(|pod| {
            let status = pod.status.unwrap_or_default();
            let containers = status.container_statuses.unwrap_or_default();
            let ready = containers.iter().filter(|c| c.ready).count();
            let owner = pod
                .metadata
                .owner_references
                .unwrap_or_default()
                .into_iter()
                .find(|o| o.controller == Some(true))
                .map_or_else(|| "-".to_string(), |o| o.kind);
            HostPod {
                name: format!(
                    "{}/{}",
                    pod.metadata.namespace.unwrap_or_default(),
                    pod.metadata.name.unwrap_or_default()
                ),
                phase: status.phase.unwrap_or_else(|| "Unknown".into()),
                ready: format!("{ready}/{}", containers.len()),
                owner,
            }
        })
        .collect();
    pods.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(pods)
}
