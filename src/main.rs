//! kubic's entry point: parse the command line, run, and report any failure in one line.

use std::process::ExitCode;

use clap::Parser;
use kubic::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return fail(&anyhow::anyhow!("cannot start the async runtime: {error}")),
    };
    match runtime.block_on(kubic::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn fail(error: &anyhow::Error) -> ExitCode {
    tracing::error!("kubic ends: {error:#}");
    eprintln!("kubic: error: {error:#}");
    ExitCode::FAILURE
}
