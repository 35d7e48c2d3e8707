use crossterm::event::KeyCode;
use serde_json::json;

use crate::app::hosts::dashboard::Screen;
use crate::app::input::overlay::TextKind;
use crate::app::test_support::{Start, command, feed, pod_row, press, row};
use crate::app::{Action, App, Effect, Fetched, Mode, Purpose, Stream};
use crate::model::cluster::{ObjectRef, RowEvent};
use crate::model::rows::RowKey;
use crate::model::xray::TreeKind;
use crate::model::xray::fixtures::{dns_app, pod};

fn app() -> App {
    Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .app()
}

fn xray(app: &App) -> &super::Xray {
    match &app.screen {
        Screen::Xray(xray) => xray,
        other => panic!("no owner tree on screen: {other:?}"),
    }
}

/// Every watch event of app `dns`'s tree, sent as the tree's streams would.
fn feed_dns(app: &mut App) {
    let tree = xray(app).id;
    for (kind, event) in dns_app(0) {
        app.update(Action::TreeRows { tree, kind, event });
    }
    app.prepare_frame();
}

/// The tree's lines as `glyphs name`.
fn names(app: &App) -> Vec<String> {
    let lines = &xray(app).lines;
    lines.iter().map(|l| format!("{}{}", l.glyphs, l.key.name)).collect()
}

fn selected(app: &App) -> String {
    xray(app)
        .selected_line()
        .map(|l| l.key.name.clone())
        .unwrap_or_default()
}

#[test]
fn xray_apps_watches_each_kind_of_the_tree_in_the_project_and_builds_it() {
    let mut app = app();
    command(&mut app, "xray apps");
    let streams = app.subscriptions().streams;
    let trees: Vec<(TreeKind, Option<String>)> = streams
        .iter()
        .filter_map(|stream| match stream {
            Stream::Tree { kind, namespace, .. } => Some((*kind, namespace.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(trees.len(), TreeKind::ALL.len(), "{streams:?}");
    assert!(trees.iter().all(|(_, ns)| ns.as_deref() == Some("demo")));
    assert!(!streams.iter().any(|s| matches!(s, Stream::Table { .. })));
    feed_dns(&mut app);
    assert_eq!(
        names(&app),
        [
            "dns",
            "├─ dns",
            "│  ├─ dns-5d8f7c9b4",
            "│  └─ dns-69b56869f6",
            "│     ├─ dns-69b56869f6-kkdt7",
            "│     └─ dns-69b56869f6-x9k2m",
            "└─ dns",
            "   ├─ dns-69b56869f6-kkdt7",
            "   └─ dns-69b56869f6-x9k2m",
        ]
    );
}

#[test]
fn events_of_an_older_tree_are_dropped() {
    let mut app = app();
    command(&mut app, "xray apps");
    let old = xray(&app).id;
    command(&mut app, "xray apps");
    for (kind, event) in dns_app(0) {
        app.update(Action::TreeRows { tree: old, kind, event });
    }
    app.prepare_frame();
    assert!(xray(&app).lines.is_empty());
    assert!(xray(&app).store.loading());
}

#[test]
fn the_cursor_stays_on_its_node_as_pods_come_and_go() {
    let mut app = app();
    command(&mut app, "xray apps");
    feed_dns(&mut app);
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(selected(&app), "dns-69b56869f6-x9k2m");
    let tree = xray(&app).id;
    let gone = RowKey {
        namespace: "demo".into(),
        name: "dns-69b56869f6-kkdt7".into(),
    };
    app.update(Action::TreeRows {
        tree,
        kind: TreeKind::Pod,
        event: RowEvent::Remove(gone),
    });
    let newcomer = pod(
        "dns-69b56869f6-aaaaa",
        "ReplicaSet/dns-69b56869f6",
        "Pending",
        "0",
        "app=dns",
    );
    app.update(Action::TreeRows {
        tree,
        kind: TreeKind::Pod,
        event: RowEvent::Upsert(newcomer),
    });
    app.prepare_frame();
    assert_eq!(selected(&app), "dns-69b56869f6-x9k2m");
    assert!(names(&app).contains(&"│     ├─ dns-69b56869f6-aaaaa".to_string()));
    assert!(!names(&app).iter().any(|n| n.ends_with("kkdt7")));
}

#[test]
fn x_on_a_row_shows_the_tree_of_that_object_only_in_its_project() {
    let mut app = Start::default().app();
    command(&mut app, "deploy");
    feed(
        &mut app,
        vec![
            row("web", "front", &["1/1", "1", "1"]),
            row("demo", "dns", &["1/2", "2", "1"]),
        ],
    );
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('x'));
    let tree = xray(&app);
    assert_eq!(tree.root, TreeKind::Deployment);
    assert_eq!(tree.namespace.as_deref(), Some("web"));
    assert_eq!(tree.only.as_ref().map(|k| k.name.as_str()), Some("front"));
    assert_eq!(tree.crumb(app.lang), "xray deployment web/front");
}

#[test]
fn keys_on_a_line_act_on_its_object_and_esc_goes_back_to_the_table() {
    let mut app = app();
    command(&mut app, "pods");
    feed(&mut app, vec![pod_row("web", None)]);
    command(&mut app, "xray apps");
    feed_dns(&mut app);
    press(&mut app, KeyCode::Char('j'));
    let effects = press(&mut app, KeyCode::Char('d'));
    let described = effects.iter().find_map(|effect| match effect {
        Effect::Fetch {
            purpose: Purpose::Describe,
            object,
        } => Some(object.describe()),
        _ => None,
    });
    assert_eq!(described.as_deref(), Some("deployment demo/dns"));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('l'));
    let Mode::Logs(pane) = &app.mode else {
        panic!("no log pane: {:?}", app.mode);
    };
    assert_eq!(pane.object.describe(), "pod demo/dns-69b56869f6-kkdt7");
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen, Screen::Xray(_)),
        "the log pane closes over the tree"
    );
    press(&mut app, KeyCode::Char('o'));
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "sorting does nothing on a tree"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Table);
    assert_eq!(app.view().map(|v| v.kind.plural.as_str()), Some("pods"));
}

