//! Unit tests of the state machine: keys → actions → effects, with no cluster.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use k8s_openapi::jiff::Timestamp;
use serde_json::json;

use super::*;
use crate::kube::tables::{RowEvent, Scope};
use crate::model::rows::{Drill, Health, Row, RowKey};

fn app() -> App {
    let keymap = Keymap::shipped("default").expect("the default keymap");
    let mut app = App::new(Header::default(), keymap, Some("demo".into()), Timestamp::UNIX_EPOCH);
    app.contexts = vec!["kwok-kubic".into(), "prod".into()];
    app.start("pods");
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn row(name: &str, drill: Option<Drill>) -> Row {
    Row {
        key: RowKey {
            namespace: "demo".into(),
            name: name.into(),
        },
        cells: vec!["1/1".into(), "Running".into(), "0".into(), "-".into(), "-".into()],
        created: Some(0),
        labels: format!("app={name}"),
        health: Health::Ok,
        drill,
    }
}

fn feed(app: &mut App, rows: Vec<Row>) {
    let view = app.view().unwrap().id;
    app.update(Action::Rows {
        view,
        event: RowEvent::Reset(rows),
    });
    app.prepare_frame();
}

fn watched_kind(effects: &[Effect]) -> Option<(String, Scope)> {
    effects.iter().find_map(|e| match e {
        Effect::Watch { kind, scope, .. } => Some((kind.plural.clone(), scope.clone())),
        _ => None,
    })
}

#[test]
fn starting_discovers_and_watches_pods_in_the_project() {
    let keymap = Keymap::shipped("default").unwrap();
    let mut app = App::new(Header::default(), keymap, Some("demo".into()), Timestamp::UNIX_EPOCH);
    let effects = app.start("pods");
    assert!(effects.contains(&Effect::Discover));
    let (kind, scope) = watched_kind(&effects).unwrap();
    assert_eq!(kind, "pods");
    assert_eq!(scope.namespace.as_deref(), Some("demo"));
}

#[test]
fn the_command_line_jumps_to_a_kind_with_completion() {
    let mut app = app();
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "hos");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no prompt")
    };
    assert_eq!(prompt.suggestions.first().map(String::as_str), Some("host"));
    key(&mut app, KeyCode::Tab);
    let effects = key(&mut app, KeyCode::Enter);
    let (kind, scope) = watched_kind(&effects).unwrap();
    assert_eq!(kind, "nodes");
    assert_eq!(scope.namespace, None, "nodes are cluster-scoped");
    assert_eq!(app.views.len(), 1);
}

#[test]
fn an_unknown_kind_is_reported_and_the_view_stays() {
    let mut app = app();
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "nope");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(watched_kind(&effects).is_none());
    assert!(app.status.as_ref().unwrap().error);
    assert!(app.status.as_ref().unwrap().text.contains("unknown resource \"nope\""));
    assert_eq!(app.view().unwrap().kind.plural, "pods");
}

#[test]
fn ns_all_watches_every_namespace_and_shows_the_namespace_column() {
    let mut app = app();
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "ns all");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(watched_kind(&effects).unwrap().1.namespace, None);
    assert_eq!(app.namespace, None);
    assert_eq!(app.view().unwrap().table.columns[0], "NAMESPACE");
}

#[test]
fn enter_drills_down_and_esc_goes_back_rewatching() {
    let mut app = app();
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "deploy");
    key(&mut app, KeyCode::Enter);
    let drill = Drill::SelectedPods {
        namespace: "demo".into(),
        selector: "app=web".into(),
    };
    feed(&mut app, vec![row("web", Some(drill))]);
    let effects = key(&mut app, KeyCode::Enter);
    let (kind, scope) = watched_kind(&effects).unwrap();
    assert_eq!(kind, "pods");
    assert_eq!(scope.label_selector.as_deref(), Some("app=web"));
    assert_eq!(app.views.len(), 2);
    assert_eq!(app.view().unwrap().crumb(), "pods(demo app=web)");
    let effects = key(&mut app, KeyCode::Esc);
    assert_eq!(watched_kind(&effects).unwrap().0, "deployments");
    assert_eq!(app.views.len(), 1);
}

