//! Typed access to `metrics.k8s.io` (served by metrics-server), which k8s-openapi does not model.

use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::ListParams;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize};

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::metrics::pods::{PodUsage, PodUsages};
use crate::model::quantity;
use crate::model::rows::row_key;

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

/// The use of every pod a pods table in `namespace` (all when `None`) shows, narrowed by
/// the table's label selector: one list, summed per pod over its containers.
pub async fn pod_usage(
    connection: &Connection,
    namespace: Option<&str>,
    label_selector: Option<&str>,
) -> Result<PodUsages, KubeError> {
    let api: Api<PodMetrics> = match namespace {
        Some(ns) => Api::namespaced(connection.client.clone(), ns),
        None => Api::all(connection.client.clone()),
    };
    let mut params = ListParams::default();
    if let Some(selector) = label_selector {
        params = params.labels(selector);
    }
    let list = api.list(&params).await.map_err(explain(connection))?;
    Ok(list
        .items
        .iter()
        .map(|pod| (row_key(&pod.metadata), usage_of(pod)))
        .collect())
}

/// A pod's use, summed over its containers (a figure that cannot be read counts as 0).
fn usage_of(pod: &PodMetrics) -> PodUsage {
    let sum = |resource: &str, read: fn(&str) -> Option<f64>| {
        let values = pod.containers.iter().filter_map(|c| c.usage.get(resource));
        values.filter_map(|q| read(&q.0)).sum()
    };
    PodUsage {
        cpu: sum("cpu", quantity::cpu_millis),
        memory: sum("memory", quantity::bytes),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pods_use_adds_up_its_containers() {
        let pod: PodMetrics = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "demo"},
            "containers": [
                {"name": "a", "usage": {"cpu": "1500000n", "memory": "40Mi"}},
                {"name": "b", "usage": {"cpu": "250m", "memory": "1Mi"}},
                {"name": "c", "usage": {"cpu": "bad"}}
            ]
        }))
        .unwrap();
        let usage = usage_of(&pod);
        assert_eq!(usage.cpu, 251.5);
        assert_eq!(usage.memory, 41.0 * 1024.0 * 1024.0);
        assert_eq!(row_key(&pod.metadata).name, "web");
    }
}
