//! What the benchmarks read from their environment: numbers, and the local cluster's
//! kubeconfig.

use std::path::{Path, PathBuf};

/// The number in variable `name`, else `default`; anything else is refused.
pub fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {value}")),
        Err(_) => default,
    }
}

/// KUBIC_KUBECONFIG, else $KUBIC_DEVCLUSTER_STATE/kubeconfig, else the local cluster's.
pub fn kubeconfig() -> PathBuf {
    if let Ok(path) = std::env::var("KUBIC_KUBECONFIG") {
        return path.into();
    }
    let state = std::env::var("KUBIC_DEVCLUSTER_STATE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/devcluster"));
    state.join("kubeconfig")
}

/// Whether `cargo bench` runs the benchmark (it passes `--bench`); `cargo test` runs it
/// once as a check, shorter.
pub fn benchmarking() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}
