//! Proves the ground holds: every cluster capability kubic builds on, exercised through
//! kubic's own kube layer against the real local control plane.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use kube::Api;
use kube::api::ListParams;
use kube::runtime::watcher;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use kubic::kube::discovery::discover;
use kubic::kube::exec::{ExitStatus, exec};
use kubic::kube::install::{install, is_installed};
use kubic::kube::logs::{LogRequest, log_lines};
use kubic::kube::metrics::{node_metrics, pod_usage};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::objects::{self};
use kubic::kube::tables::watch_rows;
use kubic::kube::watch::{Watch, WatchNotice};
use kubic::kube::workloads::scale_deployment;
use kubic::kube::{Connection, KubeError};
use kubic::model::cluster::ExecRequest;
use kubic::model::cluster::ObjectRef;
use kubic::model::cluster::{RowEvent, Scope};
use kubic::model::crd::Catalog;
use kubic::model::resource::{Known, Registry};
use support::{connection, eventually, unique};

const LONG: Duration = Duration::from_secs(90);

#[tokio::test]
async fn nodes_are_listed_then_watched_with_init_done() {
    let conn = connection().await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let watch = Watch::<Node>::start(Api::all(conn.client.clone()), watcher::Config::default(), move |n| {
        let _ = tx.send(n);
    });
    let first = tokio::time::timeout(LONG, rx.recv())
        .await
        .expect("no notice from the node watch");
    assert_eq!(first, Some(WatchNotice::Ready), "the first notice must be InitDone");
    let names: BTreeSet<String> = watch
        .store()
        .state()
        .iter()
        .filter_map(|n| n.metadata.name.clone())
        .collect();
    assert!(
        names.contains("kube-minion1") && names.contains("kube-minion2"),
        "nodes seen: {names:?}"
    );
    assert!(
        watch
            .store()
            .state()
            .iter()
            .all(|n| n.metadata.managed_fields.is_none()
                || n.metadata.managed_fields.as_ref().is_some_and(|f| f.is_empty())),
        "managedFields must be dropped from the cache"
    );
}

