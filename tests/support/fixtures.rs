//! Fixtures for KUBIC tests: the bind sample catalog and a small app made from it.

use kubic::kube::kubic::apps::NewApp;
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
