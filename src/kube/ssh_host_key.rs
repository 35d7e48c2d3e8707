//! The SSH host key `kubic serve` presents, kept in the cluster (Secret
//! `kubic-system/kubic-ssh-host-key`) so every replica presents the same one.

use ::kube::Api;
use ::kube::api::PostParams;
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use serde_json::json;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::cluster::SYSTEM_NAMESPACE;

/// The Secret that holds the host key.
pub const SECRET: &str = "kubic-ssh-host-key";
/// The key in the Secret's data: the private key in OpenSSH format.
const DATA_KEY: &str = "ssh-host-ed25519-key";

/// The kept host key (OpenSSH private key text); when there is none yet, `generate`'s
/// key is stored and returned. Two replicas starting at once agree: the one whose
/// create loses reads the winner's key.
pub async fn get_or_create(
    connection: &Connection,
    generate: impl FnOnce() -> Result<String, String>,
) -> Result<String, KubeError> {
    let secrets: Api<Secret> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    if let Some(key) = read(&secrets, connection).await? {
        return Ok(key);
    }
    let key = generate().map_err(KubeError::said)?;
    let secret: Secret = serde_json::from_value(json!({
        "metadata": {"name": SECRET, "namespace": SYSTEM_NAMESPACE,
                     "labels": {"app.kubernetes.io/managed-by": "kubic"}},
        "type": "Opaque",
    }))
    .map_err(|e| KubeError::said(e.to_string()))?;
    let secret = Secret {
        data: Some([(DATA_KEY.to_string(), ByteString(key.clone().into_bytes()))].into()),
        ..secret
    };
    match secrets.create(&PostParams::default(), &secret).await {
        Ok(_) => Ok(key),
        Err(::kube::Error::Api(status)) if status.code == 409 => read(&secrets, connection)
            .await?
            .ok_or_else(|| KubeError::said(format!("{SYSTEM_NAMESPACE}/{SECRET} vanished while starting"))),
        Err(error) => Err(explain(connection)(error)),
    }
}

async fn read(secrets: &Api<Secret>, connection: &Connection) -> Result<Option<String>, KubeError> {
    let Some(secret) = secrets.get_opt(SECRET).await.map_err(explain(connection))? else {
        return Ok(None);
    };
    let bytes = secret
        .data
        .and_then(|mut data| data.remove(DATA_KEY))
        .ok_or_else(|| KubeError::said(format!("{SYSTEM_NAMESPACE}/{SECRET} has no {DATA_KEY}")))?;
    String::from_utf8(bytes.0)
        .map(Some)
        .map_err(|_| KubeError::said(format!("{SYSTEM_NAMESPACE}/{SECRET}: the key is not text")))
}
