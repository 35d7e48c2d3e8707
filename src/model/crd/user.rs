//! A KUBIC user (1.12): role, projects and SSH keys, and when they last logged in.
//! The password hash is never here: it lives in a Secret of `kubic-system`.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::user::UserRole;

/// Someone who logs in to `kubic serve`; sessions impersonate `kubic:<name>`.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "User",
    plural = "users",
    singular = "user",
    status = "UserStatus",
    doc = "A kubic user: role (admin or user), the projects they run apps in, SSH keys",
    printcolumn = r#"{"name":"Role","type":"string","jsonPath":".spec.role"}"#,
    printcolumn = r#"{"name":"Projects","type":"string","jsonPath":".spec.projects"}"#,
    printcolumn = r#"{"name":"Last login","type":"date","jsonPath":".status.lastLogin"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct UserSpec {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub role: UserRole,
    /// The projects (namespaces) the user runs apps in; each has a RoleBinding.
    #[serde(default)]
    pub projects: Vec<String>,
    /// `authorized_keys` lines the user may log in with instead of a password.
    #[serde(default)]
    pub ssh_keys: Vec<String>,
}

/// When and from where the user last logged in.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserStatus {
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login: Option<String>,
    /// The client's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_from: Option<String>,
}
