//! Fixtures for KUBIC tests: the bind sample catalog and a small app made from it.

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, PostParams};
use serde_json::json;

use kubic::kube::Connection;
use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use kubic::model::cluster::NewApp;
use kubic::model::crd::{AppPort, Catalog, CatalogSpec};

/// The spec of the shipped bind sample catalog.
pub fn bind_spec() -> CatalogSpec {
    let catalog: Catalog = serde_saphyr::from_str(include_str!("../../catalogs/bind.yaml")).expect("the bind sample");
    catalog.spec
}

/// A one-replica DNS app `dns` in `project` from `catalog`, without host or service IPs.
pub fn small_dns_app(project: &str, catalog: &str) -> NewApp {
    NewApp {
        project: project.into(),
        name: "dns".into(),
        catalog: catalog.into(),
        tag: "9.18".into(),
        replicas: 1,
        cpu_millis: None,
        memory: None,
        ports: vec![AppPort {
            port: 53,
            protocol: "UDP".into(),
        }],
        host: None,
        service_ips: vec![],
    }
}

/// Waits until nothing runs in `project` any more (its apps are gone), then deletes it.
pub async fn delete_project_when_empty(conn: &Connection, project: &str) {
    super::eventually("the project's pods to be gone", Duration::from_secs(90), || async {
        projects::running_pods(conn, project)
            .await
            .ok()?
            .is_empty()
            .then_some(())
    })
    .await;
    projects::delete_project(conn, project)
        .await
        .expect("delete the empty project");
}

/// Waits until `app` in `ns` has `count` running pods.
pub async fn running_pods(conn: &Connection, ns: &str, app: &str, count: usize) {
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), ns);
    super::eventually(
        &format!("{count} running pods of {app}"),
        Duration::from_secs(90),
        || async {
            let list = pods
                .list(&ListParams::default().labels(&format!("kubic.io/app={app}")))
                .await
                .ok()?;
            let running = list
                .items
                .iter()
                .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
                .count();
            (running == count).then_some(())
        },
    )
    .await
}

/// A new project (named after `prefix`) with two running apps, `dns` and `dns2`, made
/// from one new bind catalog, plus a pod of `dns2` no node can take (so nothing can run
/// in it); returns the project and the catalog.
pub async fn two_apps_and_a_stuck_pod(conn: &Connection, prefix: &str) -> (String, String) {
    install(conn).await.expect("kubic install");
    let project = super::unique(prefix);
    projects::create_project(conn, &project).await.expect("create project");
    let catalog = super::unique("bind");
    catalogs::save_catalog(conn, &catalog, bind_spec())
        .await
        .expect("save catalog");
    for name in ["dns", "dns2"] {
        let mut app = small_dns_app(&project, &catalog);
        app.name = name.into();
        apps::create_app(conn, app).await.expect("create app");
        apps::run_app(conn, &project, name).await.expect("run app");
        running_pods(conn, &project, name, 1).await;
    }
    let stuck: Pod = serde_json::from_value(json!({
        "metadata": {"name": "dns2-stuck", "labels": {"kubic.io/app": "dns2"}},
        "spec": {"nodeSelector": {"kubic.io/no-such-node": "true"},
                 "containers": [{"name": "main", "image": "registry.local/bind:9.18"}]}
    }))
    .expect("the stuck pod");
    Api::<Pod>::namespaced(conn.client.clone(), &project)
        .create(&PostParams::default(), &stuck)
        .await
        .expect("create the stuck pod");
    (project, catalog)
}

/// A Deployment `name` of `replicas` pods in `ns` (labelled `app=<name>`), each reporting
/// 250m CPU and 64Mi of memory to metrics-server.
pub async fn create_deployment(conn: &Connection, ns: &str, name: &str, replicas: i32) {
    let deployment: k8s_openapi::api::apps::v1::Deployment = serde_json::from_value(json!({
        "metadata": {"name": name},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name},
                             "annotations": {"kwok.x-k8s.io/usage-cpu": "250m",
                                             "kwok.x-k8s.io/usage-memory": "64Mi"}},
                "spec": {"containers": [{"name": "main", "image": "registry.local/demo:1.0"}]}
            }
        }
    }))
    .expect("a valid deployment");
    Api::<k8s_openapi::api::apps::v1::Deployment>::namespaced(conn.client.clone(), ns)
        .create(&PostParams::default(), &deployment)
        .await
        .expect("create deployment");
}

/// Runs `drive` (blocking: it types into a pty) with a simulated host of its own, named
/// after `prefix` and tainted so no other test's pods land on it; the host is removed
/// afterwards, also when `drive` panics (and the panic then goes on).
pub async fn with_test_host(conn: &Connection, prefix: &str, drive: impl FnOnce(&str) + Send + 'static) {
    use k8s_openapi::api::core::v1::Node;
    use kube::api::DeleteParams;

    let host = super::unique(prefix);
    let node: Node = serde_json::from_value(json!({
        "metadata": {"name": host, "annotations": {"kwok.x-k8s.io/node": "fake"}},
        "spec": {"taints": [{"key": "kubic.io/e2e", "value": "x", "effect": "NoSchedule"}]},
        "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"},
                   "capacity": {"cpu": "2", "memory": "4Gi", "pods": "110"}}
    }))
    .unwrap();
    let nodes = Api::<Node>::all(conn.client.clone());
    nodes.create(&PostParams::default(), &node).await.unwrap();
    let name = host.clone();
    let result = tokio::task::spawn_blocking(move || drive(&name)).await;
    let _ = nodes.delete(&host, &DeleteParams::default()).await;
    if let Err(error) = result {
        std::panic::resume_unwind(error.into_panic());
    }
}
