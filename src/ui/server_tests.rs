//! Snapshots of the server's screens for admins: the live sessions (one of them the
//! admin's own, one idle) and the audit trail with a refused change selected, in
//! English and Korean.

use std::sync::Arc;

use crossterm::event::KeyCode;
use k8s_openapi::jiff::Timestamp;

use super::test_support::{NOW, app_at, screen, snap};
use crate::app::test_support::{command, login, press};
use crate::app::{Action, App};
use crate::config::i18n::Lang;
use crate::model::server_session::{AuditEntry, Change, LiveSession, Outcome};

fn at(seconds_ago: i64) -> Timestamp {
    Timestamp::from_second(NOW - seconds_ago).unwrap()
}

fn admin(lang: Lang) -> App {
    let mut app = app_at("https://192.0.2.1:6443", None, "pods");
    app.lang = lang;
    app.login = Some(login("root", true, &[]));
    app.own_session_id = Some(3);
    app
}

fn sessions() -> Vec<LiveSession> {
    let live = |id, user: &str, since, idle, view: &str| LiveSession {
        id,
        user: user.into(),
        source: format!("192.0.2.{id}:5{id}022"),
        since: at(since),
        last_input: at(idle),
        view: view.into(),
    };
    vec![
        live(1, "alice", 7_200, 0, "pods(web) > deployments(web)"),
        live(2, "bob", 600, 420, "dashboard"),
        live(3, "root", 60, 0, "sessions"),
    ]
}

fn trail() -> Vec<AuditEntry> {
    let entry = |ago, user: &str, action: &str, object: &str, outcome| {
        AuditEntry::new(at(ago), user, "192.0.2.1:51022", Change::new(action, object, outcome))
    };
    vec![
        entry(5, "alice", "scale", "scale app web/dns to 3 replicas", Outcome::Ok),
        entry(
            40,
            "bob",
            "delete",
            "pods/demo/bind-7d9f",
            Outcome::Failed("pods \"bind-7d9f\" is forbidden: User \"kubic:bob\" cannot delete resource \"pods\" in the namespace \"demo\"".into()),
        ),
        entry(300, "alice", "exec", "pods/web/nginx-1 (nginx): /bin/sh", Outcome::Ok),
        entry(900, "alice", "session-start", "session 1", Outcome::Ok),
    ]
}

#[test]
fn the_sessions_of_the_server() {
    for (lang, name) in [(Lang::En, "sessions_80x24"), (Lang::Ko, "ko_sessions_80x24")] {
        let mut app = admin(lang);
        command(&mut app, "sessions");
        app.update(Action::ServerSessions(Arc::new(sessions())));
        press(&mut app, KeyCode::Down);
        snap!(name, screen(&mut app, 80, 24));
    }
}

#[test]
fn the_audit_trail_with_a_refusal_selected() {
    for (lang, name) in [(Lang::En, "audit_80x24"), (Lang::Ko, "ko_audit_80x24")] {
        let mut app = admin(lang);
        command(&mut app, "audit");
        app.update(Action::AuditTrail(Arc::new(trail())));
        press(&mut app, KeyCode::Down);
        snap!(name, screen(&mut app, 80, 24));
    }
}
