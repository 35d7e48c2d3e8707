//! Whole dashboard sessions in memory against the local cluster: the runner draws on a
//! `TestBackend` terminal and reads keys and size changes from a channel, as a session
//! served to a remote terminal would; no pty, no process terminal, no signals.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use futures::channel::mpsc::{UnboundedSender, unbounded};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::PostParams;
use ratatui::backend::TestBackend;
use ratatui::layout::{Rect, Size};
use serde_json::json;
use tokio::sync::oneshot;

use clap::Parser as _;
use kubic::cli::Cli;
use kubic::config::Config;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::{ConnectOptions, Connection, connect};
use kubic::tui::{Session, SessionEnd, SessionSettings, StreamTerminal, TermEvent};
use support::frames::{frame_where, text, type_keys};

const WAIT: Duration = Duration::from_secs(60);
const REFUSAL: &str = "the editor failed: $EDITOR is not available in this session; e opens the inline editor";

type Terminal = StreamTerminal<TestBackend, futures::channel::mpsc::UnboundedReceiver<TermEvent>>;

/// A project with two running pods, `session-web` and `session-db`, and a connection
/// whose namespace it is.
async fn project_with_two_pods() -> (String, Connection) {
    let admin = support::connection().await;
    let ns = support::unique("kubic-session");
    create_namespace(&admin, &ns).await.unwrap();
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &ns);
    for name in ["session-web", "session-db"] {
        let pod: Pod = serde_json::from_value(json!({
            "metadata": {"name": name},
            "spec": {"containers": [{"name": "main", "image": "busybox"}]}
        }))
        .unwrap();
        pods.create(&PostParams::default(), &pod).await.unwrap();
    }
    let options = ConnectOptions {
        kubeconfig: Some(support::kubeconfig().to_path_buf()),
        namespace: Some(ns.clone()),
        ..ConnectOptions::default()
    };
    (ns, connect(&options).await.unwrap())
}

/// A session over `connection` with the shipped configuration and these flags.
fn session(connection: Connection, flags: &[&str]) -> Session {
    let cli = Cli::try_parse_from([&["kubic"][..], flags].concat()).unwrap();
    let options = ConnectOptions {
        kubeconfig: Some(support::kubeconfig().to_path_buf()),
        namespace: Some(connection.namespace.clone()),
        ..ConnectOptions::default()
    };
    Session::new(
        connection,
        Some(options),
        Config::default(),
        &[],
        &SessionSettings::from_cli(&cli),
    )
}

/// A 120×40 in-memory terminal and the channel that types into it.
fn in_memory_terminal() -> (Terminal, UnboundedSender<TermEvent>) {
    let (keys, events) = unbounded();
    let terminal = StreamTerminal::new(TestBackend::new(120, 40), Size::new(120, 40), events).unwrap();
    (terminal, keys)
}

/// Runs `session` on `terminal` in a task of its own (as a server would run each of its
/// sessions), ending when `end` fires or is dropped.
fn spawn(
    session: Session,
    mut terminal: Terminal,
    end: oneshot::Receiver<()>,
) -> tokio::task::JoinHandle<(anyhow::Result<SessionEnd>, Terminal)> {
    tokio::spawn(async move {
        let ended = session
            .run(&mut terminal, async {
                let _ = end.await;
            })
            .await;
        (ended, terminal)
    })
}

