//! The live census of the dashboard and the hosts: one watch of every pod and one of
//! every node, both read lean, whose tallies follow each change. A poll reads counts
//! from here instead of listing the cluster again: the pods are listed (a page at a
//! time) when the census starts, and again only after its watch broke.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;

use super::connect::Connection;
use super::tables::{TableWatch, watch_lean};
use crate::model::cluster::{RowEvent, Scope};
use crate::model::failure::Failure;
use crate::model::quantity;
use crate::model::resource::{Known, Registry};
use crate::model::rows::{LeanNode, LeanPod, RowKey, row_key};

/// The pods of the cluster, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodCensus {
    pub total: usize,
    pub ready: usize,
    /// Pods bound to each node that have not finished.
    pub per_node: HashMap<String, usize>,
}

/// What the census keeps of one pod.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PodTally {
    ready: bool,
    /// The node it is bound to, while it has not finished.
    node: Option<String>,
}

impl PodTally {
    fn of(pod: &LeanPod) -> (RowKey, PodTally) {
        let node = pod.spec.node_name.clone().filter(|_| !pod.is_finished());
        let tally = PodTally {
            ready: pod.is_ready(),
            node,
        };
        (row_key(&pod.metadata), tally)
    }
}

/// A host as the dashboard and the metrics need it.
#[derive(Debug, Clone, PartialEq)]
pub struct HostFacts {
    pub name: String,
    /// Its Ready condition is `True`.
    pub ready: bool,
    /// Millicores.
    pub cpu_allocatable: f64,
    /// Bytes.
    pub memory_allocatable: f64,
}

impl HostFacts {
    fn of(node: &LeanNode) -> (RowKey, HostFacts) {
        let amount = |resource, parse: fn(&str) -> Option<f64>| node.allocatable(resource).and_then(parse);
        let facts = HostFacts {
            name: node.metadata.name.clone().unwrap_or_default(),
            ready: node.ready() == Some("True"),
            cpu_allocatable: amount("cpu", quantity::cpu_millis).unwrap_or(0.0),
            memory_allocatable: amount("memory", quantity::bytes).unwrap_or(0.0),
        };
        (row_key(&node.metadata), facts)
    }
}

/// What the census knows at one moment: each part, or why it is unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct CensusView {
    pub pods: Result<PodCensus, Failure>,
    /// By name.
    pub hosts: Result<Vec<HostFacts>, Failure>,
}

/// One watch's objects, as the census keeps them.
#[derive(Debug)]
struct Tally<T> {
    entries: HashMap<RowKey, T>,
    /// Listed at least once.
    loaded: bool,
    /// Why the watch is broken, until it has listed again.
    failure: Option<Failure>,
}

impl<T> Default for Tally<T> {
    fn default() -> Self {
        Tally {
            entries: HashMap::new(),
            loaded: false,
            failure: None,
        }
    }
}

impl<T> Tally<T> {
    fn apply(&mut self, event: RowEvent<(RowKey, T)>) {
        match event {
            RowEvent::Reset(all) => {
                self.entries = all.into_iter().collect();
                self.loaded = true;
                self.failure = None;
            }
            RowEvent::Upsert((key, value)) => {
                self.entries.insert(key, value);
            }
            RowEvent::Remove(key) => {
                self.entries.remove(&key);
            }
            RowEvent::Failed { failure, .. } => self.failure = Some(failure),
        }
    }

    /// Whether a view can be given: listed, or failed with a reason to tell.
    fn settled(&self) -> bool {
        self.loaded || self.failure.is_some()
    }

    fn read<V>(&self, view: impl FnOnce(&HashMap<RowKey, T>) -> V) -> Result<V, Failure> {
        match &self.failure {
            Some(failure) => Err(failure.clone()),
            None => Ok(view(&self.entries)),
        }
    }
}

#[derive(Debug, Default)]
struct Tallies {
    pods: Tally<PodTally>,
    hosts: Tally<HostFacts>,
}

/// The running census; dropping it stops both watches.
pub struct Census {
    tallies: Arc<Mutex<Tallies>>,
    changes: watch::Receiver<()>,
    _pods: TableWatch,
    _nodes: TableWatch,
}

impl Census {
    /// Starts watching every pod and every node through `connection` (`None`: the
    /// built-in kinds lack pods or nodes, which they never do).
    pub fn start(connection: &Connection) -> Option<Census> {
        let registry = Registry::builtin();
        let (pods, nodes) = (registry.known(Known::Pod)?, registry.known(Known::Node)?);
        let tallies: Arc<Mutex<Tallies>> = Arc::default();
        let (changed, changes) = watch::channel(());
        let changed = Arc::new(changed);
        let everywhere = Scope::default();
        let (pod_tallies, pods_changed) = (Arc::clone(&tallies), Arc::clone(&changed));
        let pods = watch_lean(connection, pods, &everywhere, PodTally::of, move |event| {
            lock(&pod_tallies).pods.apply(event);
            pods_changed.send_replace(());
        });
        let (host_tallies, hosts_changed) = (Arc::clone(&tallies), changed);
        let nodes = watch_lean(connection, nodes, &everywhere, HostFacts::of, move |event| {
            lock(&host_tallies).hosts.apply(event);
            hosts_changed.send_replace(());
        });
        Some(Census {
            tallies,
            changes,
            _pods: pods,
            _nodes: nodes,
        })
    }

