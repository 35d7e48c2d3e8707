//! The real kubic binary in a pty against the local cluster, read through a vt100 parser,
//! driven with the keys an operator types.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::PostParams;
use serde_json::json;

use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

fn kubeconfig() -> String {
    support::kubeconfig().to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn browse_filter_drill_describe_and_yaml_with_live_updates() {
    let conn = support::connection().await;
    let ns = support::unique("kubic-e2e");
    create_namespace(&conn, &ns).await.unwrap();
    let deployment: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}
    }))
    .unwrap();
    Api::<Deployment>::namespaced(conn.client.clone(), &ns)
        .create(&PostParams::default(), &deployment)
        .await
        .unwrap();

    let kubeconfig = kubeconfig();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", &ns], 120, 32);
    term.wait_for("the pods of the project", WAIT, |s| {
        s.contains(&format!("pods({ns})")) && s.matches("web-").count() == 2
    });
    term.wait_for("both pods running", WAIT, |s| s.matches("Running").count() == 2);
    term.wait_for("the server version", WAIT, |s| s.contains("k8s: v1.36."));

    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "late-pod", "labels": {"app": "late"}},
        "spec": {"containers": [{"name": "main", "image": "busybox"}]}
    }))
    .unwrap();
    Api::<Pod>::namespaced(conn.client.clone(), &ns)
        .create(&PostParams::default(), &pod)
        .await
        .unwrap();
    term.wait_for("the new pod to appear live", WAIT, |s| s.contains("late-pod"));

    term.type_keys("/late\r");
    term.wait_for("the filter to narrow the table", WAIT, |s| {
        s.contains("[1/3]") && !s.contains("web-")
    });
    term.press_esc();
    term.wait_for("esc to clear the filter", WAIT, |s| {
        s.contains("[3]") && s.contains("web-")
    });

    term.type_keys(":deploy\r");
    term.wait_for("the deployments view", WAIT, |s| {
        s.contains(&format!("deployments({ns})")) && s.contains("2/2")
    });
    term.type_keys("\r");
    term.wait_for("enter to drill into the deployment's pods", WAIT, |s| {
        s.contains("app=web") && s.matches("web-").count() == 2 && !s.contains("late-pod")
    });
    term.press_esc();
    term.wait_for("esc to go back to the deployments", WAIT, |s| {
        s.contains(&format!("deployments({ns})")) && !s.contains("app=web)")
    });

    term.type_keys("d");
    term.wait_for("describe", WAIT, |s| {
        s.contains("describe deployment") && s.contains("Name:") && s.contains("Replicas")
    });
    term.press_esc();
    term.type_keys("y");
    term.wait_for("the YAML", WAIT, |s| {
        s.contains("apiVersion: apps/v1") && s.contains("kind: Deployment")
    });
    assert!(
        !term.contents().contains("managedFields"),
        "managedFields must not be shown"
    );
    term.press_esc();

    term.type_keys(":hosts\r");
    term.wait_for("the hosts", WAIT, |s| {
        s.contains("kube-minion1") && s.contains("kube-minion2")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
    assert!(!term.on_alternate_screen(), "the alternate screen must be left on exit");
    delete_namespace(&conn, &ns).await.unwrap();
}

#[test]
fn sigterm_restores_the_terminal() {
    let kubeconfig = kubeconfig();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-A"], 80, 24);
    term.wait_for("the pods of all projects", WAIT, |s| {
        s.contains("pods(all)") && s.contains("kubic-node-agent")
    });
    let status = std::process::Command::new("kill")
        .args(["-TERM", &term.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(term.wait_exit(WAIT), "kubic must exit cleanly on SIGTERM");
    assert!(
        !term.on_alternate_screen(),
        "the alternate screen must be left on SIGTERM"
    );
}

#[test]
fn readonly_is_visible_and_refuses_deletes() {
    let kubeconfig = kubeconfig();
    let mut term = KubicTerminal::spawn(
        &["--kubeconfig", &kubeconfig, "--readonly", "-n", "kube-system"],
        100,
        24,
    );
    term.wait_for("the readonly badge and the agents", WAIT, |s| {
        s.contains("[readonly]") && s.contains("kubic-node-agent")
    });
    term.type_keys("\x04");
    term.wait_for("the refusal", WAIT, |s| s.contains("read-only mode"));
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
}

#[tokio::test(flavor = "multi_thread")]
async fn apps_run_scale_and_halt_from_the_keyboard() {
    use kubic::kube::kubic::{apps, catalogs, projects};

    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let project = support::unique("kubic-e2e-apps");
    projects::create_project(&conn, &project).await.unwrap();
    let catalog_name = support::unique("bind");
    catalogs::save_catalog(&conn, &catalog_name, support::fixtures::bind_spec())
        .await
        .unwrap();
    let new_app = support::fixtures::small_dns_app(&project, &catalog_name);
    apps::create_app(&conn, new_app).await.unwrap();

    let kubeconfig = kubeconfig();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", &project], 120, 30);
    term.wait_for("the pods view", WAIT, |s| s.contains(&format!("pods({project})")));
    term.type_keys(":apps\r");
    term.wait_for("the halted app", WAIT, |s| s.contains("dns") && s.contains("Halted"));
    term.type_keys("r");
    term.wait_for("the app running", WAIT, |s| s.contains("Running") && s.contains("1/1"));
    term.type_keys("S");
    term.wait_for("the scale input", WAIT, |s| s.contains("replicas of dns:"));
    term.type_keys("\x7f");
    term.type_keys("2\r");
    term.wait_for("two ready replicas", WAIT, |s| s.contains("2/2"));
    term.type_keys("d");
    term.wait_for("the app's detail", WAIT, |s| {
        s.contains("Revisions:") && s.contains("(current)")
    });
    term.press_esc();
    term.type_keys("m");
    term.wait_for("the rendered manifest", WAIT, |s| {
        s.contains("kind: Deployment") && s.contains("bind:9.18")
    });
    term.press_esc();
    term.type_keys("\x04");
    term.wait_for("the refusal to delete a running app", WAIT, |s| {
        s.contains("Delete app")
    });
    term.type_keys("y");
    term.wait_for("KUBIC's rule", WAIT, |s| s.contains("halt it first"));
    term.type_keys("t");
    term.wait_for("the halt confirmation", WAIT, |s| s.contains("Halt app"));
    term.type_keys("y");
    term.wait_for("the app halted", WAIT, |s| s.contains("Halted") && s.contains("0/0"));
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
    catalogs::delete_catalog(&conn, &catalog_name, true).await.unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_and_an_app_are_created_from_the_keyboard() {
    use kubic::kube::kubic::catalogs;

    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let catalog = support::unique("bind");
    catalogs::save_catalog(&conn, &catalog, support::fixtures::bind_spec())
        .await
        .unwrap();
    let project = support::unique("kubic-e2e-new");

    let kubeconfig = kubeconfig();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "default"], 120, 32);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(default)"));
    term.type_keys(":projects\r");
    term.wait_for("the projects", WAIT, |s| s.contains("kube-system"));
    term.type_keys("n");
    term.type_keys("Bad");
    term.wait_for("the name checked while typing", WAIT, |s| s.contains("is not allowed"));
    term.type_keys("\x7f\x7f\x7f");
    term.type_keys(&format!("{project}\r"));
    term.wait_for("the new project", WAIT, |s| s.contains(&project));

    term.type_keys(&format!(":ns {project}\r"));
    term.type_keys(":catalogs\r");
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("the test catalog", WAIT, |s| s.contains(&catalog) && s.contains("[1/"));
    term.type_keys("n");
    term.wait_for("the app form", WAIT, |s| {
        s.contains(&format!("new app from catalog {catalog}"))
    });
    term.type_keys("web\t\t1.27\t\t\t\t53/UDP\r");
    term.wait_for("the app created", WAIT, |s| s.contains("done: create app"));
    term.type_keys(":apps\r");
    term.wait_for("the new app, halted", WAIT, |s| {
        s.contains("web") && s.contains("Halted")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    catalogs::delete_catalog(&conn, &catalog, true).await.unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
