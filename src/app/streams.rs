//! The long-lived streams the current state needs: the top table's watch (or, while an
//! owner tree is shown, the watches it is built from instead), the app and
//! build followers beside their tables (not in read-only mode: they write status), the log pane's stream, a followed build log and
//! the metrics poller. The runner starts what is newly wanted after each update and
//! stops what no longer is, so no key has to remember to stop anything.

use crate::app::hosts::dashboard::Screen;
use crate::app::input::overlay::TextKind;
use crate::app::{App, Mode};
use crate::model::cluster::{LogOptions, ObjectRef, Scope};
use crate::model::metrics::StatsScope;
use crate::model::resource::{Known, ResourceKind};
use crate::model::xray::TreeKind;

/// The streams the state needs, and the connection they are meant for: how many
/// context switches the state has taken in. Until the state has taken in a switch the
/// runner made, the runner's new connection serves none of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriptions {
    pub connection: u64,
    pub streams: Vec<Stream>,
    /// Whose kubelet stats the metrics stream reads: the hosts whose network and
    /// filesystem charts are on screen. It changes without restarting the stream.
    pub stats: StatsScope,
}

/// One stream the state needs; two equal values are the same running stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stream {
    /// The rows of view `view`: `kind` watched in `scope`.
    Table {
        view: u64,
        kind: ResourceKind,
        scope: Scope,
    },
    /// One kind's objects for owner tree `tree`, watched in `namespace` (`None`: all).
    Tree {
        tree: u64,
        kind: TreeKind,
        resource: ResourceKind,
        namespace: Option<String>,
    },
    /// While apps are shown: their pods, so each app's recorded state follows them.
    AppFollower { namespace: Option<String> },
    /// While image builds are shown: their phase, following their pods.
    BuildFollower,
    /// The log pane's lines of `object`, as stream `stream`.
    Logs {
        stream: u64,
        object: ObjectRef,
        options: LogOptions,
    },
    /// The log of image build `name`, followed to its end.
    BuildLog { name: String },
    /// Metrics and counts for the dashboard, a host monitor and the hosts table: the
    /// census of pods and hosts (watched) and the use sampled every interval.
    Metrics,
    /// While an admin looks at `:sessions` or `:audit`: the server's lists.
    ServerLists,
    /// While a pods table is on screen: its pods' CPU and memory use, one list of
    /// metrics.k8s.io per interval for the table's project (or all) and selector.
    PodUsage { scope: Scope },
}

impl App {
    /// Every stream the current state needs, in a stable order.
    pub fn subscriptions(&self) -> Subscriptions {
        Subscriptions {
            connection: self.switches,
            streams: self.wanted_streams(),
            stats: self.stats_scope(),
        }
    }

    fn stats_scope(&self) -> StatsScope {
        match &self.screen {
            Screen::Dashboard => StatsScope::AllHosts,
            Screen::Monitor(host) => StatsScope::Host(host.clone()),
            Screen::Table | Screen::Sessions | Screen::Audit | Screen::Xray(_) => StatsScope::Nothing,
        }
    }

    fn wanted_streams(&self) -> Vec<Stream> {
        let mut wanted = Vec::new();
        if let Screen::Xray(xray) = &self.screen {
            wanted.extend(xray.streams());
        } else if let Some(view) = self.view() {
            wanted.push(Stream::Table {
                view: view.id,
                kind: view.kind.clone(),
                scope: view.scope.clone(),
            });
            // The followers re-record apps' and builds' state (status writes): not in
            // read-only mode, which sends no write at all.
            if view.kind.is_known(Known::App) && !self.readonly {
                wanted.push(Stream::AppFollower {
                    namespace: view.scope.namespace.clone(),
                });
            }
            if view.kind.is_known(Known::ImageBuild) && !self.readonly {
                wanted.push(Stream::BuildFollower);
            }
        }
        match self.mode_under_help() {
            Mode::Logs(pane) => wanted.push(Stream::Logs {
                stream: pane.stream,
                object: pane.object.clone(),
                options: pane.options(),
            }),
            Mode::Viewer(view) if view.kind == TextKind::Log => wanted.push(Stream::BuildLog {
                name: view.object.name.clone(),
            }),
            _ => {}
        }
        if self.wants_metrics() {
            wanted.push(Stream::Metrics);
        }
        if self.on_server_screen() {
            wanted.push(Stream::ServerLists);
        }
        if let Some(scope) = self.pods_on_screen() {
            wanted.push(Stream::PodUsage { scope: scope.clone() });
        }
        wanted
    }

    /// Whether the screen shows metrics (the dashboard, a host monitor, the hosts table),
    /// so the runner polls them only then.
    pub fn wants_metrics(&self) -> bool {
        matches!(self.screen, Screen::Dashboard | Screen::Monitor(_))
            || self.screen == Screen::Table && self.view().is_some_and(|v| v.kind.is_known(Known::Node))
    }

    /// What has the keyboard, or what help was opened over.
    pub(in crate::app) fn mode_under_help(&self) -> &Mode {
        let mut mode = &self.mode;
        while let Mode::Help(under) = mode {
            mode = under;
        }
        mode
    }
}

#[cfg(test)]
mod tests;
