//! What every connection and session of the server shares: the server's identity, the
//! login checks, the live sessions and what each new session starts with.

use std::sync::Arc;
use std::time::Duration;

use super::auth::Authenticator;
use super::sessions::Registry;
use crate::config::Config;
use crate::kube::Connection;
use crate::tui::SessionSettings;

/// What every connection and session of the server shares.
pub struct Shared {
    /// The server's own identity: it may impersonate, and reads Users and password hashes.
    pub connection: Connection,
    pub auth: Authenticator,
    pub registry: Arc<Registry>,
    pub config: Config,
    pub warnings: Vec<String>,
    pub settings: SessionSettings,
    pub idle_timeout: Duration,
}
