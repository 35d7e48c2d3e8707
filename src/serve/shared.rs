//! What every connection and session of the server shares: the server's identity, the
//! login checks, the live sessions, the audit trail and what each new session starts with.

use std::sync::Arc;
use std::time::Duration;

use super::audit::AuditLog;
use super::auth::Authenticator;
use super::sessions::Registry;
use super::tables::SharedTables;
use super::usage::SharedUsage;
use crate::config::Config;
use crate::kube::{Connection, KubeError};
use crate::model::login::Login;
use crate::model::user::{UserRole, kube_group, kube_user};
use crate::tui::SessionSettings;

/// What every connection and session of the server shares.
pub struct Shared {
    /// The server's own identity: it may impersonate, and reads Users and password hashes.
    pub connection: Connection,
    pub auth: Authenticator,
    pub registry: Arc<Registry>,
    /// Every change the sessions make, as JSON lines.
    pub audit: Arc<AuditLog>,
    /// The watches the sessions share, each session seeing what its user may list.
    pub tables: Arc<SharedTables>,
    /// The pod metrics lists the sessions' pods tables share.
    pub usage: Arc<SharedUsage>,
    pub config: Config,
    pub warnings: Vec<String>,
    pub settings: SessionSettings,
    pub idle_timeout: Duration,
}

impl Shared {
    /// The server's connection impersonating `login`'s user (and their group), in their
    /// first project: every request a session or forward makes goes through it.
    pub fn connection_as(&self, login: &Login) -> Result<Connection, KubeError> {
        let role = if login.admin { UserRole::Admin } else { UserRole::User };
        let groups = [kube_group(role).to_string()];
        self.connection
            .impersonating(&kube_user(&login.user), &groups, login.home_project())
    }
}
