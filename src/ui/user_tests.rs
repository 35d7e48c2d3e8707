//! Snapshots of the user screens: the users table of a served admin session (with live
//! sessions), the create form half filled, a user's detail, the password form, and the
//! help of `:users`.

use std::collections::BTreeMap;

use crossterm::event::KeyCode;

use super::test_support::{NOW, app_at, screen, snap};
use crate::app::test_support::{command, ctrl, feed, login, press, type_text, user_row};
use crate::app::{Action, App};
use crate::model::rows::Row;

fn users() -> Vec<Row> {
    vec![
        Row {
            created: Some(NOW - 90 * 86_400),
            ..user_row(
                "admin",
                "admin",
                &[],
                "the first admin",
                Some((NOW - 120, "192.0.2.7:50122")),
            )
        },
        Row {
            created: Some(NOW - 12 * 86_400),
            ..user_row(
                "alice",
                "user",
                &["demo", "web"],
                "runs the demo apps",
                Some((NOW - 3 * 3_600, "192.0.2.9:41000")),
            )
        },
        Row {
            created: Some(NOW - 3_600),
            ..user_row("iorchard", "user", &[], "", None)
        },
    ]
}

/// An admin's served session on `:users`, alice logged in twice beside the admin.
fn served_users() -> App {
    let mut app = app_at("https://192.0.2.1:6443", None, "pods");
    app.login = Some(login("admin", true, &[]));
    app.update(Action::LiveSessions(BTreeMap::from([
        ("admin".to_string(), 1),
        ("alice".to_string(), 2),
    ])));
    command(&mut app, "users");
    feed(&mut app, users());
    app
}

#[test]
fn the_users_table_and_its_help() {
    let mut app = served_users();
    snap!("users_80x24", screen(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('?'));
    snap!("users_help_120x40", screen(&mut app, 120, 40));
}

#[test]
fn the_user_create_form() {
    let mut app = served_users();
    press(&mut app, KeyCode::Char('n'));
    app.update(Action::ProjectsListed(Ok(["demo", "prod", "web"]
        .map(String::from)
        .to_vec())));
    type_text(&mut app, "Carol");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "runs prod");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "correct horse");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "correct house");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    snap!("user_form_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_users_detail() {
    let mut app = served_users();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('d'));
    snap!("user_detail_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_users_detail_in_korean_lines_up_its_values_in_cells() {
    let mut app = served_users();
    app.lang = crate::config::i18n::Lang::Ko;
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('d'));
    snap!("ko_user_detail_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_password_form_and_the_delete_confirmation() {
    let mut app = served_users();
    ctrl(&mut app, 'd');
    snap!("user_delete_confirm_80x24", screen(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('n'));
    app.login = Some(login("alice", false, &["demo", "web"]));
    command(&mut app, "password");
    type_text(&mut app, "my old password");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "alice");
    snap!("password_form_80x24", screen(&mut app, 80, 24));
}
