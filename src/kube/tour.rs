//! What the tour counts: one list per KUBIC kind (metadata only where the count is all
//! it needs), each failing on its own.

use ::kube::api::ListParams;
use ::kube::{Api, Resource};
use k8s_openapi::api::core::v1::{Namespace, Node};
use serde::de::DeserializeOwned;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::crd::{App, AppPhase, BuildRecipe, Catalog, IPPool, ImageBuild, Registry};
use crate::model::failure::Failure;
use crate::model::tour::TourCounts;

/// Counts every step's objects at once.
pub async fn counts(connection: &Connection) -> TourCounts {
    let (hosts, pools, projects, registries, builds, recipes, catalogs, apps) = futures::join!(
        hosts(connection),
        list::<IPPool>(connection),
        how_many::<Namespace>(connection),
        how_many::<Registry>(connection),
        how_many::<ImageBuild>(connection),
        how_many::<BuildRecipe>(connection),
        how_many::<Catalog>(connection),
        list::<App>(connection),
    );
    let ip_pool = pools.map(|pools| {
        let ips = pools.iter().map(|p| p.spec.ips.len()).sum();
        let hosts = pools.iter().filter(|p| !p.spec.ips.is_empty()).count();
        (ips, hosts)
    });
    let apps = apps.map(|apps| {
        let running = apps
            .iter()
            .filter(|a| a.status.as_ref().map(|s| s.phase) == Some(AppPhase::Running))
            .count();
        (running, apps.len())
    });
    TourCounts {
        hosts: hosts.map_err(Failure::from),
        ip_pool: ip_pool.map_err(Failure::from),
        projects: projects.map_err(Failure::from),
        registries: registries.map_err(Failure::from),
        images: builds.and_then(|b| recipes.map(|r| (b, r))).map_err(Failure::from),
        catalogs: catalogs.map_err(Failure::from),
        apps: apps.map_err(Failure::from),
    }
}

/// Ready hosts and all hosts.
async fn hosts(connection: &Connection) -> Result<(usize, usize), KubeError> {
    let nodes = list::<Node>(connection).await?;
    let ready = nodes
        .iter()
        .filter(|node| {
            let conditions = node.status.as_ref().and_then(|s| s.conditions.as_ref());
            conditions
                .into_iter()
                .flatten()
                .any(|c| c.type_ == "Ready" && c.status == "True")
        })
        .count();
    Ok((ready, nodes.len()))
}

async fn list<K>(connection: &Connection) -> Result<Vec<K>, KubeError>
where
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + std::fmt::Debug,
{
    let api: Api<K> = Api::all(connection.client.clone());
    Ok(api
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?
        .items)
}

async fn how_many<K>(connection: &Connection) -> Result<usize, KubeError>
where
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + std::fmt::Debug,
{
    let api: Api<K> = Api::all(connection.client.clone());
    let list = api
        .list_metadata(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    Ok(list.items.len())
}
