//! Nodes, read lean: readiness, schedulability, taints, allocatable CPU and memory, the
//! kubelet's version and the internal address.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;

use super::super::Projection;
use super::super::core::{NodeView, node_projection, taint_text};
use super::pod::Condition;
use super::{LeanKind, dash, lean_meta, lean_resource, nullable};

/// A node as its row, the dashboard and the metrics need it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanNode {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub spec: NodeSpec,
    #[serde(default, deserialize_with = "nullable")]
    pub status: NodeStatus,
}
lean_resource!(LeanNode);

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NodeSpec {
    pub unschedulable: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub taints: Vec<Taint>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Taint {
    pub key: Option<String>,
    pub value: Option<String>,
    pub effect: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default, deserialize_with = "nullable")]
    pub conditions: Vec<Condition>,
    /// Quantities as written (`4`, `8Gi`), by resource name.
    #[serde(default, deserialize_with = "nullable")]
    pub allocatable: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "nullable")]
    pub addresses: Vec<Address>,
    #[serde(default, deserialize_with = "nullable")]
    pub node_info: NodeInfo,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Address {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeInfo {
    pub kubelet_version: Option<String>,
}

impl LeanNode {
    /// The status of the node's (first) Ready condition.
    pub fn ready(&self) -> Option<&str> {
        let ready = self
            .status
            .conditions
            .iter()
            .find(|c| c.type_.as_deref() == Some("Ready"));
        ready.and_then(|c| c.status.as_deref())
    }

    /// The allocatable quantity of `resource` (`cpu`, `memory`) as written.
    pub fn allocatable(&self, resource: &str) -> Option<&str> {
        self.status.allocatable.get(resource).map(String::as_str)
    }
}

impl LeanKind for LeanNode {
    fn projection(&self) -> Projection {
        let internal_ip = self
            .status
            .addresses
            .iter()
            .find(|a| a.type_.as_deref() == Some("InternalIP"))
            .and_then(|a| a.address.as_deref())
            .unwrap_or("-");
        let taints = self.spec.taints.iter();
        let taints = taints.map(|t| taint_text(t.key.as_deref(), t.value.as_deref(), t.effect.as_deref()));
        node_projection(
            &self.metadata,
            NodeView {
                ready: self.ready(),
                cordoned: self.spec.unschedulable == Some(true),
                taints: taints.collect(),
                cpu: dash(self.allocatable("cpu")),
                memory: dash(self.allocatable("memory")),
                kubelet: dash(self.status.node_info.kubelet_version.as_deref()),
                internal_ip,
            },
        )
    }
}
