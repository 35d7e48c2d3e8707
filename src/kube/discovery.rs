//! Discovery: every kind the API server serves (preferred versions, CRDs included),
//! with the short names kubectl users type.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResourceList;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::resource::{Known, ResourceKind};

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
            known: Known::of(&group, &r.kind),
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

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResource;

    fn resource(name: &str, kind: &str) -> APIResource {
        APIResource {
            name: name.into(),
            kind: kind.into(),
            namespaced: true,
            verbs: ["get", "list", "watch"].map(String::from).to_vec(),
            ..APIResource::default()
        }
    }

    fn list(resources: Vec<APIResource>) -> APIResourceList {
        APIResourceList {
            group_version: String::new(),
            resources,
        }
    }

    #[test]
    fn discovered_kinds_resolve_to_what_kubic_knows_them_as() {
        let core: Vec<ResourceKind> = kinds_of("", "v1", list(vec![resource("pods", "Pod")])).collect();
        assert_eq!(core[0].known(), Some(Known::Pod));
        let kubic = list(vec![
            resource("apps", "App"),
            resource("ippools", "IPPool"),
            resource("widgets", "Widget"),
        ]);
        let kubic: Vec<Option<Known>> = kinds_of("kubic.io", "v1alpha1", kubic).map(|k| k.known()).collect();
        assert_eq!(kubic, [Some(Known::App), Some(Known::IpPool), None]);
        let other: Vec<ResourceKind> = kinds_of("example.com", "v1", list(vec![resource("apps", "App")])).collect();
        assert_eq!(other[0].known(), None, "an App of another group is not KUBIC's");
    }

    #[test]
    fn subresources_and_unlistable_kinds_are_left_out() {
        let mut exec = resource("pods/exec", "PodExecOptions");
        exec.verbs = vec!["create".into()];
        let kinds: Vec<ResourceKind> = kinds_of("", "v1", list(vec![resource("pods", "Pod"), exec])).collect();
        assert_eq!(kinds.len(), 1);
        assert_eq!(kinds[0].singular, "pod");
    }
}
