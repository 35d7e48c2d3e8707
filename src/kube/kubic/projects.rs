//! Projects are namespaces. Deleting one that still runs pods is refused with the list
//! of what runs there, as KUBIC does.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, PostParams};
use k8s_openapi::api::core::v1::{Namespace, Pod};
use serde_json::json;

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::model::invalid::Part;
use crate::model::validate;

/// Creates the project `name` (a DNS-1123 label).
pub async fn create_project(connection: &Connection, name: &str) -> Result<(), KubeError> {
    validate::dns1123_label(name).map_err(|e| e.of(Part::ProjectName))?;
    let namespace: Namespace = serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {"kubic.io/project": "true"}}
    }))
    .map_err(|e| KubeError::Other(e.to_string()))?;
    Api::<Namespace>::all(connection.client.clone())
        .create(&PostParams::default(), &namespace)
        .await
        .map(|_| ())
        .map_err(explain(connection))
}

/// The projects there are, by name (those being deleted left out).
pub async fn project_names(connection: &Connection) -> Result<Vec<String>, KubeError> {
    let list = Api::<Namespace>::all(connection.client.clone())
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    let mut names: Vec<String> = list
        .items
        .into_iter()
        .filter(|n| n.metadata.deletion_timestamp.is_none())
        .filter_map(|n| n.metadata.name)
        .collect();
    names.sort();
    Ok(names)
}

/// The pods still running (or about to) in `project`, as `name (Status)`.
pub async fn running_pods(connection: &Connection, project: &str) -> Result<Vec<String>, KubeError> {
    let pods = Api::<Pod>::namespaced(connection.client.clone(), project)
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    Ok(pods
        .items
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .filter_map(|p| {
            let phase = p.status.as_ref()?.phase.clone().unwrap_or_else(|| "Pending".into());
            let name = p.metadata.name.clone()?;
            (phase == "Running" || phase == "Pending").then(|| format!("{name} ({phase})"))
        })
        .collect())
}

/// Deletes `project`, refused while pods run there.
pub async fn delete_project(connection: &Connection, project: &str) -> Result<(), KubeError> {
    let running = running_pods(connection, project).await?;
    if !running.is_empty() {
        return Err(KubeError::from(Refusal::ProjectRuns {
            project: project.into(),
            count: running.len(),
            pods: running.join(", "),
        }));
    }
    Api::<Namespace>::all(connection.client.clone())
        .delete(project, &DeleteParams::default())
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
