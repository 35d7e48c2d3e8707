//! The KUBIC console through the real binary in a pty against the local cluster: `X`
//! starts a fresh toolbox pod and a shell in it, exiting the shell removes the pod,
//! every console gets a new pod, and SIGTERM to kubic removes an open console's pod.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kubic::kube::Connection;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::toolbox;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

async fn toolbox_pods(conn: &Connection, ns: &str) -> Vec<String> {
    toolbox::list(conn, ns).await.expect("list toolbox pods")
}

async fn wait_toolbox_pods(conn: &Connection, ns: &str, count: usize) -> Vec<String> {
    support::eventually(&format!("{count} toolbox pods in {ns}"), WAIT, || async {
        let pods = toolbox_pods(conn, ns).await;
        (pods.len() == count).then_some(pods)
    })
    .await
}

fn kubic(ns: &str) -> KubicTerminal {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let term = KubicTerminal::spawn(
        &["--kubeconfig", &kubeconfig, "-n", ns, "--console-image", "busybox:1.37"],
        100,
        30,
    );
    term.wait_for("the pods view", WAIT, |s| s.contains(&format!("pods({ns})")));
    term
}

#[tokio::test(flavor = "multi_thread")]
async fn each_console_is_a_fresh_pod_removed_when_the_shell_exits_or_kubic_is_terminated() {
    let conn = support::connection().await;
    let ns = support::unique("kubic-kconsole");
    create_namespace(&conn, &ns).await.unwrap();
    let mut term = kubic(&ns);

    term.type_keys("X");
    term.wait_for("the toolbox pod starting", WAIT, |s| {
        s.contains("Console kubic console") && s.contains("starting toolbox pod kubic-console-")
    });
    let first = wait_toolbox_pods(&conn, &ns, 1).await;
    std::thread::sleep(Duration::from_millis(800));
    term.type_keys("echo toolbox-$((40+2))\r");
    term.wait_for("a command's output in the toolbox", WAIT, |s| s.contains("toolbox-42"));
    term.type_keys("exit\r");
    term.wait_for("the exit status and the removal", WAIT, |s| {
        s.contains("exited with status 0 · toolbox pod removed")
    });
    wait_toolbox_pods(&conn, &ns, 0).await;
    term.type_keys("x");

    term.type_keys(":console\r");
    term.wait_for("a second console", WAIT, |s| s.contains("starting toolbox pod"));
    let second = wait_toolbox_pods(&conn, &ns, 1).await;
    assert_ne!(first, second, "every console runs in a new pod");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &term.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(term.wait_exit(WAIT), "kubic exits cleanly on SIGTERM");
    assert_eq!(
        toolbox_pods(&conn, &ns).await,
        Vec::<String>::new(),
        "removed before exiting"
    );
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_a_detached_console_from_the_list_removes_its_pod() {
    let conn = support::connection().await;
    let ns = support::unique("kubic-kconsole");
    create_namespace(&conn, &ns).await.unwrap();
    let mut term = kubic(&ns);
    term.type_keys("X");
    wait_toolbox_pods(&conn, &ns, 1).await;
    term.type_keys("\x1d");
    term.wait_for("detached", WAIT, |s| s.contains("console detached (1 open)"));
    term.type_keys(":consoles\r");
    term.wait_for("the console list", WAIT, |s| s.contains("1. kubic console  (running)"));
    term.type_keys("x");
    wait_toolbox_pods(&conn, &ns, 0).await;
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
    delete_namespace(&conn, &ns).await.unwrap();
}
