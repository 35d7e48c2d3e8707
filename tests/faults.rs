//! Faults on the local cluster while kubic is in use: the whole control plane, the API
//! server alone or etcd alone stop and come back while a table is shown, a log pane
//! follows, a console is open, the inline editor holds unsaved changes, an app scales and
//! a host drains. Every stream is live again within 5 s of the API server answering,
//! nothing typed is lost, nothing panics, and kubic leaves the terminal as it found it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::sync::MutexGuard;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::Api;
use kube::api::PostParams;
use serde_json::json;

use kubic::kube::Connection;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::control_plane::{FAULTS, Part, answering, start, stop};
use support::pty::KubicTerminal;

/// The promise: live again this soon after the API server answers.
const RECOVERY: Duration = Duration::from_secs(5);
const WAIT: Duration = Duration::from_secs(90);

/// Holds the one-fault-at-a-time lock; whatever happens, the cluster answers again after.
struct Fault {
    stopped: Option<Part>,
    _turn: Option<MutexGuard<'static, ()>>,
}

impl Fault {
    /// Takes this test's turn: from here to its end no other test stops anything.
    fn begin() -> Fault {
        let turn = FAULTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Fault {
            stopped: None,
            _turn: Some(turn),
        }
    }

    /// Faults within a turn its caller already holds.
    fn within_turn() -> Fault {
        Fault {
            stopped: None,
            _turn: None,
        }
    }

    fn stop(&mut self, part: Part) {
        self.stopped = Some(part);
        stop(part);
    }

    /// Brings the part back; returns when the API server answered.
    fn restore(&mut self) -> Instant {
        let part = self.stopped.take().expect("a part was stopped");
        start(part)
    }
}

impl Drop for Fault {
    fn drop(&mut self) {
        if let Some(part) = self.stopped.take() {
            start(part);
        }
        if !answering() {
            start(Part::ControlPlane);
        }
    }
}

fn kubeconfig() -> String {
    support::kubeconfig().to_str().unwrap().to_string()
}

/// A pod in `ns`; a project made a moment ago may not have its service account yet.
async fn pod(conn: &Connection, ns: &str, name: &str) {
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {"app": "faults"}},
        "spec": {"containers": [{"name": "main", "image": "busybox"}]}
    }))
    .unwrap();
    let pods = Api::<Pod>::namespaced(conn.client.clone(), ns);
    support::eventually(&format!("pod {name} created"), WAIT, || async {
        pods.create(&PostParams::default(), &pod).await.ok()
    })
    .await;
}

/// Waits until `predicate` holds and says how long after `since` it did.
fn recovered(term: &KubicTerminal, what: &str, since: Instant, predicate: impl Fn(&str) -> bool) -> Duration {
    term.wait_for(what, WAIT, predicate);
    let took = since.elapsed();
    eprintln!("{what}: {took:?} after the API server answered");
    assert!(took <= RECOVERY, "{what} took {took:?} (more than {RECOVERY:?})");
    took
}

