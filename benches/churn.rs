//! Why this exists: the churn step of `devcluster/scale-bench` (see BENCHMARKS.md) —
//! CHURN_RATE (50) pod changes a second for CHURN (30; 3 under `cargo test`) seconds on the local cluster,
//! made as its admin while kubic is measured on the pods table; the same changes as the
//! serving benchmark's churn step.
//!
//! ```sh
//! CHURN=30 CHURN_RATE=50 cargo bench --bench churn
//! ```
//!
//! Environment: KUBIC_KUBECONFIG (else $KUBIC_DEVCLUSTER_STATE/kubeconfig, else
//! target/devcluster/kubeconfig), CHURN, CHURN_RATE, and CHURN_SCREEN: the file a
//! kubic on the pods table of every namespace writes its terminal output to — then a
//! marker pod in `default` is created and deleted once a second meanwhile and the time
//! until kubic's title shows each new count is measured (benches/serve/visible.rs).
//! Takes its label off the pods again at the end; exits 1 when a change failed or one
//! never showed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failed assumption fails it

#[path = "serve/churn.rs"]
mod churn;
#[path = "serve/env.rs"]
mod env;
#[path = "serve/title.rs"]
mod title;
#[path = "serve/visible.rs"]
mod visible;

use std::time::Duration;

use env::{benchmarking, env_number, kubeconfig};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Under `cargo test`, a short check of the step.
    let seconds = env_number("CHURN", if benchmarking() { 30 } else { 3 });
    let rate = env_number("CHURN_RATE", 50);
    let client = churn::admin_client(&kubeconfig()).await;
    let duration = Duration::from_secs(seconds);
    let screen = std::env::var_os("CHURN_SCREEN").map(std::path::PathBuf::from);
    let shown = async {
        match &screen {
            Some(output) => Some(visible::markers(&client, "default", output, duration).await),
            None => None,
        }
    };
    let (churned, shown) = tokio::join!(churn::churn(&client, rate, duration), shown);
    churn::unlabel(&client).await;
    println!(
        "churn: {} pod changes in {:.1} s ({:.1} a second), {} failed, {} pods gone meanwhile",
        churned.changes,
        churned.took.as_secs_f64(),
        churned.changes as f64 / churned.took.as_secs_f64(),
        churned.failed,
        churned.gone
    );
    if let Some(shown) = &shown {
        println!(
            "visible: {} changes on screen, median {} ms, slowest {} ms, {} not shown within 10 s",
            shown.shown.len(),
            shown.median().as_millis(),
            shown.slowest().as_millis(),
            shown.missed
        );
    }
    if churned.failed > 0 || shown.is_some_and(|shown| shown.missed > 0) {
        std::process::exit(1);
    }
}
