//! Pods, read lean: the counts, reasons and places their rows show, and the Ready
//! condition the dashboard's census counts.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::de::Visitor;
use serde::{Deserialize, Deserializer};

use super::super::workloads::{PodView, phase_status, pod_projection, pod_resources_facts};
use super::super::{Projection, RowFacts};
use super::{LeanKind, dash, lean_meta, lean_resource, nullable};
use crate::model::quantity;
use crate::model::resources::ContainerResources;

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
    /// How many there are, and what they request and are limited to.
    #[serde(default, deserialize_with = "nullable")]
    pub containers: Vec<Container>,
    pub node_name: Option<String>,
}

/// A container: only its resources (name, image, ports… are skipped unread).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Container {
    #[serde(default, deserialize_with = "nullable")]
    pub resources: Resources,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Resources {
    #[serde(default, deserialize_with = "nullable")]
    pub requests: Amounts,
    #[serde(default, deserialize_with = "nullable")]
    pub limits: Amounts,
}

/// CPU (millicores) and memory (bytes), parsed as they are read.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct Amounts {
    #[serde(default, deserialize_with = "cpu")]
    pub cpu: Option<f64>,
    #[serde(default, deserialize_with = "memory")]
    pub memory: Option<f64>,
}

/// A CPU quantity, read without keeping its text.
fn cpu<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_any(QuantityVisitor(quantity::cpu_millis))
}

/// A memory quantity, read without keeping its text.
fn memory<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_any(QuantityVisitor(quantity::bytes))
}

/// Reads a quantity string (or `null`) through one of `model::quantity`'s parsers; a
/// value it cannot read counts as not set, as in the generic projection.
struct QuantityVisitor(fn(&str) -> Option<f64>);

impl<'de> Visitor<'de> for QuantityVisitor {
    type Value = Option<f64>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a quantity")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Option<f64>, E> {
        Ok((self.0)(text))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Option<f64>, E> {
        Ok(None)
    }
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

    fn facts(&self) -> RowFacts {
        let containers = self.spec.containers.iter().map(|c| {
            let (requests, limits) = (c.resources.requests, c.resources.limits);
            ContainerResources {
                cpu_request: requests.cpu,
                cpu_limit: limits.cpu,
                memory_request: requests.memory,
                memory_limit: limits.memory,
            }
        });
        pod_resources_facts(containers)
    }
}
