//! The server's side of one session, as the runner sees it: the changes it makes go to
//! the audit trail with its user and address, where it is goes to the live sessions, and
//! only an admin's session sees the other sessions and the trail or ends a session.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::jiff::Timestamp;
use tokio::sync::watch;

use super::sessions::EndReason;
use super::shared::Shared;
use crate::kube::Connection;
use crate::kube::tables::watch_rows;
use crate::model::cluster::Scope;
use crate::model::login::Login;
use crate::model::resource::ResourceKind;
use crate::model::server_session::{AuditEntry, Change, LiveSession, Outcome};
use crate::tui::{Background, RowSink, ServerSide, UsageSink, poll_pod_usage};

/// Session `id` of `login`, connected from `source`, acting through `connection`.
pub struct SessionSide {
    shared: Arc<Shared>,
    id: u64,
    login: Login,
    source: String,
    connection: Connection,
}

impl SessionSide {
    pub fn new(shared: Arc<Shared>, id: u64, login: Login, source: String, connection: Connection) -> SessionSide {
        SessionSide {
            shared,
            id,
            login,
            source,
            connection,
        }
    }
}

impl ServerSide for SessionSide {
    fn id(&self) -> u64 {
        self.id
    }

    fn record(&self, change: Change) {
        let entry = AuditEntry::new(Timestamp::now(), &self.login.user, &self.source, change);
        self.shared.audit.record(entry);
    }

    fn viewing(&self, view: &str) {
        self.shared.registry.set_view(self.id, view);
    }

    fn end_session(&self, id: u64) -> bool {
        let ended = self.login.admin
            && self
                .shared
                .registry
                .end_session(id, EndReason::EndedByAdmin(self.login.user.clone()));
        let outcome = if ended {
            Outcome::Ok
        } else if self.login.admin {
            Outcome::Failed("no such session".into())
        } else {
            Outcome::Failed("only an admin may end a session".into())
        };
        self.record(Change::new("end-session", format!("session {id}"), outcome));
        ended
    }

    fn sessions(&self) -> watch::Receiver<Arc<Vec<LiveSession>>> {
        if self.login.admin {
            self.shared.registry.listing()
        } else {
            watch::channel(Arc::new(Vec::new())).1
        }
    }

    fn watch_table(&self, kind: &ResourceKind, scope: &Scope, sink: RowSink) -> Box<dyn Send> {
        let (tables, user) = (Arc::clone(&self.shared.tables), self.connection.clone());
        let (kind, scope) = (kind.clone(), scope.clone());
        Box::new(Background::spawn(async move {
            if tables.follow(&kind, &scope, &user, Arc::clone(&sink)).await {
                return;
            }
            tracing::debug!("{} watches {} itself (not shared)", user.identity, kind.plural);
            let _own = watch_rows(&user, &kind, &scope, move |event| sink(event));
            std::future::pending::<()>().await;
        }))
    }

    fn pod_usage(&self, scope: &Scope, interval: Duration, sink: UsageSink) -> Box<dyn Send> {
        let (usage, user, scope) = (Arc::clone(&self.shared.usage), self.connection.clone(), scope.clone());
        Box::new(Background::spawn(async move {
            if usage.follow(&scope, interval, &user, &sink).await {
                return;
            }
            tracing::debug!("{} polls pod metrics itself (not shared)", user.identity);
            poll_pod_usage(user, interval, scope, sink).await;
        }))
    }

    fn audit(&self) -> watch::Receiver<Arc<Vec<AuditEntry>>> {
        if self.login.admin {
            self.shared.audit.recent()
        } else {
            watch::channel(Arc::new(Vec::new())).1
        }
    }
}
