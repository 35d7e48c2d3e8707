//! The real kubic binary in a pty: `shift-f` on a pod opens the port-forward form with
//! the pod's declared port and a free local port, `enter` starts the forward, bytes go
//! through it to the pod (KWOK's port-forward echoes), `:portforwards` counts them, and
//! `ctrl-d` then `y` stops it: the local port closes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::net::TcpStream;
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;
use kube::api::PostParams;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use serde_json::json;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// The number at the end of the form's `local port` line.
fn local_port(screen: &str) -> u16 {
    let line = screen
        .lines()
        .find(|line| line.contains("local port"))
        .unwrap_or_else(|| panic!("no local port in\n{screen}"));
    line.split_whitespace()
        .find_map(|word| word.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn shift_f_on_a_pod_forwards_a_local_port_and_the_list_counts_the_bytes() {
    let conn = support::connection().await;
    let ns = support::unique("pf-e2e");
    create_namespace(&conn, &ns).await.unwrap();
    let deployment: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "echo"},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "echo"}},
            "template": {
                "metadata": {"labels": {"app": "echo"}},
                "spec": {"containers": [{"name": "echo", "image": "registry.local/echo:1",
                                         "ports": [{"name": "echo", "containerPort": 7007}]}]}
            }
        }
    }))
    .unwrap();
    Api::<Deployment>::namespaced(conn.client.clone(), &ns)
        .create(&PostParams::default(), &deployment)
        .await
        .unwrap();
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    // Wide enough for the footer's whole sentence about the forward.
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", &ns], 160, 30);
    term.wait_for("the pod running", WAIT, |s| {
        s.contains("echo-") && s.contains("Running")
    });

    term.type_keys("F");
    term.wait_for("the form with the pod's port", WAIT, |s| {
        s.contains("port-forward to pod/") && s.contains("7007 (echo)") && s.contains("local port")
    });
    let port = local_port(&term.contents());
    term.type_keys("\r");
    term.wait_for("the forward starting", WAIT, |s| s.contains("(:portforwards lists it)"));
    term.type_keys(":pf\r");
    term.wait_for("the forward active", WAIT, |s| {
        s.contains("port-forwards [1]") && s.contains("active: pod echo-")
    });
    let line = "hello through kubic\n";
    let echoed = tokio::task::spawn_blocking(move || support::forward::exchange(port, line, line))
        .await
        .unwrap();
    assert_eq!(echoed, line);
    // Closed, with its bytes in and out: the row ends `0/1  20  20`.
    let counted = ["0/1".to_string(), line.len().to_string(), line.len().to_string()];
    term.wait_for("the connection and its bytes counted", WAIT, |s| {
        s.lines().any(|l| {
            let words: Vec<&str> = l.trim_matches(|c| c == '│' || c == ' ').split_whitespace().collect();
            l.contains(&format!("127.0.0.1:{port}")) && words.ends_with(&counted.each_ref().map(String::as_str))
        })
    });

    term.type_keys("\x04");
    term.wait_for("the confirmation", WAIT, |s| s.contains("Stop the port-forward"));
    term.type_keys("y");
    term.wait_for("the forward stopped", WAIT, |s| {
        s.contains("port-forwards [0]") && s.contains(&format!("port-forward 127.0.0.1:{port} → pod/"))
    });
    support::eventually("the local port closed", WAIT, || async {
        TcpStream::connect(("127.0.0.1", port)).is_err().then_some(())
    })
    .await;
    term.press_esc();
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    delete_namespace(&conn, &ns).await.unwrap();
}
