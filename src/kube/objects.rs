//! Single-object operations of any kind: read (for describe, YAML, edit), replace with a
//! server-side dry run first, delete, and the events that concern an object.

use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, PostParams};
use ::kube::core::DynamicObject;
use k8s_openapi::api::core::v1::Event;
use serde_json::Value;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use super::tables::dynamic_api;
use crate::model::cluster::ObjectRef;

/// The dynamic API of `object`'s kind, in its namespace.
fn api(object: &ObjectRef, connection: &Connection) -> Api<DynamicObject> {
    let namespace = (!object.namespace.is_empty()).then_some(object.namespace.as_str());
    dynamic_api(connection, &object.kind, namespace)
}

/// Reads the object as JSON (apiVersion, kind, metadata and body).
pub async fn get(connection: &Connection, object: &ObjectRef) -> Result<Value, KubeError> {
    let found = api(object, connection)
        .get(&object.name)
        .await
        .map_err(explain(connection))?;
    serde_json::to_value(found).map_err(|e| KubeError::Other(format!("cannot encode {}: {e}", object.describe())))
}

/// The events about the object, oldest first.
pub async fn events_for(connection: &Connection, object: &ObjectRef, uid: &str) -> Result<Vec<Value>, KubeError> {
    let api: Api<Event> = if object.namespace.is_empty() {
        Api::all(connection.client.clone())
    } else {
        Api::namespaced(connection.client.clone(), &object.namespace)
    };
    let params = ListParams::default().fields(&format!("involvedObject.uid={uid}"));
    let list = api.list(&params).await.map_err(explain(connection))?;
    Ok(list
        .items
        .into_iter()
        .filter_map(|e| serde_json::to_value(e).ok())
        .collect())
}

/// Replaces the object with `edited`: a server-side dry run first, then the real update.
/// A conflict (someone changed it meanwhile) or a validation error comes back unapplied.
pub async fn replace(connection: &Connection, object: &ObjectRef, edited: Value) -> Result<(), KubeError> {
    let edited: DynamicObject = serde_json::from_value(edited)
        .map_err(|e| KubeError::Other(format!("this is not a Kubernetes object: {e}")))?;
    let name = edited.metadata.name.clone().unwrap_or_default();
    if name != object.name {
        return Err(KubeError::Other(format!(
            "the name changed from {} to {name}: renaming is not an edit",
            object.name
        )));
    }
    let api = api(object, connection);
    let explain = explain(connection);
    let dry_run = PostParams {
        dry_run: true,
        ..PostParams::default()
    };
    api.replace(&name, &dry_run, &edited).await.map_err(explain)?;
    api.replace(&name, &PostParams::default(), &edited)
        .await
        .map_err(explain)?;
    Ok(())
}

/// Creates `edited` as a new object of `object`'s kind: a server-side dry run first.
pub async fn create(connection: &Connection, object: &ObjectRef, edited: Value) -> Result<(), KubeError> {
    let new: DynamicObject = serde_json::from_value(edited)
        .map_err(|e| KubeError::Other(format!("this is not a Kubernetes object: {e}")))?;
    let api = api(object, connection);
    let explain = explain(connection);
    let dry_run = PostParams {
        dry_run: true,
        ..PostParams::default()
    };
    api.create(&dry_run, &new).await.map_err(explain)?;
    api.create(&PostParams::default(), &new).await.map_err(explain)?;
    Ok(())
}

/// Deletes the object (in the background, as kubectl does).
pub async fn delete(connection: &Connection, object: &ObjectRef) -> Result<(), KubeError> {
    api(object, connection)
        .delete(&object.name, &DeleteParams::background())
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
