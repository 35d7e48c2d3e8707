//! The screens that are not tables: the dashboard (kubic's home: counts, description and
//! metric charts), the realtime monitor of one host, and an owner tree (`app/xray`). Samples arrive as actions from
//! the background poller; nothing here waits on the cluster.

use crate::app::hosts::ops::{ClusterOp, HostInput};
use crate::app::input::prompt::PromptKind;
use crate::app::kubic::ops::{InputPurpose, KubicOp};
use crate::app::{App, Effect};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::failure::Failure;
use crate::model::metrics::Sample;
use crate::model::metrics::overview::Overview;

/// What the body of the screen shows when no overlay covers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Screen {
    /// The table on top of the view stack.
    #[default]
    Table,
    Dashboard,
    /// Live charts of one host, over the hosts table it was opened from.
    Monitor(String),
    /// An admin's list of the server's live sessions.
    Sessions,
    /// An admin's list of the recent changes sessions made.
    Audit,
    /// An owner tree, over the table (or the dashboard) it was opened from.
    Xray(Box<crate::app::xray::Xray>),
}

/// The names `:` accepts for the dashboard.
pub fn is_dashboard(name: &str) -> bool {
    matches!(name, "dashboard" | "dash" | "home")
}

impl App {
    /// Shows the dashboard; no table is watched there (the poller keeps it fed).
    pub(in crate::app) fn open_dashboard(&mut self) -> Vec<Effect> {
        self.screen = Screen::Dashboard;
        self.views.clear();
        self.status = None;
        vec![Effect::Redraw]
    }

    pub(in crate::app) fn open_monitor(&mut self, node: String) -> Vec<Effect> {
        self.screen = Screen::Monitor(node);
        self.status = None;
        vec![Effect::Redraw]
    }

    /// The keys of the dashboard and of the monitor: the table's keymap, where only the
    /// commands that make sense here act.
    pub(in crate::app) fn run_screen_command(&mut self, command: Command) -> Vec<Effect> {
        if self.on_server_screen() {
            return self.run_server_command(command);
        }
        match command {
            Command::Quit => vec![Effect::Quit],
            Command::Help => self.open_help(),
            Command::CommandLine => self.open_prompt(PromptKind::Command),
            Command::Back if matches!(self.screen, Screen::Monitor(_)) => {
                self.screen = Screen::Table;
                vec![Effect::Redraw]
            }
            Command::Back => Vec::new(),
            Command::Edit if self.screen == Screen::Dashboard => {
                if let Some(refused) = self.refuse_in_readonly(command) {
                    return refused;
                }
                let current = self.description().unwrap_or_default();
                self.open_prompt_with(PromptKind::Input(InputPurpose::Host(HostInput::Description)), &current)
            }
            _ if self.screen == Screen::Dashboard => self.error(t!(self.lang, "note.dashboard_keys")),
            _ => self.error(t!(self.lang, "note.monitor_keys")),
        }
    }

    /// The shared description as last read (or written).
    pub fn description(&self) -> Option<String> {
        self.overview.as_ref()?.description.clone().ok().flatten()
    }

    pub(in crate::app) fn on_metrics(&mut self, sample: Result<Box<Sample>, Failure>) -> Vec<Effect> {
        self.metrics
            .record(sample.as_deref().map_err(|failure| failure.message.as_str()));
        self.fill_host_cells();
        vec![Effect::Redraw]
    }

    pub(in crate::app) fn on_overview(&mut self, overview: Overview) -> Vec<Effect> {
        self.overview = Some(overview);
        vec![Effect::Redraw]
    }

    /// After a host or description change: the written description shows at once.
    pub(in crate::app) fn after_cluster_op(
        &mut self,
        op: &KubicOp,
        result: &Result<crate::model::done::Done, crate::model::failure::Failure>,
    ) {
        if let (KubicOp::Cluster(ClusterOp::SetDescription(text)), Ok(_), Some(overview)) =
            (op, result, self.overview.as_mut())
        {
            overview.description = Ok(Some(text.clone()));
        }
    }
}
