//! Metrics of the cluster and its hosts over time, as the dashboard and the host monitor
//! chart them. The kube layer takes samples; this module turns them into bounded series
//! and remembers, per source, why it cannot tell (instead of drawing zeros).

pub mod format;
pub mod overview;
pub mod pods;
pub mod series;

use std::collections::BTreeMap;

pub use series::Series;

/// One poll of the cluster: every node's capacity, use and kubelet statistics.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sample {
    /// Seconds since the epoch.
    pub at: i64,
    pub nodes: Vec<NodeSample>,
    /// Why CPU and memory use are unknown (metrics.k8s.io not served or failing).
    pub usage_error: Option<String>,
}

/// What one poll learned about one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSample {
    pub name: String,
    /// Millicores.
    pub cpu_allocatable: f64,
    /// Bytes.
    pub memory_allocatable: f64,
    /// Millicores, from metrics.k8s.io.
    pub cpu_used: Option<f64>,
    /// Bytes (working set), from metrics.k8s.io.
    pub memory_used: Option<f64>,
    /// Pods bound to the node that have not finished.
    pub pods: usize,
    /// The kubelet's stats summary, or why it could not be read; `None` when it was not
    /// asked (the host's network and filesystem are not on screen), which leaves the
    /// host's network and filesystem series as they were.
    pub stats: Option<Result<NodeStats, String>>,
}

/// Whose kubelet stats summaries a poll reads: those of the hosts whose network and
/// filesystem are on screen, each one a request through the API server's node proxy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StatsScope {
    /// None (the hosts table shows CPU, memory and pods only).
    #[default]
    Nothing,
    /// Every host's (the dashboard's cluster-wide charts add them up).
    AllHosts,
    /// One host's (its monitor).
    Host(String),
}

impl StatsScope {
    /// Whether the stats summary of `host` is read.
    pub fn covers(&self, host: &str) -> bool {
        match self {
            StatsScope::Nothing => false,
            StatsScope::AllHosts => true,
            StatsScope::Host(name) => name == host,
        }
    }
}

/// Network counters and filesystem use from the kubelet's stats summary.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeStats {
    /// Cumulative bytes received and sent by the node's interfaces.
    pub network: Option<(u64, u64)>,
    /// Bytes used and capacity of the node's root filesystem.
    pub filesystem: Option<(f64, f64)>,
}

/// The series of one host (or the whole cluster), with why each source is unavailable.
#[derive(Debug, Clone, PartialEq)]
pub struct HostSeries {
    pub cpu_used: Series,
    pub cpu_allocatable: Series,
    pub memory_used: Series,
    pub memory_allocatable: Series,
    /// Bytes per second.
    pub rx: Series,
    pub tx: Series,
    pub fs_used: Series,
    pub fs_capacity: Series,
    /// Set when the latest sample could not tell CPU and memory use.
    pub usage_na: Option<String>,
    pub network_na: Option<String>,
    pub filesystem_na: Option<String>,
    pub pods: usize,
    counters: Option<(i64, u64, u64)>,
}

impl HostSeries {
    pub fn new(window: i64) -> HostSeries {
        let series = Series::new(window);
        HostSeries {
            cpu_used: series.clone(),
            cpu_allocatable: series.clone(),
            memory_used: series.clone(),
            memory_allocatable: series.clone(),
            rx: series.clone(),
            tx: series.clone(),
            fs_used: series.clone(),
            fs_capacity: series,
            usage_na: None,
            network_na: None,
            filesystem_na: None,
            pods: 0,
            counters: None,
        }
    }

    /// The latest CPU use as a percentage of allocatable, if known.
    pub fn cpu_percent(&self) -> Option<f64> {
        percent(self.cpu_used.latest()?, self.cpu_allocatable.latest()?)
    }

    pub fn memory_percent(&self) -> Option<f64> {
        percent(self.memory_used.latest()?, self.memory_allocatable.latest()?)
    }

    fn record_node(&mut self, at: i64, node: &NodeSample, usage_error: Option<&String>) {
        self.pods = node.pods;
        self.cpu_allocatable.push(at, node.cpu_allocatable);
        self.memory_allocatable.push(at, node.memory_allocatable);
        self.usage_na = match (node.cpu_used, node.memory_used, usage_error) {
            (Some(cpu), Some(memory), _) => {
                self.cpu_used.push(at, cpu);
                self.memory_used.push(at, memory);
                None
            }
            (_, _, Some(error)) => Some(error.clone()),
            _ => Some("metrics.k8s.io has no usage for this host yet".into()),
        };
        if let Some(stats) = &node.stats {
            self.record_stats(at, stats.as_ref());
        }
    }

    /// Network rates and filesystem use from a stats summary, or why there are none.
    fn record_stats(&mut self, at: i64, stats: Result<&NodeStats, &String>) {
        self.network_na = match stats.map(|s| s.network) {
            Ok(Some((rx, tx))) => self.record_counters(at, rx, tx),
            Ok(None) => Some("the kubelet's stats summary has no network figures".into()),
            Err(error) => Some(error.clone()),
        };
        self.filesystem_na = match stats.map(|s| s.filesystem) {
            Ok(Some((used, capacity))) => {
                self.fs_used.push(at, used);
                self.fs_capacity.push(at, capacity);
                None
            }
            Ok(None) => Some("the kubelet's stats summary has no filesystem figures".into()),
            Err(error) => Some(error.clone()),
        };
    }

