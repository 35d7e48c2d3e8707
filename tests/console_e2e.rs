//! The real kubic binary in a pty: `l` on a pod shows a line appended to its log live,
//! and `s` on a pod opens a shell where a typed command's output shows, ctrl-c and a
//! full-screen program (vim) work, a resize reaches the remote tty, and `exit` shows
//! the exit status.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kubic::kube::Connection;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// A project with one running pod of deployment `name`, and kubic open on its pods.
async fn kubic_on_one_pod(conn: &Connection, name: &str) -> (String, KubicTerminal) {
    let ns = support::unique("kubic-console");
    create_namespace(conn, &ns).await.unwrap();
    support::fixtures::create_deployment(conn, &ns, name, 1).await;
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", &ns], 100, 30);
    term.wait_for("the pod running", WAIT, |s| s.contains(name) && s.contains("Running"));
    (ns, term)
}

#[tokio::test(flavor = "multi_thread")]
async fn l_on_a_pod_shows_an_appended_line_live() {
    let conn = support::connection().await;
    let (ns, mut term) = kubic_on_one_pod(&conn, "talker").await;
    term.type_keys("l");
    term.wait_for("the log pane with the pod's lines", WAIT, |s| {
        s.contains("Logs pod/talker-") && !s.contains(" 0 lines ")
    });
    let marker = support::unique("live-line");
    support::append_container_log(&marker);
    term.wait_for("the appended line on screen", WAIT, |s| s.contains(&marker));
    term.type_keys("t");
    term.wait_for("timestamps shown", WAIT, |s| {
        s.lines().any(|l| l.contains(&marker) && l.contains("Z "))
    });
    term.press_esc();
    term.wait_for("back to the pods", WAIT, |s| s.contains(&format!("pods({ns})")));
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn s_on_a_pod_opens_a_shell_that_follows_resizes_and_shows_the_exit() {
    let conn = support::connection().await;
    let (ns, mut term) = kubic_on_one_pod(&conn, "shell").await;
    term.type_keys("s");
    term.wait_for("the console", WAIT, |s| s.contains("Console pod/shell-"));
    // Give the shell a moment to print its prompt before typing.
    std::thread::sleep(Duration::from_millis(500));
    term.type_keys("echo kubic-$((6*7))\r");
    term.wait_for("the command's output", WAIT, |s| s.contains("kubic-42"));
    // The console is the screen minus the top bar, the footer and its borders.
    term.type_keys("stty size\r");
    term.wait_for("the first tty size", WAIT, |s| s.contains("24 98"));
    term.resize(120, 40);
    std::thread::sleep(Duration::from_millis(300));
    term.type_keys("stty size\r");
    term.wait_for("the remote tty resized", WAIT, |s| s.contains("34 118"));
    // ctrl-c reaches the remote terminal instead of quitting kubic (the local cluster's
    // exec gives the shell no job control, so the tty echoes it without interrupting).
    term.type_keys("sleep 1\r");
    std::thread::sleep(Duration::from_millis(300));
    term.type_keys("\x03");
    term.wait_for("ctrl-c echoed by the remote tty", WAIT, |s| s.contains("^C"));
    term.type_keys("echo after-$((1+1))-ctrl-c\r");
    term.wait_for("the shell still there", WAIT, |s| s.contains("after-2-ctrl-c"));
    // A full-screen program: vim draws its screen, takes esc and a command, and leaves.
    term.type_keys("vim -u NONE -N -i NONE\r");
    term.wait_for("vim's screen", WAIT, |s| s.matches("\n│~").count() >= 5);
    term.type_keys("ivim-typed-text");
    term.press_esc();
    term.wait_for("the typed text in vim", WAIT, |s| s.contains("│vim-typed-text"));
    term.type_keys(":q!\r");
    term.wait_for("vim gone", WAIT, |s| s.matches("\n│~").count() == 0);
    term.type_keys("exit 3\r");
    term.wait_for("the exit status", WAIT, |s| s.contains("exited with status 3"));
    term.type_keys("x");
    term.wait_for("any key closes the ended console", WAIT, |s| {
        s.contains(&format!("pods({ns})"))
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    delete_namespace(&conn, &ns).await.unwrap();
}