#[test]
fn rows_of_an_older_watch_are_ignored() {
    let mut app = app();
    let old = app.view().unwrap().id;
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "svc");
    key(&mut app, KeyCode::Enter);
    let effects = app.update(Action::Rows {
        view: old,
        event: RowEvent::Reset(vec![row("stale", None)]),
    });
    assert!(effects.is_empty());
    assert_eq!(app.view().unwrap().table.total_len(), 0);
}

#[test]
fn the_filter_applies_while_typing_and_esc_restores_the_previous_one() {
    let mut app = app();
    feed(&mut app, vec![row("web-1", None), row("db-1", None)]);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "db");
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.visible_len(), 1);
    key(&mut app, KeyCode::Esc);
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.visible_len(), 2);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "web");
    key(&mut app, KeyCode::Enter);
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.filter_text, "web");
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.view().unwrap().table.filter_text,
        "",
        "esc on the table clears the filter"
    );
}

#[test]
fn an_invalid_filter_keeps_the_prompt_and_what_was_typed() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "web-(");
    key(&mut app, KeyCode::Enter);
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("the prompt must stay open")
    };
    assert_eq!(prompt.input, "web-(");
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn describe_yaml_and_edit_fetch_the_selected_object() {
    let mut app = app();
    feed(&mut app, vec![row("web-1", None)]);
    for (c, purpose) in [('d', Purpose::Describe), ('y', Purpose::Yaml), ('e', Purpose::Edit)] {
        let effects = key(&mut app, KeyCode::Char(c));
        let fetched = effects.iter().find_map(|e| match e {
            Effect::Fetch { purpose, object } => Some((*purpose, object.name.clone())),
            _ => None,
        });
        assert_eq!(fetched, Some((purpose, "web-1".to_string())), "key {c}");
    }
}

#[test]
fn yaml_masks_secrets_until_revealed() {
    let mut app = app();
    let object = app_object("Secret");
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "demo"},
                        "data": {"password": "aHVudGVyMg=="}});
    app.update(Action::Fetched {
        purpose: Purpose::Yaml,
        object,
        result: Ok(Fetched {
            object: secret,
            events: vec![],
        }),
    });
    let text = |app: &App| match &app.mode {
        Mode::Viewer(v) => v.lines.join("\n"),
        _ => panic!("no viewer"),
    };
    assert!(!text(&app).contains("aHVudGVyMg=="));
    key(&mut app, KeyCode::Char('x'));
    assert!(text(&app).contains("aHVudGVyMg=="));
}

fn app_object(kind: &str) -> ObjectRef {
    let registry = crate::model::resource::Registry::builtin();
    ObjectRef {
        kind: registry.find("", kind).unwrap().clone(),
        namespace: "demo".into(),
        name: "s".into(),
    }
}

#[test]
fn a_failed_save_keeps_the_buffer_and_shows_the_reason() {
    let mut app = app();
    let object = app_object("ConfigMap");
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "s", "namespace": "demo"},
                    "data": {"a": "1"}});
    app.update(Action::Fetched {
        purpose: Purpose::Edit,
        object: object.clone(),
        result: Ok(Fetched {
            object: cm,
            events: vec![],
        }),
    });
    type_text(&mut app, "zz");
    let effects = ctrl(&mut app, 's');
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Apply { .. })) || {
            let Mode::Editor(editor) = &app.mode else { panic!() };
            editor.error.is_some()
        }
    );
    app.update(Action::Applied {
        object,
        result: Err("Operation cannot be fulfilled: the object has been modified".into()),
    });
    let Mode::Editor(editor) = &app.mode else {
        panic!("the editor must stay open")
    };
    assert!(editor.text().contains("zz"), "what was typed is kept");
    assert!(editor.error.as_ref().unwrap().contains("has been modified"));
}

#[test]
fn invalid_yaml_is_not_sent_and_says_where() {
    let mut app = app();
    let object = app_object("ConfigMap");
    app.mode = Mode::Editor(Box::new(overlay::Editor::new(object, "a: [unclosed\n")));
    let effects = ctrl(&mut app, 's');
    assert!(!effects.iter().any(|e| matches!(e, Effect::Apply { .. })));
    let Mode::Editor(editor) = &app.mode else { panic!() };
    assert!(editor.error.as_ref().unwrap().contains("line"), "{:?}", editor.error);
}

