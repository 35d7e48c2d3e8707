//! kubic: a k9s-style terminal dashboard that brings the KUBIC container manager to Kubernetes.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod kube;
pub mod logging;
pub mod model;
pub mod oci;
pub mod serve;
pub mod tui;
pub mod ui;
pub mod users_cli;

use anyhow::Context as _;

use cli::{Cli, Command};
use config::i18n::t;

/// The version of this kubic binary.
pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs what the command line asks for, with the log started first.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let terminal = match cli.command {
        None => logging::Terminal::Dashboard,
        Some(_) => logging::Terminal::Free,
    };
    let log_warnings = logging::start(cli.log_file.as_deref(), terminal);
    tracing::info!("kubic {CLIENT_VERSION} starts: {}", cli.command_name());
    match &cli.command {
        Some(Command::Version { client }) => print_versions(&cli, *client).await,
        Some(Command::Install { dry_run }) => install(&cli, *dry_run).await,
        Some(Command::Serve {
            listen,
            host_key,
            idle_timeout,
            sessions_per_user,
            audit_log,
        }) => {
            let audit_log = match audit_log {
                Some(path) => path.clone(),
                None => logging::default_file("audit.log").map_err(anyhow::Error::msg)?,
            };
            let options = serve::server::ServeOptions {
                listen: *listen,
                host_key: host_key.clone(),
                idle_timeout: std::time::Duration::from_secs(*idle_timeout),
                sessions_per_user: usize::try_from(*sessions_per_user).unwrap_or(usize::MAX),
                audit_log,
            };
            run_server(&cli, &options, &log_warnings).await
        }
        Some(Command::User { action }) => users_cli::run(&cli, action).await,
        Some(Command::Completions { shell }) => cli::print_completions(*shell),
        Some(Command::Man) => cli::print_man_page(),
        None => tui::run(&cli, log_warnings).await,
    }
}

/// `kubic serve`: the server's own identity from the kubeconfig or, in a pod, its
/// service account; the configuration every session starts with.
/// A log that could not be started is said once on standard error (the server's own
/// output, not a session's terminal).
async fn run_server(cli: &Cli, options: &serve::server::ServeOptions, log_warnings: &[String]) -> anyhow::Result<()> {
    if cli.as_user.is_some() || !cli.as_groups.is_empty() {
        anyhow::bail!("kubic serve acts as each logged-in user: --as and --as-group are for a local kubic");
    }
    for warning in log_warnings {
        eprintln!("kubic serve: {warning}");
    }
    let connection = kube::connect::connect_server(&cli.connect_options()).await?;
    let (config, warnings) = config::load(config::user_config_dir().as_deref());
    let settings = tui::SessionSettings::from_cli(cli);
    serve::server::serve(options, connection, config, warnings, settings).await
}

async fn install(cli: &Cli, dry_run: bool) -> anyhow::Result<()> {
    if dry_run {
        let mut documents = Vec::new();
        for object in kube::install::install_objects()? {
            documents.push(format!(
                "---\n{}",
                model::yaml::to_yaml(&object).map_err(anyhow::Error::msg)?
            ));
        }
        return print_lines(documents);
    }
    let connection = kube::connect(&cli.connect_options()).await?;
    let applied = kube::install::install(&connection)
        .await
        .with_context(|| format!("context {:?}", connection.context))?;
    let lang = cli_lang();
    let mut lines: Vec<String> = applied
        .into_iter()
        .map(|object| t!(lang, "cli.applied", object = object))
        .collect();
    lines.push(t!(lang, "cli.installed", context = connection.context));
    print_lines(lines)
}

/// The language of a subcommand's output: `config.toml`'s `lang`, else the locale's.
pub(crate) fn cli_lang() -> config::i18n::Lang {
    config::load(config::user_config_dir().as_deref()).0.lang
}

async fn print_versions(cli: &Cli, client_only: bool) -> anyhow::Result<()> {
    print_lines([format!("Client Version: kubic {CLIENT_VERSION}")])?;
    if client_only {
        return Ok(());
    }
    let connection = kube::connect(&cli.connect_options()).await?;
    let server = kube::version::server_version(&connection)
        .await
        .with_context(|| format!("context {:?}", connection.context))?;
    print_lines([format!("Server Version: {server}")])
}

/// Prints lines to stdout; a reader that went away (`| head`) ends the output quietly.
pub(crate) fn print_lines(lines: impl IntoIterator<Item = String>) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    for line in lines {
        match writeln!(stdout, "{line}") {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other?,
        }
    }
    match stdout.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
