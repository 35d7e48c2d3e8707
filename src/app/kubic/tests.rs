//! Unit tests of KUBIC's keys in the state machine: app actions and their inputs,
//! deletes by KUBIC's rules, the app form, catalogs saved only when they render, IP pools.

use crossterm::event::KeyCode;
use serde_json::json;

use crate::app::test_support::{Start, app_facts, ctrl, feed, pool_facts, press, prompt_of, row, type_text};
use crate::app::*;
use crate::model::cluster::ObjectRef;
use crate::model::resource::Known;
use crate::model::rows::{Health, Row};

fn app() -> App {
    Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .app()
}

/// A row of a KUBIC kind with `cells`, created at the epoch.
fn kubic_row(namespace: &str, name: &str, cells: &[&str], health: Health) -> Row {
    Row {
        created: Some(0),
        health,
        ..row(namespace, name, cells)
    }
}

fn apps_view(app: &mut App) {
    apps_view_at(app, 1);
}

/// `:apps` with app demo/dns at `revision`.
fn apps_view_at(app: &mut App, revision: u32) {
    app.run_command_line("apps");
    let rev = revision.to_string();
    let cells = ["bind", "9.18", "Running", "1/1", "1", "1", "1", "192.0.2.10", &rev];
    let row = Row {
        facts: app_facts("bind", "9.18", 1, &["192.0.2.10"], revision),
        ..kubic_row("demo", "dns", &cells, Health::Ok)
    };
    feed(app, vec![row]);
}

fn kubic_op(effects: &[Effect]) -> Option<kubic::ops::KubicOp> {
    effects.iter().find_map(|e| match e {
        Effect::Kubic(op) => Some(op.clone()),
        _ => None,
    })
}

#[test]
fn app_keys_run_at_once_and_halt_after_a_confirmation() {
    use kubic::ops::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    assert_eq!(app.view().unwrap().kind.group, "kubic.io");
    let run = press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        kubic_op(&run),
        Some(KubicOp::Run {
            project: "demo".into(),
            name: "dns".into()
        })
    );
    assert!(
        kubic_op(&press(&mut app, KeyCode::Char('t'))).is_none(),
        "halt asks first"
    );
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(confirm.question(crate::config::i18n::Lang::En), "Halt app demo/dns?");
    assert!(matches!(
        kubic_op(&press(&mut app, KeyCode::Char('y'))),
        Some(KubicOp::Halt { .. })
    ));
}

#[test]
fn scale_update_and_rebalance_prefill_and_validate_their_input() {
    use kubic::ops::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    press(&mut app, KeyCode::Char('S'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "1", "the current replicas are typed already");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "x");
    let prompt = prompt_of(&app);
    assert!(prompt.error.is_some(), "validated while typing");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(matches!(kubic_op(&effects), Some(KubicOp::Scale { replicas: 3, .. })));

    press(&mut app, KeyCode::Char('u'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "9.18");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('i'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "192.0.2.10");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('b'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "", "no revision before the first");
}

#[test]
fn rollback_prefills_the_revision_before_the_current_one() {
    let mut app = app();
    apps_view_at(&mut app, 3);
    press(&mut app, KeyCode::Char('b'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "2");
}

#[test]
fn an_app_without_service_ips_is_rebalanced_from_nothing() {
    let mut app = app();
    app.run_command_line("apps");
    let cells = ["bind", "9.18", "Halted", "0/0", "0", "0", "0", "<none>", "1"];
    let row = Row {
        facts: app_facts("bind", "9.18", 0, &[], 1),
        ..kubic_row("demo", "dns", &cells, Health::Neutral)
    };
    feed(&mut app, vec![row]);
    press(&mut app, KeyCode::Char('i'));
    let prompt = prompt_of(&app);
    assert_eq!(prompt.input, "", "the <none> cell is not typed in");
}

#[test]
fn kubic_kinds_delete_by_kubic_rules_and_app_keys_need_the_apps_view() {
    use kubic::ops::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    ctrl(&mut app, 'd');
    let Mode::Confirm(crate::app::input::overlay::Confirm::Kubic(op)) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(
        op,
        &KubicOp::DeleteApp {
            project: "demo".into(),
            name: "dns".into()
        }
    );
    press(&mut app, KeyCode::Esc);
    app.run_command_line("pods");
    press(&mut app, KeyCode::Char('r'));
    assert!(app.status.as_ref().unwrap().text.contains("open :apps"));
}

#[test]
fn a_missing_kubic_installation_is_explained() {
    let mut app = app();
    app.readonly = true;
    app.run_command_line("catalogs");
    let view = app.view().unwrap().id;
    app.update(Action::Rows {
        view,
        event: crate::model::cluster::RowEvent::Failed {
            failure: crate::model::failure::Failure::new(
                crate::model::failure::FailureKind::NotFound,
                "the server could not find the requested resource",
            ),
            next_try: app.now,
        },
    });
    assert!(app.status.as_ref().unwrap().text.contains("kubic install"));
}

#[test]
fn n_on_a_catalog_opens_the_app_form_which_creates_the_app() {
    use kubic::ops::KubicOp;
    let mut app = app();
    app.run_command_line("catalogs");
    let row = kubic_row("", "bind", &["127.0.0.1:5000", "bind", "DNS"], Health::Neutral);
    feed(&mut app, vec![row]);
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.mode, Mode::Form(_)));
    type_text(&mut app, "dns");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "9.18");
    assert!(kubic_op(&press(&mut app, KeyCode::Esc)).is_none());
    assert!(
        matches!(app.mode, Mode::Form(_)),
        "a first esc on a filled form only warns"
    );
    let effects = press(&mut app, KeyCode::Enter);
    let Some(KubicOp::CreateApp(new)) = kubic_op(&effects) else {
        panic!("no app created: {:?}", app.status)
    };
    assert_eq!(
        (new.name.as_str(), new.project.as_str(), new.tag.as_str()),
        ("dns", "demo", "9.18")
    );
    assert_eq!(new.catalog, "bind");
}

