//! Keeps the long-lived streams the state machine declares (`App::subscriptions`):
//! after each update what is newly wanted starts and what is no longer wanted stops.
//! Each running stream is a handle whose drop stops it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

use crate::app::{Action, Stream, Subscriptions};
use crate::kube::Connection;
use crate::kube::tables::watch_rows;
use crate::kube::xray::watch_tree;
use crate::model::metrics::StatsScope;

use super::ServerSide;
use super::background::Background;

/// One started stream and what stops it when dropped.
struct Running {
    stream: Stream,
    _handle: Box<dyn Send>,
}

/// The streams running for one session.
pub struct Streams {
    running: Vec<Running>,
    /// How many times the connection was replaced (successful context switches).
    switches: u64,
    /// `None`: metrics are never polled (the table benchmark).
    metrics_interval: Option<Duration>,
    /// Whose kubelet stats the metrics poller reads, as the state last declared.
    stats: watch::Sender<StatsScope>,
    /// The server's side of a served session: its lists of sessions and changes.
    side: Option<Arc<dyn ServerSide>>,
}

impl Streams {
    pub fn new(metrics_interval: Option<Duration>) -> Streams {
        Streams {
            running: Vec::new(),
            switches: 0,
            metrics_interval,
            stats: watch::Sender::new(StatsScope::default()),
            side: None,
        }
    }

    /// The session is served: the server's lists can be followed.
    pub fn serve(&mut self, side: Arc<dyn ServerSide>) {
        self.side = Some(side);
    }

    /// Stops what `wanted` leaves out and starts what it adds; a stream that is still
    /// wanted keeps running (even when it has ended by itself, like a finished build log).
    /// Streams meant for another connection than this one (the state has not taken in
    /// the last switch yet) are not started.
    pub fn follow(&mut self, wanted: &Subscriptions, connection: &Connection, actions: &UnboundedSender<Action>) {
        self.stats.send_if_modified(|stats| {
            let changed = *stats != wanted.stats;
            if changed {
                stats.clone_from(&wanted.stats);
            }
            changed
        });
        let wanted: &[Stream] = if wanted.connection == self.switches {
            &wanted.streams
        } else {
            &[]
        };
        self.running.retain(|running| {
            let keep = wanted.contains(&running.stream);
            if !keep {
                tracing::debug!("stops {}", named(&running.stream));
            }
            keep
        });
        for stream in wanted {
            if self.running.iter().any(|running| running.stream == *stream) {
                continue;
            }
            if let Some(handle) = self.start(stream, connection, actions) {
                tracing::debug!("starts {}", named(stream));
                self.running.push(Running {
                    stream: stream.clone(),
                    _handle: handle,
                });
            }
        }
    }

    /// Another connection replaced the old one: every stream stops, and only streams
    /// declared for the new connection start again.
    pub fn connection_replaced(&mut self) {
        self.running.clear();
        self.switches += 1;
    }

    fn start(
        &self,
        stream: &Stream,
        connection: &Connection,
        actions: &UnboundedSender<Action>,
    ) -> Option<Box<dyn Send>> {
        let actions = actions.clone();
        let handle: Box<dyn Send> = match stream {
            Stream::Table { view, kind, scope } => {
                let view = *view;
                let sink = move |event| {
                    let _ = actions.send(Action::Rows { view, event });
                };
                match &self.side {
                    Some(side) => side.watch_table(kind, scope, Arc::new(sink)),
                    None => Box::new(watch_rows(connection, kind, scope, sink)),
                }
            }
            Stream::Tree {
                tree,
                kind,
                resource,
                namespace,
            } => {
                let (tree, kind) = (*tree, *kind);
                Box::new(watch_tree(
                    connection,
                    kind,
                    resource,
                    namespace.clone(),
                    move |event| {
                        let _ = actions.send(Action::TreeRows { tree, kind, event });
                    },
                ))
            }
            Stream::AppFollower { namespace } => Box::new(super::app_follow::follow(connection, namespace.clone())?),
            Stream::BuildFollower => Box::new(super::build_follow::follow(connection)),
            Stream::Logs {
                stream,
                object,
                options,
            } => Box::new(super::log_feed::start(
                connection,
                *stream,
                object.clone(),
                options.clone(),
                actions,
            )),
            Stream::BuildLog { name } => Box::new(Background::spawn(super::registry_ops::follow_log(
                connection.clone(),
                name.clone(),
                actions,
            ))),
            Stream::PodUsage { scope } => {
                let interval = self.metrics_interval?;
                match &self.side {
                    Some(side) => {
                        let sink = super::pod_usage::usage_actions(scope.clone(), actions);
                        side.pod_usage(scope, interval, sink)
                    }
                    None => Box::new(super::pod_usage::start(
                        connection.clone(),
                        interval,
                        scope.clone(),
                        actions,
                    )),
                }
            }
            Stream::Metrics => Box::new(super::poller::start(
                connection.clone(),
                self.metrics_interval?,
                self.stats.subscribe(),
                actions,
            )?),
            Stream::ServerLists => Box::new(Background::spawn(forward_server_lists(
                self.side.as_ref()?.as_ref(),
                actions,
            ))),
        };
        Some(handle)
    }
}

/// A stream in a few words, for the log.
fn named(stream: &Stream) -> String {
    match stream {
        Stream::Table { view, kind, scope } => format!(
            "the watch of {} in {} (view {view})",
            kind.plural,
            scope.namespace.as_deref().unwrap_or("all projects")
        ),
        Stream::Tree {
            tree,
            resource,
            namespace,
            ..
        } => format!(
            "the watch of {} in {} for owner tree {tree}",
            resource.plural,
            namespace.as_deref().unwrap_or("all projects")
        ),
        Stream::AppFollower { namespace } => format!(
            "following the apps of {}",
            namespace.as_deref().unwrap_or("all projects")
        ),
        Stream::BuildFollower => "following the image builds".into(),
        Stream::Logs { stream, object, .. } => format!("log stream {stream} of {}", object.describe()),
        Stream::BuildLog { name } => format!("the log of image build {name}"),
        Stream::Metrics => "the metrics poller".into(),
        Stream::ServerLists => "the server's sessions and audit trail".into(),
        Stream::PodUsage { scope } => format!(
            "the pod metrics of {}",
            scope.namespace.as_deref().unwrap_or("all projects")
        ),
    }
}

/// Sends the server's sessions and recent changes now and after every change.
fn forward_server_lists(side: &dyn ServerSide, actions: UnboundedSender<Action>) -> impl Future<Output = ()> + use<> {
    let mut sessions = side.sessions();
    let mut audit = side.audit();
    async move {
        loop {
            let now = (sessions.borrow_and_update().clone(), audit.borrow_and_update().clone());
            if actions.send(Action::ServerSessions(now.0)).is_err() || actions.send(Action::AuditTrail(now.1)).is_err()
            {
                return;
            }
            tokio::select! {
                changed = sessions.changed() => if changed.is_err() { return },
                changed = audit.changed() => if changed.is_err() { return },
            }
        }
    }
}
