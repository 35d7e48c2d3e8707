//! Deployments and replica (or stateful) sets, read lean: their replica counts and the
//! selector their pods are found by.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;

use super::super::Projection;
use super::super::workloads::{DeploymentView, deployment_projection, selected_pods, set_projection};
use super::{LeanKind, lean_meta, lean_resource, nullable, selector_text};

/// A Deployment as its row needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanDeployment {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub spec: WorkloadSpec,
    #[serde(default, deserialize_with = "nullable")]
    pub status: WorkloadStatus,
}
lean_resource!(LeanDeployment);

/// A ReplicaSet or a StatefulSet (their rows read the same fields).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanReplicaSet {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub spec: WorkloadSpec,
    #[serde(default, deserialize_with = "nullable")]
    pub status: WorkloadStatus,
}
lean_resource!(LeanReplicaSet);

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkloadSpec {
    pub replicas: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    pub selector: Selector,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    #[serde(default, deserialize_with = "nullable")]
    pub match_labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadStatus {
    pub replicas: Option<i64>,
    pub ready_replicas: Option<i64>,
    pub updated_replicas: Option<i64>,
    pub available_replicas: Option<i64>,
}

impl WorkloadSpec {
    fn desired(&self) -> i64 {
        self.replicas.unwrap_or(1)
    }
}

impl LeanKind for LeanDeployment {
    fn projection(&self) -> Projection {
        let status = &self.status;
        let counts = DeploymentView {
            desired: self.spec.desired(),
            ready: status.ready_replicas.unwrap_or(0),
            updated: status.updated_replicas.unwrap_or(0),
            available: status.available_replicas.unwrap_or(0),
        };
        let drill = selected_pods(&self.metadata, selector_text(&self.spec.selector.match_labels));
        deployment_projection(counts, drill)
    }
}

impl LeanKind for LeanReplicaSet {
    fn projection(&self) -> Projection {
        let status = &self.status;
        let counts = (
            self.spec.desired(),
            status.replicas.unwrap_or(0),
            status.ready_replicas.unwrap_or(0),
        );
        let drill = selected_pods(&self.metadata, selector_text(&self.spec.selector.match_labels));
        set_projection(counts, drill)
    }
}
