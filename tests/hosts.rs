//! The dashboard's sources and host maintenance against the local cluster: counts follow
//! creation and deletion, metrics appear, cordon/uncordon, taints, drains (one that moves
//! a Deployment's pods to the other host, one a PodDisruptionBudget blocks).
//!
//! The cluster is shared: maintenance runs on hosts these tests create (KWOK nodes with
//! a taint only their own pods tolerate), and every test removes what it made even when
//! it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use serde_json::json;

use kubic::kube::census::Census;
use kubic::kube::drain::{DrainOptions, drain};
use kubic::kube::hosts::{change_taint, set_unschedulable};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::overview::{description, overview, set_description};
use kubic::kube::stats::sample;
use kubic::kube::{Connection, KubeError};
use kubic::model::metrics::{Metrics, Sample, StatsScope};
use kubic::model::taint;
use support::{connection, eventually, unique};

const LONG: Duration = Duration::from_secs(90);
const TEST_LABEL: &str = "kubic.io/hosts-test";

/// Runs `body`, then `cleanup` whatever happened, then re-raises the body's panic.
async fn guarded<F, C>(body: F, cleanup: C)
where
    F: std::future::Future<Output = ()> + Send + 'static,
    C: std::future::Future<Output = ()>,
{
    let result = tokio::spawn(body).await;
    cleanup.await;
    if let Err(error) = result {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// A KWOK host only pods tolerating `TEST_LABEL=<id>` may use.
async fn create_host(conn: &Connection, name: &str, id: &str) {
    let node: Node = serde_json::from_value(json!({
        "metadata": {"name": name, "annotations": {"kwok.x-k8s.io/node": "fake"},
                     "labels": {TEST_LABEL: id, "type": "kwok"}},
        "spec": {"taints": [{"key": TEST_LABEL, "value": id, "effect": "NoSchedule"}]},
        "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
                   "capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"}}
    }))
    .unwrap();
    Api::<Node>::all(conn.client.clone())
        .create(&PostParams::default(), &node)
        .await
        .unwrap();
}

async fn remove_hosts(conn: &Connection, names: &[String]) {
    for name in names {
        let _ = Api::<Node>::all(conn.client.clone())
            .delete(name, &DeleteParams::default())
            .await;
    }
}

async fn node(conn: &Connection, name: &str) -> Node {
    Api::<Node>::all(conn.client.clone()).get(name).await.unwrap()
}

/// A Deployment whose pods may only run on the test's hosts.
async fn create_pinned_deployment(conn: &Connection, ns: &str, id: &str, replicas: i32) {
    let deployment: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "pinned", "labels": {TEST_LABEL: id}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "pinned"}},
                 "template": {"metadata": {"labels": {"app": "pinned", TEST_LABEL: id}},
                              "spec": {"nodeSelector": {TEST_LABEL: id},
                                       "tolerations": [{"key": TEST_LABEL, "operator": "Equal", "value": id,
                                                        "effect": "NoSchedule"}],
                                       "containers": [{"name": "main", "image": "nginx:1.27"}]}}}
    }))
    .unwrap();
    Api::<Deployment>::namespaced(conn.client.clone(), ns)
        .create(&PostParams::default(), &deployment)
        .await
        .unwrap();
}

/// `(name, node)` of the running, not terminating pods of the pinned Deployment.
async fn running_pods(conn: &Connection, ns: &str) -> Vec<(String, String)> {
    let pods = Api::<Pod>::namespaced(conn.client.clone(), ns)
        .list(&ListParams::default().labels("app=pinned"))
        .await
        .unwrap();
    pods.items
        .into_iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .map(|p| {
            let node = p.spec.and_then(|s| s.node_name).unwrap_or_default();
            (p.metadata.name.unwrap_or_default(), node)
        })
        .collect()
}

