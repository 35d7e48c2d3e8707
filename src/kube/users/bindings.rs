//! A user's projects as RoleBindings: `kubic-user-<name>` in each project, to the
//! project role, for `User kubic:<name>`, labelled with the user; nothing elsewhere.

use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, Patch, PatchParams};
use k8s_openapi::api::rbac::v1::RoleBinding;
use serde_json::{Value, json};

use super::owner::owned_by;
use crate::kube::connect::{Connection, explain};
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;
use crate::kube::install::roles::users::PROJECT_USER;
use crate::model::crd::{USER_LABEL, User};
use crate::model::user::kube_user;

/// The RoleBinding that gives user `name` one of their projects.
pub fn binding_name(name: &str) -> String {
    format!("kubic-user-{name}")
}

fn binding(user: &User, name: &str, project: &str) -> Value {
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {
            "name": binding_name(name), "namespace": project,
            "labels": {"app.kubernetes.io/managed-by": "kubic", USER_LABEL: name},
            "ownerReferences": owned_by(user),
        },
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": PROJECT_USER},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": kube_user(name)}]
    })
}

/// Makes the user's RoleBindings match their projects: one in each (server-side apply),
/// and those in projects no longer listed removed.
pub async fn sync_bindings(connection: &Connection, user: &User) -> Result<(), KubeError> {
    let name = user.metadata.name.clone().unwrap_or_default();
    let params = PatchParams::apply(FIELD_MANAGER).force();
    for project in &user.spec.projects {
        Api::<RoleBinding>::namespaced(connection.client.clone(), project)
            .patch(
                &binding_name(&name),
                &params,
                &Patch::Apply(binding(user, &name, project)),
            )
            .await
            .map_err(explain(connection))?;
    }
    for existing in bindings_of(connection, &name).await? {
        let project = existing.metadata.namespace.clone().unwrap_or_default();
        let current = existing.metadata.name.as_deref() == Some(binding_name(&name).as_str());
        if !(current && user.spec.projects.contains(&project)) {
            delete_binding(connection, &existing).await?;
        }
    }
    Ok(())
}

/// Removes every RoleBinding of user `name`.
pub async fn delete_bindings(connection: &Connection, name: &str) -> Result<(), KubeError> {
    for existing in bindings_of(connection, name).await? {
        delete_binding(connection, &existing).await?;
    }
    Ok(())
}

/// The RoleBindings labelled with user `name`, in every project.
pub async fn bindings_of(connection: &Connection, name: &str) -> Result<Vec<RoleBinding>, KubeError> {
    let params = ListParams::default().labels(&format!("{USER_LABEL}={name}"));
    Api::<RoleBinding>::all(connection.client.clone())
        .list(&params)
        .await
        .map(|list| list.items)
        .map_err(explain(connection))
}

async fn delete_binding(connection: &Connection, binding: &RoleBinding) -> Result<(), KubeError> {
    let project = binding.metadata.namespace.clone().unwrap_or_default();
    let name = binding.metadata.name.clone().unwrap_or_default();
    let result = Api::<RoleBinding>::namespaced(connection.client.clone(), &project)
        .delete(&name, &DeleteParams::default())
        .await
        .map_err(explain(connection));
    match result {
        Err(error) if !error.is_not_found() => Err(error),
        _ => Ok(()),
    }
}
