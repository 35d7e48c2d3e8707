//! Changes to workloads that every KUBIC app action builds on: scaling a Deployment.

use ::kube::Api;
use ::kube::api::{Patch, PatchParams};
use k8s_openapi::api::apps::v1::Deployment;
use serde_json::json;

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Sets the desired replicas of a Deployment through its scale subresource.
pub async fn scale_deployment(
    connection: &Connection,
    namespace: &str,
    name: &str,
    replicas: i32,
) -> Result<(), KubeError> {
    if replicas < 0 {
        return Err(KubeError::Other(format!("replicas must be 0 or more, not {replicas}")));
    }
    let api: Api<Deployment> = Api::namespaced(connection.client.clone(), namespace);
    let patch = json!({ "spec": { "replicas": replicas } });
    api.patch_scale(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