/// `q` quits at once and the terminal is back on the main screen.
fn quits_cleanly(mut term: KubicTerminal) {
    term.press_esc();
    term.type_keys("q");
    assert!(term.wait_exit(Duration::from_secs(10)), "kubic exited with a failure");
    assert!(
        !term.on_alternate_screen(),
        "kubic left the terminal on the alternate screen"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_table_is_live_again_within_5_seconds_of_each_fault() {
    let mut fault = Fault::begin();
    let conn = support::connection().await;
    let ns = support::unique("kubic-faults-table");
    create_namespace(&conn, &ns).await.unwrap();
    pod(&conn, &ns, "before").await;
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig(), "-n", &ns], 120, 30);
    term.wait_for("the pods table", WAIT, |s| {
        s.contains(&format!("pods({ns})")) && s.contains("before")
    });

    for (part, name) in [
        (Part::ApiServer, "after-apiserver"),
        (Part::Etcd, "after-etcd"),
        (Part::ControlPlane, "after-control-plane"),
    ] {
        fault.stop(part);
        if !matches!(part, Part::Etcd) {
            term.wait_for("the table marked stale with its next try", WAIT, |s| {
                s.contains("STALE · retry")
            });
        }
        std::thread::sleep(Duration::from_secs(2));
        term.type_keys("/bef\r");
        term.wait_for("keys handled during the fault", WAIT, |s| s.contains("</bef>"));
        term.press_esc();
        let answered = fault.restore();
        pod(&conn, &ns, name).await;
        recovered(&term, &format!("the table after {part:?}"), answered, |s| {
            s.contains(name) && !s.contains("STALE")
        });
    }
    quits_cleanly(term);
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_log_pane_follows_again_after_the_api_server_restarts() {
    let mut fault = Fault::begin();
    let conn = support::connection().await;
    let ns = support::unique("kubic-faults-logs");
    create_namespace(&conn, &ns).await.unwrap();
    pod(&conn, &ns, "talker").await;
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig(), "-n", &ns], 140, 30);
    term.wait_for("the running pod", WAIT, |s| {
        s.contains("talker") && s.contains("Running")
    });
    term.type_keys("l");
    let before = support::unique("line-before");
    support::append_container_log(&before);
    term.wait_for("the followed log", WAIT, |s| s.contains(&before));

    fault.stop(Part::ApiServer);
    term.wait_for("the stream saying it reconnects", WAIT, |s| s.contains("reconnecting"));
    std::thread::sleep(Duration::from_secs(2));
    let answered = fault.restore();
    let after = support::unique("line-after");
    support::append_container_log(&after);
    recovered(&term, "the log pane", answered, |s| s.contains(&after));
    quits_cleanly(term);
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_console_cut_by_the_api_server_says_so_and_a_new_one_opens_once_it_is_back() {
    let mut fault = Fault::begin();
    let conn = support::connection().await;
    let ns = support::unique("kubic-faults-console");
    create_namespace(&conn, &ns).await.unwrap();
    pod(&conn, &ns, "shell").await;
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig(), "-n", &ns], 120, 30);
    term.wait_for("the running pod", WAIT, |s| {
        s.contains("shell") && s.contains("Running")
    });
    term.type_keys("s");
    term.wait_for("the console", WAIT, |s| s.contains("Console"));
    term.type_keys("echo first-$((20+1))\r");
    term.wait_for("the shell answering", WAIT, |s| s.contains("first-21"));

    fault.stop(Part::ApiServer);
    term.wait_for("the console saying it ended", WAIT, |s| s.contains("any key closes"));
    let answered = fault.restore();
    term.type_keys(" ");
    term.wait_for("the console closed", WAIT, |s| {
        !s.contains("any key closes") && s.contains("shell")
    });
    term.type_keys("s");
    term.wait_for("a new console", WAIT, |s| s.contains("Console") && s.contains("detach"));
    term.type_keys("echo again-$((40+2))\r");
    recovered(&term, "a new console", answered, |s| s.contains("again-42"));
    term.type_keys("exit\r");
    term.wait_for("the shell ended", WAIT, |s| s.contains("any key closes"));
    term.type_keys(" ");
    quits_cleanly(term);
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn unsaved_edits_survive_a_failed_save_and_are_saved_after_the_api_server_is_back() {
    let mut fault = Fault::begin();
    let conn = support::connection().await;
    let ns = support::unique("kubic-faults-edit");
    create_namespace(&conn, &ns).await.unwrap();
    let config_maps = Api::<ConfigMap>::namespaced(conn.client.clone(), &ns);
    let config_map: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": "settings"}, "data": {"mode": "old"}
    }))
    .unwrap();
    config_maps.create(&PostParams::default(), &config_map).await.unwrap();
    let args = ["--kubeconfig", &kubeconfig(), "-n", &ns, "--start", "configmaps"];
    let mut term = KubicTerminal::spawn(&args, 120, 30);
    term.wait_for("the config map", WAIT, |s| s.contains("settings"));
    term.type_keys("/settings\r");
    term.type_keys("e");
    term.wait_for("the inline editor", WAIT, |s| s.contains("mode: old"));
    edit_mode_line(&mut term);
    term.wait_for("the edit in the buffer", WAIT, |s| s.contains("mode: new-after-fault"));

    fault.stop(Part::ApiServer);
    term.type_keys("\x13");
    term.wait_for("the save refused with a reason, the edit kept", WAIT, |s| {
        s.contains("not saved") && s.contains("mode: new-after-fault")
    });
    let answered = fault.restore();
    term.type_keys("\x13");
    recovered(&term, "the save after the fault", answered, |s| {
        s.contains("saved configmap")
    });
    let saved = config_maps.get("settings").await.unwrap();
    assert_eq!(saved.data.unwrap()["mode"], "new-after-fault");
    quits_cleanly(term);
    delete_namespace(&conn, &ns).await.unwrap();
}

