//! A KUBIC console that waits on a pod the scheduler cannot place, through the real
//! binary in a pty: the project's LimitRange gives every container a CPU request no
//! host has, so the toolbox pod stays Pending. The console shows the pod's phase and
//! the scheduler's reason live instead of a bare cursor; `esc` cancels, the footer
//! says the pod was removed, and the API server no longer has it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::{LimitRange, Pod};
use kube::Api;
use kube::api::PostParams;
use serde_json::json;

use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::toolbox;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn a_console_waiting_on_an_unschedulable_pod_says_why_and_esc_removes_the_pod() {
    let conn = support::connection().await;
    let ns = support::unique("kubic-wait");
    create_namespace(&conn, &ns).await.unwrap();
    let limits: LimitRange = serde_json::from_value(json!({
        "metadata": {"name": "too-big"},
        "spec": {"limits": [{"type": "Container", "defaultRequest": {"cpu": "100"}, "default": {"cpu": "100"}}]}
    }))
    .unwrap();
    Api::<LimitRange>::namespaced(conn.client.clone(), &ns)
        .create(&PostParams::default(), &limits)
        .await
        .unwrap();

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(
        &[
            "--kubeconfig",
            &kubeconfig,
            "-n",
            &ns,
            "--console-image",
            "busybox:1.37",
        ],
        100,
        30,
    );
    term.wait_for("the pods view", WAIT, |s| s.contains(&format!("pods({ns})")));
    term.type_keys("X");
    // The scheduler's event may reach kubic before the pod's PodScheduled condition;
    // the condition is the more telling reason and replaces the event's once it comes.
    term.wait_for("the scheduler's reason on the console", WAIT, |s| {
        s.contains("Pending")
            && s.contains("Why: Unschedulable: 0/")
            && s.contains("Insufficient cpu")
            && s.contains("esc cancels")
    });
    let screen = term.contents();
    assert!(screen.contains("waiting for the pod"), "{screen}");
    let pods = toolbox::list(&conn, &ns).await.unwrap();
    assert_eq!(pods.len(), 1, "one toolbox pod: {pods:?}");
    let pod = Api::<Pod>::namespaced(conn.client.clone(), &ns)
        .get(&pods[0])
        .await
        .unwrap();
    assert_eq!(pod.status.and_then(|s| s.phase).as_deref(), Some("Pending"));
    assert!(screen.contains(&pods[0]), "the pod is named: {screen}");

    term.press_esc();
    term.wait_for("the footer saying the pod was removed", WAIT, |s| {
        s.contains(&format!("console cancelled: toolbox pod {} removed", pods[0]))
    });
    assert!(!term.contents().contains("esc cancels"), "the console is closed");
    support::eventually("the toolbox pod gone from the API server", WAIT, || async {
        toolbox::list(&conn, &ns).await.unwrap().is_empty().then_some(())
    })
    .await;
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    delete_namespace(&conn, &ns).await.unwrap();
}
