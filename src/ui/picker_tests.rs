//! Snapshots of the app form with a list of choices open: the cluster's hosts, then the
//! chosen host's free service IPs, and a field whose choices could not be loaded.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::test_support::{screen, snap};
use super::tests::app;
use crate::app::input::choices::{ChoiceReply, ChoiceRequest};
use crate::app::input::form::Form;
use crate::app::test_support::press as key;
use crate::app::{Action, App, Mode};
use crate::model::failure::Failure;

fn names(list: &[&str]) -> Result<ChoiceReply, Failure> {
    Ok(ChoiceReply::Names(list.iter().map(|s| s.to_string()).collect()))
}

fn answer(app: &mut App, request: ChoiceRequest, result: Result<ChoiceReply, Failure>) {
    app.update(Action::Choices { request, result });
}

fn ctrl_space(app: &mut App) {
    app.update(Action::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::CONTROL)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn app_form() -> App {
    let mut app = app(Some("demo-dns"));
    app.mode = Mode::Form(Box::new(Form::new_app(
        "bind",
        "demo-dns",
        crate::config::i18n::Lang::En,
    )));
    answer(
        &mut app,
        ChoiceRequest::Projects,
        names(&["default", "demo-dns", "demo-web"]),
    );
    answer(
        &mut app,
        ChoiceRequest::Hosts,
        names(&["kube-master", "kube-minion1", "kube-minion2"]),
    );
    let free = BTreeMap::from([
        (
            "kube-minion1".to_string(),
            vec!["192.0.2.10".to_string(), "192.0.2.12".to_string()],
        ),
        ("kube-minion2".to_string(), Vec::new()),
    ]);
    answer(&mut app, ChoiceRequest::FreeIps, Ok(ChoiceReply::ByHost(free)));
    type_text(&mut app, "dns");
    app
}

#[test]
fn the_app_form_with_the_hosts_listed() {
    let mut app = app_form();
    for _ in 0..7 {
        key(&mut app, KeyCode::Tab);
    }
    ctrl_space(&mut app);
    key(&mut app, KeyCode::Down);
    snap!("app_form_hosts_list_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Tab);
    ctrl_space(&mut app);
    key(&mut app, KeyCode::Char(' '));
    snap!("app_form_ips_list_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_field_whose_choices_cannot_load_says_why_and_takes_typing() {
    let mut app = app(Some("demo-dns"));
    app.mode = Mode::Form(Box::new(Form::new_app(
        "bind",
        "demo-dns",
        crate::config::i18n::Lang::En,
    )));
    let unreachable = Failure::invalid("registry 127.0.0.1:5000 is unreachable: connection refused");
    app.update(Action::RegistryAnswer {
        request: crate::app::images::browse::RegistryRequest::CatalogTags { catalog: "bind".into() },
        result: Err(unreachable),
    });
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    ctrl_space(&mut app);
    type_text(&mut app, "9.18");
    snap!("app_form_tags_unavailable_80x24", screen(&mut app, 80, 24));
}

#[test]
fn in_korean_the_service_ips_list_and_its_keys() {
    let mut app = app_form();
    app.lang = crate::config::i18n::Lang::Ko;
    for _ in 0..7 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "kube-minion1");
    key(&mut app, KeyCode::Tab);
    ctrl_space(&mut app);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("space 추가/제거  enter 완료"), "{text}");
    snap!("ko_app_form_ips_list_80x24", text);
}
