//! What a session served over SSH is given besides its own (impersonating) connection:
//! who logged in, the server's identity, and the server's live sessions.

use std::collections::BTreeMap;

use tokio::sync::watch;

use crate::kube::Connection;
use crate::model::login::Login;

/// What a session served over SSH knows beyond its own (impersonating) connection.
#[derive(Clone)]
pub struct Served {
    pub login: Login,
    /// The server's own identity: it checks the old password and stores the new one when
    /// a user changes their own password (users may not write Secrets themselves).
    pub server: Connection,
    /// Live sessions per user on this server, for the users screen.
    pub live_sessions: watch::Receiver<BTreeMap<String, usize>>,
}
