//! Rows of KUBIC's own kinds: apps (state, size, tag, service IPs), catalogs, IP pools.

use kube::core::DynamicObject;
use serde_json::Value;

use super::{Drill, Health, items, text};

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
}