#[test]
fn a_tree_opened_from_the_dashboard_goes_back_to_it() {
    let mut app = Start {
        view: "dashboard",
        ..Start::default()
    }
    .app();
    command(&mut app, "xray svc");
    assert_eq!(xray(&app).root, TreeKind::Service);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Dashboard);
}

#[test]
fn xray_names_the_kinds_it_shows_when_asked_for_another() {
    let mut app = app();
    command(&mut app, "xray pods");
    let status = app.status.clone().expect("a message");
    assert!(status.error && status.text.contains("deployments"), "{status:?}");
    assert_eq!(app.screen, Screen::Table);
    command(&mut app, "jobs");
    command(&mut app, "xray");
    assert_eq!(xray(&app).root, TreeKind::Job, "xray alone: the kind on screen");
    press(&mut app, KeyCode::Char(':'));
    crate::app::test_support::type_text(&mut app, "xray d");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no prompt");
    };
    assert_eq!(prompt.suggestions, ["deployments", "daemonsets"]);
}

#[test]
fn a_project_switch_shows_the_tree_of_the_new_project() {
    let mut app = app();
    command(&mut app, "xray deployments");
    let old = xray(&app).id;
    command(&mut app, "ns web");
    assert_eq!(xray(&app).namespace.as_deref(), Some("web"));
    assert_ne!(xray(&app).id, old);
}

fn secret() -> serde_json::Value {
    json!({
        "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/basic-auth",
        "metadata": {"name": "db", "namespace": "demo"},
        "data": {"username": "YWRtaW4=", "password": "aHVudGVyMg==", "blob": "3q2+7w=="}
    })
}

fn viewer_lines(app: &App) -> Vec<String> {
    match &app.mode {
        Mode::Viewer(view) => view.lines.clone(),
        other => panic!("no viewer: {other:?}"),
    }
}

#[test]
fn x_on_a_secret_shows_its_values_decoded_masked_until_x_again() {
    let mut app = app();
    command(&mut app, "secrets");
    feed(&mut app, vec![row("demo", "db", &["kubernetes.io/basic-auth", "3"])]);
    let effects = press(&mut app, KeyCode::Char('x'));
    let object: ObjectRef = effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Fetch {
                purpose: Purpose::Decode,
                object,
            } => Some(object.clone()),
            _ => None,
        })
        .expect("the secret is read");
    let fetched = Fetched {
        object: secret(),
        events: Vec::new(),
    };
    app.update(Action::Fetched {
        purpose: Purpose::Decode,
        object,
        result: Ok(fetched),
    });
    let masked = viewer_lines(&app);
    assert_eq!(masked[0], "type kubernetes.io/basic-auth, 3 key(s)");
    assert_eq!(&masked[2..], ["blob: ••••••", "password: ••••••", "username: ••••••"]);
    let Mode::Viewer(view) = &app.mode else { unreachable!() };
    assert_eq!(view.kind, TextKind::Secret);
    assert_eq!(view.title(app.lang), "decoded secret demo/db [masked]");
    press(&mut app, KeyCode::Char('x'));
    let revealed = viewer_lines(&app);
    assert_eq!(
        &revealed[2..],
        ["blob: <binary, 4 bytes>", "password: hunter2", "username: admin"]
    );
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(viewer_lines(&app), masked);
}

#[test]
fn a_value_of_several_lines_is_indented_under_its_key() {
    let secret = json!({"kind": "Secret", "data": {"tls.crt": "TElORSAxCkxJTkUgMgo="}});
    let text = super::secret_text(&secret, true, crate::config::i18n::Lang::En);
    assert_eq!(text, "type Opaque, 1 key(s)\n\ntls.crt:\n  LINE 1\n  LINE 2");
    let empty = super::secret_text(&json!({"kind": "Secret"}), false, crate::config::i18n::Lang::Ko);
    assert_eq!(empty, "유형 Opaque, 키 0개\n\n데이터 없음");
}
