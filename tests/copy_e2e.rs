//! Copy over OSC 52 in the real binary: `Y` on a row and `Y` in the YAML viewer write
//! `ESC ] 52 ; c ; BASE64 BEL` to the terminal (read as raw pty bytes), wrapped in tmux's
//! passthrough when `TMUX` is set; the footer confirms; `clipboard = false` sends nothing
//! and says so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::path::PathBuf;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The payloads of every OSC 52 sequence in `raw`, decoded (a tmux-wrapped one too).
fn copies(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = raw;
    while let Some(start) = find(rest, b"]52;c;") {
        rest = &rest[start + 6..];
        let end = rest.iter().position(|&b| b == 0x07).expect("the sequence ends in BEL");
        found.push(String::from_utf8(STANDARD.decode(&rest[..end]).expect("base64")).expect("UTF-8"));
        rest = &rest[end..];
    }
    found
}

fn config_home(test: &str, config: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-config/copy")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kubic")).unwrap();
    std::fs::write(dir.join("kubic/config.toml"), config).unwrap();
    dir
}

fn spawn(ns: &str, env: &[(&str, &str)]) -> KubicTerminal {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let term = KubicTerminal::spawn_with_env(&["--kubeconfig", &kubeconfig, "-n", ns], env, 100, 30);
    term.wait_for("the pod", WAIT, |s| s.contains("clip-web"));
    term
}

#[tokio::test(flavor = "multi_thread")]
async fn y_copies_a_rows_name_and_the_yaml_shown_through_osc_52_and_the_footer_confirms() {
    let admin = support::connection().await;
    let ns = support::unique("copy");
    create_namespace(&admin, &ns).await.unwrap();
    support::access::create_pod(&admin, &ns, "clip-web").await;
    let home = config_home("on", "");
    let mut term = spawn(&ns, &[("XDG_CONFIG_HOME", home.to_str().unwrap())]);

    term.type_keys("Y");
    let exact = b"\x1b]52;c;Y2xpcC13ZWI=\x07";
    term.wait_for_raw("the name's OSC 52 sequence", WAIT, |raw| find(raw, exact).is_some());
    term.wait_for("the footer's confirmation", WAIT, |s| {
        s.contains("copied clip-web to the clipboard")
    });
    assert_eq!(
        find(&term.raw_output(), b"\x1bPtmux;"),
        None,
        "not wrapped outside tmux"
    );

    term.type_keys("y");
    term.wait_for("the YAML viewer", WAIT, |s| {
        s.contains("yaml pod") && s.contains("name: clip-web")
    });
    term.type_keys("Y");
    term.wait_for_raw("the YAML's OSC 52 sequence", WAIT, |raw| copies(raw).len() == 2);
    let yaml = copies(&term.raw_output()).pop().unwrap();
    assert!(yaml.contains("kind: Pod") && yaml.contains("name: clip-web"), "{yaml}");
    let lines = yaml.lines().count();
    term.wait_for("the lines counted", WAIT, |s| {
        s.contains(&format!("copied {lines} lines to the clipboard"))
    });
    term.type_keys("q");
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn inside_tmux_the_copy_is_wrapped_and_with_the_clipboard_off_nothing_is_sent() {
    let admin = support::connection().await;
    let ns = support::unique("copy-tmux");
    create_namespace(&admin, &ns).await.unwrap();
    support::access::create_pod(&admin, &ns, "clip-web").await;

    let home = config_home("tmux", "");
    let env = [
        ("XDG_CONFIG_HOME", home.to_str().unwrap()),
        ("TMUX", "/tmp/tmux-1000/default,4242,0"),
    ];
    let mut term = spawn(&ns, &env);
    term.type_keys("Y");
    let wrapped = b"\x1bPtmux;\x1b\x1b]52;c;Y2xpcC13ZWI=\x07\x1b\\";
    term.wait_for_raw("the tmux-wrapped sequence", WAIT, |raw| find(raw, wrapped).is_some());
    term.type_keys("q");

    let off = config_home("off", "clipboard = false\n");
    let mut term = spawn(&ns, &[("XDG_CONFIG_HOME", off.to_str().unwrap())]);
    term.type_keys("Y");
    term.wait_for("the footer saying copy is off", WAIT, |s| {
        s.contains("copy is off (clipboard = false in config.toml)")
    });
    assert_eq!(find(&term.raw_output(), b"]52;"), None, "nothing reaches the clipboard");
    term.type_keys("q");
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_served_over_ssh_copies_to_the_ssh_clients_terminal() {
    use kubic::model::user::UserRole;
    use support::serve::{Server, add_user};

    let admin = support::access::installed().await;
    let project = support::unique("copy-serve");
    kubic::kube::kubic::projects::create_project(&admin, &project)
        .await
        .unwrap();
    support::access::create_pod(&admin, &project, "clip-served").await;
    let hana = support::unique("hana");
    add_user(&admin, &hana, UserRole::User, &[&project], "hana's password").await;
    let server = Server::start(&[]);
    let mut session = server.login(&hana, "hana's password", 120, 32);
    session.type_keys(":pods\r");
    session.wait_for("the pod", WAIT, |s| s.contains("clip-served"));
    session.type_keys("Y");
    let expected = format!("\x1b]52;c;{}\x07", STANDARD.encode("clip-served"));
    session.wait_for_raw("the OSC 52 sequence through ssh", WAIT, |raw| {
        find(raw, expected.as_bytes()).is_some()
    });
    session.wait_for("the footer's confirmation", WAIT, |s| {
        s.contains("copied clip-served to the clipboard")
    });
    session.type_keys("q");
    delete_namespace(&admin, &project).await.unwrap();
}