/// Moves from the editor's first line (the cursor starts there) to the `mode: old` line,
/// wherever the YAML puts it, and makes it `mode: new-after-fault`.
fn edit_mode_line(term: &mut KubicTerminal) {
    let screen = term.contents();
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains("apiVersion: v1"))
        .expect("the first line");
    let mode = lines
        .iter()
        .position(|l| l.contains("mode: old"))
        .expect("the mode line");
    term.type_keys(&"\x1b[B".repeat(mode - top));
    term.type_keys("\x1b[F");
    term.type_keys(&"\x7f".repeat("old".len()));
    term.type_keys("new-after-fault");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drain_cut_by_the_api_server_says_why_and_a_redo_completes() {
    let _turn = Fault::begin();
    let conn = support::connection().await;
    support::fixtures::with_test_host(&conn, "kubic-faults-host", drain_through_a_fault).await;
}

fn drain_through_a_fault(host: &str) {
    let mut fault = Fault::within_turn();
    let kubeconfig = kubeconfig();
    let args = ["--kubeconfig", &kubeconfig, "--start", "hosts"];
    let mut term = KubicTerminal::spawn(&args, 160, 40);
    term.wait_for("the hosts", WAIT, |s| s.contains("kube-minion1"));
    term.type_keys(&format!("/{host}\r"));
    term.wait_for("the test's host", WAIT, |s| s.contains(host) && s.contains("Ready"));

    term.type_keys("D");
    term.wait_for("the drain options", WAIT, |s| s.contains("timeout=120s"));
    term.type_keys("\r");
    term.wait_for("the drain confirmation", WAIT, |s| {
        s.contains(&format!("Drain host {host}"))
    });
    fault.stop(Part::ApiServer);
    term.type_keys("y");
    term.wait_for("the drain refused with the reason", WAIT, |s| {
        s.contains(&format!("cannot drain host {host}"))
    });
    let answered = fault.restore();
    recovered(&term, "the hosts table", answered, |s| {
        !s.contains("STALE") && s.contains(host)
    });
    term.type_keys("D");
    term.wait_for("the drain options again", WAIT, |s| s.contains("timeout=120s"));
    term.type_keys("\r");
    term.wait_for("the drain confirmation again", WAIT, |s| {
        s.contains(&format!("Drain host {host}"))
    });
    term.type_keys("y");
    term.wait_for("the drain done", WAIT, |s| {
        s.contains(&format!("drained {host}")) && s.contains("SchedulingDisabled")
    });
    quits_cleanly(term);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_app_scaling_through_an_api_server_restart_reaches_its_replicas() {
    let mut fault = Fault::begin();
    use kubic::kube::kubic::{apps, catalogs, projects};

    let conn = support::access::installed().await;
    let project = support::unique("kubic-faults-apps");
    projects::create_project(&conn, &project).await.unwrap();
    let catalog = support::unique("bind");
    catalogs::save_catalog(&conn, &catalog, support::fixtures::bind_spec())
        .await
        .unwrap();
    apps::create_app(&conn, support::fixtures::small_dns_app(&project, &catalog))
        .await
        .unwrap();
    let args = ["--kubeconfig", &kubeconfig(), "-n", &project, "--start", "apps"];
    let mut term = KubicTerminal::spawn(&args, 120, 30);
    term.wait_for("the halted app", WAIT, |s| s.contains("dns") && s.contains("Halted"));
    term.type_keys("r");
    term.wait_for("the app running", WAIT, |s| s.contains("Running") && s.contains("1/1"));

    term.type_keys("S");
    term.wait_for("the scale input", WAIT, |s| s.contains("replicas of dns:"));
    term.type_keys("\x7f3\r");
    term.wait_for("the scale sent", WAIT, |s| s.contains("/3"));
    fault.stop(Part::ApiServer);
    term.wait_for("the apps table stale", WAIT, |s| s.contains("STALE · retry"));
    let answered = fault.restore();
    recovered(&term, "the apps table", answered, |s| {
        !s.contains("STALE") && s.contains("dns")
    });
    term.wait_for("three ready replicas", WAIT, |s| s.contains("3/3"));
    term.type_keys("t");
    term.wait_for("the halt confirmation", WAIT, |s| s.contains("Halt app"));
    term.type_keys("y");
    term.wait_for("the app halted", WAIT, |s| s.contains("Halted") && s.contains("0/0"));
    quits_cleanly(term);
    catalogs::delete_catalog(&conn, &catalog, true).await.unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