    /// Turns cumulative counters into rates; the first sample only sets the baseline.
    fn record_counters(&mut self, at: i64, rx: u64, tx: u64) -> Option<String> {
        let previous = self.counters.replace((at, rx, tx));
        match previous {
            Some((then, rx0, tx0)) if at > then && rx >= rx0 && tx >= tx0 => {
                let seconds = (at - then) as f64;
                self.rx.push(at, (rx - rx0) as f64 / seconds);
                self.tx.push(at, (tx - tx0) as f64 / seconds);
                None
            }
            _ if !self.rx.is_empty() => None,
            _ => Some("measuring (a rate needs two samples)".into()),
        }
    }
}

fn percent(used: f64, total: f64) -> Option<f64> {
    (total > 0.0).then(|| used * 100.0 / total)
}

/// Every host's series and the cluster's totals, over a window of `window` seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub window: i64,
    pub cluster: HostSeries,
    pub hosts: BTreeMap<String, HostSeries>,
    /// Why the last poll failed as a whole (nodes could not be listed), if it did.
    pub error: Option<String>,
    /// Time of the newest sample.
    pub at: Option<i64>,
}

impl Metrics {
    pub fn new(window: i64) -> Metrics {
        Metrics {
            window,
            cluster: HostSeries::new(window),
            hosts: BTreeMap::new(),
            error: None,
            at: None,
        }
    }

    /// Records a poll's result: a sample, or why there is none.
    pub fn record(&mut self, sample: Result<&Sample, &str>) {
        match sample {
            Ok(sample) => self.record_sample(sample),
            Err(error) => {
                self.error = Some(error.to_string());
                let na = Some(error.to_string());
                self.cluster.usage_na = na.clone();
                self.cluster.network_na = na.clone();
                self.cluster.filesystem_na = na;
            }
        }
    }

    fn record_sample(&mut self, sample: &Sample) {
        let at = sample.at;
        self.error = None;
        self.at = Some(at);
        let window = self.window;
        self.hosts
            .retain(|name, _| sample.nodes.iter().any(|n| &n.name == name));
        for node in &sample.nodes {
            let host = self
                .hosts
                .entry(node.name.clone())
                .or_insert_with(|| HostSeries::new(window));
            host.record_node(at, node, sample.usage_error.as_ref());
        }
        self.record_cluster(sample);
    }

    /// Sums the hosts; a total is N/A when no host can tell, with the first host's reason.
    fn record_cluster(&mut self, sample: &Sample) {
        let at = sample.at;
        let hosts: Vec<&HostSeries> = self.hosts.values().collect();
        let cluster = &mut self.cluster;
        cluster.pods = sample.nodes.iter().map(|n| n.pods).sum();
        cluster
            .cpu_allocatable
            .push(at, sample.nodes.iter().map(|n| n.cpu_allocatable).sum());
        cluster
            .memory_allocatable
            .push(at, sample.nodes.iter().map(|n| n.memory_allocatable).sum());
        let no_hosts = || Some("the cluster has no hosts".to_string());
        let known = |na: fn(&HostSeries) -> &Option<String>| hosts.iter().filter(|h| na(h).is_none()).count();
        let first_reason =
            |na: fn(&HostSeries) -> &Option<String>| hosts.iter().find_map(|h| na(h).clone()).or_else(no_hosts);
        cluster.usage_na = if known(|h| &h.usage_na) > 0 {
            let fresh = hosts.iter().filter(|h| h.usage_na.is_none());
            let (cpu, memory) = fresh.fold((0.0, 0.0), |(c, m), h| {
                (
                    c + h.cpu_used.latest().unwrap_or(0.0),
                    m + h.memory_used.latest().unwrap_or(0.0),
                )
            });
            cluster.cpu_used.push(at, cpu);
            cluster.memory_used.push(at, memory);
            None
        } else {
            first_reason(|h| &h.usage_na)
        };
        cluster.network_na = if known(|h| &h.network_na) > 0 {
            let fresh = hosts
                .iter()
                .filter(|h| h.network_na.is_none() && h.rx.newest() == Some(at));
            let (rx, tx) = fresh.fold((0.0, 0.0), |(r, t), h| {
                (r + h.rx.latest().unwrap_or(0.0), t + h.tx.latest().unwrap_or(0.0))
            });
            cluster.rx.push(at, rx);
            cluster.tx.push(at, tx);
            None
        } else {
            first_reason(|h| &h.network_na)
        };
        cluster.filesystem_na = if known(|h| &h.filesystem_na) > 0 {
            let fresh = hosts.iter().filter(|h| h.filesystem_na.is_none());
            let (used, capacity) = fresh.fold((0.0, 0.0), |(u, c), h| {
                (
                    u + h.fs_used.latest().unwrap_or(0.0),
                    c + h.fs_capacity.latest().unwrap_or(0.0),
                )
            });
            cluster.fs_used.push(at, used);
            cluster.fs_capacity.push(at, capacity);
            None
        } else {
            first_reason(|h| &h.filesystem_na)
        };
    }

    pub fn host(&self, name: &str) -> Option<&HostSeries> {
        self.hosts.get(name)
    }
}

#[cfg(test)]
pub mod tests;
