//! Shared test harness: brings up the local cluster once (or reuses the running one)
//! and fails loudly when it cannot. Cluster tests never pass by skipping.

#![allow(dead_code)]

pub mod access;
pub mod audit;
pub mod control_plane;
pub mod every_kind;
pub mod fixtures;
pub mod forward;
pub mod frames;
pub mod keys;
pub mod proxy;
pub mod pty;
pub mod registry;
pub mod serve;
pub mod token;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use kubic::kube::{ConnectOptions, Connection, connect};

/// The project's root directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The kubeconfig of the local cluster, started on first use.
pub fn kubeconfig() -> &'static Path {
    static KUBECONFIG: OnceLock<PathBuf> = OnceLock::new();
    KUBECONFIG.get_or_init(|| {
        let output = Command::new(root().join("devcluster/cluster"))
            .arg("up")
            .output()
            .expect("cannot run devcluster/cluster up");
        assert!(
            output.status.success(),
            "the local cluster could not start (devcluster/cluster up):\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        state_dir().join("kubeconfig")
    })
}

/// Where the local cluster keeps its state: `KUBIC_DEVCLUSTER_STATE` when set (so
/// several checkouts can share one running cluster), else target/devcluster.
pub fn state_dir() -> PathBuf {
    match std::env::var_os("KUBIC_DEVCLUSTER_STATE") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => root().join("target/devcluster"),
    }
}

/// The file every simulated container serves as its log (CRI format, followed).
pub fn container_log_file() -> PathBuf {
    kubeconfig();
    state_dir().join("logs/containers.log")
}

/// Makes every simulated container "log" `message` now (a line appended to the CRI file).
pub fn append_container_log(message: &str) {
    use std::io::Write as _;
    let now = k8s_openapi::jiff::Timestamp::now();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(container_log_file())
        .expect("open the simulated container log");
    writeln!(file, "{now} stdout F {message}").expect("append to the simulated container log");
}

/// A fresh connection to the local cluster through kubic's own kube layer.
pub async fn connection() -> Connection {
    let options = ConnectOptions {
        kubeconfig: Some(kubeconfig().to_path_buf()),
        ..ConnectOptions::default()
    };
    connect(&options).await.expect("cannot connect to the local cluster")
}

/// A name no other test (or earlier run) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}-{}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos % 10_000
    )
}

/// Polls `check` until it returns `Some`, or panics with `what` after `timeout`.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
