//! Users and passwords from the keyboard, without a cluster: the forms validate while
//! typing and ask for the right effects, refusals come without asking anyone, and an
//! admin's own password change ends the session.

use std::collections::BTreeMap;

use crossterm::event::KeyCode;

use crate::app::input::overlay::{Confirm, TextKind};
use crate::app::kubic::ops::KubicOp;
use crate::app::test_support::{self, Start, command, ctrl, login, open, press, type_text, user_row};
use crate::app::users::ops::{PasswordChange, UserOp};
use crate::app::{Action, App, Effect, Mode};
use crate::model::failure::Failure;
use crate::model::rows::Row;
use crate::model::typed_password::TypedPassword;
use crate::model::user::UserRole;

const NOW: i64 = 1_795_000_000;

fn app() -> App {
    Start {
        now: NOW,
        ..Start::default()
    }
    .app()
}

fn users() -> Vec<Row> {
    vec![
        user_row(
            "admin",
            "admin",
            &[],
            "the first admin",
            Some((NOW - 600, "192.0.2.7:50122")),
        ),
        user_row("alice", "user", &["demo", "web"], "runs the demo apps", None),
    ]
}

fn on_users(mut app: App) -> App {
    open(&mut app, "users", users());
    app
}

fn form(app: &App) -> &crate::app::input::form::Form {
    match &app.mode {
        Mode::Form(form) => form,
        other => panic!("no form: {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn kubic_op(effects: Vec<Effect>) -> KubicOp {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Kubic(op) => Some(op),
            _ => None,
        })
        .expect("a KUBIC operation")
}

#[test]
fn users_and_user_reach_the_table_and_its_cells_follow_the_clock_and_the_server() {
    let mut app = app();
    command(&mut app, "user");
    assert_eq!(app.view().map(|v| v.kind.plural.as_str()), Some("users"));
    test_support::feed(&mut app, users());
    let cells = |app: &App, i: usize| app.view().unwrap().table.visible_rows().nth(i).unwrap().cells.clone();
    assert_eq!(cells(&app, 0)[3..], ["10m", "-"], "a local session counts no sessions");
    assert_eq!(cells(&app, 1)[3], "never");
    app.login = Some(login("admin", true, &[]));
    app.update(Action::LiveSessions(BTreeMap::from([("alice".to_string(), 2)])));
    app.update(Action::Tick(
        k8s_openapi::jiff::Timestamp::from_second(NOW + 3 * 3600).unwrap(),
    ));
    app.prepare_frame();
    assert_eq!(cells(&app, 0)[3..], ["3h10m", "0"]);
    assert_eq!(cells(&app, 1)[4], "2");
}

#[test]
fn a_non_admin_is_refused_users_without_asking_the_cluster() {
    let mut app = app();
    app.login = Some(login("bob", false, &["demo"]));
    let effects = command(&mut app, "users");
    assert_eq!(status(&app), "only admins manage users");
    assert!(app.view().is_none_or(|v| v.kind.plural != "users"), "no users table");
    assert_eq!(effects, [Effect::Redraw], "nothing asked of the cluster");
}

#[test]
fn projects_typed_before_the_cluster_answers_are_not_checked_against_a_guess() {
    let mut app = on_users(app());
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "made-a-moment-ago");
    assert_eq!(form(&app).field_error(2), None, "no partial list refuses it");
}

#[test]
fn creating_a_user_validates_while_typing_and_asks_for_the_projects() {
    let mut app = on_users(app());
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(effects.contains(&Effect::ListProjects));
    type_text(&mut app, "Alice");
    let bad = form(&app).field_error(0).unwrap();
    assert!(bad.starts_with("user name: "), "{bad}");
    ctrl(&mut app, 'u');
    type_text(&mut app, "carol");
    assert_eq!(form(&app).field_error(0), None);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    assert_eq!(form(&app).value("role"), "admin", "→ after user wraps to admin");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Tab);
    app.update(Action::ProjectsListed(Ok(vec![
        "demo".into(),
        "prod".into(),
        "web".into(),
    ])));
    type_text(&mut app, "demo, nope");
    assert_eq!(
        form(&app).field_error(2).as_deref(),
        Some("no project \"nope\"; known: demo, prod, web")
    );
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(form(&app).value("projects"), "prod, web");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "runs prod");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "short");
    assert_eq!(
        form(&app).field_error(4).as_deref(),
        Some("the password is too short: at least 10 characters (5 typed)")
    );
    ctrl(&mut app, 'u');
    type_text(&mut app, "Carol");
    type_text(&mut app, "Carol");
    assert_eq!(form(&app).field_error(4), None);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "CarolCarox");
    assert!(
        form(&app)
            .field_error(5)
            .unwrap()
            .starts_with("the two passwords differ")
    );
    let refused = press(&mut app, KeyCode::Enter);
    assert!(!refused.iter().any(|e| matches!(e, Effect::Kubic(_))));
    assert!(
        status(&app).starts_with("again: the two passwords differ"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "l");
    let KubicOp::User(UserOp::Create(draft)) = kubic_op(press(&mut app, KeyCode::Enter)) else {
        panic!("not a new user")
    };
    assert_eq!(draft.name, "carol");
    assert_eq!(draft.role, UserRole::User);
    assert_eq!(draft.projects, ["prod", "web"]);
    assert_eq!(draft.description, "runs prod");
    assert_eq!(draft.password, TypedPassword::new("CarolCarol"));
    assert_eq!(status(&app), "create user carol (user of prod, web)…");
}

