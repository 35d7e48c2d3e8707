//! A user's password hash: kept only in the Opaque Secret `kubic-password-<name>` of
//! `kubic-system` (data key `hash`), labelled with the user and owned by the User.

use ::kube::Api;
use ::kube::api::{Patch, PatchParams};
use base64::Engine as _;
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use serde_json::json;

use super::owner::{not_found_is_none, owned_by};
use crate::kube::connect::{Connection, explain};
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd::{USER_LABEL, User};

/// The data key of the hash in the password Secret.
pub const HASH_KEY: &str = "hash";

/// The Secret that holds user `name`'s password hash.
pub fn password_secret_name(name: &str) -> String {
    format!("kubic-password-{name}")
}

fn secrets(connection: &Connection) -> Api<Secret> {
    Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE)
}

/// Writes `hash` (a PHC string) as `user`'s password hash.
pub(super) async fn write_hash(connection: &Connection, user: &User, hash: &str) -> Result<(), KubeError> {
    if !hash.starts_with('$') {
        return Err(KubeError::said("a password hash is a PHC string ($argon2id$…)"));
    }
    let name = user.metadata.name.clone().unwrap_or_default();
    let secret = json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {
            "name": password_secret_name(&name), "namespace": SYSTEM_NAMESPACE,
            "labels": {"app.kubernetes.io/managed-by": "kubic", USER_LABEL: name},
            "ownerReferences": owned_by(user),
        },
        "type": "Opaque",
        "data": {HASH_KEY: base64::engine::general_purpose::STANDARD.encode(hash)}
    });
    secrets(connection)
        .patch(
            &password_secret_name(&name),
            &PatchParams::apply(FIELD_MANAGER).force(),
            &Patch::Apply(&secret),
        )
        .await
        .map(drop)
        .map_err(explain(connection))
}

/// User `name`'s password hash, or None when they have no password Secret.
pub async fn password_hash(connection: &Connection, name: &str) -> Result<Option<String>, KubeError> {
    let secret = secrets(connection)
        .get_opt(&password_secret_name(name))
        .await
        .map_err(explain(connection))?;
    let hash = secret
        .and_then(|s| s.data)
        .and_then(|mut data| data.remove(HASH_KEY))
        .and_then(|ByteString(bytes)| String::from_utf8(bytes).ok());
    Ok(hash)
}

/// Removes user `name`'s password Secret (already gone is fine).
pub(super) async fn delete_hash(connection: &Connection, name: &str) -> Result<(), KubeError> {
    let result = secrets(connection)
        .delete(&password_secret_name(name), &Default::default())
        .await
        .map(drop)
        .map_err(explain(connection));
    not_found_is_none(result).map(drop)
}
