//! One shared watch and what it has seen: the rows by key (so a session that joins late
//! starts from the complete list), how many rows each project has (what the sessions'
//! access is decided on), and the changes, broadcast to the sessions in order.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::kube::Connection;
use crate::kube::tables::{TableWatch, watch_rows};
use crate::model::cluster::{RowEvent, Scope};
use crate::model::resource::ResourceKind;
use crate::model::rows::{Row, RowKey};

/// Changes a slow session may fall behind by before it is sent the complete list again.
const BACKLOG: usize = 4096;

/// A running shared watch; dropping the last `Arc` stops it.
pub struct Hub {
    seen: Arc<Seen>,
    _watch: TableWatch,
}

/// What the watch has seen, and the sessions' channel.
struct Seen {
    /// What is watched, for the log: `pods in all projects`.
    label: String,
    state: Mutex<State>,
    events: broadcast::Sender<RowEvent>,
}

#[derive(Default)]
struct State {
    rows: BTreeMap<RowKey, Arc<Row>>,
    per_namespace: HashMap<String, usize>,
    /// The complete list has arrived (and the watch is not broken).
    live: bool,
    /// Why the watch is broken, while it is.
    failed: Option<RowEvent>,
}

/// Where a session joining the watch starts.
pub enum Start {
    /// The complete list as it is now.
    Rows(Vec<Arc<Row>>),
    /// Why there is no list yet.
    Failed(RowEvent),
    /// The first list has not arrived yet: it comes as a `Reset`.
    Loading,
}

impl Hub {
    /// Starts watching `kind` in `scope` as the server.
    pub fn start(server: &Connection, kind: &ResourceKind, scope: &Scope) -> Arc<Hub> {
        let label = format!(
            "{} in {}",
            kind.plural,
            scope.namespace.as_deref().unwrap_or("all projects")
        );
        let seen = Arc::new(Seen::new(label));
        let fed = Arc::clone(&seen);
        let watch = watch_rows(server, kind, scope, move |event| fed.take(event));
        Arc::new(Hub { seen, _watch: watch })
    }

    /// Where to start and every change after it, with nothing lost or seen twice in
    /// between.
    pub fn follow(&self) -> (Start, broadcast::Receiver<RowEvent>) {
        self.seen.follow()
    }

    /// The projects that have rows now.
    pub fn namespaces(&self) -> Vec<String> {
        self.seen.lock().per_namespace.keys().cloned().collect()
    }
}

impl Seen {
    fn new(label: String) -> Seen {
        Seen {
            label,
            state: Mutex::new(State::default()),
            events: broadcast::channel(BACKLOG).0,
        }
    }

    fn follow(&self) -> (Start, broadcast::Receiver<RowEvent>) {
        let state = self.lock();
        let start = match (&state.failed, state.live) {
            (Some(failed), _) => Start::Failed(failed.clone()),
            (None, true) => Start::Rows(state.rows.values().cloned().collect()),
            (None, false) => Start::Loading,
        };
        (start, self.events.subscribe())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `event` and passes it on, under the lock a joining session takes too.
    fn take(&self, event: RowEvent) {
        let mut state = self.lock();
        match &event {
            RowEvent::Reset(rows) => {
                if !state.live {
                    tracing::info!("shared watch of {} listed {} rows", self.label, rows.len());
                }
                state.rows = rows.iter().map(|row| (row.key.clone(), row.clone())).collect();
                state.per_namespace.clear();
                for row in rows {
                    *state.per_namespace.entry(row.key.namespace.clone()).or_default() += 1;
                }
                state.live = true;
                state.failed = None;
            }
            // A change the rows do not show (an annotation, a status heartbeat) is no news.
            RowEvent::Upsert(row) if state.rows.get(&row.key) == Some(row) => return,
            RowEvent::Upsert(row) => {
                if state.rows.insert(row.key.clone(), row.clone()).is_none() {
                    *state.per_namespace.entry(row.key.namespace.clone()).or_default() += 1;
                }
            }
            RowEvent::Remove(key) => {
                if state.rows.remove(key).is_some() {
                    forget_one(&mut state.per_namespace, &key.namespace);
                }
            }
            RowEvent::Failed { .. } => state.failed = Some(event.clone()),
        }
        // No session follows: nobody to tell.
        let _ = self.events.send(event);
    }
}

fn forget_one(per_namespace: &mut HashMap<String, usize>, namespace: &str) {
    if let Some(count) = per_namespace.get_mut(namespace) {
        *count -= 1;
        if *count == 0 {
            per_namespace.remove(namespace);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(namespace: &str, name: &str) -> Row {
        crate::app::test_support::row(namespace, name, &[])
    }

    fn names(start: Start) -> Vec<String> {
        match start {
            Start::Rows(rows) => rows.iter().map(|r| r.key.name.clone()).collect(),
            Start::Failed(_) => vec!["failed".into()],
            Start::Loading => vec!["loading".into()],
        }
    }

    #[test]
    fn a_late_follower_starts_from_the_complete_list_and_misses_no_change() {
        let seen = Seen::new("pods in all projects".into());
        assert_eq!(names(seen.follow().0), ["loading"]);
        seen.take(RowEvent::rows(vec![row("a", "one"), row("b", "two")]));
        seen.take(RowEvent::row(row("a", "three")));
        let (start, mut events) = seen.follow();
        assert_eq!(names(start), ["one", "three", "two"]);
        seen.take(RowEvent::Remove(row("b", "two").key));
        assert_eq!(events.try_recv().unwrap(), RowEvent::Remove(row("b", "two").key));
        seen.take(RowEvent::row(row("a", "one")));
        assert!(events.try_recv().is_err(), "an unchanged row is not sent again");
        let mut projects = {
            let state = seen.lock();
            state.per_namespace.keys().cloned().collect::<Vec<_>>()
        };
        projects.sort();
        assert_eq!(projects, ["a"], "a project without rows is forgotten");
    }

    #[test]
    fn a_broken_watch_is_said_until_the_next_complete_list() {
        let seen = Seen::new("pods in all projects".into());
        seen.take(RowEvent::rows(vec![row("a", "one")]));
        let failed = RowEvent::Failed {
            failure: crate::model::failure::Failure::invalid("connection refused"),
            next_try: k8s_openapi::jiff::Timestamp::UNIX_EPOCH,
        };
        seen.take(failed);
        assert_eq!(names(seen.follow().0), ["failed"]);
        seen.take(RowEvent::rows(vec![row("a", "one")]));
        assert_eq!(names(seen.follow().0), ["one"]);
    }
}
