//! The choices forms offer, read from the cluster and registries: the cluster's hosts,
//! each host's free service IPs, and the versions of a recipe a registry has that no
//! image build made yet (the picking itself is `model::choices`).

use crate::model::refusal::Refusal;
use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::ListParams;
use k8s_openapi::api::core::v1::Node;

use super::explain;
use super::ippools::{all_apps, pools};
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::model::choices;
use crate::model::crd::{BuildRecipe, ImageBuild};
use crate::model::failure::Failure;
use crate::oci::{RegistryClient, RegistryError};

/// Page size of a registry's tag listing.
const PAGE: usize = 100;

/// The hosts (nodes) by name, read as metadata only: a thousand hosts stay cheap.
pub async fn host_names(connection: &Connection) -> Result<Vec<String>, KubeError> {
    let list = Api::<Node>::all(connection.client.clone())
        .list_metadata(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    let mut names: Vec<String> = list.items.into_iter().filter_map(|n| n.metadata.name).collect();
    names.sort();
    Ok(names)
}

/// Each host's pool IPs that no app holds.
pub async fn free_ips(connection: &Connection) -> Result<BTreeMap<String, Vec<String>>, KubeError> {
    let pools = pools(connection).await?;
    let apps = all_apps(connection).await?;
    Ok(choices::free_ips(&pools, &apps, None))
}

/// The tags of `recipe`'s repository in registry `registry` that no build of the recipe
/// into it made; a repository the registry does not have yet has none.
pub async fn unbuilt_tags(connection: &Connection, recipe: &str, registry: &str) -> Result<Vec<String>, Failure> {
    let client = connection.client.clone();
    let image = Api::<BuildRecipe>::all(client.clone())
        .get_opt(recipe)
        .await
        .map_err(explain(connection))?
        .ok_or_else(|| KubeError::from(Refusal::NoRecipe { name: recipe.into() }))?
        .spec
        .image;
    let endpoint = super::registries::endpoint(connection, registry).await?;
    let tags = match RegistryClient::new(endpoint)?.tags(&image, PAGE).await {
        Ok(tags) => tags,
        Err(RegistryError::NotFound { .. }) => Vec::new(),
        Err(error) => return Err(error.into()),
    };
    let builds = Api::<ImageBuild>::all(client)
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?
        .items;
    Ok(choices::unbuilt_tags(&tags, &builds, recipe, registry))
}
