//! The server: its options, the listener, and the watch of User objects that ends the
//! sessions of a deleted user or of one whose role changed.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use russh::MethodKind;
use russh::server::{Config as SshConfig, Server as _};
use tokio::net::TcpListener;

use super::audit::AuditLog;
use super::auth::Authenticator;
use super::handler;
use super::host_key;
use super::sessions::{EndReason, Registry};
pub use super::shared::Shared;
use super::tables::SharedTables;
use super::usage::SharedUsage;
use crate::config::Config;
use crate::kube::Connection;
use crate::kube::rbac_changes::rbac_changes;
use crate::kube::users::{UserChange, user_changes};
use crate::model::user::UserRole;
use crate::tui::SessionSettings;

/// How the server listens and treats sessions.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    /// A 0600 file for the host key; `None`: the key is kept in the cluster.
    pub host_key: Option<PathBuf>,
    /// A session without input for this long is closed.
    pub idle_timeout: Duration,
    /// Live sessions one user may have at once.
    pub sessions_per_user: usize,
    /// Where the audit trail goes (`-`: standard output).
    pub audit_log: PathBuf,
}

/// The rejection time every failed login is padded to.
const REJECTION_TIME: Duration = Duration::from_secs(1);

/// Serves until the listener fails; every session acts as its logged-in user.
pub async fn serve(
    options: &ServeOptions,
    connection: Connection,
    config: Config,
    warnings: Vec<String>,
    settings: SessionSettings,
) -> anyhow::Result<()> {
    let key = match &options.host_key {
        Some(path) => host_key::from_file(path),
        None => host_key::from_cluster(&connection).await,
    }
    .map_err(anyhow::Error::msg)?;
    let ssh = SshConfig {
        methods: [MethodKind::Password, MethodKind::PublicKey].as_slice().into(),
        auth_rejection_time: REJECTION_TIME,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        max_auth_attempts: 6,
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        nodelay: true,
        ..SshConfig::default()
    };
    let audit = AuditLog::open(&options.audit_log)
        .map_err(|e| anyhow::anyhow!("cannot open the audit log {}: {e}", options.audit_log.display()))?;
    let tables = Arc::new(SharedTables::new(connection.clone()));
    let usage = Arc::new(SharedUsage::new(connection.clone(), Arc::clone(&tables.access)));
    let shared = Arc::new(Shared {
        auth: Authenticator::new(connection.clone()),
        audit: Arc::new(audit),
        tables,
        usage,
        registry: Registry::new(options.sessions_per_user),
        connection,
        config,
        warnings,
        settings,
        idle_timeout: options.idle_timeout,
    });
    tokio::spawn(end_sessions_of_changed_users(Arc::clone(&shared)));
    tokio::spawn(forget_access_when_roles_change(Arc::clone(&shared)));
    tokio::spawn(prune_throttling(Arc::clone(&shared)));
    tokio::spawn(Arc::clone(&shared.tables).keep_warm());
    let listener = TcpListener::bind(options.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", options.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        "listening on {address} as {} (context {})",
        shared.connection.identity,
        shared.connection.context
    );
    // The one line for whoever started the server (and scripts waiting for the port).
    eprintln!("kubic serve: listening on {address}");
    let mut server = Listener { shared };
    server.run_on_socket(Arc::new(ssh), &listener).await?;
    Ok(())
}

struct Listener {
    shared: Arc<Shared>,
}

impl russh::server::Server for Listener {
    type Handler = handler::Connection;

    fn new_client(&mut self, peer: Option<SocketAddr>) -> handler::Connection {
        handler::Connection::new(Arc::clone(&self.shared), peer)
    }
}

/// Ends the live sessions of a user deleted or given another role (their client still
/// impersonates the old group): seen through a watch of the User objects.
async fn end_sessions_of_changed_users(shared: Arc<Shared>) {
    let mut roles: HashMap<String, UserRole> = HashMap::new();
    let mut changes = std::pin::pin!(user_changes(&shared.connection));
    while let Some(change) = changes.next().await {
        // A user's projects are their bindings: what they may list is asked again.
        shared.tables.access.forget();
        match change {
            UserChange::Present { name, role } => {
                let before = roles.insert(name.clone(), role);
                if before.is_some_and(|before| before != role) {
                    shared.registry.end_user(&name, EndReason::RoleChanged);
                }
            }
            UserChange::Deleted(name) => {
                roles.remove(&name);
                shared.registry.end_user(&name, EndReason::UserDeleted);
            }
            UserChange::Relisted(names) => {
                roles.retain(|name, _| {
                    let kept = names.contains(name);
                    if !kept {
                        shared.registry.end_user(name, EndReason::UserDeleted);
                    }
                    kept
                });
            }
        }
    }
}

/// Roles or bindings changed: the shared tables ask again what each user may list.
async fn forget_access_when_roles_change(shared: Arc<Shared>) {
    let mut changes = std::pin::pin!(rbac_changes(&shared.connection));
    while changes.next().await.is_some() {
        shared.tables.access.forget();
    }
}

async fn prune_throttling(shared: Arc<Shared>) {
    let mut every = tokio::time::interval(Duration::from_secs(60));
    loop {
        every.tick().await;
        shared.auth.prune();
    }
}
