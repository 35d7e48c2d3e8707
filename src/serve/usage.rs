//! One list of pod metrics per interval for every session showing the same pods table
//! (project and selector), listed as the server: the answer is handed to each session
//! whose user the API server lets list those metrics, asked as that user and asked again
//! while they follow; a user it does not let (or a table of every project for a user
//! limited to some) polls through their own connection, and is told why not.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::watch;

use super::tables::{Access, TRUSTED};
use crate::kube::Connection;
use crate::model::access::Check;
use crate::model::cluster::Scope;
use crate::tui::{Background, UsageAnswer, UsageSink, poll_pod_usage};

/// The metrics a pods table's use cells come from.
fn pod_metrics() -> Check {
    Check::new("list", "metrics.k8s.io", "pods")
}

/// Which shared poll: a project (`None`: all) and a label selector.
type PollKey = (Option<String>, Option<String>);

/// A running poll: the latest answer, and the task that lists.
struct Poll {
    latest: watch::Receiver<Option<UsageAnswer>>,
    _task: Background,
}

/// The server's shared polls of pod metrics, each alive while a session follows it.
pub struct SharedUsage {
    server: Connection,
    access: Arc<Access>,
    polls: Mutex<HashMap<PollKey, Weak<Poll>>>,
}

impl SharedUsage {
    pub fn new(server: Connection, access: Arc<Access>) -> SharedUsage {
        SharedUsage {
            server,
            access,
            polls: Mutex::new(HashMap::new()),
        }
    }

    /// Hands `sink` the shared answers for `scope` while `user` may list them, until the
    /// future is dropped; returns (`false`) when the session must poll on its own: at
    /// once when the list cannot be shared, or later when the user's right goes.
    pub async fn follow(&self, scope: &Scope, interval: Duration, user: &Connection, sink: &UsageSink) -> bool {
        let namespace = scope.namespace.as_deref();
        let check = pod_metrics();
        if !self.access.may_on(&self.server, &check, namespace).await
            || !self.access.may_on(user, &check, namespace).await
        {
            return false;
        }
        let poll = self.poll(scope, interval);
        let mut latest = poll.latest.clone();
        let mut recheck = tokio::time::interval(TRUSTED);
        loop {
            if let Some(answer) = latest.borrow_and_update().clone() {
                sink(answer);
            }
            tokio::select! {
                changed = latest.changed() => if changed.is_err() { return false },
                _ = recheck.tick() => if !self.access.may_on(user, &check, namespace).await { return false },
            }
        }
    }

    /// The running poll of `scope`, started when no session follows it yet.
    fn poll(&self, scope: &Scope, interval: Duration) -> Arc<Poll> {
        let key = (scope.namespace.clone(), scope.label_selector.clone());
        let mut polls = self.polls.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        polls.retain(|_, poll| poll.strong_count() > 0);
        if let Some(poll) = polls.get(&key).and_then(Weak::upgrade) {
            return poll;
        }
        tracing::info!(
            "shared pod metrics poll of {} starts",
            key.0.as_deref().unwrap_or("all projects")
        );
        let (answers, latest) = watch::channel(None);
        let sink: UsageSink = Arc::new(move |answer| {
            answers.send_replace(Some(answer));
        });
        let scope = Scope {
            field_selector: None,
            ..scope.clone()
        };
        let task = Background::spawn(poll_pod_usage(self.server.clone(), interval, scope, sink));
        let poll = Arc::new(Poll { latest, _task: task });
        polls.insert(key, Arc::downgrade(&poll));
        poll
    }
}
