//! One watch per kind and project for the whole server, shared by every session that
//! shows that table. The server's own identity watches; each session gets the rows its
//! user may list (asked of the API server as that user, see `access`), a complete list
//! first and then the changes, and a new complete list when what the user may list
//! changes. A table the server may not watch, or one with selectors, is not shared: the
//! session watches it as its user, as a local kubic does.

mod access;
mod hub;
mod subscriber;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use crate::kube::Connection;
use crate::model::cluster::Scope;
use crate::model::resource::ResourceKind;
pub use access::Access;
use hub::Hub;
use subscriber::Follower;
pub use subscriber::Sink;

/// Which shared watch: a kind in one project or in all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct HubKey {
    group: String,
    version: String,
    plural: String,
    namespace: Option<String>,
}

/// The server's shared watches, each alive while a session follows it.
pub struct SharedTables {
    server: Connection,
    hubs: Mutex<HashMap<HubKey, Weak<Hub>>>,
    pub access: Arc<Access>,
}

impl SharedTables {
    pub fn new(server: Connection) -> SharedTables {
        let access = Arc::new(Access::new(server.clone()));
        SharedTables {
            server,
            hubs: Mutex::new(HashMap::new()),
            access,
        }
    }

    /// Feeds `sink` the rows of `kind` in `scope` that `user` (the session's impersonating
    /// connection) may list, until the future is dropped. Returns at once, `false`, when
    /// the table cannot be shared exactly and the session must watch it itself.
    pub async fn follow(&self, kind: &ResourceKind, scope: &Scope, user: &Connection, sink: Sink) -> bool {
        if scope.label_selector.is_some() || scope.field_selector.is_some() || !kind.allows("watch") {
            return false;
        }
        let namespace = scope.namespace.clone().filter(|_| kind.namespaced);
        if !self.access.server_may_watch(kind, namespace.as_deref()).await {
            return false;
        }
        let Some(user_scope) = self.access.scope_of(user, kind, namespace.as_deref()).await else {
            return false;
        };
        let hub = self.hub(kind, scope);
        let follower = Follower {
            user: user.clone(),
            kind: kind.clone(),
            namespace,
            scope: user_scope,
        };
        subscriber::feed(hub, Arc::clone(&self.access), follower, sink).await;
        true
    }

    /// The running watch of `kind` in `scope`, started when no session follows it yet.
    fn hub(&self, kind: &ResourceKind, scope: &Scope) -> Arc<Hub> {
        let key = HubKey {
            group: kind.group.clone(),
            version: kind.version.clone(),
            plural: kind.plural.clone(),
            namespace: scope.namespace.clone().filter(|_| kind.namespaced),
        };
        let mut hubs = self.hubs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hubs.retain(|_, hub| hub.strong_count() > 0);
        if let Some(hub) = hubs.get(&key).and_then(Weak::upgrade) {
            return hub;
        }
        tracing::info!(
            "shared watch of {} in {} starts",
            kind.plural,
            key.namespace.as_deref().unwrap_or("all projects")
        );
        let hub = Hub::start(&self.server, kind, scope);
        hubs.insert(key, Arc::downgrade(&hub));
        hub
    }

    /// How many shared watches run (for the log and the tests).
    pub fn running(&self) -> usize {
        let hubs = self.hubs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hubs.values().filter(|hub| hub.strong_count() > 0).count()
    }
}