    /// What the census knows, once both watches have listed (or failed) at least once.
    pub async fn view(&self) -> CensusView {
        let mut changes = self.changes.clone();
        // An error means the feeds are gone; the view then says what they left.
        let _ = changes.wait_for(|_| self.settled()).await;
        self.now()
    }

    fn settled(&self) -> bool {
        let tallies = lock(&self.tallies);
        tallies.pods.settled() && tallies.hosts.settled()
    }

    /// What the census knows now.
    pub fn now(&self) -> CensusView {
        let tallies = lock(&self.tallies);
        CensusView {
            pods: tallies.pods.read(count_pods),
            hosts: tallies.hosts.read(|hosts| {
                let mut hosts: Vec<HostFacts> = hosts.values().cloned().collect();
                hosts.sort_by(|a, b| a.name.cmp(&b.name));
                hosts
            }),
        }
    }
}

fn count_pods(pods: &HashMap<RowKey, PodTally>) -> PodCensus {
    let mut per_node: HashMap<&str, usize> = HashMap::new();
    for node in pods.values().filter_map(|pod| pod.node.as_deref()) {
        *per_node.entry(node).or_insert(0) += 1;
    }
    PodCensus {
        total: pods.len(),
        ready: pods.values().filter(|pod| pod.ready).count(),
        per_node: per_node.into_iter().map(|(node, n)| (node.to_string(), n)).collect(),
    }
}

/// The tallies, also after a feed panicked while holding them (they stay consistent:
/// each change is one insert or removal).
fn lock(tallies: &Mutex<Tallies>) -> MutexGuard<'_, Tallies> {
    tallies.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::failure::FailureKind;
    use serde_json::json;

    fn pod(name: &str, node: Option<&str>, phase: &str, ready: &str) -> (RowKey, PodTally) {
        let pod: LeanPod = serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": "n", "managedFields": [{"manager": "x"}]},
            "spec": {"containers": [], "nodeName": node},
            "status": {"phase": phase, "conditions": [{"type": "Ready", "status": ready}]}
        }))
        .unwrap();
        PodTally::of(&pod)
    }

    #[test]
    fn ready_pods_and_unfinished_pods_per_node_are_counted_as_they_change() {
        let mut tally = Tally::default();
        assert!(!tally.settled(), "nothing to tell before the first list");
        tally.apply(RowEvent::Reset(vec![
            pod("a1", Some("a"), "Running", "True"),
            pod("a2", Some("a"), "Running", "False"),
            pod("a3", Some("a"), "Succeeded", "False"),
            pod("b1", Some("b"), "Running", "True"),
            pod("p", None, "Pending", "False"),
        ]));
        let census = tally.read(count_pods).unwrap();
        assert_eq!((census.total, census.ready), (5, 2));
        assert_eq!(census.per_node.get("a"), Some(&2));
        assert_eq!(census.per_node.get("b"), Some(&1));
        tally.apply(RowEvent::Upsert(pod("p", Some("b"), "Running", "True")));
        tally.apply(RowEvent::Remove(pod("a1", None, "", "").0));
        let census = tally.read(count_pods).unwrap();
        assert_eq!((census.total, census.ready), (4, 2));
        assert_eq!(
            (census.per_node.get("a"), census.per_node.get("b")),
            (Some(&1), Some(&2))
        );
    }

    #[test]
    fn a_broken_watch_tells_why_until_it_has_listed_again() {
        let mut tally = Tally::default();
        let failure = Failure::new(FailureKind::Forbidden, "not allowed for alice: list pods");
        tally.apply(RowEvent::Failed {
            failure: failure.clone(),
            next_try: k8s_openapi::jiff::Timestamp::now(),
        });
        assert!(tally.settled(), "a refusal is worth telling at once");
        assert_eq!(tally.read(count_pods), Err(failure));
        tally.apply(RowEvent::Reset(vec![pod("a1", Some("a"), "Running", "True")]));
        assert_eq!(tally.read(count_pods).map(|c| c.total), Ok(1));
    }

    #[test]
    fn hosts_keep_readiness_and_allocatable_in_millicores_and_bytes() {
        let node: LeanNode = serde_json::from_value(json!({
            "metadata": {"name": "kube-minion1"},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "allocatable": {"cpu": "3500m", "memory": "8Gi"}}
        }))
        .unwrap();
        let (key, host) = HostFacts::of(&node);
        assert_eq!(key.name, "kube-minion1");
        assert!(host.ready);
        assert_eq!(
            (host.cpu_allocatable, host.memory_allocatable),
            (3500.0, 8.0 * 1024.0 * 1024.0 * 1024.0)
        );
    }
}
