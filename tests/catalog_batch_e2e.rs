//! A batch command from the keyboard: `B` on a catalog in the real binary, the command
//! typed with quotes, and the per-pod report read on screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::ListParams;

use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use support::fixtures::{bind_spec, small_dns_app};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn b_on_a_catalog_runs_the_typed_command_in_its_pods_and_shows_the_report() {
    let conn = support::connection().await;
    install(&conn).await.expect("kubic install");
    let project = support::unique("batch-ui");
    projects::create_project(&conn, &project).await.unwrap();
    let catalog = support::unique("bind");
    catalogs::save_catalog(&conn, &catalog, bind_spec()).await.unwrap();
    apps::create_app(&conn, small_dns_app(&project, &catalog))
        .await
        .unwrap();
    apps::run_app(&conn, &project, "dns").await.unwrap();
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), &project);
    let pod = support::eventually("the app's pod running", WAIT, || async {
        let list = pods
            .list(&ListParams::default().labels("kubic.io/app=dns"))
            .await
            .ok()?;
        list.items
            .into_iter()
            .find(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
            .and_then(|p| p.metadata.name)
    })
    .await;

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-A"], 120, 32);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(all)"));
    term.type_keys(":catalogs\r");
    term.wait_for("the catalogs", WAIT, |s| s.contains(&catalog));
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("only our catalog", WAIT, |s| s.contains("[1/"));
    term.type_keys("B");
    term.wait_for("the batch prompt", WAIT, |s| {
        s.contains(&format!("run in every pod of catalog {catalog}:"))
    });
    term.type_keys("sh -c 'echo batch-$((6*7))'\r");
    term.wait_for("the report", WAIT, |s| {
        s.contains(&format!("pod results of catalog {catalog}"))
            && s.contains("pods: 1  succeeded: 1  failed: 0")
            && s.contains(&format!("{project}/{pod} (app dns) · exit 0 · ok"))
            && s.contains("batch-42")
    });
    term.press_esc();
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
    catalogs::delete_catalog(&conn, &catalog, true).await.unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
