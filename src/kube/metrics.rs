//! Typed access to `metrics.k8s.io` (served by metrics-server), which k8s-openapi does not model.

use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::ListParams;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize};

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Current CPU and memory use of one node.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NodeMetrics {
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub window: Option<String>,
    #[serde(default)]
    pub usage: BTreeMap<String, Quantity>,
}

/// Current CPU and memory use of the containers of one pod.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PodMetrics {
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub window: Option<String>,
    #[serde(default)]
    pub containers: Vec<ContainerMetrics>,
}

/// One container's usage inside [`PodMetrics`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContainerMetrics {
    pub name: String,
    #[serde(default)]
    pub usage: BTreeMap<String, Quantity>,
}

macro_rules! metrics_resource {
    ($ty:ty, $kind:literal, $plural:literal, $scope:ty) => {
        impl k8s_openapi::Resource for $ty {
            const API_VERSION: &'static str = "metrics.k8s.io/v1beta1";
            const GROUP: &'static str = "metrics.k8s.io";
            const KIND: &'static str = $kind;
            const VERSION: &'static str = "v1beta1";
            const URL_PATH_SEGMENT: &'static str = $plural;
            type Scope = $scope;
        }

        impl k8s_openapi::Metadata for $ty {
            type Ty = ObjectMeta;
            fn metadata(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn metadata_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }
    };
}

metrics_resource!(NodeMetrics, "NodeMetrics", "nodes", k8s_openapi::ClusterResourceScope);
metrics_resource!(PodMetrics, "PodMetrics", "pods", k8s_openapi::NamespaceResourceScope);

/// The latest usage of every node.
pub async fn node_metrics(connection: &Connection) -> Result<Vec<NodeMetrics>, KubeError> {
    let api: Api<NodeMetrics> = Api::all(connection.client.clone());
    list(api, connection).await
}

/// The latest usage of every pod in `namespace`, or in all namespaces when `None`.
pub async fn pod_metrics(connection: &Connection, namespace: Option<&str>) -> Result<Vec<PodMetrics>, KubeError> {
    let api: Api<PodMetrics> = match namespace {
        Some(ns) => Api::namespaced(connection.client.clone(), ns),
        None => Api::all(connection.client.clone()),
    };
    list(api, connection).await
}

async fn list<K>(api: Api<K>, connection: &Connection) -> Result<Vec<K>, KubeError>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    api.list(&ListParams::default())
        .await
        .map(|list| list.items)
        .map_err(explain(connection))
}
