//! One paged pass over every pod for the dashboard and the hosts: how many there are,
//! how many are ready, and how many unfinished ones each node carries. Pages keep the
//! memory flat on clusters with thousands of pods.

use std::collections::HashMap;

use ::kube::Api;
use ::kube::api::ListParams;
use k8s_openapi::api::core::v1::Pod;

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Pods listed per request.
const PAGE: u32 = 500;

/// The pods of the cluster, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodCensus {
    pub total: usize,
    pub ready: usize,
    /// Pods bound to each node that have not finished.
    pub per_node: HashMap<String, usize>,
}

impl PodCensus {
    fn count(&mut self, pod: Pod) {
        self.total += 1;
        let status = pod.status.unwrap_or_default();
        let ready = status
            .conditions
            .iter()
            .flatten()
            .any(|c| c.type_ == "Ready" && c.status == "True");
        self.ready += usize::from(ready);
        let finished = matches!(status.phase.as_deref(), Some("Succeeded" | "Failed"));
        if let Some(node) = pod.spec.and_then(|s| s.node_name).filter(|_| !finished) {
            *self.per_node.entry(node).or_insert(0) += 1;
        }
    }
}

/// Counts every pod, a page at a time.
pub async fn pod_census(connection: &Connection) -> Result<PodCensus, KubeError> {
    let api: Api<Pod> = Api::all(connection.client.clone());
    let mut census = PodCensus::default();
    let mut token: Option<String> = None;
    loop {
        let mut params = ListParams::default().limit(PAGE);
        if let Some(token) = &token {
            params = params.continue_token(token);
        }
        let page = api.list(&params).await.map_err(explain(connection))?;
        token = page.metadata.continue_.filter(|t| !t.is_empty());
        page.items.into_iter().for_each(|pod| census.count(pod));
        if token.is_none() {
            return Ok(census);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ready_pods_and_unfinished_pods_per_node_are_counted() {
        let pod = |node: Option<&str>, phase: &str, ready: &str| -> Pod {
            serde_json::from_value(json!({
                "metadata": {"name": "p"},
                "spec": {"containers": [], "nodeName": node},
                "status": {"phase": phase, "conditions": [{"type": "Ready", "status": ready}]}
            }))
            .unwrap()
        };
        let mut census = PodCensus::default();
        census.count(pod(Some("a"), "Running", "True"));
        census.count(pod(Some("a"), "Running", "False"));
        census.count(pod(Some("a"), "Succeeded", "False"));
        census.count(pod(Some("b"), "Running", "True"));
        census.count(pod(None, "Pending", "False"));
        assert_eq!((census.total, census.ready), (5, 2));
        assert_eq!(census.per_node.get("a"), Some(&2));
        assert_eq!(census.per_node.get("b"), Some(&1));
    }
}
