//! Discovery: every kind the API server serves (preferred versions, CRDs included),
//! with the short names kubectl users type.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResourceList;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::resource::ResourceKind;

/// Lists the listable kinds of the core group and of every group's preferred version.
pub async fn discover(connection: &Connection) -> Result<Vec<ResourceKind>, KubeError> {
    let client = &connection.client;
    let explain = explain(connection);
    let mut kinds = Vec::new();
    let core = client.list_core_api_versions().await.map_err(explain)?;
    for version in core.versions {
        let list = client.list_core_api_resources(&version).await.map_err(explain)?;
        kinds.extend(kinds_of("", &version, list));
    }
    let groups = client.list_api_groups().await.map_err(explain)?;
    for group in groups.groups {
        let Some(preferred) = group.preferred_version.or_else(|| group.versions.into_iter().next()) else {
            continue;
        };
        // A group whose aggregated server is down must not hide all the others.
        if let Ok(list) = client.list_api_group_resources(&preferred.group_version).await {
            kinds.extend(kinds_of(&group.name, &preferred.version, list));
        }
    }
    Ok(kinds)
}

fn kinds_of(group: &str, version: &str, list: APIResourceList) -> impl Iterator<Item = ResourceKind> + use<> {
    let group = group.to_string();
    let version = version.to_string();
    list.resources
        .into_iter()
        .filter(|r| !r.name.contains('/') && r.verbs.iter().any(|v| v == "list"))
        .map(move |r| ResourceKind {
            group: group.clone(),
            version: version.clone(),
            singular: if r.singular_name.is_empty() {
                r.kind.to_lowercase()
            } else {
                r.singular_name
            },
            kind: r.kind,
            plural: r.name,
            short_names: r.short_names.unwrap_or_default(),
            namespaced: r.namespaced,
            verbs: r.verbs,
        })
}