fn catalog_ref() -> ObjectRef {
    let registry = crate::model::resource::Registry::builtin();
    ObjectRef {
        kind: registry.known(Known::Catalog).unwrap().clone(),
        namespace: String::new(),
        name: "bind".into(),
    }
}

#[test]
fn a_catalog_whose_template_does_not_render_is_not_saved_and_says_where() {
    let mut app = app();
    let broken = "apiVersion: kubic.io/v1alpha1\nkind: Catalog\nmetadata:\n  name: bind\nspec:\n  registry: r\n  image: i\n  template: |\n    kind: Pod\n    metadata:\n      name: {{ name }\n";
    app.mode = Mode::Editor(Box::new(crate::app::input::overlay::Editor::new(catalog_ref(), broken)));
    let effects = ctrl(&mut app, 's');
    assert!(!effects.iter().any(|e| matches!(e, Effect::Apply { .. })));
    let Mode::Editor(editor) = &app.mode else {
        panic!("the editor must stay")
    };
    let error = editor.error.clone().unwrap();
    assert!(error.contains("template, line 3"), "{error}");
    assert!(editor.text().contains("{{ name }\n"), "the buffer is kept");
}

#[test]
fn a_new_catalog_starts_from_the_bind_sample_and_is_created() {
    let mut app = app();
    app.run_command_line("catalogs");
    press(&mut app, KeyCode::Char('C'));
    let Mode::Editor(editor) = &app.mode else {
        panic!("no editor")
    };
    assert!(editor.creating);
    assert!(editor.text().contains("name: my-catalog"));
    let effects = ctrl(&mut app, 's');
    let created = effects.iter().find_map(|e| match e {
        Effect::Create { object, edited } => Some((object.name.clone(), edited["spec"]["image"].clone())),
        _ => None,
    });
    assert_eq!(created, Some(("my-catalog".to_string(), json!("bind"))));
}

#[test]
fn an_ip_pool_shows_its_holders_on_enter_and_removes_an_ip_after_asking_which() {
    use kubic::ops::KubicOp;
    let mut app = app();
    app.run_command_line("ippools");
    let row = Row {
        facts: pool_facts("kube-minion1"),
        ..kubic_row("", "kube-minion1", &["kube-minion1", "192.0.2.10"], Health::Neutral)
    };
    feed(&mut app, vec![row]);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        kubic_op(&effects),
        Some(KubicOp::ShowPool {
            host: "kube-minion1".into()
        })
    );
    ctrl(&mut app, 'd');
    type_text(&mut app, "192.0.2.10");
    press(&mut app, KeyCode::Enter);
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("removing an IP is confirmed")
    };
    assert_eq!(
        confirm.question(crate::config::i18n::Lang::En),
        "Remove 192.0.2.10 from the IP pool of host kube-minion1?"
    );
}

#[test]
fn the_app_form_asks_for_projects_hosts_and_free_ips_and_fills_them() {
    use crate::app::input::choices::{ChoiceReply, ChoiceRequest};
    let mut app = app();
    app.run_command_line("catalogs");
    let row = kubic_row("", "bind", &["127.0.0.1:5000", "bind", "DNS"], Health::Neutral);
    feed(&mut app, vec![row]);
    let effects = press(&mut app, KeyCode::Char('n'));
    for request in [ChoiceRequest::Projects, ChoiceRequest::Hosts, ChoiceRequest::FreeIps] {
        assert!(effects.contains(&Effect::Choices(request.clone())), "{request:?}");
    }
    let names = |list: &[&str]| Ok(ChoiceReply::Names(list.iter().map(|t| t.to_string()).collect()));
    app.update(Action::Choices {
        request: ChoiceRequest::Hosts,
        result: names(&["kube-minion1", "kube-minion2"]),
    });
    let free = std::collections::BTreeMap::from([("kube-minion2".to_string(), vec!["192.0.2.20".to_string()])]);
    app.update(Action::Choices {
        request: ChoiceRequest::FreeIps,
        result: Ok(ChoiceReply::ByHost(free)),
    });
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Left);
    let Mode::Form(form) = &app.mode else { panic!("no form") };
    assert_eq!(form.value("host"), "kube-minion2", "← from no host picks the last");
    assert_eq!(form.fields[8].choices, ["192.0.2.20"], "the host's free IPs");
    app.update(Action::Choices {
        request: ChoiceRequest::Projects,
        result: Err(crate::model::failure::Failure::invalid("namespaces is forbidden")),
    });
    let Mode::Form(form) = &app.mode else { panic!("no form") };
    assert_eq!(
        form.fields[1].offer,
        crate::app::input::form::Offer::Failed("namespaces is forbidden".into())
    );
}
