//! IP pools: service IPs registered per host. Invalid addresses, duplicates across
//! pools, unknown hosts and removing an IP an app uses are all refused.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{ListParams, PostParams};
use k8s_openapi::api::core::v1::Node;

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::model::app::ip_holders;
use crate::model::crd::{App, IPPool, IPPoolSpec};
use crate::model::validate;

/// Every pool in the cluster.
pub async fn pools(connection: &Connection) -> Result<Vec<IPPool>, KubeError> {
    Api::<IPPool>::all(connection.client.clone())
        .list(&ListParams::default())
        .await
        .map(|l| l.items)
        .map_err(explain(connection))
}

/// Every app in every project.
pub async fn all_apps(connection: &Connection) -> Result<Vec<App>, KubeError> {
    Api::<App>::all(connection.client.clone())
        .list(&ListParams::default())
        .await
        .map(|l| l.items)
        .map_err(explain(connection))
}

/// Registers `ip` as a service IP of `host`.
pub async fn add_ip(connection: &Connection, host: &str, ip: &str) -> Result<(), KubeError> {
    let ip = validate::ip_address(ip)?;
    let nodes: Api<Node> = Api::all(connection.client.clone());
    if nodes.get_opt(host).await.map_err(explain(connection))?.is_none() {
        return Err(KubeError::from(Refusal::NoHost { host: host.into() }));
    }
    let all = pools(connection).await?;
    if let Some(owner) = all.iter().find(|p| p.spec.ips.contains(&ip)) {
        return Err(KubeError::from(Refusal::IpRegistered {
            ip: ip.to_string(),
            host: owner.spec.host.clone(),
        }));
    }
    let api: Api<IPPool> = Api::all(connection.client.clone());
    match all.into_iter().find(|p| p.metadata.name.as_deref() == Some(host)) {
        Some(mut pool) => {
            pool.spec.ips.push(ip);
            api.replace(host, &PostParams::default(), &pool)
                .await
                .map_err(explain(connection))?;
        }
        None => {
            let pool = IPPool::new(
                host,
                IPPoolSpec {
                    host: host.into(),
                    ips: vec![ip],
                },
            );
            api.create(&PostParams::default(), &pool)
                .await
                .map_err(explain(connection))?;
        }
    }
    Ok(())
}

/// Removes `ip` from `host`'s pool, refused while an app uses it.
pub async fn remove_ip(connection: &Connection, host: &str, ip: &str) -> Result<(), KubeError> {
    let ip = validate::ip_address(ip)?;
    if let Some(app) = ip_holders(&all_apps(connection).await?).get(&ip) {
        return Err(KubeError::from(Refusal::IpHeld {
            ip: ip.to_string(),
            app: app.to_string(),
        }));
    }
    let api: Api<IPPool> = Api::all(connection.client.clone());
    let mut pool = api.get(host).await.map_err(explain(connection))?;
    if !pool.spec.ips.contains(&ip) {
        return Err(KubeError::from(Refusal::IpNotRegistered {
            ip: ip.to_string(),
            host: host.into(),
        }));
    }
    pool.spec.ips.retain(|i| *i != ip);
    api.replace(host, &PostParams::default(), &pool)
        .await
        .map(|_| ())
        .map_err(explain(connection))
}

/// Each IP of `host`'s pool with the app (`project/name`) holding it, if any.
pub async fn pool_holders(connection: &Connection, host: &str) -> Result<Vec<(String, Option<String>)>, KubeError> {
    let api: Api<IPPool> = Api::all(connection.client.clone());
    let pool = api.get(host).await.map_err(explain(connection))?;
    let holders = ip_holders(&all_apps(connection).await?);
    Ok(pool
        .spec
        .ips
        .into_iter()
        .map(|ip| {
            let holder = holders.get(&ip).cloned();
            (ip, holder)
        })
        .collect())
}
