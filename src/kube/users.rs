//! KUBIC's users (1.12) in the cluster: the cluster-scoped `User` record, its password
//! hash in a Secret of `kubic-system` (never in the record), and one RoleBinding per
//! project. Creating, editing and deleting a user keeps the three together.

mod bindings;
mod changes;
mod owner;
mod secret;

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, Patch, PatchParams, PostParams};
use k8s_openapi::api::core::v1::Namespace;
use serde_json::json;

use owner::not_found_is_none;

pub use bindings::{binding_name, bindings_of, sync_bindings};
pub use changes::{UserChange, user_changes};
pub use secret::{HASH_KEY, password_hash, password_secret_name};

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::crd::{User, UserSpec};
use crate::model::invalid::Part;
use crate::model::user::{NewUser, UserEdit, validate_user_name};
use crate::model::validate;

/// How often an edit is redone when the User changed between its read and its write.
const CONFLICT_RETRIES: usize = 5;

fn users(connection: &Connection) -> Api<User> {
    Api::all(connection.client.clone())
}

/// Whether the `User` kind is installed (`kubic install`).
pub async fn users_installed(connection: &Connection) -> Result<bool, KubeError> {
    let result = users(connection)
        .list(&ListParams::default().limit(1))
        .await
        .map_err(explain(connection));
    Ok(not_found_is_none(result)?.is_some())
}

/// User `name`, or None.
pub async fn get_user(connection: &Connection, name: &str) -> Result<Option<User>, KubeError> {
    users(connection).get_opt(name).await.map_err(explain(connection))
}

/// Every user, by name.
pub async fn list_users(connection: &Connection) -> Result<Vec<User>, KubeError> {
    let mut list = users(connection)
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?
        .items;
    list.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    Ok(list)
}

/// The projects, trimmed and each once, after checking each is an existing project.
async fn checked_projects(connection: &Connection, projects: &[String]) -> Result<Vec<String>, KubeError> {
    let namespaces: Api<Namespace> = Api::all(connection.client.clone());
    let mut out: Vec<String> = Vec::new();
    for project in projects.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        validate::dns1123_label(project).map_err(|e| e.item(project).of(Part::Project))?;
        if namespaces
            .get_opt(project)
            .await
            .map_err(explain(connection))?
            .is_none()
        {
            return Err(KubeError::from(Refusal::NoProject {
                project: project.to_string(),
            }));
        }
        if !out.iter().any(|p| p == project) {
            out.push(project.to_string());
        }
    }
    Ok(out)
}

/// Creates a user: the User, its password Secret and a RoleBinding per project.
/// Refused when the name is taken or a project does not exist; a failure halfway
/// leaves nothing behind.
pub async fn create_user(connection: &Connection, new: &NewUser) -> Result<User, KubeError> {
    validate_user_name(&new.name)?;
    if get_user(connection, &new.name).await?.is_some() {
        return Err(KubeError::from(Refusal::UserExists { name: new.name.clone() }));
    }
    let spec = UserSpec {
        description: new.description.trim().to_string(),
        role: new.role,
        projects: checked_projects(connection, &new.projects).await?,
        ssh_keys: Vec::new(),
    };
    let created = match users(connection)
        .create(&PostParams::default(), &User::new(&new.name, spec))
        .await
        .map_err(explain(connection))
    {
        Ok(created) => created,
        Err(error) if error.is_not_found() => return Err(not_installed()),
        Err(KubeError::Refused { code: 409, .. }) => {
            return Err(KubeError::from(Refusal::UserExists { name: new.name.clone() }));
        }
        Err(error) => return Err(error),
    };
    let rest = async {
        secret::write_hash(connection, &created, &new.password_hash).await?;
        sync_bindings(connection, &created).await
    };
    if let Err(error) = rest.await {
        let _ = delete_user(connection, &new.name).await;
        return Err(error);
    }
    Ok(created)
}

fn not_installed() -> KubeError {
    KubeError::from(Refusal::NotInstalled)
}

/// Changes a user's description, role and projects (their bindings follow). A write
/// that lost a race with another (409) is redone from a fresh read.
pub async fn update_user(connection: &Connection, name: &str, edit: &UserEdit) -> Result<User, KubeError> {
    let projects = checked_projects(connection, &edit.projects).await?;
    let mut attempt = 0;
    let updated = loop {
        let mut user = get_user(connection, name)
            .await?
            .ok_or_else(|| KubeError::from(Refusal::NoUser { name: name.into() }))?;
        user.spec.description = edit.description.trim().to_string();
        user.spec.role = edit.role;
        user.spec.projects = projects.clone();
        match users(connection)
            .replace(name, &PostParams::default(), &user)
            .await
            .map_err(explain(connection))
        {
            Ok(updated) => break updated,
            Err(KubeError::Refused { code: 409, .. }) if attempt < CONFLICT_RETRIES => attempt += 1,
            Err(error) => return Err(error),
        }
    };
    sync_bindings(connection, &updated).await?;
    Ok(updated)
}

/// Deletes a user: their bindings first (their access ends), the password Secret, then
/// the User. What is already gone is done.
pub async fn delete_user(connection: &Connection, name: &str) -> Result<(), KubeError> {
    bindings::delete_bindings(connection, name).await?;
    secret::delete_hash(connection, name).await?;
    let result = users(connection)
        .delete(name, &DeleteParams::default())
        .await
        .map(drop)
        .map_err(explain(connection));
    not_found_is_none(result).map(drop)
}

/// Sets user `name`'s password hash (a PHC string from `model::password`).
pub async fn set_password_hash(connection: &Connection, name: &str, hash: &str) -> Result<(), KubeError> {
    let user = get_user(connection, name)
        .await?
        .ok_or_else(|| KubeError::from(Refusal::NoUser { name: name.into() }))?;
    secret::write_hash(connection, &user, hash).await
}

/// Records a login of user `name` from `from` (the client's address) now.
pub async fn record_login(connection: &Connection, name: &str, from: &str) -> Result<(), KubeError> {
    let now = k8s_openapi::jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let status = json!({"status": {"lastLogin": now, "lastLoginFrom": from}});
    users(connection)
        .patch_status(name, &PatchParams::default(), &Patch::Merge(&status))
        .await
        .map(drop)
        .map_err(explain(connection))
}
