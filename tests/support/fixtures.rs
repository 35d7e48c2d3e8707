//! Fixtures for KUBIC tests: the bind sample catalog and a small app made from it.

use std::time::Duration;

use kubic::kube::Connection;
use kubic::kube::kubic::apps::NewApp;
use kubic::kube::kubic::projects;
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
