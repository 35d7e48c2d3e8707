//! What a session served over SSH is given besides its own (impersonating) connection:
//! who logged in, the server's identity, the server's live sessions, and the server's
//! side of the session (its audit trail, where it is, ending another session).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

pub use super::pod_usage::{UsageAnswer, UsageSink, poll_pod_usage};

use crate::kube::Connection;
use crate::model::cluster::{RowEvent, Scope};
use crate::model::login::Login;
use crate::model::resource::ResourceKind;
use crate::model::server_session::{AuditEntry, Change, LiveSession};

/// Where a table's rows go.
pub type RowSink = Arc<dyn Fn(RowEvent) + Send + Sync>;

/// What a session served over SSH knows beyond its own (impersonating) connection.
#[derive(Clone)]
pub struct Served {
    pub login: Login,
    /// The server's own identity: it checks the old password and stores the new one when
    /// a user changes their own password (users may not write Secrets themselves).
    pub server: Connection,
    /// Live sessions per user on this server, for the users screen.
    pub live_sessions: watch::Receiver<BTreeMap<String, usize>>,
    /// The server's record of this session.
    pub side: Arc<dyn ServerSide>,
}

/// The server's side of one session: kubic serve keeps it, the runner reports to it.
pub trait ServerSide: Send + Sync {
    /// The server's id of this session.
    fn id(&self) -> u64;
    /// The session made `change` (written to the audit trail with who, where and when).
    fn record(&self, change: Change);
    /// The session now shows `view`.
    fn viewing(&self, view: &str);
    /// Ends session `id` on behalf of this session's user; whether it was live.
    fn end_session(&self, id: u64) -> bool;
    /// Every live session of the server.
    fn sessions(&self) -> watch::Receiver<Arc<Vec<LiveSession>>>;
    /// The recent audit entries, newest first.
    fn audit(&self) -> watch::Receiver<Arc<Vec<AuditEntry>>>;
    /// Watches `kind` in `scope` for the session, rows into `sink`: from the server's
    /// shared watch, showing what the user may list, or through the session's own
    /// connection; dropping the handle stops it.
    fn watch_table(&self, kind: &ResourceKind, scope: &Scope, sink: RowSink) -> Box<dyn Send>;
    /// Lists the use of the pods of `scope` every `interval` for the session, answers into
    /// `sink`: the server's one list for every session showing that scope, when the user
    /// may list it, or the session's own; dropping the handle stops it.
    fn pod_usage(&self, scope: &Scope, interval: Duration, sink: UsageSink) -> Box<dyn Send>;
}
