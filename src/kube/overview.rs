//! The dashboard's counts (hosts, projects, apps, pods) and the cluster's description,
//! kept in the ConfigMap kubic-system/kubic-cluster so every operator sees the same one.

use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::{ListParams, Patch, PatchParams, PostParams};
use k8s_openapi::api::core::v1::{ConfigMap, Namespace};
use serde_json::json;

use super::census::CensusView;
use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd::App;
use crate::model::failure::{Failure, FailureKind};
use crate::model::metrics::overview::{Count, Overview, validate_description};

pub const CONFIGMAP: &str = "kubic-cluster";
const KEY: &str = "description";

/// Counts every kind the dashboard shows; each count fails on its own. Hosts and pods
/// come from the census; projects, apps and the description (few objects) are read.
pub async fn overview(connection: &Connection, census: &CensusView) -> Overview {
    let (projects, apps, description) = futures::join!(projects(connection), apps(connection), description(connection));
    let hosts = census.hosts.as_ref().map(|hosts| Count {
        total: hosts.len(),
        ready: Some(hosts.iter().filter(|h| h.ready).count()),
    });
    let pods = census.pods.as_ref().map(|pods| Count {
        total: pods.total,
        ready: Some(pods.ready),
    });
    Overview {
        hosts: hosts.map_err(Failure::clone),
        projects: projects.map_err(Failure::from),
        apps: apps.map_err(|e| {
            if e.is_not_found() {
                Failure::new(FailureKind::NotFound, "N/A: kubic.io CRDs missing (kubic install)")
            } else {
                e.into()
            }
        }),
        pods: pods.map_err(Failure::clone),
        description: description.map_err(Failure::from),
    }
}

async fn projects(connection: &Connection) -> Result<Count, KubeError> {
    let list = Api::<Namespace>::all(connection.client.clone())
        .list_metadata(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    Ok(Count {
        total: list.items.len(),
        ready: None,
    })
}

async fn apps(connection: &Connection) -> Result<Count, KubeError> {
    let list = Api::<App>::all(connection.client.clone())
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    let running = list
        .items
        .iter()
        .filter(|a| a.status.as_ref().map(|s| s.phase) == Some(crate::model::crd::AppPhase::Running))
        .count();
    Ok(Count {
        total: list.items.len(),
        ready: Some(running),
    })
}

/// The shared description, `None` while nobody has written one.
pub async fn description(connection: &Connection) -> Result<Option<String>, KubeError> {
    let api: Api<ConfigMap> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    match api.get_opt(CONFIGMAP).await.map_err(explain(connection))? {
        Some(map) => Ok(map.data.and_then(|d| d.get(KEY).cloned())),
        None => Ok(None),
    }
}

/// Writes the description (validated), creating kubic-system and the ConfigMap on demand.
pub async fn set_description(connection: &Connection, text: &str) -> Result<(), KubeError> {
    let text = validate_description(text).map_err(KubeError::from)?;
    let namespaces: Api<Namespace> = Api::all(connection.client.clone());
    if namespaces
        .get_opt(SYSTEM_NAMESPACE)
        .await
        .map_err(explain(connection))?
        .is_none()
    {
        let namespace: Namespace = serde_json::from_value(json!({"metadata": {"name": SYSTEM_NAMESPACE}}))
            .map_err(|e| KubeError::Other(e.to_string()))?;
        match namespaces.create(&PostParams::default(), &namespace).await {
            Ok(_) => {}
            Err(::kube::Error::Api(status)) if status.code == 409 => {}
            Err(e) => return Err(explain(connection)(e)),
        }
    }
    let data = BTreeMap::from([(KEY.to_string(), text)]);
    let patch = json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": CONFIGMAP, "namespace": SYSTEM_NAMESPACE, "labels": {"app.kubernetes.io/managed-by": "kubic"}},
        "data": data,
    });
    Api::<ConfigMap>::namespaced(connection.client.clone(), SYSTEM_NAMESPACE)
        .patch(CONFIGMAP, &PatchParams::apply("kubic").force(), &Patch::Apply(&patch))
        .await
        .map(drop)
        .map_err(explain(connection))
}
