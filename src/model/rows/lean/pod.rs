//! Pods, read lean: the counts, reasons and places their rows show, and the Ready
//! condition the dashboard's census counts.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::super::Projection;
use super::super::workloads::{PodView, phase_status, pod_projection};
use super::{LeanKind, dash, lean_meta, lean_resource, nullable};

/// A pod as its row and the census need it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanPod {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub spec: PodSpec,
    #[serde(default, deserialize_with = "nullable")]
    pub status: PodStatus,
}
lean_resource!(LeanPod);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    /// Only how many there are.
    #[serde(default, deserialize_with = "nullable")]
    pub containers: Vec<IgnoredAny>,
    pub node_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    pub phase: Option<String>,
    pub reason: Option<String>,
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub conditions: Vec<Condition>,
    #[serde(default, deserialize_with = "nullable")]
    pub container_statuses: Vec<ContainerStatus>,
}

/// A pod's or a node's condition: its type and status.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub ready: Option<bool>,
    pub restart_count: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    pub state: ContainerState,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContainerState {
    pub waiting: Option<StateReason>,
    pub terminated: Option<StateReason>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StateReason {
    pub reason: Option<String>,
}

impl LeanPod {
    /// Whether the pod's Ready condition is `True`.
    pub fn is_ready(&self) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| c.type_.as_deref() == Some("Ready") && c.status.as_deref() == Some("True"))
    }

    /// Whether the pod has run to its end (`Succeeded` or `Failed`).
    pub fn is_finished(&self) -> bool {
        matches!(self.status.phase.as_deref(), Some("Succeeded" | "Failed"))
    }

    /// kubectl's STATUS: terminating, the pod's reason, a container's waiting or
    /// terminated reason, or the phase.
    fn status_text(&self) -> String {
        if self.metadata.deletion_timestamp.is_some() {
            return "Terminating".into();
        }
        if let Some(reason) = &self.status.reason {
            return reason.clone();
        }
        let state = |s: &ContainerStatus| {
            let reason = |r: &Option<StateReason>| r.as_ref().and_then(|r| r.reason.clone());
            reason(&s.state.waiting).or_else(|| reason(&s.state.terminated))
        };
        if let Some(reason) = self.status.container_statuses.iter().find_map(state) {
            return reason;
        }
        phase_status(&dash(self.status.phase.as_deref()))
    }
}

impl LeanKind for LeanPod {
    fn projection(&self) -> Projection {
        let statuses = &self.status.container_statuses;
        pod_projection(PodView {
            ready: statuses.iter().filter(|s| s.ready == Some(true)).count(),
            total: self.spec.containers.len(),
            restarts: statuses.iter().filter_map(|s| s.restart_count).sum(),
            status: self.status_text(),
            ip: dash(self.status.pod_ip.as_deref()),
            node: dash(self.spec.node_name.as_deref()),
        })
    }
}
