//! The real kubic binary in a pty: it starts on the dashboard (counts and charts), the
//! hosts table shows live CPU use, a host is cordoned and uncordoned from the keyboard,
//! and its monitor charts it. Maintenance happens on a host the test creates and removes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use regex::Regex;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);

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
