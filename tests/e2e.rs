//! The real kubic binary in a pty against the local cluster, read through a vt100 parser.

mod support;

use std::time::Duration;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn the_dashboard_shows_live_hosts_and_restores_the_terminal_on_quit() {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig], 100, 30);
    term.wait_for("both hosts", WAIT, |s| {
        s.contains("kube-minion1") && s.contains("kube-minion2")
    });
    term.wait_for("the server version", WAIT, |s| s.contains("k8s v1.36."));
    let screen = term.contents();
    assert!(screen.contains("Context: kwok-kubic"), "{screen}");
    assert!(screen.contains("Hosts (2)"), "{screen}");
    assert!(term.on_alternate_screen());
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
    assert!(!term.on_alternate_screen(), "the alternate screen must be left on exit");
}

#[test]
fn sigterm_restores_the_terminal() {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig], 80, 24);
    term.wait_for("the hosts", WAIT, |s| s.contains("kube-minion1"));
    let pid = term.pid();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(term.wait_exit(WAIT), "kubic must exit cleanly on SIGTERM");
    assert!(
        !term.on_alternate_screen(),
        "the alternate screen must be left on SIGTERM"
    );
}
