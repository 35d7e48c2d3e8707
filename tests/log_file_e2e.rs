//! kubic's log file, with the real binary in a pty against the local cluster: the
//! events of kubic and of kube go to the file `--log-file` (or `$XDG_STATE_HOME`)
//! names, filtered by `KUBIC_LOG`, and never to the screen; a log that cannot be
//! opened is said once in the footer and kubic runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// What log lines look like, which the screen must never show.
const LOG_MARKS: [&str; 5] = [" DEBUG ", " INFO ", " WARN ", "kube_client", "kubic::"];

fn assert_no_log_text(screen: &str) {
    for mark in LOG_MARKS {
        assert!(!screen.contains(mark), "the screen shows log text {mark:?}:\n{screen}");
    }
}

fn kubeconfig() -> String {
    support::kubeconfig().to_str().unwrap().to_string()
}

/// Runs kubic on the pods of all projects until they are drawn, checking the screen
/// while it loads, then quits with `q`; returns the screen kubic left behind.
fn run_until_loaded(args: &[&str], env: &[(&str, &str)]) -> String {
    let kubeconfig = kubeconfig();
    let mut all = vec!["--kubeconfig", kubeconfig.as_str(), "-A"];
    all.extend(args);
    let mut term = KubicTerminal::spawn_with_env(&all, env, 120, 30);
    term.wait_for("the pods of all projects", WAIT, |s| {
        assert_no_log_text(s);
        s.contains("pods(all)") && s.contains("kubic-node-agent")
    });
    term.wait_for("the server version", WAIT, |s| s.contains("k8s: v1.36."));
    term.type_keys(":hosts\r");
    term.wait_for("the hosts", WAIT, |s| {
        assert_no_log_text(s);
        s.contains("kube-minion1")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic must exit with success on q");
    assert!(!term.on_alternate_screen(), "the alternate screen must be left on exit");
    term.contents()
}

#[test]
fn events_of_kubic_and_kube_go_to_the_log_file_and_never_to_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("logs/kubic.log");
    let log_arg = log.to_str().unwrap();
    let left = run_until_loaded(&["--log-file", log_arg], &[("KUBIC_LOG", "debug")]);
    assert_no_log_text(&left);
    let text = std::fs::read_to_string(&log).expect("the log file was written");
    assert!(text.contains("kubic 0.1.0 starts: dashboard"), "kubic's start:\n{text}");
    assert!(
        text.contains("context kwok-kubic") && text.contains("API server https://127.0.0.1:"),
        "the connection kubic made:\n{text}"
    );
    assert!(
        text.contains("the API server answers: v1.36."),
        "the server version:\n{text}"
    );
    assert!(text.contains("starts the watch of nodes"), "a watch started:\n{text}");
    assert!(
        text.lines()
            .any(|line| line.contains(" DEBUG ") && line.contains("kube_client")),
        "kube's own events at debug level:\n{text}"
    );
    assert!(text.contains("the dashboard ends"), "kubic's end:\n{text}");
    for line in text.lines() {
        assert!(
            !line.to_lowercase().contains("bearer") && !line.contains("client-key-data"),
            "no credential in the log: {line}"
        );
    }
}

#[test]
fn the_default_filter_keeps_kubic_s_events_and_drops_debug_noise() {
    let state = tempfile::tempdir().unwrap();
    let state_arg = state.path().to_str().unwrap();
    run_until_loaded(&[], &[("XDG_STATE_HOME", state_arg), ("KUBIC_LOG", "")]);
    let log = state.path().join("kubic/kubic.log");
    let text = std::fs::read_to_string(&log).expect("the log in $XDG_STATE_HOME/kubic");
    assert!(text.contains(" INFO kubic: kubic 0.1.0 starts"), "{text}");
    assert!(
        !text.contains(" DEBUG "),
        "debug events are filtered out by default:\n{text}"
    );
}

#[test]
fn a_log_that_cannot_be_opened_is_said_once_in_the_footer() {
    let kubeconfig = kubeconfig();
    let args = [
        "--kubeconfig",
        kubeconfig.as_str(),
        "-A",
        "--log-file",
        "/dev/null/kubic.log",
    ];
    let mut term = KubicTerminal::spawn_with_env(&args, &[("KUBIC_LOG", "debug")], 160, 30);
    term.wait_for("the warning in the footer", WAIT, |s| {
        assert_no_log_text(s);
        s.contains("cannot open the log file /dev/null/kubic.log") && s.contains("runs without a log")
    });
    term.wait_for("the pods of all projects", WAIT, |s| s.contains("kubic-node-agent"));
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic runs (and quits) without its log");
    let left = term.contents();
    assert_no_log_text(&left);
    assert!(
        !left.contains("cannot open"),
        "nothing printed after the dashboard:\n{left}"
    );
}
