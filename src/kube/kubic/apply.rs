//! Server-side apply of rendered objects of any kind, with a dry run of them all first
//! so that an invalid object stops the whole change before anything lands.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{ApiResource, DynamicObject, Patch, PatchParams};
use ::kube::core::GroupVersionKind;
use serde_json::Value;

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;

fn api_for(connection: &Connection, object: &Value) -> Result<(Api<DynamicObject>, String), KubeError> {
    let api_version = object["apiVersion"].as_str().unwrap_or_default();
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let kind = object["kind"].as_str().unwrap_or_default();
    let name = object["metadata"]["name"].as_str().unwrap_or_default().to_string();
    if kind.is_empty() || version.is_empty() || name.is_empty() {
        return Err(KubeError::from(Refusal::ObjectIncomplete));
    }
    let resource = ApiResource::from_gvk(&GroupVersionKind::gvk(group, version, kind));
    let api = match object["metadata"]["namespace"].as_str() {
        Some(ns) => Api::namespaced_with(connection.client.clone(), ns, &resource),
        None => Api::all_with(connection.client.clone(), &resource),
    };
    Ok((api, name))
}

fn describe(object: &Value) -> String {
    format!(
        "{} {}",
        object["kind"].as_str().unwrap_or("?"),
        object["metadata"]["name"].as_str().unwrap_or("?")
    )
}

async fn apply_one(connection: &Connection, object: &Value, dry_run: bool) -> Result<(), KubeError> {
    let (api, name) = api_for(connection, object)?;
    let mut params = PatchParams::apply(FIELD_MANAGER).force();
    params.dry_run = dry_run;
    api.patch(&name, &params, &Patch::Apply(object))
        .await
        .map(|_| ())
        .map_err(|e| match explain(connection)(e) {
            KubeError::Refused {
                code,
                identity,
                message,
            } => KubeError::Refused {
                code,
                identity,
                message: format!("{}: {message}", describe(object)),
            },
            other => other,
        })
}

/// Dry-runs every object, then applies them in order.
pub async fn apply_all(connection: &Connection, objects: &[Value]) -> Result<(), KubeError> {
    dry_run_all(connection, objects).await?;
    for object in objects {
        apply_one(connection, object, false).await?;
    }
    Ok(())
}

/// Asks the API server to validate every object without changing anything.
pub async fn dry_run_all(connection: &Connection, objects: &[Value]) -> Result<(), KubeError> {
    for object in objects {
        apply_one(connection, object, true).await?;
    }
    Ok(())
}