#[test]
fn a_password_that_is_the_users_name_is_refused() {
    let mut app = on_users(app());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "administrator");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Administrator");
    assert_eq!(
        form(&app).field_error(4).as_deref(),
        Some("the password cannot be the user's name")
    );
}

#[test]
fn detail_edit_password_and_delete_act_on_the_selected_user() {
    let mut app = on_users(app());
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('d'));
    let Mode::Viewer(view) = &app.mode else {
        panic!("no detail")
    };
    assert_eq!(view.kind, TextKind::Describe);
    let text = view.lines.join("\n");
    assert!(
        text.contains("Projects:    demo, web") && text.contains("Last login:  never"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);

    let effects = press(&mut app, KeyCode::Char('e'));
    assert!(effects.contains(&Effect::ListProjects));
    assert_eq!(form(&app).value("projects"), "demo, web");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, ", on call");
    let KubicOp::User(UserOp::Edit { name, edit }) = kubic_op(press(&mut app, KeyCode::Enter)) else {
        panic!("not an edit")
    };
    assert_eq!(
        (name.as_str(), edit.description.as_str()),
        ("alice", "runs the demo apps, on call")
    );
    assert_eq!(edit.projects, ["demo", "web"]);

    press(&mut app, KeyCode::Char('p'));
    assert_eq!(form(&app).title, "set the password of user alice");
    type_text(&mut app, "a new password");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "a new password");
    let op = kubic_op(press(&mut app, KeyCode::Enter));
    assert_eq!(
        op,
        KubicOp::User(UserOp::SetPassword {
            name: "alice".into(),
            password: TypedPassword::new("a new password")
        })
    );

    ctrl(&mut app, 'd');
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no confirmation")
    };
    assert!(matches!(confirm, Confirm::Kubic(KubicOp::User(UserOp::Delete(name))) if name == "alice"));
    assert_eq!(
        confirm.question(crate::config::i18n::Lang::En),
        "Delete user alice, their project bindings and password?"
    );
    let op = kubic_op(press(&mut app, KeyCode::Char('y')));
    assert_eq!(op, KubicOp::User(UserOp::Delete("alice".into())));
    app.update(Action::KubicDone {
        op,
        result: Err(Failure::forbidden("kubic:alice", "users.kubic.io is forbidden")),
    });
    assert_eq!(
        status(&app),
        "cannot delete user alice, their project bindings and password: not allowed for kubic:alice: \
         users.kubic.io is forbidden"
    );
}

#[test]
fn password_is_for_the_logged_in_user_and_a_local_session_is_pointed_to_users() {
    let mut app = app();
    let effects = command(&mut app, "password");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(effects, [Effect::Redraw]);
    assert!(status(&app).contains("kubeconfig's identity") && status(&app).contains("p on :users"));

    app.login = Some(login("bob", false, &["demo"]));
    command(&mut app, "password");
    assert_eq!(form(&app).title, "change your password (bob)");
    let refused = press(&mut app, KeyCode::Enter);
    assert!(!refused.iter().any(|e| matches!(e, Effect::ChangePassword(_))));
    assert_eq!(status(&app), "old password: type your current password");
    type_text(&mut app, "the old one");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "the new one!");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "the new one!");
    let effects = press(&mut app, KeyCode::Enter);
    let expected = PasswordChange {
        user: "bob".into(),
        old: TypedPassword::new("the old one"),
        new: TypedPassword::new("the new one!"),
    };
    assert!(effects.contains(&Effect::ChangePassword(expected)), "{effects:?}");

    let wrong = app.update(Action::PasswordChanged(Err(Failure::invalid(
        "the old password is wrong; nothing changed",
    ))));
    assert!(!wrong.contains(&Effect::Quit));
    assert_eq!(
        status(&app),
        "password not changed: the old password is wrong; nothing changed"
    );
    let done = app.update(Action::PasswordChanged(Ok(())));
    assert!(!done.contains(&Effect::Quit), "a user stays logged in");
}

#[test]
fn an_admin_is_logged_out_after_changing_their_own_password() {
    let mut app = app();
    app.login = Some(login("admin", true, &[]));
    let effects = app.update(Action::PasswordChanged(Ok(())));
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert!(status(&app).contains("logged out"), "{}", status(&app));
}

#[test]
fn the_command_line_completes_users_password_and_logout() {
    let mut app = app();
    press(&mut app, KeyCode::Char(':'));
    for (typed, expected) in [("us", "users"), ("pas", "password"), ("log", "logout")] {
        ctrl(&mut app, 'u');
        type_text(&mut app, typed);
        let prompt = test_support::prompt_of(&app);
        assert_eq!(
            prompt.suggestions.first().map(String::as_str),
            Some(expected),
            "{typed}"
        );
        assert_eq!(prompt.suggestions.iter().filter(|s| *s == expected).count(), 1, "once");
    }
}
