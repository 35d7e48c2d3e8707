//! `kubic install`: the `kubic.io` custom resource definitions, the `kubic-system`
//! namespace, the cluster roles kubic's users are bound to and the bindings of
//! `kubic serve`'s session groups, applied idempotently with server-side apply. The roles'
//! rules are data in `install/roles.rs` and `install/roles/users.rs`.

pub mod roles;

use std::time::Duration;

use ::kube::Api;
use ::kube::api::{ApiResource, DynamicObject, Patch, PatchParams};
use ::kube::core::GroupVersionKind;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use serde_json::{Value, json};

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd;

/// The field manager kubic's server-side applies use.
pub const FIELD_MANAGER: &str = "kubic";

/// Everything `kubic install` applies, in order.
pub fn install_objects() -> Result<Vec<Value>, KubeError> {
    let mut objects = vec![json!({
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": SYSTEM_NAMESPACE, "labels": {"app.kubernetes.io/managed-by": "kubic"}}
    })];
    for definition in crd::definitions() {
        objects.push(serde_json::to_value(definition).map_err(|e| KubeError::Other(e.to_string()))?);
    }
    objects.push(roles::cluster_role(roles::ADMIN));
    objects.push(roles::cluster_role(roles::VIEWER));
    for name in [
        roles::users::USER_CLUSTER,
        roles::users::PROJECT_USER,
        roles::users::SERVER,
    ] {
        objects.push(roles::cluster_role(name));
    }
    objects.push(roles::users::server_role());
    objects.extend(roles::users::group_bindings());
    Ok(objects)
}

/// `Kind/name` of an object, as the install summary lists it.
pub fn describe(object: &Value) -> String {
    let kind = object["kind"].as_str().unwrap_or("?");
    let name = object["metadata"]["name"].as_str().unwrap_or("?");
    format!("{kind}/{name}")
}

/// Applies every install object and waits until the definitions are established.
/// Returns what was applied.
pub async fn install(connection: &Connection) -> Result<Vec<String>, KubeError> {
    let mut applied = Vec::new();
    for object in install_objects()? {
        apply(connection, &object).await?;
        applied.push(describe(&object));
    }
    for definition in crd::definitions() {
        let name = definition.metadata.name.unwrap_or_default();
        wait_established(connection, &name).await?;
    }
    Ok(applied)
}

/// Server-side applies one object (cluster-scoped, or in its `metadata.namespace`).
async fn apply(connection: &Connection, object: &Value) -> Result<(), KubeError> {
    let api_version = object["apiVersion"].as_str().unwrap_or_default();
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let kind = object["kind"].as_str().unwrap_or_default();
    let resource = ApiResource::from_gvk(&GroupVersionKind::gvk(group, version, kind));
    let api: Api<DynamicObject> = match object["metadata"]["namespace"].as_str() {
        Some(namespace) => Api::namespaced_with(connection.client.clone(), namespace, &resource),
        None => Api::all_with(connection.client.clone(), &resource),
    };
    let name = object["metadata"]["name"].as_str().unwrap_or_default();
    let params = PatchParams::apply(FIELD_MANAGER).force();
    api.patch(name, &params, &Patch::Apply(object))
        .await
        .map(|_| ())
        .map_err(explain(connection))
}

async fn wait_established(connection: &Connection, name: &str) -> Result<(), KubeError> {
    let api: Api<CustomResourceDefinition> = Api::all(connection.client.clone());
    for _ in 0..120 {
        let definition = api.get(name).await.map_err(explain(connection))?;
        let established = definition
            .status
            .and_then(|s| s.conditions)
            .is_some_and(|c| c.iter().any(|c| c.type_ == "Established" && c.status == "True"));
        if established {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    Err(KubeError::Other(format!("{name} was not established within 30s")))
}

/// Whether the `kubic.io` kinds are installed (kubic offers `kubic install` when not).
pub async fn is_installed(connection: &Connection) -> Result<bool, KubeError> {
    let api: Api<CustomResourceDefinition> = Api::all(connection.client.clone());
    for definition in crd::definitions() {
        let name = definition.metadata.name.unwrap_or_default();
        let found = api.get_opt(&name).await.map_err(explain(connection))?;
        if found.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}
