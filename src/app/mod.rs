//! The application state machine: actions in, effects out. No IO here, so every
//! behaviour is unit-testable without tokio or a cluster.

pub mod access;
mod answers;
pub mod console;
mod copy;
pub mod detail;
pub mod forward;
pub mod history;
pub mod hosts;
pub mod images;
pub mod input;
mod keys;
pub mod kubic;
pub mod logs;
mod messages;
pub mod server;
mod streams;
pub mod table;
#[cfg(test)]
pub(crate) mod test_support;
pub mod tour;
pub mod users;
pub mod xray;

use std::collections::BTreeMap;

use k8s_openapi::jiff::Timestamp;

use crate::config::i18n::{Lang, t};
use crate::config::keymap::Keymap;
use crate::model::cluster::ObjectRef;
use crate::model::login::Login;
use crate::model::metrics::Metrics;
use crate::model::metrics::overview::Overview;
use crate::model::resource::Registry;
use hosts::dashboard::Screen;
use input::form;
use input::overlay::{Confirm, Editor, TextView};
use input::prompt::Prompt;
use table::view::View;

pub use messages::{Action, Effect, Fetched, Purpose};
pub use streams::{Stream, Subscriptions};

/// Lines of the screen that are not table rows: top bar, table borders and header, footer.
pub const TABLE_CHROME_LINES: u16 = 7;

/// What the top bar shows about where kubic is connected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub context: String,
    pub cluster: String,
    pub server_url: String,
    pub client_version: String,
    /// `None` while the API server has not answered yet.
    pub server_version: Option<String>,
    /// Whom the API server sees: refusals known before sending name it.
    pub identity: String,
}

/// What has the keyboard besides the table.
#[derive(Debug, Default)]
pub enum Mode {
    #[default]
    Normal,
    Prompt(Prompt),
    /// Help over the screen it was asked from, which comes back when it closes.
    Help(Box<Mode>),
    Confirm(Confirm),
    Viewer(TextView),
    Editor(Box<Editor>),
    Form(Box<form::Form>),
    Logs(Box<logs::LogPane>),
    /// The console with this id has the keyboard.
    Console(u64),
    /// The list of open consoles, with the selected index.
    ConsoleList(usize),
    /// `:portforwards`, with the selected index.
    Forwards(usize),
    /// Browsing a registry's repositories and tags.
    Browse(Box<images::browse::Browser>),
    /// `:tour`, over the screen it was opened on.
    Tour(Box<tour::Tour>),
}

/// A message in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The whole state the screen is drawn from.
#[derive(Debug)]
pub struct App {
    pub header: Header,
    pub registry: Registry,
    pub keymap: Keymap,
    pub readonly: bool,
    /// Whether the copy key may write to the terminal's clipboard (`clipboard` in config.toml).
    pub clipboard: bool,
    /// The session's language: every text the state and the panes show is in it.
    pub lang: Lang,
    /// The current project (namespace); `None` means all.
    pub namespace: Option<String>,
    pub contexts: Vec<String>,
    pub views: Vec<View>,
    pub mode: Mode,
    pub status: Option<Status>,
    /// Every message the footer showed this session, for `:messages`.
    pub history: history::History,
    pub now: Timestamp,
    /// Rows of table that fit on screen, for page up/down.
    pub page: usize,
    /// Lines each log pane keeps (its ring buffer).
    pub log_capacity: usize,
    /// Open exec consoles, in the order they were opened.
    pub consoles: Vec<console::Console>,
    /// The session's port-forwards, in the order they were started.
    pub forwards: Vec<forward::PortForward>,
    /// The KUBIC console's toolbox image.
    pub console_image: String,
    /// The terminal's size (width, height).
    pub terminal_size: (u16, u16),
    /// What the body shows: the top table, the dashboard or a host monitor.
    pub screen: Screen,
    /// Metric series of the cluster and its hosts, fed by the background poller.
    pub metrics: Metrics,
    /// The dashboard's latest counts and description.
    pub overview: Option<Overview>,
    /// The last list of pod metrics, for the pods table's use columns.
    pub pod_usage: table::pod_usage::PodUsageState,
    /// Who is logged in, in a session served over SSH; `None` locally.
    pub login: Option<Login>,
    /// Live sessions per user on the server (empty locally).
    pub live_sessions: BTreeMap<String, usize>,
    /// What the API server said the identity may do, per namespace.
    pub access: access::Access,
    /// The server's sessions and audit trail, for an admin's `:sessions` and `:audit`.
    pub server: server::ServerLists,
    /// This session's id on the server that serves it.
    pub own_session_id: Option<u64>,
    /// The operator has seen the tour's last step (the dashboard stops offering it).
    pub tour_done: bool,
    /// Whether kubic has offered to run `kubic install` in this session.
    pub install_offer: kubic::install_offer::InstallOffer,
    next_view: u64,
    /// How many context switches the state has taken in (its streams are meant for the
    /// connection after that many switches).
    switches: u64,
}

