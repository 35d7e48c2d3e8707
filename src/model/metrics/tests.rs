//! Unit tests of the metrics model, and fixture series the screen snapshots draw.

use super::*;

const MI: f64 = 1024.0 * 1024.0;

fn node(name: &str, cpu: Option<f64>, stats: Result<NodeStats, String>) -> NodeSample {
    NodeSample {
        name: name.into(),
        cpu_allocatable: 4000.0,
        memory_allocatable: 8192.0 * MI,
        cpu_used: cpu,
        memory_used: cpu.map(|c| c * MI),
        pods: 3,
        stats: Some(stats),
    }
}

fn stats(t: i64) -> Result<NodeStats, String> {
    let t = t as u64;
    Ok(NodeStats {
        network: Some((t * 1000 + t * t * 10, t * 500)),
        filesystem: Some((20e9 + t as f64 * 1e7, 100e9)),
    })
}

/// Metrics of two hosts sampled every 10 s for 5 minutes, ending at 1000 s. With
/// `kubelet_stats` false, the stats summary is refused as on a KWOK cluster.
pub fn fixture(kubelet_stats: bool) -> Metrics {
    let mut metrics = Metrics::new(300);
    for t in (700..=1000).step_by(10) {
        let wave = ((t as f64) / 40.0).sin();
        let stats_of = |t| {
            if kubelet_stats {
                stats(t)
            } else {
                Err("the API server refused the node proxy: address not allowed".to_string())
            }
        };
        let sample = Sample {
            at: t,
            nodes: vec![
                node("kube-minion1", Some(1500.0 + 800.0 * wave), stats_of(t)),
                node("kube-minion2", Some(600.0 - 300.0 * wave), stats_of(t)),
            ],
            usage_error: None,
        };
        metrics.record(Ok(&sample));
    }
    metrics
}

#[test]
fn hosts_and_cluster_totals_follow_the_samples() {
    let metrics = fixture(true);
    let host = metrics.host("kube-minion1").unwrap();
    assert_eq!(host.cpu_used.len(), 31, "300 s window at 10 s keeps 31 points");
    assert!(host.usage_na.is_none() && host.network_na.is_none() && host.filesystem_na.is_none());
    let cluster = &metrics.cluster;
    assert_eq!(cluster.cpu_allocatable.latest(), Some(8000.0));
    assert_eq!(cluster.pods, 6);
    let both = metrics
        .hosts
        .values()
        .map(|h| h.cpu_used.latest().unwrap())
        .sum::<f64>();
    assert_eq!(cluster.cpu_used.latest(), Some(both));
    let percent = cluster.cpu_percent().unwrap();
    assert!((percent - both * 100.0 / 8000.0).abs() < 1e-9);
}

#[test]
fn network_counters_become_rates_after_two_samples() {
    let mut metrics = Metrics::new(600);
    let sample = |at| Sample {
        at,
        nodes: vec![node("a", Some(1.0), stats(at))],
        usage_error: None,
    };
    metrics.record(Ok(&sample(10)));
    let host = metrics.host("a").unwrap();
    assert!(host.network_na.as_deref().unwrap().contains("two samples"));
    assert!(host.rx.is_empty());
    metrics.record(Ok(&sample(20)));
    let host = metrics.host("a").unwrap();
    assert!(host.network_na.is_none());
    // rx(20) - rx(10) = (20000 + 4000) - (10000 + 1000) over 10 s.
    assert_eq!(host.rx.latest(), Some(1300.0));
    assert_eq!(host.tx.latest(), Some(500.0));
    assert_eq!(metrics.cluster.rx.latest(), Some(1300.0));
}

#[test]
fn sources_that_cannot_tell_say_why_instead_of_zeros() {
    let metrics = fixture(false);
    let cluster = &metrics.cluster;
    assert!(cluster.network_na.as_deref().unwrap().contains("address not allowed"));
    assert!(cluster.filesystem_na.is_some());
    assert!(cluster.rx.is_empty() && cluster.fs_used.is_empty());
    assert!(cluster.usage_na.is_none());

    let mut metrics = Metrics::new(60);
    let sample = Sample {
        at: 5,
        nodes: vec![node("a", None, Err("refused".into()))],
        usage_error: Some("metrics.k8s.io is not served".into()),
    };
    metrics.record(Ok(&sample));
    assert_eq!(
        metrics.cluster.usage_na.as_deref(),
        Some("metrics.k8s.io is not served")
    );
    assert!(metrics.cluster.cpu_used.is_empty());
    assert_eq!(metrics.host("a").unwrap().cpu_percent(), None);
}

#[test]
fn a_failed_poll_marks_everything_na_and_gone_hosts_are_forgotten() {
    let mut metrics = fixture(true);
    metrics.record(Err("cannot reach the API server"));
    assert_eq!(metrics.error.as_deref(), Some("cannot reach the API server"));
    assert_eq!(metrics.cluster.usage_na.as_deref(), Some("cannot reach the API server"));
    let sample = Sample {
        at: 2000,
        nodes: vec![node("kube-minion2", Some(5.0), stats(2000))],
        usage_error: None,
    };
    metrics.record(Ok(&sample));
    assert!(metrics.error.is_none());
    assert!(metrics.host("kube-minion1").is_none());
    assert_eq!(metrics.cluster.cpu_used.latest(), Some(5.0));
}

#[test]
fn stats_not_asked_leave_a_hosts_network_and_filesystem_as_they_were() {
    let mut metrics = Metrics::new(600);
    let sample = |at, stats| Sample {
        at,
        nodes: vec![NodeSample {
            stats,
            ..node("a", Some(1.0), Ok(NodeStats::default()))
        }],
        usage_error: None,
    };
    metrics.record(Ok(&sample(10, Some(stats(10)))));
    metrics.record(Ok(&sample(20, Some(stats(20)))));
    metrics.record(Ok(&sample(30, None)));
    let host = metrics.host("a").unwrap();
    assert_eq!((host.rx.len(), host.fs_used.len()), (1, 2), "nothing recorded at 30 s");
    assert!(host.network_na.is_none() && host.filesystem_na.is_none());
    assert_eq!(host.cpu_used.len(), 3, "CPU use is recorded at every sample");
    metrics.record(Ok(&sample(40, Some(stats(40)))));
    // The rate spans the 20 s since the last counters that were read.
    let host = metrics.host("a").unwrap();
    assert_eq!(
        host.rx.latest(),
        Some(((40_000 + 16_000) - (20_000 + 4_000)) as f64 / 20.0)
    );
}

#[test]
fn a_stats_scope_covers_every_host_one_or_none() {
    assert!(StatsScope::AllHosts.covers("a"));
    assert!(StatsScope::Host("a".into()).covers("a"));
    assert!(!StatsScope::Host("a".into()).covers("b"));
    assert!(!StatsScope::Nothing.covers("a"));
}
