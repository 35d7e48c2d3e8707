//! Snapshots of the owner tree (English and Korean) and of a Secret's decoded values,
//! masked and revealed, at 80x24.

use crossterm::event::KeyCode;
use serde_json::json;

use super::test_support::{NOW, app_at, screen, screen_80x24, snap};
use crate::app::test_support::{command, feed, press, row};
use crate::app::{Action, App, Fetched, Purpose};
use crate::config::i18n::Lang;
use crate::model::cluster::{ObjectRef, RowEvent};
use crate::model::failure::Failure;
use crate::model::resource::Known;
use crate::model::xray::TreeKind;
use crate::model::xray::fixtures::dns_app;

/// `:xray apps` in project demo, fed app `dns`'s tree; the jobs' watch refused when `refused`.
fn tree(lang: Lang, refused: bool) -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "apps");
    app.lang = lang;
    command(&mut app, "xray apps");
    let crate::app::hosts::dashboard::Screen::Xray(xray) = &app.screen else {
        panic!("no tree");
    };
    let tree = xray.id;
    for (kind, event) in dns_app(NOW) {
        app.update(Action::TreeRows { tree, kind, event });
    }
    if refused {
        let failure = Failure::other("not allowed for kubic:alice: list jobs.batch in demo");
        let next_try = k8s_openapi::jiff::Timestamp::UNIX_EPOCH;
        let event = RowEvent::Failed { failure, next_try };
        app.update(Action::TreeRows {
            tree,
            kind: TreeKind::Job,
            event,
        });
    }
    app
}

#[test]
fn the_owner_tree_of_an_app() {
    let mut app = tree(Lang::En, true);
    press(&mut app, KeyCode::Char('j'));
    let text = screen_80x24(&mut app);
    snap!("xray_apps_80x24", &text);
    for expected in [
        "<apps(demo) > xray apps(demo)>",
        "app/dns",
        "├─ deployment/dns",
        "│  └─ replicaset/dns-69b56869f6",
        "│     └─ pod/dns-69b56869f6-x9k2m",
        "└─ service/dns",
        "CrashLoopBackOff",
        "job: not allowed for kubic:alice",
        "<esc> back",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}

#[test]
fn the_owner_tree_in_korean() {
    let mut app = tree(Lang::Ko, false);
    let text = screen_80x24(&mut app);
    snap!("ko_xray_apps_80x24", &text);
    for expected in ["앱/dns", "├─ deployment/dns", "준비", "재시작", "경과"] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}

#[test]
fn help_on_the_tree_lists_only_what_works_there() {
    let mut app = tree(Lang::En, false);
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("keys: owner tree") && text.contains("logs"), "{text}");
    assert!(!text.contains("Delete") && !text.contains("Sort"), "{text}");
}

fn secret_viewer(revealed: bool) -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "secrets");
    feed(&mut app, vec![row("demo", "db", &["kubernetes.io/basic-auth", "4"])]);
    press(&mut app, KeyCode::Char('x'));
    let object = ObjectRef {
        kind: app.registry.known(Known::Secret).cloned().expect("secrets"),
        namespace: "demo".into(),
        name: "db".into(),
    };
    let secret = json!({
        "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/basic-auth",
        "metadata": {"name": "db", "namespace": "demo"},
        "data": {
            "username": "YWRtaW4=",
            "password": "aHVudGVyMg==",
            "keystore": "3q2+7wAB",
            "ca.crt": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENCK3dJSkFNCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K"
        }
    });
    let fetched = Fetched {
        object: secret,
        events: Vec::new(),
    };
    app.update(Action::Fetched {
        purpose: Purpose::Decode,
        object,
        result: Ok(fetched),
    });
    if revealed {
        press(&mut app, KeyCode::Char('x'));
    }
    app
}

#[test]
fn a_secret_decoded_and_masked() {
    let mut app = secret_viewer(false);
    let text = screen(&mut app, 80, 24);
    snap!("secret_masked_80x24", &text);
    assert!(text.contains("decoded secret demo/db [masked]"), "{text}");
    assert!(text.contains("password: ••••••") && !text.contains("hunter2"), "{text}");
    assert!(text.contains("<x> reveal_secrets"), "{text}");
}

#[test]
fn a_secret_decoded_and_revealed() {
    let mut app = secret_viewer(true);
    let text = screen(&mut app, 80, 24);
    snap!("secret_revealed_80x24", &text);
    for expected in [
        "decoded secret demo/db [revealed]",
        "password: hunter2",
        "username: admin",
        "keystore: <binary, 6 bytes>",
        "ca.crt:",
        "  -----BEGIN CERTIFICATE-----",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}
