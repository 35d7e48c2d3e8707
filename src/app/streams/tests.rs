//! Unit tests of the declared streams: they follow the views (open, drill, back, the
//! dashboard, a monitor), the log pane and a build log open and close with their
//! screens, help over a pane keeps its stream, and a context switch re-declares them.

use crossterm::event::KeyCode;

use crate::app::test_support::{Start, command, feed, host_row, pod_row, press, row};
use crate::app::*;
use crate::model::rows::Drill;

fn app() -> App {
    let header = Header {
        context: "kwok-kubic".into(),
        ..Header::default()
    };
    Start {
        header,
        namespace: Some("demo"),
        ..Start::default()
    }
    .app()
}

fn kinds(app: &App) -> Vec<String> {
    app.subscriptions()
        .streams
        .iter()
        .map(|stream| match stream {
            Stream::Table { kind, .. } => format!("table {}", kind.plural),
            Stream::AppFollower { namespace } => format!("apps of {}", namespace.as_deref().unwrap_or("all")),
            Stream::BuildFollower => "builds".into(),
            Stream::Logs { object, .. } => format!("logs of {}", object.name),
            Stream::BuildLog { name } => format!("build log of {name}"),
            Stream::Metrics => "metrics".into(),
            Stream::ServerLists => "server lists".into(),
            Stream::Tree {
                resource, namespace, ..
            } => {
                format!("tree {} in {}", resource.plural, namespace.as_deref().unwrap_or("all"))
            }
            Stream::PodUsage { scope } => format!("pod use in {}", scope.namespace.as_deref().unwrap_or("all")),
        })
        .collect()
}

#[test]
fn the_top_table_is_watched_and_only_it() {
    let mut app = app();
    assert_eq!(kinds(&app), ["table pods", "pod use in demo"]);
    command(&mut app, "deploy");
    let drill = Drill::SelectedPods {
        namespace: "demo".into(),
        selector: "app=web".into(),
    };
    feed(&mut app, vec![pod_row("web", Some(drill))]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        kinds(&app),
        ["table pods", "pod use in demo"],
        "the drilled pods replace the deployments"
    );
    assert!(
        matches!(
            app.subscriptions().streams.last(),
            Some(Stream::PodUsage { scope }) if scope.label_selector.as_deref() == Some("app=web")
        ),
        "the use of the drilled pods only"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(kinds(&app), ["table deployments"]);
}

#[test]
fn read_only_mode_follows_no_app_or_build_since_the_followers_write_status() {
    let mut app = app();
    app.readonly = true;
    command(&mut app, "apps");
    assert_eq!(kinds(&app), ["table apps"]);
    command(&mut app, "images");
    assert_eq!(kinds(&app), ["table imagebuilds"]);
}

#[test]
fn followers_go_with_the_apps_and_images_tables_and_metrics_with_the_screens_that_chart() {
    let mut app = app();
    command(&mut app, "apps");
    assert_eq!(kinds(&app), ["table apps", "apps of demo"]);
    command(&mut app, "images");
    assert_eq!(kinds(&app), ["table imagebuilds", "builds"]);
    command(&mut app, "hosts");
    assert_eq!(kinds(&app), ["table nodes", "metrics"]);
    feed(&mut app, vec![host_row("kube-minion1")]);
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(
        kinds(&app),
        ["table nodes", "metrics"],
        "the monitor keeps the hosts table"
    );
    command(&mut app, "dash");
    assert_eq!(kinds(&app), ["metrics"], "the dashboard watches no table");
    command(&mut app, "pods");
    assert_eq!(
        kinds(&app),
        ["table pods", "pod use in demo"],
        "a pods table lists its project's pod metrics, and nothing else is polled"
    );
}

#[test]
fn a_log_pane_streams_while_open_help_over_it_included() {
    let mut app = app();
    feed(&mut app, vec![pod_row("web", None)]);
    assert_eq!(kinds(&app), ["table pods", "pod use in demo"]);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(
        kinds(&app),
        ["table pods", "logs of web"],
        "no pod metrics while the log pane covers the table"
    );
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.mode, Mode::Help(_)));
    assert_eq!(
        kinds(&app),
        ["table pods", "logs of web"],
        "help does not stop the stream"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(kinds(&app), ["table pods", "pod use in demo"]);
}

#[test]
fn a_build_log_is_followed_while_its_viewer_is_open() {
    let mut app = app();
    command(&mut app, "images");
    feed(
        &mut app,
        vec![row("", "bind-9-18-1", &["bind", "9.18", "local", "Running"])],
    );
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(kinds(&app), ["table imagebuilds", "builds", "build log of bind-9-18-1"]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(kinds(&app), ["table imagebuilds", "builds"]);
}

#[test]
fn a_context_switch_declares_the_new_contexts_streams() {
    let mut app = app();
    let before = app.subscriptions();
    assert_eq!(before.connection, 0);
    let header = Header {
        context: "prod".into(),
        ..Header::default()
    };
    app.update(Action::ContextSwitched(Ok((header, Some("web".into())))));
    let after = app.subscriptions();
    assert_eq!(after.connection, 1, "meant for the connection after the switch");
    let Some(Stream::Table { view, scope, .. }) = after.streams.first() else {
        panic!("no table after the switch: {after:?}")
    };
    assert_eq!(scope.namespace.as_deref(), Some("web"));
    assert!(
        !before
            .streams
            .iter()
            .any(|s| matches!(s, Stream::Table { view: v, .. } if v == view))
    );
}

#[test]
fn a_failed_switch_keeps_the_streams_meant_for_the_current_connection() {
    let mut app = app();
    let before = app.subscriptions();
    let refused = crate::model::failure::Failure::other("no context \"nope\" in the kubeconfig");
    app.update(Action::ContextSwitched(Err(refused)));
    assert_eq!(app.subscriptions(), before);
}

#[test]
fn an_owner_tree_watches_its_kinds_instead_of_the_table_and_polls_no_metrics() {
    let mut app = app();
    command(&mut app, "hosts");
    assert!(kinds(&app).contains(&"metrics".to_string()));
    command(&mut app, "xray deploy");
    assert_eq!(
        kinds(&app),
        [
            "tree deployments in demo",
            "tree replicasets in demo",
            "tree pods in demo"
        ]
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(kinds(&app), ["table nodes", "metrics"]);
}