#[test]
fn delete_asks_first_naming_the_object() {
    let mut app = app();
    feed(&mut app, vec![row("web-1", None)]);
    ctrl(&mut app, 'd');
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(confirm.question(), "Delete pod demo/web-1?");
    assert!(
        key(&mut app, KeyCode::Char('n'))
            .iter()
            .all(|e| !matches!(e, Effect::Delete(_)))
    );
    ctrl(&mut app, 'd');
    let effects = key(&mut app, KeyCode::Char('y'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Delete(o) if o.name == "web-1"))
    );
}

#[test]
fn readonly_refuses_every_change_visibly() {
    let mut app = app();
    app.readonly = true;
    feed(&mut app, vec![row("web-1", None)]);
    for effects in [ctrl(&mut app, 'd'), key(&mut app, KeyCode::Char('e'))] {
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Fetch { .. } | Effect::Delete(_)))
        );
        assert!(app.status.as_ref().unwrap().text.starts_with("read-only mode"));
        assert!(matches!(app.mode, Mode::Normal));
    }
}

#[test]
fn switching_context_checks_the_name() {
    let mut app = app();
    app.run_command_line("ctx nope");
    assert!(app.status.as_ref().unwrap().error);
    let effects = app.run_command_line("ctx prod");
    assert!(effects.contains(&Effect::SwitchContext("prod".into())));
}

#[test]
fn help_over_a_viewer_returns_to_the_viewer() {
    let mut app = app();
    let object = app_object("ConfigMap");
    app.update(Action::Fetched {
        purpose: Purpose::Describe,
        object,
        result: Ok(Fetched {
            object: json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "s"}}),
            events: vec![],
        }),
    });
    key(&mut app, KeyCode::Char('?'));
    assert!(matches!(&app.mode, Mode::Help(under) if matches!(**under, Mode::Viewer(_))));
    key(&mut app, KeyCode::Char('z'));
    assert!(matches!(app.mode, Mode::Viewer(_)));
}

#[test]
fn ctrl_c_quits_from_any_screen_but_not_over_unsaved_edits() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    app.mode = Mode::Editor(Box::new(overlay::Editor::new(app_object("ConfigMap"), "a: 1\n")));
    type_text(&mut app, "x");
    assert!(!ctrl(&mut app, 'c').contains(&Effect::Quit));
}

#[test]
fn a_late_answer_does_not_replace_an_open_editor() {
    let mut app = app();
    app.mode = Mode::Editor(Box::new(overlay::Editor::new(app_object("ConfigMap"), "a: 1\n")));
    app.update(Action::Fetched {
        purpose: Purpose::Describe,
        object: app_object("ConfigMap"),
        result: Ok(Fetched {
            object: json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "s"}}),
            events: vec![],
        }),
    });
    assert!(matches!(app.mode, Mode::Editor(_)));
}

#[test]
fn an_unknown_kind_with_a_project_leaves_the_project_alone() {
    let mut app = app();
    app.run_command_line("podz other");
    assert_eq!(app.namespace.as_deref(), Some("demo"));
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.mode, Mode::Help(_)));
    key(&mut app, KeyCode::Char('z'));
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn q_quits_from_the_table() {
    let mut app = app();
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

/// A row of a KUBIC kind with `cells`.
fn kubic_row(namespace: &str, name: &str, cells: &[&str], health: Health) -> Row {
    Row {
        key: RowKey {
            namespace: namespace.into(),
            name: name.into(),
        },
        cells: cells.iter().map(|c| c.to_string()).collect(),
        created: Some(0),
        labels: String::new(),
        health,
        drill: None,
    }
}

fn apps_view(app: &mut App) {
    app.run_command_line("apps");
    let view = app.view().unwrap().id;
    let cells = ["bind", "9.18", "Running", "1/1", "1", "1", "1", "192.0.2.10", "1"];
    let row = kubic_row("demo", "dns", &cells, Health::Ok);
    app.update(Action::Rows {
        view,
        event: RowEvent::Reset(vec![row]),
    });
    app.prepare_frame();
}

fn kubic_op(effects: &[Effect]) -> Option<kubic::KubicOp> {
    effects.iter().find_map(|e| match e {
        Effect::Kubic(op) => Some(op.clone()),
        _ => None,
    })
}

#[test]
fn app_keys_run_at_once_and_halt_after_a_confirmation() {
    use kubic::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    assert_eq!(app.view().unwrap().kind.group, "kubic.io");
    let run = key(&mut app, KeyCode::Char('r'));
    assert_eq!(
        kubic_op(&run),
        Some(KubicOp::Run {
            project: "demo".into(),
            name: "dns".into()
        })
    );
    assert!(
        kubic_op(&key(&mut app, KeyCode::Char('t'))).is_none(),
        "halt asks first"
    );
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(confirm.question(), "Halt app demo/dns?");
    assert!(matches!(
        kubic_op(&key(&mut app, KeyCode::Char('y'))),
        Some(KubicOp::Halt { .. })
    ));
}

#[test]
fn scale_update_and_rebalance_prefill_and_validate_their_input() {
    use kubic::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    key(&mut app, KeyCode::Char('S'));
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no input")
    };
    assert_eq!(prompt.input, "1", "the current replicas are typed already");
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "x");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no input")
    };
    assert!(prompt.error.is_some(), "validated while typing");
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(kubic_op(&effects), Some(KubicOp::Scale { replicas: 3, .. })));

    key(&mut app, KeyCode::Char('u'));
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no input")
    };
    assert_eq!(prompt.input, "9.18");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('i'));
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no input")
    };
    assert_eq!(prompt.input, "192.0.2.10");
}

