//! The real kubic binary in a pty: it starts on the dashboard (counts and charts), the
//! hosts table shows live CPU use, a host is cordoned and uncordoned from the keyboard,
//! and its monitor charts it; a new pod shows on its host and in the dashboard's count
//! while kubic lists the pods once (its log shows each request). Maintenance happens on
//! hosts the tests create and remove.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use futures::FutureExt;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, PostParams};
use regex::Regex;
use serde_json::json;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);
/// The dashboard's pod count: ready and total.
const POD_COUNT: &str = r"Pods: (\d+)/(\d+) ready";

#[tokio::test(flavor = "multi_thread")]
async fn dashboard_hosts_cordon_uncordon_and_monitor_from_the_keyboard() {
    let conn = support::connection().await;
    support::fixtures::with_test_host(&conn, "kubic-e2e-host", drive).await;
}

fn drive(host: &str) {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = [
        "--kubeconfig",
        &kubeconfig,
        "--start",
        "dashboard",
        "--metrics-interval",
        "1",
    ];
    let mut term = KubicTerminal::spawn(&args, 160, 40);
    let counts = Regex::new(r"Hosts: \d+/\d+ ready +Pods: \d+/\d+ ready").unwrap();
    term.wait_for("the dashboard with counts and charts", WAIT, |s| {
        s.contains("<dashboard>")
            && s.contains("API server: https://")
            && counts.is_match(s)
            && s.contains("Projects: ")
            && s.contains("Apps: ")
            && s.contains("CPU ")
            && s.contains("cores allocatable")
            && s.contains("Memory ")
            && s.contains("Network")
            && s.contains("Filesystem")
    });

    term.type_keys(":hosts\r");
    let cpu = Regex::new(r"kube-minion1\s+Ready\s+[\d.]+%\s+[\d.]+%\s+\d+").unwrap();
    term.wait_for("the hosts with live CPU and memory percentages", WAIT, |s| {
        cpu.is_match(s)
    });

    term.type_keys(&format!("/{host}\r"));
    term.wait_for("the test's host alone", WAIT, |s| {
        s.contains(host) && !s.contains("kube-minion1") && s.contains("Ready")
    });
    term.type_keys("c");
    term.wait_for("the cordon confirmation", WAIT, |s| {
        s.contains(&format!("Cordon host {host}?"))
    });
    term.type_keys("y");
    term.wait_for("the host shown cordoned", WAIT, |s| s.contains("SchedulingDisabled"));
    term.type_keys("U");
    term.wait_for("the uncordon confirmation", WAIT, |s| {
        s.contains(&format!("Uncordon host {host}?"))
    });
    term.type_keys("y");
    term.wait_for("the host schedulable again", WAIT, |s| {
        s.contains(&format!("done: uncordon host {host}")) && !s.contains("SchedulingDisabled")
    });

    term.type_keys("Tmaint=soon");
    term.wait_for("the taint input saying what is missing", WAIT, |s| {
        s.contains("(add the effect")
    });
    term.type_keys(":NoSchedule\r");
    term.wait_for("the taint confirmation", WAIT, |s| {
        s.contains(&format!("Add taint maint=soon:NoSchedule on host {host}?"))
    });
    term.type_keys("y");
    term.wait_for("the taint in the table", WAIT, |s| s.contains("maint=soon:NoSchedule"));
    term.type_keys("Tmaint-\r");
    term.wait_for("the removal confirmation", WAIT, |s| {
        s.contains("Remove the taints with key maint")
    });
    term.type_keys("y");
    term.wait_for("the taint gone", WAIT, |s| {
        !s.contains("maint=soon") && s.contains(&format!("done: remove the taints with key maint on host {host}"))
    });

    term.type_keys("D");
    term.wait_for("the drain options", WAIT, |s| s.contains("timeout=120s"));
    term.type_keys(" local-storage=perhaps");
    term.wait_for("the options refused while typing", WAIT, |s| {
        s.contains("use yes or no")
    });
    term.type_keys(&"\x7f".repeat(7));
    term.type_keys("yes\r");
    term.wait_for("the drain confirmation", WAIT, |s| {
        s.contains(&format!(
            "Drain host {host} (timeout 120s, pods with local storage evicted)?"
        ))
    });
    term.type_keys("y");
    term.wait_for("the drain done and the host cordoned", WAIT, |s| {
        s.contains(&format!("drained {host}: 0 pod(s) evicted")) && s.contains("SchedulingDisabled")
    });
    term.type_keys("Uy");
    term.wait_for("the host uncordoned after the drain", WAIT, |s| {
        !s.contains("SchedulingDisabled")
    });

    term.type_keys("d");
    term.wait_for("the host's detail", WAIT, |s| {
        s.contains(&format!("describe node {host}"))
            && s.contains("Schedulable:  yes")
            && s.contains("kubic.io/e2e=x:NoSchedule")
            && s.contains("Pods on this host (")
    });
    term.press_esc();
    term.wait_for("back from the detail", WAIT, |s| !s.contains("Pods on this host"));

    term.type_keys("M");
    term.wait_for("the host's monitor", WAIT, |s| {
        s.contains(&format!("monitor {host}")) && s.contains("CPU ") && s.contains("Filesystem")
    });
    term.press_esc();
    term.wait_for("back on the hosts", WAIT, |s| {
        !s.contains(&format!("monitor {host}")) && s.contains(host)
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_pod_shows_on_its_host_and_in_the_dashboard_without_listing_the_pods_again() {
    let conn = support::connection().await;
    let project = support::unique("kubic-census");
    kubic::kube::namespaces::create_namespace(&conn, &project)
        .await
        .unwrap();
    let (pods, log) = (
        Api::<Pod>::namespaced(conn.client.clone(), &project),
        tempfile::tempdir().unwrap(),
    );
    let log_file = log.path().join("kubic.log");
    let (body_pods, body_log) = (pods.clone(), log_file.clone());
    let all = Api::<Pod>::all(conn.client.clone());
    let drive = support::fixtures::with_test_host(&conn, "kubic-census-host", move |host| {
        count_a_new_pod(host, &body_pods, &all, &body_log)
    });
    let result = std::panic::AssertUnwindSafe(drive).catch_unwind().await;
    kubic::kube::namespaces::delete_namespace(&conn, &project)
        .await
        .unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// Drives the dashboard and the hosts table around a pod bound to `host`, then reads
/// kubic's log for the pod lists it made.
fn count_a_new_pod(host: &str, pods: &Api<Pod>, all: &Api<Pod>, log: &std::path::Path) {
    let runtime = tokio::runtime::Handle::current();
    let (kubeconfig, log_arg) = (support::kubeconfig().to_str().unwrap(), log.to_str().unwrap());
    let args = [
        "--kubeconfig",
        kubeconfig,
        "--start",
        "dashboard",
        "--metrics-interval",
        "1",
        "--log-file",
        log_arg,
    ];
    let env = [("KUBIC_LOG", "info,kube_client=debug")];
    let mut term = KubicTerminal::spawn_with_env(&args, &env, 160, 40);
    let count = Regex::new(POD_COUNT).unwrap();
    term.wait_for("the dashboard's pod count", WAIT, |s| count.is_match(s));

    term.type_keys(&format!(":hosts\r/{host}\r"));
    let pods_on_host = |n: usize| Regex::new(&format!(r"{host}\s+Ready\s+\S+\s+\S+\s+{n}\s")).unwrap();
    term.wait_for("the test's host with no pod", WAIT, |s| pods_on_host(0).is_match(s));
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "counted"},
        "spec": {"nodeName": host, "containers": [{"name": "main", "image": "registry.local/demo:1.0"}]}
    }))
    .unwrap();
    runtime.block_on(pods.create(&PostParams::default(), &pod)).unwrap();
    term.wait_for("the new pod counted on its host", WAIT, |s| pods_on_host(1).is_match(s));

    // The dashboard's total follows the cluster's, which other tests change too: it
    // must meet the listed total (this pod included) at some moment.
    term.press_esc();
    term.type_keys(":dash\r");
    let listed = || {
        runtime
            .block_on(all.list_metadata(&ListParams::default()))
            .unwrap()
            .items
            .len()
    };
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let shown = count.captures(&term.contents()).map(|c| c[2].parse::<usize>().unwrap());
        if shown == Some(listed()) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the dashboard shows {shown:?} pods, the cluster has {}",
            listed()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits on q");

    let text = std::fs::read_to_string(log).expect("kubic's log");
    let requests: Vec<&str> = text
        .lines()
        .filter(|line| line.ends_with("requesting"))
        .filter_map(|line| line.split("http.url=").nth(1)?.split_whitespace().next())
        .collect();
    let path_is = |url: &&str, path: &str| url.split('?').next().is_some_and(|p| p.ends_with(path));
    let pod_lists = requests
        .iter()
        .filter(|url| path_is(url, "/api/v1/pods") && !url.contains("watch=true") && !url.contains("continue="))
        .count();
    let broken = text
        .lines()
        .filter(|line| line.contains("watch failed") && line.contains("pods in all namespaces"))
        .count();
    let samples = requests
        .iter()
        .filter(|url| path_is(url, "/apis/metrics.k8s.io/v1beta1/nodes"))
        .count();
    assert!(samples >= 3, "several rounds of the poller ran ({samples}):\n{text}");
    assert_eq!(
        pod_lists,
        1 + broken,
        "one list of the pods, and one more per broken watch ({broken}):\n{}",
        requests.join("\n")
    );
}