/// How many seconds of metrics the charts keep unless configured.
pub const DEFAULT_METRICS_WINDOW: i64 = 600;

impl App {
    /// A new app showing `start` (a kind name such as `pods`) in `namespace`.
    pub fn new(header: Header, keymap: Keymap, namespace: Option<String>, now: Timestamp) -> App {
        App {
            header,
            registry: Registry::builtin(),
            keymap,
            readonly: false,
            clipboard: true,
            lang: Lang::En,
            namespace,
            contexts: Vec::new(),
            views: Vec::new(),
            mode: Mode::Normal,
            status: None,
            history: history::History::default(),
            now,
            page: 10,
            log_capacity: logs::DEFAULT_CAPACITY,
            consoles: Vec::new(),
            forwards: Vec::new(),
            terminal_size: (80, 24),
            screen: Screen::Table,
            metrics: Metrics::new(DEFAULT_METRICS_WINDOW),
            overview: None,
            pod_usage: Default::default(),
            login: None,
            live_sessions: BTreeMap::new(),
            access: access::Access::default(),
            server: server::ServerLists::default(),
            own_session_id: None,
            tour_done: false,
            install_offer: kubic::install_offer::InstallOffer::NotMade,
            console_image: crate::model::cluster::TOOLBOX_IMAGE.into(),
            next_view: 1,
            switches: 0,
        }
    }

    /// The effects that start the app: discovery and the first view.
    pub fn start(&mut self, kind_name: &str) -> Vec<Effect> {
        let mut effects = vec![Effect::Discover];
        if hosts::dashboard::is_dashboard(kind_name) {
            effects.extend(self.open_dashboard());
            return effects;
        }
        effects.extend(self.open_kind(kind_name, false));
        effects
    }

    /// The view on top of the stack.
    pub fn view(&self) -> Option<&View> {
        self.views.last()
    }

    pub fn view_mut(&mut self) -> Option<&mut View> {
        self.views.last_mut()
    }

    /// Recomputes what the current table shows; call before drawing.
    pub fn prepare_frame(&mut self) {
        let page = self.page;
        self.fill_user_cells();
        if let Screen::Xray(xray) = &mut self.screen {
            xray.refresh();
            xray.keep_visible(page);
        }
        if let Some(view) = self.views.last_mut() {
            view.table.refresh();
            view.table.keep_visible(page);
        }
    }

