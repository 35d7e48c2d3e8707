//! One session's feed from a shared watch: the rows its user may list, a complete list
//! first (and again after falling behind, or when what the user may list changed), then
//! every change in order.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::broadcast::error::RecvError;

use super::access::{Access, TRUSTED, UserScope};
use super::hub::{Hub, Start};
use crate::kube::Connection;
use crate::model::cluster::RowEvent;
use crate::model::resource::ResourceKind;
use crate::model::rows::Row;

/// A session's view of the shared watch: whose, of what, and the projects it may see.
struct Feed {
    hub: Arc<Hub>,
    access: Arc<Access>,
    user: Connection,
    kind: ResourceKind,
    /// The table's project (`None`: all, or a cluster-wide kind); the watch may be of
    /// every project, and only this one's rows are passed on.
    namespace: Option<String>,
    scope: UserScope,
    /// Per project (with `PerProject`): whether the user may list it there.
    projects: HashMap<String, bool>,
    sink: Sink,
}

/// Where a session's rows go.
pub type Sink = Arc<dyn Fn(RowEvent) + Send + Sync>;

/// Whose feed, of which watch.
pub struct Follower {
    pub user: Connection,
    pub kind: ResourceKind,
    pub namespace: Option<String>,
    pub scope: UserScope,
}

/// Runs the feed until the session drops it.
pub async fn feed(hub: Arc<Hub>, access: Arc<Access>, follower: Follower, sink: Sink) {
    let mut feed = Feed {
        hub,
        access,
        user: follower.user,
        kind: follower.kind,
        namespace: follower.namespace,
        scope: follower.scope,
        projects: HashMap::new(),
        sink,
    };
    feed.run().await;
}

impl Feed {
    async fn run(&mut self) {
        let mut generation = self.access.generation();
        let mut recheck = tokio::time::interval(TRUSTED);
        let mut events = self.restart().await;
        loop {
            tokio::select! {
                event = events.recv() => match event {
                    Ok(event) => self.pass(event).await,
                    Err(RecvError::Lagged(missed)) => {
                        tracing::debug!("a session fell {missed} changes behind a shared watch: complete list again");
                        events = self.restart().await;
                    }
                    Err(RecvError::Closed) => return,
                },
                changed = generation.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    events = self.restart().await;
                }
                _ = recheck.tick() => {
                    if self.access_changed().await {
                        events = self.restart().await;
                    }
                }
            }
        }
    }

    /// Sends the complete list as the user may see it, and follows from there.
    async fn restart(&mut self) -> tokio::sync::broadcast::Receiver<RowEvent> {
        let (start, events) = self.hub.follow();
        match start {
            Start::Rows(rows) => {
                let rows = self.visible(rows).await;
                (self.sink)(RowEvent::Reset(rows));
            }
            Start::Failed(failed) => (self.sink)(failed),
            Start::Loading => {}
        }
        events
    }

    async fn pass(&mut self, event: RowEvent) {
        let event = match event {
            RowEvent::Reset(rows) => RowEvent::Reset(self.visible(rows).await),
            RowEvent::Upsert(row) if !self.in_table(&row.key.namespace) || !self.sees(&row.key.namespace).await => {
                return;
            }
            RowEvent::Remove(key) if !self.in_table(&key.namespace) || !self.sees(&key.namespace).await => return,
            other => other,
        };
        (self.sink)(event);
    }

    async fn visible(&mut self, rows: Vec<Arc<Row>>) -> Vec<Arc<Row>> {
        if self.scope == UserScope::Everything && self.namespace.is_none() {
            return rows;
        }
        let mut shown = Vec::new();
        for row in rows {
            if self.in_table(&row.key.namespace) && self.sees(&row.key.namespace).await {
                shown.push(row);
            }
        }
        shown
    }

    /// Whether rows of `namespace` belong in the session's table (of one project or all).
    fn in_table(&self, namespace: &str) -> bool {
        self.namespace.as_deref().is_none_or(|only| only == namespace)
    }

    /// Whether the user sees the rows of `namespace` (asked once per project, then kept
    /// until a recheck finds it changed).
    async fn sees(&mut self, namespace: &str) -> bool {
        if self.scope == UserScope::Everything {
            return true;
        }
        if let Some(known) = self.projects.get(namespace) {
            return *known;
        }
        let answer = self.access.may_list(&self.user, &self.kind, Some(namespace)).await;
        self.projects.insert(namespace.to_string(), answer);
        answer
    }

    /// Asks again what the user may list; whether anything changed.
    async fn access_changed(&mut self) -> bool {
        let scope = self
            .access
            .scope_of(&self.user, &self.kind, self.namespace.as_deref())
            .await
            .unwrap_or(UserScope::PerProject);
        let mut changed = scope != self.scope;
        self.scope = scope;
        if scope == UserScope::PerProject {
            for namespace in self.hub.namespaces() {
                let answer = self.access.may_list(&self.user, &self.kind, Some(&namespace)).await;
                let before = self.projects.insert(namespace, answer);
                changed |= before.is_some_and(|before| before != answer);
            }
        }
        if changed {
            self.projects.clear();
        }
        changed
    }
}