#[tokio::test]
async fn a_namespace_is_created_then_deleted() {
    let conn = connection().await;
    let name = unique("kubic-ns");
    create_namespace(&conn, &name).await.expect("create namespace");
    let api: Api<Namespace> = Api::all(conn.client.clone());
    assert!(api.get_opt(&name).await.unwrap().is_some());
    let again = create_namespace(&conn, &name)
        .await
        .expect_err("a duplicate must be refused");
    assert!(matches!(again, KubeError::Refused { code: 409, .. }), "{again:?}");
    assert!(again.to_string().contains("already exists"), "{again}");
    delete_namespace(&conn, &name).await.expect("delete namespace");
    eventually("the namespace to disappear", LONG, || async {
        api.get_opt(&name).await.unwrap().is_none().then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_deployment_runs_its_pods_and_scales() {
    let conn = connection().await;
    let ns = TestNamespace::new(&conn).await;
    support::fixtures::create_deployment(&conn, &ns.0, "web", 2).await;
    wait_running_pods(&conn, &ns.0, "app=web", 2).await;

    scale_deployment(&conn, &ns.0, "web", 4).await.expect("scale up");
    wait_running_pods(&conn, &ns.0, "app=web", 4).await;
    scale_deployment(&conn, &ns.0, "web", 1).await.expect("scale down");
    wait_running_pods(&conn, &ns.0, "app=web", 1).await;

    let missing = scale_deployment(&conn, &ns.0, "nope", 1)
        .await
        .expect_err("unknown deployment");
    assert!(missing.is_not_found(), "{missing:?}");
    ns.delete(&conn).await;
}

#[tokio::test]
async fn a_container_log_is_read_and_followed() {
    let conn = connection().await;
    let ns = TestNamespace::new(&conn).await;
    support::fixtures::create_deployment(&conn, &ns.0, "chatty", 1).await;
    let pod = wait_running_pods(&conn, &ns.0, "app=chatty", 1).await.remove(0);

    let request = LogRequest {
        namespace: ns.0.clone(),
        pod,
        follow: true,
        ..LogRequest::default()
    };
    let mut lines = log_lines(&conn, &request).await.expect("open the log stream");
    let first = tokio::time::timeout(LONG, lines.next()).await.expect("no first line");
    assert!(
        first
            .expect("stream ended")
            .expect("stream broke")
            .contains("kubic devcluster")
    );

    let marker = unique("followed-line");
    support::append_container_log(&marker);
    let seen = tokio::time::timeout(LONG, async {
        while let Some(line) = lines.next().await {
            if line.expect("stream broke").contains(&marker) {
                return true;
            }
        }
        false
    })
    .await
    .expect("the appended line never arrived");
    assert!(seen, "the stream ended before the appended line");
    ns.delete(&conn).await;
}

#[tokio::test]
async fn a_command_runs_in_a_container_with_a_tty() {
    let conn = connection().await;
    let ns = TestNamespace::new(&conn).await;
    support::fixtures::create_deployment(&conn, &ns.0, "shell", 1).await;
    let pod = wait_running_pods(&conn, &ns.0, "app=shell", 1).await.remove(0);

    let request = ExecRequest {
        namespace: ns.0.clone(),
        pod,
        container: None,
        command: vec!["sh".into()],
        tty: true,
    };
    let mut session = exec(&conn, &request).await.expect("start exec");
    session.resize(100, 30).await.expect("resize the remote terminal");
    let mut stdin = session.stdin().expect("stdin");
    let mut stdout = session.stdout().expect("stdout");
    // Typed into the shell like an operator would; the pause lets the last output drain.
    stdin
        .write_all(b"tty; echo kubic-$((6*7)); sleep 0.5; exit\n")
        .await
        .expect("type into the remote shell");
    let mut output = String::new();
    tokio::time::timeout(LONG, stdout.read_to_string(&mut output))
        .await
        .expect("exec output never ended")
        .expect("read exec output");
    assert!(output.contains("/dev/pts/"), "no tty in: {output:?}");
    assert!(output.contains("kubic-42"), "command output missing in: {output:?}");
    assert_eq!(session.wait().await, ExitStatus::Success);
    ns.delete(&conn).await;
}

#[tokio::test]
async fn node_and_pod_metrics_are_served() {
    let conn = connection().await;
    let nodes = node_metrics(&conn).await.expect("node metrics");
    let names: BTreeSet<_> = nodes.iter().filter_map(|m| m.metadata.name.clone()).collect();
    assert!(names.contains("kube-minion1"), "node metrics: {names:?}");
    assert!(
        nodes
            .iter()
            .all(|m| m.usage.contains_key("cpu") && m.usage.contains_key("memory"))
    );

    let ns = TestNamespace::new(&conn).await;
    support::fixtures::create_deployment(&conn, &ns.0, "busy", 1).await;
    wait_running_pods(&conn, &ns.0, "app=busy", 1).await;
    let millis = eventually("pod metrics of the busy pod", LONG, || async {
        let pods = pod_usage(&conn, Some(&ns.0), Some("app=busy")).await.ok()?;
        pods.into_values().next().map(|usage| usage.cpu)
    })
    .await;
    assert!(
        (240.0..=260.0).contains(&millis),
        "the usage annotation (250m) drives the CPU, got {millis}m"
    );
    let other = pod_usage(&conn, Some(&ns.0), Some("app=none"))
        .await
        .expect("pod metrics");
    assert!(other.is_empty(), "the label selector narrows the list: {other:?}");
    ns.delete(&conn).await;
}

/// A namespace for one test, deleted by the test when it passes.
struct TestNamespace(String);

impl TestNamespace {
    async fn new(conn: &Connection) -> Self {
        let name = unique("kubic-test");
        create_namespace(conn, &name).await.expect("create the test namespace");
        TestNamespace(name)
    }

    async fn delete(self, conn: &Connection) {
        delete_namespace(conn, &self.0)
            .await
            .expect("delete the test namespace");
    }
}

/// Waits until exactly `count` pods matching `selector` run, and returns their names.
async fn wait_running_pods(conn: &Connection, ns: &str, selector: &str, count: usize) -> Vec<String> {
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), ns);
    let what = format!("{count} running pods with {selector} in {ns}");
    eventually(&what, LONG, || async {
        let list = pods.list(&ListParams::default().labels(selector)).await.ok()?;
        let live: Vec<&Pod> = list
            .items
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .collect();
        let running: Vec<String> = live
            .iter()
            .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
            .filter_map(|p| p.metadata.name.clone())
            .collect();
        (live.len() == count && running.len() == count).then_some(running)
    })
    .await
}

#[tokio::test]
async fn an_edit_is_dry_run_then_applied_and_a_conflict_or_invalid_edit_is_refused() {
    let conn = connection().await;
    let ns = TestNamespace::new(&conn).await;
    support::fixtures::create_deployment(&conn, &ns.0, "editable", 1).await;
    // Once its pod runs, the controllers stop updating the deployment's status.
    wait_running_pods(&conn, &ns.0, "app=editable", 1).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let object = ObjectRef {
        kind: Registry::builtin().known(Known::Deployment).unwrap().clone(),
        namespace: ns.0.clone(),
        name: "editable".into(),
    };
    let original = objects::get(&conn, &object).await.expect("read the deployment");

    let mut scaled = original.clone();
    scaled["spec"]["replicas"] = json!(2);
    objects::replace(&conn, &object, scaled)
        .await
        .expect("a valid edit applies");
    let after = objects::get(&conn, &object).await.unwrap();
    assert_eq!(after["spec"]["replicas"], 2);

    // The original's resourceVersion is now old: someone else changed the object meanwhile.
    let mut stale = original.clone();
    stale["spec"]["replicas"] = json!(3);
    let conflict = objects::replace(&conn, &object, stale)
        .await
        .expect_err("a stale edit must be refused");
    assert!(matches!(conflict, KubeError::Refused { code: 409, .. }), "{conflict:?}");
    assert!(conflict.to_string().contains("has been modified"), "{conflict}");

    wait_running_pods(&conn, &ns.0, "app=editable", 2).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let settled = objects::get(&conn, &object).await.unwrap();
    let mut invalid = settled.clone();
    invalid["spec"]["replicas"] = json!(-1);
    let refused = objects::replace(&conn, &object, invalid)
        .await
        .expect_err("an invalid edit must be refused");
    assert!(matches!(refused, KubeError::Refused { code: 422, .. }), "{refused:?}");
    let unchanged = objects::get(&conn, &object).await.unwrap();
    assert_eq!(
        unchanged["spec"]["replicas"], 2,
        "the dry run stops an invalid edit before it lands"
    );

    let mut renamed = settled.clone();
    renamed["metadata"]["name"] = json!("other");
    assert!(objects::replace(&conn, &object, renamed).await.is_err());

    objects::delete(&conn, &object).await.expect("delete");
    eventually("the deployment to disappear", LONG, || async {
        objects::get(&conn, &object).await.err().filter(KubeError::is_not_found)
    })
    .await;
    ns.delete(&conn).await;
}

#[tokio::test]
async fn any_kind_is_discovered_and_watched_as_rows() {
    let conn = connection().await;
    let kinds = discover(&conn).await.expect("discovery");
    let mut registry = Registry::builtin();
    registry.merge(kinds);
    let leases = registry
        .resolve("leases")
        .expect("coordination.k8s.io leases are discovered")
        .clone();
    assert_eq!(leases.group, "coordination.k8s.io");
    assert!(registry.resolve("apiservices").is_some());

    let (tx, mut rx) = mpsc::unbounded_channel();
    let nodes = registry.resolve("hosts").unwrap().clone();
    let _watch = watch_rows(&conn, &nodes, &Scope::default(), move |event| {
        let _ = tx.send(event);
    });
    let first = tokio::time::timeout(LONG, rx.recv())
        .await
        .expect("no rows")
        .expect("watch ended");
    let RowEvent::Reset(rows) = first else {
        panic!("the first event must be the complete list, got {first:?}")
    };
    let names: Vec<&str> = rows.iter().map(|r| r.key.name.as_str()).collect();
    assert!(
        names.contains(&"kube-minion1") && names.contains(&"kube-minion2"),
        "{names:?}"
    );
    assert!(rows.iter().all(|r| r.cells[0].starts_with("Ready")));
}

#[tokio::test]
async fn install_is_idempotent_and_the_bind_catalog_loads() {
    let conn = connection().await;
    let first = install(&conn).await.expect("kubic install");
    assert!(
        first.contains(&"CustomResourceDefinition/catalogs.kubic.io".to_string()),
        "{first:?}"
    );
    assert!(first.contains(&"Namespace/kubic-system".to_string()));
    install(&conn).await.expect("kubic install, again");
    assert!(is_installed(&conn).await.unwrap());

    let catalog: Catalog = serde_saphyr::from_str(include_str!("../catalogs/bind.yaml")).expect("the bind sample");
    let catalogs: Api<Catalog> = Api::all(conn.client.clone());
    let params = kube::api::PatchParams::apply("kubic-test").force();
    catalogs
        .patch("bind", &params, &kube::api::Patch::Apply(&catalog))
        .await
        .expect("the schema accepts the bind catalog");
    let stored = catalogs.get("bind").await.unwrap();
    assert_eq!(stored.spec.image, "bind");
    assert_eq!(
        kubic::catalog::check_template(&stored.spec.template).expect("the stored template renders"),
        2
    );
}
