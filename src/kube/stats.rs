//! Samples the cluster's metrics for the dashboard, the hosts and the host monitor:
//! allocatable and pods from the census, CPU and memory use from metrics.k8s.io, network
//! and filesystem from the kubelet's stats summary (through the API server's node proxy)
//! of the hosts on screen only. A source that fails is reported with its reason; the
//! others still count.

use std::collections::HashMap;

use futures::{StreamExt, stream};
use serde_json::Value;

use super::census::{HostFacts, PodCensus};
use super::connect::{Connection, explain};
use super::errors::KubeError;
use super::metrics::node_metrics;
use crate::model::metrics::{NodeSample, NodeStats, Sample, StatsScope};
use crate::model::quantity;

/// Requests to kubelets in flight at once.
const STATS_CONCURRENCY: usize = 8;

/// One poll of the hosts the census knows, with their pods already counted: their use
/// from one list of metrics.k8s.io, and the stats summaries of the hosts `scope` covers.
pub async fn sample(connection: &Connection, hosts: &[HostFacts], pods: &PodCensus, scope: &StatsScope) -> Sample {
    let (usage, usage_error) = match node_metrics(connection).await {
        Ok(list) => (usage_by_node(list), None),
        Err(error) => (HashMap::new(), Some(format!("metrics.k8s.io: {error}"))),
    };
    let asked: Vec<String> = hosts
        .iter()
        .filter(|host| scope.covers(&host.name))
        .map(|host| host.name.clone())
        .collect();
    let mut stats: HashMap<String, Result<NodeStats, String>> = asked
        .iter()
        .cloned()
        .zip(all_kubelet_stats(connection, &asked).await)
        .collect();
    let nodes = hosts
        .iter()
        .map(|host| {
            let used = usage.get(&host.name).copied();
            NodeSample {
                name: host.name.clone(),
                cpu_allocatable: host.cpu_allocatable,
                memory_allocatable: host.memory_allocatable,
                cpu_used: used.map(|(cpu, _)| cpu),
                memory_used: used.map(|(_, memory)| memory),
                pods: pods.per_node.get(&host.name).copied().unwrap_or(0),
                stats: stats.remove(&host.name),
            }
        })
        .collect();
    Sample {
        at: k8s_openapi::jiff::Timestamp::now().as_second(),
        nodes,
        usage_error,
    }
}

fn usage_by_node(list: Vec<super::metrics::NodeMetrics>) -> HashMap<String, (f64, f64)> {
    list.into_iter()
        .filter_map(|m| {
            let cpu = quantity::cpu_millis(&m.usage.get("cpu")?.0)?;
            let memory = quantity::bytes(&m.usage.get("memory")?.0)?;
            Some((m.metadata.name?, (cpu, memory)))
        })
        .collect()
}

/// Every node's stats summary. When the API server refuses the first node's (the
/// node proxy is closed to kubic) the others are not asked and share the reason; a
/// node that is down or slow only blanks its own stats.
async fn all_kubelet_stats(connection: &Connection, names: &[String]) -> Vec<Result<NodeStats, String>> {
    let Some(first) = names.first() else {
        return Vec::new();
    };
    let first = kubelet_stats(connection, first).await;
    if let Err(StatsError::Refused(why)) = &first {
        return vec![Err(why.clone()); names.len()];
    }
    let rest: Vec<_> = stream::iter(names[1..].to_vec())
        .map(|name| {
            let connection = connection.clone();
            async move { kubelet_stats(&connection, &name).await }
        })
        .buffered(STATS_CONCURRENCY)
        .collect()
        .await;
    std::iter::once(first)
        .chain(rest)
        .map(|stats| stats.map_err(StatsError::into_reason))
        .collect()
}

/// Why a node's stats are missing: the API server refused (the same for every node),
/// or this node did not answer.
#[derive(Debug)]
enum StatsError {
    Refused(String),
    Node(String),
}

impl StatsError {
    fn into_reason(self) -> String {
        match self {
            StatsError::Refused(why) | StatsError::Node(why) => why,
        }
    }
}

/// How long one kubelet may take to answer.
const STATS_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The kubelet's stats summary of `node`, or why the cluster does not serve it.
async fn kubelet_stats(connection: &Connection, node: &str) -> Result<NodeStats, StatsError> {
    let path = format!("/api/v1/nodes/{node}/proxy/stats/summary");
    let request = http::Request::get(&path)
        .body(Vec::new())
        .map_err(|e| StatsError::Node(format!("stats summary: {e}")))?;
    let answer = tokio::time::timeout(STATS_TIMEOUT, connection.client_once.request_text(request))
        .await
        .map_err(|_| StatsError::Node(format!("kubelet stats summary: {node} did not answer within 5s")))?;
    let text = answer.map_err(|e| {
        let error = explain(connection)(e);
        let why = format!("kubelet stats summary: {error}");
        match error {
            KubeError::Refused { code, .. } if (400..500).contains(&code) => StatsError::Refused(why),
            _ => StatsError::Node(why),
        }
    })?;
    let summary: Value =
        serde_json::from_str(&text).map_err(|e| StatsError::Node(format!("kubelet stats summary: {e}")))?;
    Ok(parse_summary(&summary))
}

/// Network counters (all interfaces) and root filesystem use from a stats summary.
pub fn parse_summary(summary: &Value) -> NodeStats {
    let node = &summary["node"];
    let interfaces = node["network"]["interfaces"].as_array().cloned().unwrap_or_default();
    let network = if interfaces.is_empty() {
        let rx = node["network"]["rxBytes"].as_u64();
        rx.zip(node["network"]["txBytes"].as_u64())
    } else {
        let sum = |key: &str| interfaces.iter().filter_map(|i| i[key].as_u64()).sum::<u64>();
        Some((sum("rxBytes"), sum("txBytes")))
    };
    let fs = &node["fs"];
    let filesystem = fs["usedBytes"].as_f64().zip(fs["capacityBytes"].as_f64());
    NodeStats { network, filesystem }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_summary_gives_network_counters_and_filesystem_use() {
        let summary = json!({"node": {
            "network": {"rxBytes": 1, "txBytes": 2, "interfaces": [
                {"name": "eth0", "rxBytes": 100, "txBytes": 50},
                {"name": "eth1", "rxBytes": 20, "txBytes": 5}]},
            "fs": {"usedBytes": 10.0, "capacityBytes": 40.0}}});
        let stats = parse_summary(&summary);
        assert_eq!(stats.network, Some((120, 55)));
        assert_eq!(stats.filesystem, Some((10.0, 40.0)));
        let bare = parse_summary(&json!({"node": {"network": {"rxBytes": 7, "txBytes": 8}}}));
        assert_eq!(bare.network, Some((7, 8)));
        assert_eq!(bare.filesystem, None);
    }
}
