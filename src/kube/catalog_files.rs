//! A catalog's files volume (KUBIC 1.10.5): one persistent volume claim per catalog in
//! kubic's namespace, created the first time it is needed and kept across consoles.

use ::kube::Api;
use ::kube::api::PostParams;
use k8s_openapi::api::core::v1::PersistentVolumeClaim;
use serde_json::json;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::cluster::SYSTEM_NAMESPACE;

/// The size a new files volume asks for.
pub const SIZE: &str = "1Gi";

/// The claim name of `catalog`'s files volume.
pub fn claim_name(catalog: &str) -> String {
    format!("kubic-files-{catalog}")
}

/// Creates the catalog's files volume claim unless it exists; returns its name.
pub async fn ensure_volume(connection: &Connection, catalog: &str) -> Result<String, KubeError> {
    let name = claim_name(catalog);
    let claims: Api<PersistentVolumeClaim> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    if claims.get_opt(&name).await.map_err(explain(connection))?.is_some() {
        return Ok(name);
    }
    let claim: PersistentVolumeClaim = serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {"kubic.io/catalog": catalog, "app.kubernetes.io/managed-by": "kubic"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": SIZE}}}
    }))
    .map_err(|e| KubeError::Other(format!("cannot build the files volume claim: {e}")))?;
    match claims.create(&PostParams::default(), &claim).await {
        // Another console or deploy created it in between: it exists, which is what we want.
        Ok(_) => Ok(name),
        Err(::kube::Error::Api(status)) if status.code == 409 => Ok(name),
        Err(e) => Err(explain(connection)(e)),
    }
}
