//! kubic: a k9s-style terminal dashboard that brings the KUBIC container manager to Kubernetes.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod kube;
pub mod model;
pub mod oci;
pub mod serve;
pub mod tui;
pub mod ui;
pub mod users_cli;

use anyhow::Context as _;

use cli::{Cli, Command};

/// The version of this kubic binary.
pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Some(Command::Version { client }) => print_versions(&cli, *client).await,
        Some(Command::Install { dry_run }) => install(&cli, *dry_run).await,
        Some(Command::User { action }) => users_cli::run(&cli, action).await,
        None => tui::run(&cli).await,
    }
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
    let mut lines: Vec<String> = applied.into_iter().map(|object| format!("applied {object}")).collect();
    lines.push(format!("kubic is installed in context {}", connection.context));
    print_lines(lines)
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
