//! Stops and starts parts of the local cluster's control plane, for the fault tests:
//! the whole control plane (kwokctl), the API server alone or etcd alone.

use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a fault takes away.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    /// etcd, the API server, the controller manager, the scheduler and KWOK.
    ControlPlane,
    ApiServer,
    Etcd,
}

impl Part {
    fn arg(self) -> &'static str {
        match self {
            Part::ControlPlane => "cluster",
            Part::ApiServer => "kube-apiserver",
            Part::Etcd => "etcd",
        }
    }
}

/// One fault at a time: the tests of one binary share the one local cluster.
pub static FAULTS: Mutex<()> = Mutex::new(());

fn devcluster(verb: &str, part: Part) {
    super::kubeconfig();
    let output = Command::new(super::root().join("devcluster/cluster"))
        .args([verb, part.arg()])
        .output()
        .expect("run devcluster/cluster");
    assert!(
        output.status.success(),
        "devcluster/cluster {verb} {} failed:\n{}{}",
        part.arg(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Takes `part` away.
pub fn stop(part: Part) {
    devcluster("stop", part);
}

/// Brings `part` back and returns the moment the API server answered `/readyz` again.
pub fn start(part: Part) -> Instant {
    devcluster("start", part);
    wait_answering(Duration::from_secs(120))
}

/// Whether the API server answers `/readyz` now.
pub fn answering() -> bool {
    Command::new(super::root().join("devcluster/cluster"))
        .arg("status")
        .status()
        .is_ok_and(|status| status.success())
}

/// Waits until the API server answers, and returns when it did.
pub fn wait_answering(timeout: Duration) -> Instant {
    let deadline = Instant::now() + timeout;
    loop {
        if answering() {
            return Instant::now();
        }
        assert!(
            Instant::now() < deadline,
            "the API server did not answer within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
