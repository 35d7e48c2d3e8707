use std::sync::Arc;

use crossterm::event::KeyCode;
use k8s_openapi::jiff::Timestamp;

use crate::app::hosts::dashboard::Screen;
use crate::app::input::overlay::Confirm;
use crate::app::test_support::{app_on, command, ctrl, login, press};
use crate::app::{Action, App, Effect, Mode, Stream};
use crate::model::server_session::{AuditEntry, Change, LiveSession, Outcome};

fn session(id: u64, user: &str) -> LiveSession {
    let at = Timestamp::from_second(1_795_000_000).unwrap();
    LiveSession {
        id,
        user: user.into(),
        source: format!("192.0.2.{id}:50000"),
        since: at,
        last_input: at,
        view: "pods(web)".into(),
    }
}

fn served_admin() -> App {
    let mut app = app_on("pods");
    app.login = Some(login("root", true, &[]));
    app.own_session_id = Some(1);
    app
}

#[test]
fn a_local_kubic_and_a_user_are_refused_the_servers_screens() {
    let mut local = app_on("pods");
    command(&mut local, "sessions");
    assert_eq!(local.screen, Screen::Table);
    assert!(local.status.as_ref().unwrap().text.contains("kubic serve"));
    let mut user = app_on("pods");
    user.login = Some(login("alice", false, &["web"]));
    command(&mut user, "audit");
    assert_eq!(user.screen, Screen::Table);
    assert!(user.status.as_ref().unwrap().text.contains("only an admin"));
    assert!(!user.subscriptions().streams.contains(&Stream::ServerLists));
}

#[test]
fn an_admin_follows_the_sessions_and_ends_another_one_after_confirming() {
    let mut app = served_admin();
    command(&mut app, "sessions");
    assert_eq!(app.screen, Screen::Sessions);
    assert!(app.subscriptions().streams.contains(&Stream::ServerLists));
    app.update(Action::ServerSessions(Arc::new(vec![
        session(1, "root"),
        session(2, "alice"),
    ])));
    ctrl(&mut app, 'd');
    assert!(
        app.status.as_ref().unwrap().text.contains("your own session"),
        "the first row is root's own"
    );
    assert!(matches!(app.mode, Mode::Normal));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.server.selected, 1, "the selection stops at the last session");
    ctrl(&mut app, 'd');
    assert!(matches!(&app.mode, Mode::Confirm(Confirm::EndSession { id: 2, .. })));
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(effects.contains(&Effect::EndSession(2)), "{effects:?}");
    app.update(Action::SessionEnded { id: 2, ended: true });
    assert_eq!(app.status.as_ref().unwrap().text, "session 2 ended");
    app.update(Action::ServerSessions(Arc::new(vec![session(1, "root")])));
    assert_eq!(app.server.selected, 0, "the selection follows a shorter list");
}

#[test]
fn esc_leaves_for_the_table_under_it_and_the_lists_stop() {
    let mut app = served_admin();
    command(&mut app, "audit");
    assert_eq!(app.screen, Screen::Audit);
    let entry = AuditEntry::new(
        Timestamp::UNIX_EPOCH,
        "alice",
        "-",
        Change::new("delete", "pods/web/a", Outcome::Ok),
    );
    app.update(Action::AuditTrail(Arc::new(vec![entry])));
    assert_eq!(app.server.audit.len(), 1);
    ctrl(&mut app, 'd');
    assert!(
        !matches!(app.mode, Mode::Confirm(_)),
        "nothing to end on the audit trail"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Table);
    assert!(!app.subscriptions().streams.contains(&Stream::ServerLists));
    assert!(!app.wants_metrics(), "the server's screens poll no metrics");
}

#[test]
fn whereabouts_name_the_screen_and_the_views() {
    let mut app = served_admin();
    assert_eq!(app.whereabouts(), "pods");
    command(&mut app, "dashboard");
    assert_eq!(app.whereabouts(), "dashboard");
}
