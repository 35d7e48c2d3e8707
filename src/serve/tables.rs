//! One watch per kind and project for the whole server, shared by every session that
//! shows that table. The server's own identity watches; each session gets the rows its
//! user may list (asked of the API server as that user, see `access`), a complete list
//! first and then the changes, and a new complete list when what the user may list
//! changes. A table the server may not watch, or one with selectors, is not shared: the
//! session watches it as its user, as a local kubic does. The pods, hosts and projects
//! are watched from the start and every watch keeps running a while after its last
//! session left, so a new session's table comes complete from memory; a table of one
//! project is served from the watch of all projects when that one runs.

mod access;
mod hub;
mod subscriber;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::kube::Connection;
use crate::model::cluster::Scope;
use crate::model::resource::{Registry, ResourceKind};
pub use access::{Access, TRUSTED};
use hub::Hub;
use subscriber::Follower;
pub use subscriber::Sink;

/// How long a shared watch keeps running after its last session left.
pub const KEEP_WARM: Duration = Duration::from_secs(600);
/// How often watches nobody followed for `KEEP_WARM` are stopped.
const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// The tables watched from the start and never stopped: every session's first screens.
const PINNED: [&str; 3] = ["pods", "nodes", "namespaces"];

/// Which shared watch: a kind in one project or in all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct HubKey {
    group: String,
    version: String,
    plural: String,
    namespace: Option<String>,
}

impl HubKey {
    fn of(kind: &ResourceKind, namespace: Option<&str>) -> HubKey {
        HubKey {
            group: kind.group.clone(),
            version: kind.version.clone(),
            plural: kind.plural.clone(),
            namespace: namespace.filter(|_| kind.namespaced).map(str::to_string),
        }
    }
}

/// A running shared watch, and since when no session follows it.
struct Held {
    hub: Arc<Hub>,
    idle_since: Option<Instant>,
    pinned: bool,
}

/// The server's shared watches.
pub struct SharedTables {
    server: Connection,
    hubs: Mutex<HashMap<HubKey, Held>>,
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

    /// Starts the watches every session's first screens show, kept for the server's life,
    /// and stops, from then on, the watches no session followed for `KEEP_WARM`.
    pub async fn keep_warm(self: Arc<Self>) {
        let builtin = Registry::builtin();
        for plural in PINNED {
            let Some(kind) = builtin.resolve(plural) else { continue };
            if self.access.server_may_watch(kind, None).await {
                self.hub(kind, None, true);
            } else {
                tracing::warn!("the server may not watch {plural}: each session watches them itself");
            }
        }
        let mut every = tokio::time::interval(SWEEP_EVERY);
        loop {
            every.tick().await;
            self.sweep(Instant::now());
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
        let Some(user_scope) = self.access.scope_of(user, kind, namespace.as_deref()).await else {
            return false;
        };
        let hub = match self.running(kind, None).filter(|_| namespace.is_some()) {
            Some(all) => all,
            None if self.access.server_may_watch(kind, namespace.as_deref()).await => {
                self.hub(kind, namespace.as_deref(), false)
            }
            None => return false,
        };
        let follower = Follower {
            user: user.clone(),
            kind: kind.clone(),
            namespace,
            scope: user_scope,
        };
        subscriber::feed(hub, Arc::clone(&self.access), follower, sink).await;
        true
    }

    /// The watch of `kind` in `namespace` if it runs.
    fn running(&self, kind: &ResourceKind, namespace: Option<&str>) -> Option<Arc<Hub>> {
        let hubs = self.lock();
        hubs.get(&HubKey::of(kind, namespace)).map(|held| Arc::clone(&held.hub))
    }

    /// The running watch of `kind` in `namespace`, started when there is none.
    fn hub(&self, kind: &ResourceKind, namespace: Option<&str>, pinned: bool) -> Arc<Hub> {
        let key = HubKey::of(kind, namespace);
        let mut hubs = self.lock();
        if let Some(held) = hubs.get_mut(&key) {
            held.pinned |= pinned;
            return Arc::clone(&held.hub);
        }
        tracing::info!(
            "shared watch of {} in {} starts",
            kind.plural,
            key.namespace.as_deref().unwrap_or("all projects")
        );
        let scope = Scope {
            namespace: key.namespace.clone(),
            ..Scope::default()
        };
        let hub = Hub::start(&self.server, kind, &scope);
        let held = Held {
            hub: Arc::clone(&hub),
            idle_since: None,
            pinned,
        };
        hubs.insert(key, held);
        hub
    }

    /// Stops the watches no session has followed for `KEEP_WARM` (the pinned ones run on).
    fn sweep(&self, now: Instant) {
        let mut hubs = self.lock();
        hubs.retain(|key, held| {
            let followed = Arc::strong_count(&held.hub) > 1;
            if followed {
                held.idle_since = None;
                return true;
            }
            let idle_since = *held.idle_since.get_or_insert(now);
            let keep = held.pinned || now.duration_since(idle_since) < KEEP_WARM;
            if !keep {
                tracing::info!(
                    "shared watch of {} in {} stops (no session for {}s)",
                    key.plural,
                    key.namespace.as_deref().unwrap_or("all projects"),
                    KEEP_WARM.as_secs()
                );
            }
            keep
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<HubKey, Held>> {
        self.hubs.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
