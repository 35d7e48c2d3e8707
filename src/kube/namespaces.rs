//! Namespaces, which KUBIC calls projects: create and delete.

use ::kube::Api;
use ::kube::api::{DeleteParams, ObjectMeta, PostParams};
use k8s_openapi::api::core::v1::Namespace;

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Creates the namespace `name`.
pub async fn create_namespace(connection: &Connection, name: &str) -> Result<Namespace, KubeError> {
    let api: Api<Namespace> = Api::all(connection.client.clone());
    let namespace = Namespace {
        metadata: ObjectMeta {
            name: Some(name.to_string()),
            ..ObjectMeta::default()
        },
        ..Namespace::default()
    };
    api.create(&PostParams::default(), &namespace)
        .await
        .map_err(explain(connection))
}

/// Starts deleting the namespace `name`; the namespace controller finishes the job.
pub async fn delete_namespace(connection: &Connection, name: &str) -> Result<(), KubeError> {
    let api: Api<Namespace> = Api::all(connection.client.clone());
    api.delete(name, &DeleteParams::default())
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
