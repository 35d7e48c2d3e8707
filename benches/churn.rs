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
//! target/devcluster/kubeconfig), CHURN, CHURN_RATE. Takes its label off the pods again
//! at the end; exits 1 when a change failed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failed assumption fails it

#[path = "serve/churn.rs"]
mod churn;
#[path = "serve/env.rs"]
mod env;

use std::time::Duration;

use env::{benchmarking, env_number, kubeconfig};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Under `cargo test`, a short check of the step.
    let seconds = env_number("CHURN", if benchmarking() { 30 } else { 3 });
    let rate = env_number("CHURN_RATE", 50);
    let client = churn::admin_client(&kubeconfig()).await;
    let churned = churn::churn(&client, rate, Duration::from_secs(seconds)).await;
    churn::unlabel(&client).await;
    println!(
        "churn: {} pod changes in {:.1} s ({:.1} a second), {} failed, {} pods gone meanwhile",
        churned.changes,
        churned.took.as_secs_f64(),
        churned.changes as f64 / churned.took.as_secs_f64(),
        churned.failed,
        churned.gone
    );
    if churned.failed > 0 {
        std::process::exit(1);
    }
}
