//! How a session starts: the settings the command line gives it, and the `App` and
//! executor built from them and a connection, with the first screen already asked for.

use std::time::Duration;

use k8s_openapi::jiff::Timestamp;
use tokio::sync::mpsc;

use super::Session;
use crate::app::{Action, App};
use crate::cli::Cli;
use crate::config::Config;
use crate::kube::{self, ConnectOptions, Connection};
use crate::model::failure::Failure;
use crate::model::metrics::Metrics;
use crate::tui::effects::Executor;
use crate::tui::served::Served;

/// What a session is told at its start, besides the connection and the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// `dashboard`, or a view such as `pods` or `hosts`.
    pub start_view: String,
    pub all_namespaces: bool,
    pub readonly: bool,
    /// Lines each log pane keeps.
    pub log_lines: usize,
    /// The KUBIC console's toolbox image.
    pub console_image: String,
    pub metrics_interval: Duration,
    /// Seconds of metrics the charts keep.
    pub metrics_window: u64,
    /// Benchmarks only: end once the first table is complete and drawn, with no
    /// metrics polling beside it.
    pub exit_when_loaded: bool,
    /// The session's terminal is inside tmux (`TMUX` set locally, a `tmux`/`screen`
    /// `TERM` over SSH): copies go through tmux's passthrough.
    pub tmux: bool,
}

impl SessionSettings {
    pub fn from_cli(cli: &Cli) -> SessionSettings {
        SessionSettings {
            start_view: cli.start_view().to_string(),
            all_namespaces: cli.all_namespaces,
            readonly: cli.readonly,
            log_lines: cli.log_lines,
            console_image: cli.console_image.clone(),
            metrics_interval: Duration::from_secs(cli.metrics_interval),
            metrics_window: cli.metrics_window,
            exit_when_loaded: cli.exit_when_loaded,
            tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
        }
    }
}

impl Session {
    /// A session over `connection` (`options` reconnect it to another context of the
    /// kubeconfig; `None`: it stays on this one), with
    /// `config`'s keymap and theme; the first configuration warning, if any, shows in
    /// the footer. Call within the tokio runtime: the server version is asked for at once.
    pub fn new(
        connection: Connection,
        options: Option<ConnectOptions>,
        config: Config,
        warnings: &[String],
        settings: &SessionSettings,
    ) -> Session {
        let namespace = (!settings.all_namespaces).then(|| connection.namespace.clone());
        let mut app = App::new(
            crate::tui::header_of(&connection),
            config.keymap,
            namespace,
            Timestamp::now(),
        );
        app.readonly = settings.readonly || config.readonly;
        app.clipboard = config.clipboard;
        app.lang = config.lang;
        app.log_capacity = settings.log_lines.max(1);
        app.console_image = settings.console_image.clone();
        app.contexts = options
            .as_ref()
            .and_then(|options| kube::connect::context_names(options).ok())
            .unwrap_or_default();
        app.metrics = Metrics::new(settings.metrics_window as i64);
        app.tour_done = crate::tui::tour_mark::is_done();

        let (actions, inbox) = mpsc::unbounded_channel::<Action>();
        // The table benchmark measures the table alone: no metrics polling beside it.
        let interval = (!settings.exit_when_loaded).then_some(settings.metrics_interval);
        let executor = Executor::new(connection, options, actions.clone(), interval, config.lang);
        let pending = app.start(&settings.start_view);
        let mut session = Session {
            app,
            theme: config.theme,
            executor,
            actions,
            inbox,
            pending,
            exit_when_loaded: settings.exit_when_loaded,
            tmux: settings.tmux,
            dirty: true,
            // As if a frame had just gone by: the first is drawn at once.
            last_frame: tokio::time::Instant::now() - super::FRAME,
            last_frame_by_data: false,
            input_since_frame: false,
        };
        if let Some(warning) = first_warning(warnings) {
            session.update(Action::ServerVersion(Err(Failure::invalid(warning))));
        }
        session
    }

    /// Marks the session as served over SSH: the top bar names the user, and what only
    /// a local operator may do is refused.
    pub fn serve_as(&mut self, served: Served) {
        self.app.login = Some(served.login.clone());
        self.app.own_session_id = Some(served.side.id());
        // The server's config directory is not the user's: the tour is the session's own.
        self.app.tour_done = false;
        self.executor.serve(served);
        self.dirty = true;
    }
}

/// `config: <first warning> (+N more)`, for the footer.
fn first_warning(warnings: &[String]) -> Option<String> {
    let first = warnings.first()?;
    let more = if warnings.len() > 1 {
        format!(" (+{} more)", warnings.len() - 1)
    } else {
        String::new()
    };
    Some(format!("config: {first}{more}"))
}
