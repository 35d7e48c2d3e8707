//! Registries: registered as `Registry` records, their credentials kept in a
//! `kubernetes.io/dockerconfigjson` Secret of `kubic-system` (which builds mount to push);
//! and the endpoint kubic browses a registry through.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, Patch, PatchParams};
use base64::Engine as _;
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use serde_json::json;

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;
use crate::model::cluster::NewRegistry;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd::{Registry, RegistrySpec};
use crate::model::failure::Failure;
use crate::model::invalid::Part;
use crate::model::validate;
use crate::oci::Endpoint;

/// The Secret that holds registry `name`'s credentials.
pub fn secret_name(name: &str) -> String {
    format!("registry-{name}")
}

/// Registers (or updates) a registry and its credentials.
pub async fn save_registry(connection: &Connection, new: &NewRegistry) -> Result<(), KubeError> {
    validate::dns1123_label(&new.name).map_err(|e| e.of(Part::RegistryName))?;
    let endpoint = Endpoint::parse(&new.url, new.insecure).map_err(KubeError::said)?;
    let api: Api<Registry> = Api::all(connection.client.clone());
    let existing = api.get_opt(&new.name).await.map_err(explain(connection))?;
    let keeps_credentials = new.username.trim().is_empty();
    if let Some(old) = existing
        .as_ref()
        .filter(|r| keeps_credentials && r.spec.credentials_secret.is_some())
    {
        // The kept credentials are filed under the old address and would not be found.
        let old_host = Endpoint::parse(&old.spec.url, old.spec.insecure)
            .map(|e| e.host)
            .unwrap_or_default();
        if old_host != endpoint.host {
            return Err(KubeError::from(Refusal::RegistryAddressChanged {
                old: old_host.to_string(),
                new: endpoint.host.clone(),
            }));
        }
    }
    let mut credentials_secret = existing.and_then(|r| r.spec.credentials_secret);
    if !keeps_credentials {
        let secret = credentials(&new.name, &endpoint.host, new.username.trim(), &new.password);
        Api::<Secret>::namespaced(connection.client.clone(), SYSTEM_NAMESPACE)
            .patch(
                &secret_name(&new.name),
                &PatchParams::apply(FIELD_MANAGER).force(),
                &Patch::Apply(&secret),
            )
            .await
            .map_err(explain(connection))?;
        credentials_secret = Some(secret_name(&new.name));
    }
    let spec = RegistrySpec {
        url: new.url.trim().to_string(),
        description: new.description.trim().to_string(),
        insecure: endpoint.insecure,
        credentials_secret,
    };
    api.patch(
        &new.name,
        &PatchParams::apply(FIELD_MANAGER).force(),
        &Patch::Apply(&Registry::new(&new.name, spec)),
    )
    .await
    .map(drop)
    .map_err(explain(connection))
}

/// The docker config Secret for `user` on `host`.
fn credentials(name: &str, host: &str, user: &str, password: &str) -> serde_json::Value {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let config = json!({"auths": {host: {"username": user, "password": password, "auth": auth}}});
    let encoded = base64::engine::general_purpose::STANDARD.encode(config.to_string());
    json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": secret_name(name), "namespace": SYSTEM_NAMESPACE,
                     "labels": {"app.kubernetes.io/managed-by": "kubic", "kubic.io/registry": name}},
        "type": "kubernetes.io/dockerconfigjson",
        "data": {".dockerconfigjson": encoded}
    })
}

/// Deletes registry `name` and its credentials.
pub async fn delete_registry(connection: &Connection, name: &str) -> Result<(), KubeError> {
    let api: Api<Registry> = Api::all(connection.client.clone());
    let registry = api.get(name).await.map_err(explain(connection))?;
    if let Some(secret) = registry.spec.credentials_secret {
        let secrets: Api<Secret> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
        match secrets
            .delete(&secret, &DeleteParams::default())
            .await
            .map_err(explain(connection))
        {
            Ok(_) => {}
            Err(error) if error.is_not_found() => {}
            Err(error) => return Err(error),
        }
    }
    api.delete(name, &DeleteParams::default())
        .await
        .map(drop)
        .map_err(explain(connection))
}

/// How to reach registry `name`, with its credentials.
pub async fn endpoint(connection: &Connection, name: &str) -> Result<Endpoint, KubeError> {
    let registry = Api::<Registry>::all(connection.client.clone())
        .get_opt(name)
        .await
        .map_err(explain(connection))?
        .ok_or_else(|| KubeError::from(Refusal::NoRegistry { name: name.into() }))?;
    endpoint_of(connection, &registry).await
}

async fn endpoint_of(connection: &Connection, registry: &Registry) -> Result<Endpoint, KubeError> {
    let mut endpoint = Endpoint::parse(&registry.spec.url, registry.spec.insecure).map_err(KubeError::said)?;
    if let Some(secret) = &registry.spec.credentials_secret {
        let secret = Api::<Secret>::namespaced(connection.client.clone(), SYSTEM_NAMESPACE)
            .get(secret)
            .await
            .map_err(explain(connection))?;
        endpoint.credentials = read_credentials(&secret, &endpoint.host);
    }
    Ok(endpoint)
}

/// The user and password a docker config Secret holds for `host`.
fn read_credentials(secret: &Secret, host: &str) -> Option<(String, String)> {
    let ByteString(raw) = secret.data.as_ref()?.get(".dockerconfigjson")?;
    let config: serde_json::Value = serde_json::from_slice(raw).ok()?;
    let entry = config["auths"].get(host)?;
    Some((
        entry["username"].as_str()?.to_string(),
        entry["password"].as_str()?.to_string(),
    ))
}

/// The registry whose address is `host` (a catalog's registry field), or an anonymous,
/// insecure endpoint when none is registered.
pub async fn endpoint_for_host(connection: &Connection, host: &str) -> Result<Endpoint, KubeError> {
    let registries = Api::<Registry>::all(connection.client.clone())
        .list(&Default::default())
        .await
        .map_err(explain(connection))?;
    for registry in &registries.items {
        if Endpoint::parse(&registry.spec.url, registry.spec.insecure).is_ok_and(|e| e.host == host) {
            return endpoint_of(connection, registry).await;
        }
    }
    Endpoint::parse(host, true).map_err(KubeError::said)
}

/// The tags of a catalog's image in its registry, for the forms that pick a tag.
pub async fn catalog_tags(connection: &Connection, catalog: &str) -> Result<Vec<String>, Failure> {
    let catalog = Api::<crate::model::crd::Catalog>::all(connection.client.clone())
        .get(catalog)
        .await
        .map_err(explain(connection))?;
    let endpoint = endpoint_for_host(connection, &catalog.spec.registry).await?;
    let client = crate::oci::RegistryClient::new(endpoint)?;
    Ok(client.tags(&catalog.spec.image, 100).await?)
}