async fn ended(session: tokio::task::JoinHandle<(anyhow::Result<SessionEnd>, Terminal)>) -> (SessionEnd, Terminal) {
    let (ended, terminal) = tokio::time::timeout(WAIT, session)
        .await
        .expect("the session must end in time")
        .expect("the session task must not fail");
    (ended.expect("the session must end without an error"), terminal)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_browses_filters_refuses_the_external_editor_follows_a_resize_and_ends_on_its_signal() {
    let (ns, connection) = project_with_two_pods().await;
    let (terminal, keys) = in_memory_terminal();
    let mut frames = terminal.frames();
    let (end, end_signal) = oneshot::channel();
    let running = spawn(session(connection, &[]), terminal, end_signal);

    frame_where(&mut frames, "the dashboard", |_, s| s.contains("k8s: v1.36.")).await;
    type_keys(&keys, ":pods\r");
    let pods = format!("pods({ns})");
    frame_where(&mut frames, "the pods of the project", |_, s| {
        s.contains(&pods) && s.contains("session-web") && s.contains("session-db") && s.contains("[2]")
    })
    .await;

    type_keys(&keys, "/db\r");
    frame_where(&mut frames, "the filter to narrow the table", |_, s| {
        s.contains("[1/2]") && s.contains("session-db") && !s.contains("session-web")
    })
    .await;
    type_keys(&keys, "\x1b");
    frame_where(&mut frames, "esc to clear the filter", |_, s| {
        s.contains("[2]") && s.contains("session-web")
    })
    .await;

    type_keys(&keys, "E");
    frame_where(&mut frames, "E to be refused with the inline editor named", |_, s| {
        s.contains(REFUSAL)
    })
    .await;

    type_keys(&keys, ":hosts\r");
    frame_where(&mut frames, "the hosts", |frame, s| {
        frame.area == Rect::new(0, 0, 120, 40) && s.contains("kube-minion1") && s.contains("kube-minion2")
    })
    .await;
    keys.unbounded_send(TermEvent::Resize(100, 30)).unwrap();
    let resized = frame_where(&mut frames, "a frame of the new size", |frame, s| {
        frame.area == Rect::new(0, 0, 100, 30) && s.contains("kube-minion1")
    })
    .await;
    let rows: Vec<String> = text(&resized).lines().map(str::to_string).collect();
    assert_eq!(rows.len(), 30);
    assert!(
        rows.last().unwrap().trim() != "",
        "the last of the 30 rows is drawn on:\n{}",
        text(&resized)
    );

    end.send(()).unwrap();
    let (how, terminal) = ended(running).await;
    assert_eq!(how, SessionEnd::Quit);
    let screen = terminal.backend().buffer();
    let outside = screen
        .area
        .positions()
        .filter(|p| p.x >= 100 || p.y >= 30)
        .find(|p| screen[(p.x, p.y)].symbol() != " ");
    assert_eq!(outside, None, "nothing is drawn outside 100×30 after the resize");
    assert!(text(screen).contains("kube-minion1"), "the last frame stays on screen");

    let admin = support::connection().await;
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn q_ends_a_session_and_its_last_frame_stays_on_the_terminal() {
    let connection = support::connection().await;
    let (terminal, keys) = in_memory_terminal();
    let mut frames = terminal.frames();
    let (_end, end_signal) = oneshot::channel();
    let running = spawn(session(connection, &["--start", "hosts"]), terminal, end_signal);

    frame_where(&mut frames, "the hosts", |_, s| s.contains("kube-minion1")).await;
    type_keys(&keys, "q");
    let (how, terminal) = ended(running).await;
    assert_eq!(how, SessionEnd::Quit);
    let last = text(terminal.backend().buffer());
    assert!(
        last.contains("nodes [") && last.contains("kube-minion1"),
        "the last frame:\n{last}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_when_loaded_ends_with_the_first_tables_row_count_and_the_input_ending_ends_a_session() {
    let (ns, connection) = project_with_two_pods().await;
    let (terminal, _keys) = in_memory_terminal();
    let (_end, end_signal) = oneshot::channel();
    let running = spawn(session(connection, &["--exit-when-loaded"]), terminal, end_signal);
    let (how, terminal) = ended(running).await;
    assert_eq!(how, SessionEnd::Loaded { rows: 2 });
    assert!(text(terminal.backend().buffer()).contains("session-web"));

    let (terminal, keys) = in_memory_terminal();
    let (_end, end_signal) = oneshot::channel();
    let connection = support::connection().await;
    let running = spawn(session(connection, &["--start", "hosts"]), terminal, end_signal);
    drop(keys);
    let (how, _) = ended(running).await;
    assert_eq!(how, SessionEnd::Quit, "no more input: the session ends");

    let admin = support::connection().await;
    delete_namespace(&admin, &ns).await.unwrap();
}

/// The loop's code (comments left out) under `src/tui/session*`, file by file.
fn session_loop_sources() -> Vec<(String, String)> {
    let tui = support::root().join("src/tui");
    let mut files = vec![tui.join("session.rs")];
    for entry in std::fs::read_dir(tui.join("session")).unwrap() {
        files.push(entry.unwrap().path());
    }
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code: Vec<&str> = text
                .lines()
                .map(|line| line.split("//").next().unwrap_or_default())
                .collect();
            (path.display().to_string(), code.join("\n"))
        })
        .collect()
}

#[test]
fn the_session_loop_never_touches_the_process_terminal_or_its_signals() {
    let process_wide = [
        "stdout(",
        "stdin(",
        "ratatui::init",
        "ratatui::try_init",
        "ratatui::restore",
        "crossterm::terminal",
        "crossterm::execute",
        "EventStream",
        "tokio::signal",
        "signal::unix",
    ];
    let sources = session_loop_sources();
    assert!(sources.len() >= 4, "the session loop's files: {sources:?}");
    for (path, code) in sources {
        for name in process_wide {
            assert!(
                !code.contains(name),
                "{path} names {name}: the local terminal's business"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_context_switch_the_table_is_watched_on_the_new_connection() {
    let (ns, connection) = project_with_two_pods().await;
    let context = connection.context.clone();
    let (terminal, keys) = in_memory_terminal();
    let mut frames = terminal.frames();
    let (end, end_signal) = oneshot::channel();
    let running = spawn(session(connection, &["--start", "pods"]), terminal, end_signal);
    frame_where(&mut frames, "the pods of the project", |_, s| s.contains("session-web")).await;

    type_keys(&keys, &format!(":ctx {context}\r"));
    frame_where(&mut frames, "the switch said", |_, s| {
        s.contains(&format!("context: {context}"))
    })
    .await;
    type_keys(&keys, &format!(":ns {ns}\r"));
    frame_where(&mut frames, "the project's pods again", |_, s| {
        s.contains("session-db") && s.contains("[2]")
    })
    .await;
    let admin = support::connection().await;
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "session-late"},
        "spec": {"containers": [{"name": "main", "image": "busybox"}]}
    }))
    .unwrap();
    Api::<Pod>::namespaced(admin.client.clone(), &ns)
        .create(&PostParams::default(), &pod)
        .await
        .unwrap();
    frame_where(&mut frames, "a pod created after the switch, live", |_, s| {
        s.contains("session-late") && s.contains("[3]")
    })
    .await;

    end.send(()).unwrap();
    assert_eq!(ended(running).await.0, SessionEnd::Quit);
    delete_namespace(&admin, &ns).await.unwrap();
}

/// What a far terminal received from a session's writer backend.
#[derive(Clone, Default)]
struct Received(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Received {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl kubic::tui::FrameSink for Received {}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_over_a_writer_draws_what_a_far_terminal_shows_at_the_size_it_announced() {
    let connection = support::connection().await;
    let received = Received::default();
    let (keys, events) = unbounded();
    let backend = kubic::tui::WriterBackend::new(received.clone(), Size::new(100, 30));
    let mut terminal = StreamTerminal::new(backend, Size::new(100, 30), events).unwrap();
    let mut frames = terminal.frames();
    let running = tokio::spawn(async move {
        let ended = session(connection, &["--start", "hosts"])
            .run(&mut terminal, std::future::pending::<()>())
            .await;
        ended.unwrap()
    });
    frame_where(&mut frames, "the hosts", |_, s| s.contains("kube-minion1")).await;
    keys.unbounded_send(TermEvent::Resize(90, 24)).unwrap();
    frame_where(&mut frames, "a frame at 90×24", |frame, s| {
        frame.area == Rect::new(0, 0, 90, 24) && s.contains("kube-minion1")
    })
    .await;
    type_keys(&keys, "q");
    let how = tokio::time::timeout(WAIT, running).await.unwrap().unwrap();
    assert_eq!(how, SessionEnd::Quit);

    let mut far = vt100::Parser::new(24, 90, 0);
    far.process(&received.0.lock().unwrap());
    let screen = far.screen().contents();
    assert!(
        screen.contains("kube-minion1") && screen.contains("kube-minion2"),
        "the far terminal shows the hosts:\n{screen}"
    );
    let last_row = far.screen().rows(0, 90).nth(23).unwrap_or_default();
    assert!(
        last_row.contains("<:>"),
        "the footer is on the far terminal's 24th row: {last_row:?}\n{screen}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pods_table_fills_its_cpu_and_memory_columns_from_metrics_server() {
    let admin = support::connection().await;
    let ns = support::unique("kubic-usage");
    create_namespace(&admin, &ns).await.unwrap();
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &ns);
    // KWOK reports the annotated use; the requests and limits are the pod's own.
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "usage-web",
                     "annotations": {"kwok.x-k8s.io/usage-cpu": "250m", "kwok.x-k8s.io/usage-memory": "64Mi"}},
        "spec": {"containers": [{"name": "main", "image": "busybox",
                                 "resources": {"requests": {"cpu": "500m", "memory": "128Mi"},
                                               "limits": {"cpu": "1", "memory": "256Mi"}}}]}
    }))
    .unwrap();
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let options = ConnectOptions {
        kubeconfig: Some(support::kubeconfig().to_path_buf()),
        namespace: Some(ns.clone()),
        ..ConnectOptions::default()
    };
    let connection = connect(&options).await.unwrap();
    let (terminal, _keys) = in_memory_terminal();
    let mut frames = terminal.frames();
    let (end, end_signal) = oneshot::channel();
    let flags = ["--start", "pods", "--metrics-interval", "1"];
    let running = spawn(session(connection, &flags), terminal, end_signal);

    let header = frame_where(&mut frames, "the use columns", |_, s| s.contains("%CPU/R")).await;
    let titles = text(&header);
    let titles = titles.lines().find(|line| line.contains("%CPU/R")).unwrap();
    let words: Vec<&str> = titles.split(['│', ' ']).filter(|w| !w.is_empty()).collect();
    assert_eq!(
        words,
        [
            "NAME", "READY", "STATUS", "RESTARTS", "CPU", "MEM", "%CPU/R", "%CPU/L", "%MEM/R", "%MEM/L", "IP", "NODE",
            "AGE"
        ]
    );
    let filled = frame_where(&mut frames, "the pod's use in numbers", |_, s| {
        s.lines().any(|line| {
            let cells: Vec<&str> = line.split(['│', ' ']).filter(|w| !w.is_empty()).collect();
            cells.first() == Some(&"usage-web")
                && cells.get(4..10) == Some(&["250m", "64Mi", "50%", "25%", "50%", "25%"])
        })
    })
    .await;
    assert!(
        !text(&filled).contains("n/a:"),
        "no reason for missing metrics is shown"
    );

    end.send(()).unwrap();
    let (how, _) = ended(running).await;
    assert_eq!(how, SessionEnd::Quit);
    delete_namespace(&admin, &ns).await.unwrap();
}
