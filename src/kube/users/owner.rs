//! What a user's objects share: the owner reference to their User, and 404 as absence.

use serde_json::{Value, json};

use crate::kube::errors::KubeError;
use crate::model::crd::User;

/// `Ok(None)` for a 404: what is not there is not an error here.
pub(super) fn not_found_is_none<T>(result: Result<T, KubeError>) -> Result<Option<T>, KubeError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.is_not_found() => Ok(None),
        Err(error) => Err(error),
    }
}

/// The owner reference that makes the garbage collector remove what a user owns.
pub(super) fn owned_by(user: &User) -> Value {
    json!([{
        "apiVersion": "kubic.io/v1alpha1", "kind": "User",
        "name": user.metadata.name.clone().unwrap_or_default(),
        "uid": user.metadata.uid.clone().unwrap_or_default(),
    }])
}