#[test]
fn kubic_kinds_delete_by_kubic_rules_and_app_keys_need_the_apps_view() {
    use kubic::KubicOp;
    let mut app = app();
    apps_view(&mut app);
    ctrl(&mut app, 'd');
    let Mode::Confirm(overlay::Confirm::Kubic(op)) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(
        op,
        &KubicOp::DeleteApp {
            project: "demo".into(),
            name: "dns".into()
        }
    );
    key(&mut app, KeyCode::Esc);
    app.run_command_line("pods");
    key(&mut app, KeyCode::Char('r'));
    assert!(app.status.as_ref().unwrap().text.contains("open :apps"));
}

#[test]
fn a_missing_kubic_installation_is_explained() {
    let mut app = app();
    app.run_command_line("catalogs");
    let view = app.view().unwrap().id;
    app.update(Action::Rows {
        view,
        event: RowEvent::Failed("the server could not find the requested resource".into()),
    });
    assert!(app.status.as_ref().unwrap().text.contains("kubic install"));
}

#[test]
fn n_on_a_catalog_opens_the_app_form_which_creates_the_app() {
    use kubic::KubicOp;
    let mut app = app();
    app.run_command_line("catalogs");
    let view = app.view().unwrap().id;
    let row = kubic_row("", "bind", &["127.0.0.1:5000", "bind", "DNS"], Health::Neutral);
    app.update(Action::Rows {
        view,
        event: RowEvent::Reset(vec![row]),
    });
    app.prepare_frame();
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.mode, Mode::Form(_)));
    type_text(&mut app, "dns");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "9.18");
    assert!(kubic_op(&key(&mut app, KeyCode::Esc)).is_none());
    assert!(
        matches!(app.mode, Mode::Form(_)),
        "a first esc on a filled form only warns"
    );
    let effects = key(&mut app, KeyCode::Enter);
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
        kind: registry.find("kubic.io", "Catalog").unwrap().clone(),
        namespace: String::new(),
        name: "bind".into(),
    }
}

#[test]
fn a_catalog_whose_template_does_not_render_is_not_saved_and_says_where() {
    let mut app = app();
    let broken = "apiVersion: kubic.io/v1alpha1\nkind: Catalog\nmetadata:\n  name: bind\nspec:\n  registry: r\n  image: i\n  template: |\n    kind: Pod\n    metadata:\n      name: {{ name }\n";
    app.mode = Mode::Editor(Box::new(overlay::Editor::new(catalog_ref(), broken)));
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
    key(&mut app, KeyCode::Char('C'));
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
    use kubic::KubicOp;
    let mut app = app();
    app.run_command_line("ippools");
    let view = app.view().unwrap().id;
    let row = kubic_row("", "kube-minion1", &["kube-minion1", "192.0.2.10"], Health::Neutral);
    app.update(Action::Rows {
        view,
        event: RowEvent::Reset(vec![row]),
    });
    app.prepare_frame();
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        kubic_op(&effects),
        Some(KubicOp::ShowPool {
            host: "kube-minion1".into()
        })
    );
    ctrl(&mut app, 'd');
    type_text(&mut app, "192.0.2.10");
    key(&mut app, KeyCode::Enter);
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("removing an IP is confirmed")
    };
    assert_eq!(
        confirm.question(),
        "Remove 192.0.2.10 from the IP pool of host kube-minion1?"
    );
}
