//! The real kubic binary in a pty, run `--as` a user bound to kubic-viewer: the pod table
//! loads, and `:secrets` shows the refusal explained, naming the user.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kubic::kube::install::roles::VIEWER;
use support::access::{installed, unbind_cluster_wide, user_bound_to};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);

#[tokio::test(flavor = "multi_thread")]
async fn the_viewer_sees_pods_and_is_told_why_secrets_are_refused() {
    let admin = installed().await;
    let user = support::unique("viewer");
    let (binding, _) = user_bound_to(&admin, &user, VIEWER).await;
    let name = user.clone();
    let result = tokio::task::spawn_blocking(move || drive(&name)).await;
    unbind_cluster_wide(&admin, &binding).await;
    if let Err(error) = result {
        std::panic::resume_unwind(error.into_panic());
    }
}

fn drive(user: &str) {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = ["--kubeconfig", &kubeconfig, "--as", user, "-A", "--start", "pods"];
    let mut term = KubicTerminal::spawn(&args, 160, 40);
    term.wait_for("the pod table", WAIT, |s| {
        s.contains("<pods(all)>") && s.contains("kube-minion")
    });
    term.type_keys(":secrets\r");
    let refusal = format!("not allowed for {user}:");
    term.wait_for("the refusal of secrets, naming the viewer", WAIT, |s| {
        s.contains("<secrets(all)>") && s.contains(&refusal)
    });
    term.type_keys(":q\r");
    assert!(term.wait_exit(Duration::from_secs(10)), "kubic did not quit");
}