    /// Applies one action and says what must follow.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => self.on_key(key),
            Action::Resized { width, height } => {
                self.page = usize::from(height.saturating_sub(TABLE_CHROME_LINES)).max(1);
                self.terminal_size = (width, height);
                if let Mode::Logs(pane) = &mut self.mode {
                    pane.height = self.page + 1;
                }
                let mut effects = self.resize_consoles();
                effects.push(Effect::Redraw);
                effects
            }
            Action::Tick(now) => {
                self.now = now;
                vec![Effect::Redraw]
            }
            Action::Terminate => vec![Effect::Quit],
            Action::Log { stream, events } => self.on_log_event(stream, events),
            Action::LogSaved(result) => self.on_log_saved(result),
            Action::Paste(text) => self.on_paste(&text),
            Action::BatchDone { catalog, argv, result } => self.on_batch_done(catalog, &argv, result),
            Action::FilesDeployed { catalog, result } => self.on_files_deployed(catalog, result),
            Action::AppsRestarted(result) => self.on_apps_restarted(result),
            Action::ConsoleOutput { id, bytes } => self.on_console_output(id, &bytes),
            Action::ConsoleStarting {
                id,
                pod,
                image,
                namespace,
            } => self.on_console_starting(id, &pod, &image, &namespace),
            Action::ConsoleEnded { id, end } => self.on_console_ended(id, &end),
            Action::ConsoleWaiting { id, wait } => self.on_console_waiting(id, wait.map(|w| *w)),
            Action::ConsoleCancelled { pod, result } => self.on_console_cancelled(&pod, result),
            Action::TourCounted(counts) => self.on_tour_counts(*counts),
            Action::InstallAllowed(result) => self.on_install_allowed(result),
            Action::Installed(result) => self.on_installed(result),
            Action::Metrics(sample) => self.on_metrics(sample),
            Action::Overview(overview) => self.on_overview(*overview),
            Action::PodUsage { scope, result } => self.on_pod_usage(scope, result),
            Action::Copied(result) => self.on_copied(result),
            Action::ClusterProgress(text) => self.info(text),
            Action::LiveSessions(sessions) => self.on_live_sessions(sessions),
            Action::ProjectsListed(result) => self.on_projects_listed(result),
            Action::Choices { request, result } => self.on_choices(request, result),
            Action::PasswordChanged(result) => self.on_password_changed(result),
            Action::AccessRules { namespace, result } => self.on_access_rules(namespace, result),
            Action::ServerSessions(sessions) => self.on_server_sessions(sessions),
            Action::AuditTrail(audit) => self.on_audit_trail(audit),
            Action::SessionEnded { id, ended } => self.on_session_ended(id, ended),
            Action::TreeRows { tree, kind, event } => self.on_tree_rows(tree, kind, event),
            Action::ForwardPrepared { kind, object, result } => self.on_forward_prepared(kind, object, result),
            Action::LocalPortProbed { address, port, result } => self.on_port_probed(address, port, result),
            Action::ForwardUpdate { id, status } => self.on_forward_update(id, status),
            other => self.on_result(other),
        }
    }

    fn new_view_id(&mut self) -> u64 {
        self.next_view += 1;
        self.next_view
    }

    /// Replaces the whole stack with a view of `name`; `keep_stack` pushes instead.
    fn open_kind(&mut self, name: &str, keep_stack: bool) -> Vec<Effect> {
        let Some(kind) = self.registry.resolve(name).cloned() else {
            return self.error(t!(self.lang, "cmdline.unknown", name = format!("{name:?}")));
        };
        if !kind.allows("watch") {
            return self.error(t!(self.lang, "cmdline.not_watchable", kind = kind.plural));
        }
        if kind.is_known(crate::model::resource::Known::User)
            && let Some(refused) = self.refuse_users()
        {
            return refused;
        }
        let id = self.new_view_id();
        let view = View::new(id, kind, self.namespace.clone());
        if !keep_stack {
            self.views.clear();
        }
        self.screen = Screen::Table;
        self.push_view(view)
    }

    fn push_view(&mut self, view: View) -> Vec<Effect> {
        self.views.push(view);
        self.status = None;
        vec![Effect::Redraw]
    }

    /// Re-watches the top view (after `esc`, or a project switch): a new id is a new
    /// table stream, and rows of the old one are ignored.
    fn rewatch_top(&mut self) -> Vec<Effect> {
        let id = self.new_view_id();
        if let Some(view) = self.views.last_mut() {
            view.id = id;
            view.table.feed = table::Feed::Loading;
        }
        vec![Effect::Redraw]
    }

    fn info(&mut self, text: impl Into<String>) -> Vec<Effect> {
        self.show_status(text.into(), false)
    }

    fn error(&mut self, text: impl Into<String>) -> Vec<Effect> {
        self.show_status(text.into(), true)
    }

    /// Shows a message in the footer and keeps it in the session's history.
    fn show_status(&mut self, text: String, error: bool) -> Vec<Effect> {
        let status = Status { text, error };
        self.history.record(self.now, &status);
        self.status = Some(status);
        vec![Effect::Redraw]
    }

    /// The object the selected row (or, on an owner tree, the selected line) stands for.
    fn selected_object(&self) -> Option<ObjectRef> {
        if let Screen::Xray(xray) = &self.screen {
            return xray.selected_object();
        }
        let view = self.view()?;
        let row = view.table.selected_row()?;
        Some(ObjectRef {
            kind: view.kind.clone(),
            namespace: row.key.namespace.clone(),
            name: row.key.name.clone(),
        })
    }
}
