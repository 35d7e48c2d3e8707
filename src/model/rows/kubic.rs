//! Rows of KUBIC's own kinds: apps (state, size, tag, service IPs), catalogs, IP pools.

use kube::core::DynamicObject;
use serde_json::Value;

use super::{AppFacts, Drill, Health, IpPoolFacts, RowFacts, at, int, items, raw, strings, text};

pub const APP_COLUMNS: &[&str] = &[
    "CATALOG",
    "TAG",
    "STATE",
    "READY",
    "UPDATED",
    "AVAILABLE",
    "REPLICAS",
    "SERVICE-IPS",
    "REV",
];
pub const CATALOG_COLUMNS: &[&str] = &["REGISTRY", "IMAGE", "DESCRIPTION"];
pub const IPPOOL_COLUMNS: &[&str] = &["HOST", "IPS"];

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn app(object: &DynamicObject) -> Projection {
    let state = match text(object, "/status/phase").as_str() {
        "-" => "Halted".to_string(),
        phase => phase.to_string(),
    };
    let health = match state.as_str() {
        "Running" => Health::Ok,
        "Pending" | "Updating" => Health::Pending,
        "Failed" => Health::Error,
        _ => Health::Neutral,
    };
    let ips: Vec<&str> = items(object, "/spec/serviceIps")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let cells = vec![
        text(object, "/spec/catalog"),
        text(object, "/spec/tag"),
        state,
        text(object, "/status/ready"),
        text(object, "/status/updated"),
        text(object, "/status/available"),
        text(object, "/spec/replicas"),
        if ips.is_empty() { "<none>".into() } else { ips.join(",") },
        text(object, "/spec/revision"),
    ];
    let drill = object.metadata.name.clone().map(|name| Drill::SelectedPods {
        namespace: object.metadata.namespace.clone().unwrap_or_default(),
        selector: format!("{}={name}", crate::model::crd::APP_LABEL),
    });
    (cells, health, drill)
}

pub fn catalog(object: &DynamicObject) -> Projection {
    let description = text(object, "/spec/description").replace('\n', " ");
    let cells = vec![text(object, "/spec/registry"), text(object, "/spec/image"), description];
    (cells, Health::Neutral, None)
}

pub fn ippool(object: &DynamicObject) -> Projection {
    let ips: Vec<&str> = items(object, "/spec/ips").iter().filter_map(Value::as_str).collect();
    let cells = vec![text(object, "/spec/host"), ips.join(",")];
    (cells, Health::Neutral, None)
}

/// What the app keys start from: catalog, tag, replicas, service IPs and revision.
pub fn app_facts(object: &DynamicObject) -> RowFacts {
    RowFacts::App(Box::new(AppFacts {
        catalog: raw(object, "/spec/catalog"),
        tag: raw(object, "/spec/tag"),
        replicas: at(object, "/spec/replicas").and_then(Value::as_i64),
        service_ips: strings(object, "/spec/serviceIps"),
        revision: u32::try_from(int(object, "/spec/revision")).unwrap_or(0),
    }))
}

/// The host whose IPs the pool holds.
pub fn ippool_facts(object: &DynamicObject) -> RowFacts {
    RowFacts::IpPool(Box::new(IpPoolFacts {
        host: raw(object, "/spec/host"),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::object;
    use super::*;
    use serde_json::json;

    #[test]
    fn an_app_row_shows_state_size_tag_and_ips_and_drills_into_its_pods() {
        let o = object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "dns", "namespace": "demo"},
            "spec": {"catalog": "bind", "tag": "9.18", "replicas": 2, "serviceIps": ["192.0.2.10"], "revision": 3},
            "status": {"phase": "Running", "ready": "2/2", "updated": 2, "available": 2}
        }));
        let (cells, health, drill) = app(&o);
        assert_eq!(
            cells,
            ["bind", "9.18", "Running", "2/2", "2", "2", "2", "192.0.2.10", "3"]
        );
        assert_eq!(health, Health::Ok);
        assert_eq!(
            drill,
            Some(Drill::SelectedPods {
                namespace: "demo".into(),
                selector: "kubic.io/app=dns".into()
            })
        );
    }

    #[test]
    fn a_new_app_without_status_is_halted() {
        let o = object(
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "a"},
                              "spec": {"catalog": "bind", "tag": "1", "replicas": 1}}),
        );
        assert_eq!(app(&o).0[2], "Halted");
        assert_eq!(app(&o).0[7], "<none>");
    }

    #[test]
    fn an_app_row_knows_its_catalog_tag_replicas_ips_and_revision() {
        let o = object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "dns", "namespace": "demo"},
            "spec": {"catalog": "bind", "tag": "9.18", "replicas": 2,
                     "serviceIps": ["192.0.2.10", "192.0.2.11"], "revision": 3}
        }));
        let facts = app_facts(&o);
        let app = facts.app().unwrap();
        assert_eq!((app.catalog.as_str(), app.tag.as_str()), ("bind", "9.18"));
        assert_eq!(app.replicas, Some(2));
        assert_eq!(app.service_ips, ["192.0.2.10", "192.0.2.11"]);
        assert_eq!((app.revision, app.previous_revision()), (3, Some(2)));
    }

    #[test]
    fn a_new_app_has_no_ips_and_no_revision_to_go_back_to() {
        let o = object(
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "a"},
                              "spec": {"catalog": "bind", "tag": "1", "replicas": 1}}),
        );
        let facts = app_facts(&o);
        let app = facts.app().unwrap();
        assert!(app.service_ips.is_empty());
        assert_eq!((app.revision, app.previous_revision()), (0, None));
        let bare = object(json!({"apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "b"}}));
        assert_eq!(
            app_facts(&bare).app().unwrap().replicas,
            None,
            "no replicas are made up"
        );
    }

    #[test]
    fn an_ip_pool_row_knows_its_host() {
        let o = object(
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "IPPool", "metadata": {"name": "p"},
                              "spec": {"host": "kube-minion1", "ips": ["192.0.2.10"]}}),
        );
        assert_eq!(ippool_facts(&o).ip_pool().unwrap().host, "kube-minion1");
        assert_eq!(ippool(&o).0, ["kube-minion1", "192.0.2.10"]);
    }
}