/// One poll as the dashboard's poller makes it: the census's hosts and pods, their use,
/// and every host's kubelet stats.
async fn sample_all(conn: &Connection, census: &Census) -> Option<Sample> {
    let view = census.view().await;
    let (hosts, pods) = (view.hosts.ok()?, view.pods.ok()?);
    Some(sample(conn, &hosts, &pods, &StatsScope::AllHosts).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn counts_follow_creation_and_deletion() {
    let conn = connection().await;
    // Started before anything is made: what follows reaches it through its watches.
    let census = Arc::new(Census::start(&conn).unwrap());
    let ns = unique("kubic-counts");
    let id = unique("counts");
    let host = format!("{id}-host");
    census.view().await.pods.expect("the census lists the pods");
    create_namespace(&conn, &ns).await.unwrap();
    create_host(&conn, &host, &id).await;
    create_pinned_deployment(&conn, &ns, &id, 2).await;
    let (c, body_ns, body_host) = (conn.clone(), ns.clone(), host.clone());
    let body = async move {
        let conn = c;
        // Counted while nothing else changes: the same list before and after the overview.
        let consistent = |want_mine: bool| {
            let (conn, ns, host, census) = (conn.clone(), body_ns.clone(), body_host.clone(), census.clone());
            async move {
                let pods = Api::<Pod>::all(conn.client.clone());
                let before = pods.list(&ListParams::default()).await.ok()?.items;
                let counts = overview(&conn, &census.view().await).await;
                let after = pods.list(&ListParams::default()).await.ok()?.items;
                let namespaces = Api::<Namespace>::all(conn.client.clone());
                let projects = namespaces.list_metadata(&ListParams::default()).await.ok()?.items;
                let nodes = Api::<Node>::all(conn.client.clone())
                    .list_metadata(&ListParams::default())
                    .await
                    .ok()?;
                let mine = before
                    .iter()
                    .filter(|p| p.metadata.namespace.as_deref() == Some(ns.as_str()));
                let has_host = nodes
                    .items
                    .iter()
                    .any(|n| n.metadata.name.as_deref() == Some(host.as_str()));
                let has_project = projects.iter().any(|p| p.metadata.name.as_deref() == Some(ns.as_str()));
                let present = mine.count() == 2 && has_host && has_project;
                let gone = !has_host && !has_project;
                let stable = before.len() == after.len();
                (stable
                    && counts.pods.as_ref().ok()?.total == before.len()
                    && counts.projects.as_ref().ok()?.total == projects.len()
                    && counts.hosts.as_ref().ok()?.total == nodes.items.len()
                    && if want_mine { present } else { gone })
                .then_some(counts)
            }
        };
        let counts = eventually("counts including the new project, host and pods", LONG, || {
            consistent(true)
        })
        .await;
        let hosts = counts.hosts.unwrap();
        assert!(hosts.ready.unwrap() <= hosts.total && hosts.total >= 3, "{hosts:?}");
        assert!(counts.pods.unwrap().ready.is_some());
        remove_hosts(&conn, std::slice::from_ref(&body_host)).await;
        delete_namespace(&conn, &body_ns).await.unwrap();
        eventually("counts without them", LONG, || consistent(false)).await;
    };
    let cleanup_conn = conn.clone();
    guarded(body, async move {
        remove_hosts(&cleanup_conn, &[host]).await;
        let _ = delete_namespace(&cleanup_conn, &ns).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_of_both_minions_appear_and_kubelet_stats_say_why_not() {
    let conn = connection().await;
    let mut metrics = Metrics::new(600);
    let census = Arc::new(Census::start(&conn).unwrap());
    let found = eventually("CPU and memory use of kube-minion1 and kube-minion2", LONG, || {
        let (conn, census) = (conn.clone(), census.clone());
        async move {
            let sample = sample_all(&conn, &census).await?;
            let both = ["kube-minion1", "kube-minion2"].iter().all(|name| {
                sample
                    .nodes
                    .iter()
                    .any(|n| &n.name == name && n.cpu_used.is_some() && n.memory_used.is_some())
            });
            both.then_some(sample)
        }
    })
    .await;
    let minion = found.nodes.iter().find(|n| n.name == "kube-minion1").unwrap();
    assert_eq!(minion.cpu_allocatable, 4000.0);
    assert_eq!(minion.memory_allocatable, 8.0 * 1024.0 * 1024.0 * 1024.0);
    assert!(minion.cpu_used.unwrap() > 0.0);
    metrics.record(Ok(&found));
    let host = metrics.host("kube-minion1").unwrap();
    assert!(host.usage_na.is_none());
    assert!(host.cpu_percent().unwrap() > 0.0);
    assert!(metrics.cluster.cpu_used.latest().unwrap() > 0.0);
    // The local cluster's API server refuses the node proxy to KWOK's kubelets: the
    // charts must say so rather than draw zeros.
    match minion.stats.as_ref().expect("every host's stats are asked") {
        Err(why) => {
            assert!(why.contains("kubelet stats summary"), "{why}");
            assert!(
                metrics
                    .cluster
                    .network_na
                    .as_deref()
                    .unwrap()
                    .contains("kubelet stats summary")
            );
            assert!(metrics.cluster.rx.is_empty());
        }
        Ok(stats) => assert!(stats.network.is_some() || stats.filesystem.is_some()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn cordon_uncordon_and_taints_on_a_host() {
    let conn = connection().await;
    let id = unique("cordon");
    let host = format!("{id}-host");
    create_host(&conn, &host, &id).await;
    let (c, name) = (conn.clone(), host.clone());
    let body =
        async move {
            let conn = c;
            set_unschedulable(&conn, &name, true).await.unwrap();
            assert_eq!(node(&conn, &name).await.spec.unwrap().unschedulable, Some(true));
            set_unschedulable(&conn, &name, false).await.unwrap();
            assert_ne!(node(&conn, &name).await.spec.unwrap().unschedulable, Some(true));

            let add = taint::parse("kubic.io/maintenance=soon:NoExecute").unwrap();
            change_taint(&conn, &name, &add).await.unwrap();
            let taints = node(&conn, &name).await.spec.unwrap().taints.unwrap();
            assert!(taints.iter().any(|t| t.key == "kubic.io/maintenance"
                && t.value.as_deref() == Some("soon")
                && t.effect == "NoExecute"));
            assert!(
                taints.iter().any(|t| t.key == TEST_LABEL),
                "the host's own taint is kept: {taints:?}"
            );
            let again = change_taint(&conn, &name, &add).await.unwrap_err();
            assert!(again.to_string().contains("already has a taint"), "{again}");
            let remove = taint::parse("kubic.io/maintenance:NoExecute-").unwrap();
            change_taint(&conn, &name, &remove).await.unwrap();
            let taints = node(&conn, &name).await.spec.unwrap().taints.unwrap_or_default();
            assert!(!taints.iter().any(|t| t.key == "kubic.io/maintenance"));
            assert!(taints.iter().any(|t| t.key == TEST_LABEL), "{taints:?}");
            let missing = change_taint(&conn, &name, &remove).await.unwrap_err();
            assert!(
                matches!(missing, KubeError::Invalid(ref m) if m.to_string().contains("has no taint")),
                "{missing}"
            );
        };
    let cleanup_conn = conn.clone();
    guarded(body, async move { remove_hosts(&cleanup_conn, &[host]).await }).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn drain_moves_a_deployments_pods_to_the_other_host() {
    let conn = connection().await;
    let ns = unique("kubic-drain");
    let id = unique("drain");
    let (first, second) = (format!("{id}-a"), format!("{id}-b"));
    create_namespace(&conn, &ns).await.unwrap();
    create_host(&conn, &first, &id).await;
    create_host(&conn, &second, &id).await;
    let (c, body_ns, a, b) = (conn.clone(), ns.clone(), first.clone(), second.clone());
    let body = async move {
        let conn = c;
        // The second host is closed until the pods are on the first one.
        set_unschedulable(&conn, &b, true).await.unwrap();
        create_pinned_deployment(&conn, &body_ns, &id, 2).await;
        let before = eventually("two pods running on the first host", LONG, || {
            let (conn, ns, a) = (conn.clone(), body_ns.clone(), a.clone());
            async move {
                let pods = running_pods(&conn, &ns).await;
                (pods.len() == 2 && pods.iter().all(|(_, n)| n == &a)).then_some(pods)
            }
        })
        .await;
        set_unschedulable(&conn, &b, false).await.unwrap();

        let lines = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&lines);
        let options = DrainOptions {
            timeout: Duration::from_secs(60),
            local_storage: false,
            force: false,
        };
        let done = drain(&conn, &a, options, move |line| seen.lock().unwrap().push(line))
            .await
            .unwrap();
        assert!(done.starts_with(&format!("drained {a}: 2 pod(s) evicted")), "{done}");
        let lines = lines.lock().unwrap().clone();
        assert_eq!(lines.first().unwrap(), &format!("drain {a}: cordoned"));
        for (pod, _) in &before {
            assert!(
                lines.contains(&format!("drain {a}: evicted {}/{pod}", body_ns)),
                "{pod} in {lines:?}"
            );
        }
        assert_eq!(node(&conn, &a).await.spec.unwrap().unschedulable, Some(true));
        eventually("the Deployment's pods running again on the second host", LONG, || {
            let (conn, ns, b) = (conn.clone(), body_ns.clone(), b.clone());
            async move {
                let pods = running_pods(&conn, &ns).await;
                (pods.len() == 2 && pods.iter().all(|(_, n)| n == &b)).then_some(())
            }
        })
        .await;
        set_unschedulable(&conn, &a, false).await.unwrap();
    };
    let cleanup_conn = conn.clone();
    guarded(body, async move {
        let _ = delete_namespace(&cleanup_conn, &ns).await;
        remove_hosts(&cleanup_conn, &[first, second]).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drain_blocked_by_a_disruption_budget_is_reported() {
    let conn = connection().await;
    let ns = unique("kubic-pdb");
    let id = unique("pdb");
    let host = format!("{id}-host");
    create_namespace(&conn, &ns).await.unwrap();
    create_host(&conn, &host, &id).await;
    let (c, body_ns, name) = (conn.clone(), ns.clone(), host.clone());
    let body = async move {
        let conn = c;
        create_pinned_deployment(&conn, &body_ns, &id, 1).await;
        let pdb: PodDisruptionBudget = serde_json::from_value(json!({
            "metadata": {"name": "keep-one"},
            "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "pinned"}}}
        }))
        .unwrap();
        let pdbs = Api::<PodDisruptionBudget>::namespaced(conn.client.clone(), &body_ns);
        pdbs.create(&PostParams::default(), &pdb).await.unwrap();
        let pods = eventually("the pod running and the budget observed", LONG, || {
            let (conn, ns, pdbs) = (conn.clone(), body_ns.clone(), pdbs.clone());
            async move {
                let pods = running_pods(&conn, &ns).await;
                let status = pdbs.get("keep-one").await.ok()?.status?;
                (pods.len() == 1 && status.current_healthy == Some(1) && status.disruptions_allowed == Some(0))
                    .then_some(pods)
            }
        })
        .await;
        let options = DrainOptions {
            timeout: Duration::from_secs(5),
            local_storage: false,
            force: false,
        };
        let started = std::time::Instant::now();
        let error = drain(&conn, &name, options, drop).await.unwrap_err().to_string();
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(30),
            "the 5 s timeout is honoured, took {took:?}"
        );
        let pod = &pods[0].0;
        assert!(
            error.contains(&format!("drain of {name} incomplete (0 evicted)")),
            "{error}"
        );
        assert!(
            error.contains(&format!("{body_ns}/{pod}: blocked by a PodDisruptionBudget")),
            "{error}"
        );
        assert_eq!(
            running_pods(&conn, &body_ns).await,
            pods,
            "the protected pod keeps running"
        );
    };
    let cleanup_conn = conn.clone();
    guarded(body, async move {
        let _ = delete_namespace(&cleanup_conn, &ns).await;
        remove_hosts(&cleanup_conn, &[host]).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_description_is_shared_through_the_cluster() {
    let conn = connection().await;
    let previous = description(&conn).await.unwrap();
    let text = unique("Production, Paris DC");
    let body_conn = conn.clone();
    let body = async move {
        set_description(&body_conn, &text).await.unwrap();
        assert_eq!(description(&body_conn).await.unwrap(), Some(text.clone()));
        let refused = set_description(&body_conn, "two\nlines").await.unwrap_err();
        assert!(matches!(refused, KubeError::Invalid(_)), "{refused}");
        assert_eq!(description(&body_conn).await.unwrap(), Some(text));
    };
    guarded(body, async move {
        set_description(&conn, previous.as_deref().unwrap_or_default())
            .await
            .unwrap();
    })
    .await;
}
