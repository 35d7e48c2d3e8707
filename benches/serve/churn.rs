//! The churn step of the serving benchmark: RATE pod changes a second for a while, made
//! as the cluster admin beside the server, each a new value of one label on one of the
//! cluster's pods in turn — a change every shared watch sends to every session showing
//! the pods (a label is in the rows: the filter reads it), though no cell shows it.

use std::path::Path;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::api::{ListParams, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Api, Client, Config};

/// The label each change sets.
const LABEL: &str = "kubic-bench-churn";
/// The namespaces of `devcluster/scale-bench`'s pods.
const SCALE_PREFIX: &str = "kubic-scale-";
/// How many pods the changes go round.
const POOL: u32 = 2000;

/// What the churn step did.
pub struct Churned {
    pub changes: usize,
    pub failed: usize,
    /// Changes to pods deleted since the list (not the change's failure).
    pub gone: usize,
    pub took: Duration,
}

/// A client of the cluster in `kubeconfig`, as its admin.
pub async fn admin_client(kubeconfig: &Path) -> Client {
    let kubeconfig = Kubeconfig::read_from(kubeconfig).expect("read the kubeconfig");
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("a client configuration from the kubeconfig");
    Client::try_from(config).expect("a cluster client")
}

/// Changes `rate` pods a second for `duration`, one after the other at an even pace.
pub async fn churn(client: &Client, rate: u64, duration: Duration) -> Churned {
    let pods = Api::<Pod>::all(client.clone())
        .list(&ListParams::default().limit(POOL))
        .await
        .expect("list the pods to change");
    let all: Vec<(String, String)> = pods
        .items
        .iter()
        .filter_map(|pod| Some((pod.metadata.namespace.clone()?, pod.metadata.name.clone()?)))
        .collect();
    // The scale run's pods when there are (the cluster's own are left alone).
    let scale: Vec<_> = all
        .iter()
        .filter(|(ns, _)| ns.starts_with(SCALE_PREFIX))
        .cloned()
        .collect();
    let targets = if scale.is_empty() { all } else { scale };
    assert!(!targets.is_empty(), "no pods to change");
    let mut every = tokio::time::interval(Duration::from_secs_f64(1.0 / rate.max(1) as f64));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    // Each change on its own task: a slow answer does not slow the pace.
    let mut patches = tokio::task::JoinSet::new();
    let mut changes = 0;
    while started.elapsed() < duration {
        every.tick().await;
        let (namespace, name) = targets[changes % targets.len()].clone();
        let patch = serde_json::json!({"metadata": {"labels": {LABEL: changes.to_string()}}});
        let api = Api::<Pod>::namespaced(client.clone(), &namespace);
        patches.spawn(async move { api.patch(&name, &PatchParams::default(), &Patch::Merge(&patch)).await });
        changes += 1;
    }
    let took = started.elapsed();
    let results = patches.join_all().await;
    let gone = results
        .iter()
        .filter(|result| matches!(result, Err(kube::Error::Api(e)) if e.code == 404))
        .count();
    let failed = results.iter().filter(|result| result.is_err()).count() - gone;
    Churned {
        changes,
        failed,
        gone,
        took,
    }
}

/// Takes the label off the pods again (best effort: the scale pods go at cleanup anyway).
pub async fn unlabel(client: &Client) {
    let selector = ListParams::default().labels(LABEL);
    let Ok(pods) = Api::<Pod>::all(client.clone()).list(&selector).await else {
        return;
    };
    let patch = serde_json::json!({"metadata": {"labels": {LABEL: null}}});
    for pod in pods.items {
        let (Some(namespace), Some(name)) = (pod.metadata.namespace, pod.metadata.name) else {
            continue;
        };
        let api = Api::<Pod>::namespaced(client.clone(), &namespace);
        let _ = api.patch(&name, &PatchParams::default(), &Patch::Merge(&patch)).await;
    }
}
