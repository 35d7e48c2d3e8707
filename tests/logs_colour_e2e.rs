//! Coloured logs in the real binary: a container's SGR sequences are drawn as colours,
//! never shown as `[31m` debris; any other sequence a log holds (a window title, a
//! screen clear) never reaches the operator's terminal; search matches the printed text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn a_coloured_log_line_is_drawn_in_its_colours_and_nothing_else_gets_through() {
    let admin = support::connection().await;
    let ns = support::unique("ansi-logs");
    create_namespace(&admin, &ns).await.unwrap();
    support::access::create_pod(&admin, &ns, "painter").await;
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", &ns], 120, 30);
    term.wait_for("the running pod", WAIT, |s| {
        s.contains("painter") && s.contains("Running")
    });
    term.type_keys("l");
    term.wait_for("the log pane", WAIT, |s| s.contains("Logs pod/painter"));

    let mark = support::unique("paint");
    support::append_container_log(&format!("{mark}-reference"));
    support::append_container_log(&format!(
        "\u{1b}[31m{mark}-red\u{1b}[0m {mark}-plain\u{1b}]0;owned-title\u{7}\u{1b}[2J \u{1b}[1;38;5;34m{mark}-green\u{1b}[m"
    ));
    let printed = format!("{mark}-red {mark}-plain {mark}-green");
    term.wait_for("the coloured line", WAIT, |s| s.contains(&printed));
    let fg = |text: &str| term.cell_of(text).map(|cell| cell.fgcolor());
    assert_eq!(fg(&format!("{mark}-red")), Some(vt100::Color::Idx(1)));
    assert_eq!(fg(&format!("{mark}-green")), Some(vt100::Color::Idx(34)));
    assert!(term.cell_of(&format!("{mark}-green")).unwrap().bold());
    assert_eq!(
        fg(&format!("{mark}-plain")),
        fg(&format!("{mark}-reference")),
        "a plain part keeps the row's colour"
    );
    let screen = term.contents();
    assert!(
        !screen.contains("[31m") && !screen.contains("owned-title") && !screen.contains("[2J"),
        "{screen}"
    );
    assert!(
        screen.contains("painter"),
        "the screen was not cleared by the log: {screen}"
    );

    term.type_keys(&format!("/{mark}-plain "));
    term.type_keys("\r");
    let found = format!("{mark}-plain");
    term.wait_for("the search over the printed text", WAIT, |_| {
        term.cell_of(&found)
            .is_some_and(|cell| cell.bgcolor() == vt100::Color::Idx(3))
    });
    term.type_keys("q");
    delete_namespace(&admin, &ns).await.unwrap();
}
