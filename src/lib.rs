//! kubic: a k9s-style terminal dashboard that brings the KUBIC container manager to Kubernetes.

pub mod app;
pub mod cli;
pub mod config;
pub mod kube;
pub mod model;
pub mod tui;
pub mod ui;

use anyhow::Context as _;

use cli::{Cli, Command};

/// The version of this kubic binary.
pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Some(Command::Version { client }) => print_versions(&cli, *client).await,
        None => tui::run(&cli).await,
    }
}

async fn print_versions(cli: &Cli, client_only: bool) -> anyhow::Result<()> {
    println!("Client Version: kubic {CLIENT_VERSION}");
    if client_only {
        return Ok(());
    }
    let connection = kube::connect(&cli.connect_options()).await?;
    let server = kube::version::server_version(&connection)
        .await
        .with_context(|| format!("context {:?}", connection.context))?;
    println!("Server Version: {server}");
    Ok(())
}
