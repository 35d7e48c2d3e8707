//! The interactive dashboard: a [`Session`] (the state machine, the effects it asks for
//! and the loop that feeds it) run on the process's own terminal, or on any other
//! [`SessionTerminal`], such as a [`StreamTerminal`] over a writer or a test buffer.

mod answer_log;
mod app_detail;
mod app_follow;
mod audit_trail;
mod background;
mod batch_files;
mod build_follow;
mod choice_ops;
mod cluster_ops;
mod consoles;
mod effects;
mod external_editor;
pub mod forwards;
mod host_detail;
mod kubic_ops;
mod local;
mod log_feed;
mod pod_usage;
mod poller;
mod registry_ops;
mod served;
pub mod session;
mod streams;
mod tour_mark;
mod user_ops;

use crate::app::Header;
use crate::cli::Cli;
use crate::config;
use crate::kube::{self, Connection};
pub use background::Background;
use local::LocalTerminal;
pub use served::{RowSink, ServerSide, UsageAnswer, UsageSink, poll_pod_usage};
pub use session::stream_terminal::StreamTerminal;
pub use session::terminal::{SessionTerminal, TermEvent};
pub use session::writer_backend::{FrameSink, SizedBackend, WriterBackend};
pub use session::{Served, Session, SessionEnd, SessionSettings};

/// Connects, then runs the dashboard on the process's terminal until the operator
/// quits or SIGTERM/SIGHUP arrives; `log_warnings` (a log that could not start) join
/// the configuration's warnings in the footer.
pub async fn run(cli: &Cli, log_warnings: Vec<String>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let options = cli.connect_options();
    let connection = kube::connect(&options).await?;
    let (config, mut warnings) = config::load(config::user_config_dir().as_deref());
    warnings.extend(log_warnings);
    tracing::info!(
        "context {} (cluster {}, API server {}) as {}, project {}",
        connection.context,
        connection.cluster,
        connection.server_url,
        connection.identity,
        connection.namespace
    );
    let session = Session::new(
        connection,
        Some(options),
        config,
        &warnings,
        &SessionSettings::from_cli(cli),
    );
    let mut terminal = LocalTerminal::enter()?;
    let end = local::end_signal()?;
    let ended = session.run(&mut terminal, end).await;
    drop(terminal);
    tracing::info!("the dashboard ends");
    if let Ok(SessionEnd::Loaded { rows }) = ended {
        eprintln!(
            "kubic: {rows} rows loaded and drawn in {} ms",
            started.elapsed().as_millis()
        );
    }
    ended.map(drop)
}

/// The top bar's facts about a connection.
pub fn header_of(connection: &Connection) -> Header {
    Header {
        context: connection.context.clone(),
        cluster: connection.cluster.clone(),
        server_url: connection.server_url.clone(),
        client_version: crate::CLIENT_VERSION.into(),
        server_version: None,
        identity: connection.identity.clone(),
    }
}
