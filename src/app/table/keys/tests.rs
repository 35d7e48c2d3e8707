//! Unit tests of the state machine on tables: keys → actions → effects, with no cluster:
//! navigation, the command line, the filter, describe/YAML/edit, deletes, readonly, help.

use crossterm::event::KeyCode;
use serde_json::json;

use crate::app::test_support::{Start, ctrl, feed, pod_row, press, prompt_of, type_text};
use crate::app::*;
use crate::model::cluster::{ObjectRef, RowEvent, Scope};
use crate::model::resource::Known;
use crate::model::rows::Drill;

fn app() -> App {
    let mut app = Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .app();
    app.contexts = vec!["kwok-kubic".into(), "prod".into()];
    app
}

/// The table stream the state declares: its view id, kind and scope.
fn watched(app: &App) -> Option<(u64, String, Scope)> {
    app.subscriptions().streams.into_iter().find_map(|stream| match stream {
        Stream::Table { view, kind, scope } => Some((view, kind.plural, scope)),
        _ => None,
    })
}

#[test]
fn starting_discovers_and_watches_pods_in_the_project() {
    let (app, effects) = Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .open();
    assert!(effects.contains(&Effect::Discover));
    let (_, kind, scope) = watched(&app).unwrap();
    assert_eq!(kind, "pods");
    assert_eq!(scope.namespace.as_deref(), Some("demo"));
}

#[test]
fn the_command_line_jumps_to_a_kind_with_completion() {
    let mut app = app();
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "hos");
    let prompt = prompt_of(&app);
    assert_eq!(prompt.suggestions.first().map(String::as_str), Some("host"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let (_, kind, scope) = watched(&app).unwrap();
    assert_eq!(kind, "nodes");
    assert_eq!(scope.namespace, None, "nodes are cluster-scoped");
    assert_eq!(app.views.len(), 1);
}

#[test]
fn an_unknown_kind_is_reported_and_the_view_stays() {
    let mut app = app();
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "nope");
    let before = watched(&app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(watched(&app), before, "the pods table keeps its watch");
    assert!(app.status.as_ref().unwrap().error);
    assert!(app.status.as_ref().unwrap().text.contains("unknown resource \"nope\""));
    assert_eq!(app.view().unwrap().kind.plural, "pods");
}

#[test]
fn ns_all_watches_every_namespace_and_shows_the_namespace_column() {
    let mut app = app();
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "ns all");
    press(&mut app, KeyCode::Enter);
    assert_eq!(watched(&app).unwrap().2.namespace, None);
    assert_eq!(app.namespace, None);
    assert_eq!(app.view().unwrap().table.columns[0], "NAMESPACE");
}

#[test]
fn enter_drills_down_and_esc_goes_back_rewatching() {
    let mut app = app();
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "deploy");
    press(&mut app, KeyCode::Enter);
    let drill = Drill::SelectedPods {
        namespace: "demo".into(),
        selector: "app=web".into(),
    };
    let (deployments, _, _) = watched(&app).unwrap();
    feed(&mut app, vec![pod_row("web", Some(drill))]);
    press(&mut app, KeyCode::Enter);
    let (_, kind, scope) = watched(&app).unwrap();
    assert_eq!(kind, "pods");
    assert_eq!(scope.label_selector.as_deref(), Some("app=web"));
    assert_eq!(app.views.len(), 2);
    assert_eq!(app.view().unwrap().crumb(), "pods(demo app=web)");
    press(&mut app, KeyCode::Esc);
    let (again, kind, _) = watched(&app).unwrap();
    assert_eq!(kind, "deployments");
    assert_ne!(again, deployments, "the deployments table is watched anew");
    assert_eq!(app.views.len(), 1);
}

#[test]
fn rows_of_an_older_watch_are_ignored() {
    let mut app = app();
    let old = app.view().unwrap().id;
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "svc");
    press(&mut app, KeyCode::Enter);
    let effects = app.update(Action::Rows {
        view: old,
        event: RowEvent::rows(vec![pod_row("stale", None)]),
    });
    assert!(effects.is_empty());
    assert_eq!(app.view().unwrap().table.total_len(), 0);
}

#[test]
fn the_filter_applies_while_typing_and_esc_restores_the_previous_one() {
    let mut app = app();
    feed(&mut app, vec![pod_row("web-1", None), pod_row("db-1", None)]);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "db");
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.visible_len(), 1);
    press(&mut app, KeyCode::Esc);
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.visible_len(), 2);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "web");
    press(&mut app, KeyCode::Enter);
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.filter_text, "web");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.view().unwrap().table.filter_text,
        "",
        "esc on the table clears the filter"
    );
}

#[test]
fn an_invalid_filter_keeps_the_prompt_and_what_was_typed() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "web-(");
    press(&mut app, KeyCode::Enter);
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("the prompt must stay open")
    };
    assert_eq!(prompt.input, "web-(");
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn describe_yaml_and_edit_fetch_the_selected_object() {
    let mut app = app();
    feed(&mut app, vec![pod_row("web-1", None)]);
    for (c, purpose) in [('d', Purpose::Describe), ('y', Purpose::Yaml), ('e', Purpose::Edit)] {
        let effects = press(&mut app, KeyCode::Char(c));
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
    let object = app_object(Known::Secret);
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
    press(&mut app, KeyCode::Char('x'));
    assert!(text(&app).contains("aHVudGVyMg=="));
}

fn app_object(known: Known) -> ObjectRef {
    let registry = crate::model::resource::Registry::builtin();
    ObjectRef {
        kind: registry.known(known).unwrap().clone(),
        namespace: "demo".into(),
        name: "s".into(),
    }
}

#[test]
fn a_failed_save_keeps_the_buffer_and_shows_the_reason() {
    let mut app = app();
    let object = app_object(Known::ConfigMap);
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
        result: Err(crate::model::failure::Failure::new(
            crate::model::failure::FailureKind::Conflict,
            "Operation cannot be fulfilled: the object has been modified",
        )),
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
    let object = app_object(Known::ConfigMap);
    app.mode = Mode::Editor(Box::new(crate::app::input::overlay::Editor::new(
        object,
        "a: [unclosed\n",
    )));
    let effects = ctrl(&mut app, 's');
    assert!(!effects.iter().any(|e| matches!(e, Effect::Apply { .. })));
    let Mode::Editor(editor) = &app.mode else { panic!() };
    assert!(editor.error.as_ref().unwrap().contains("line"), "{:?}", editor.error);
}

#[test]
fn delete_asks_first_naming_the_object() {
    let mut app = app();
    feed(&mut app, vec![pod_row("web-1", None)]);
    ctrl(&mut app, 'd');
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no confirmation")
    };
    assert_eq!(
        confirm.question(crate::config::i18n::Lang::En),
        "Delete pod demo/web-1?"
    );
    assert!(
        press(&mut app, KeyCode::Char('n'))
            .iter()
            .all(|e| !matches!(e, Effect::Delete(_)))
    );
    ctrl(&mut app, 'd');
    let effects = press(&mut app, KeyCode::Char('y'));
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
    feed(&mut app, vec![pod_row("web-1", None)]);
    for effects in [ctrl(&mut app, 'd'), press(&mut app, KeyCode::Char('e'))] {
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
    let object = app_object(Known::ConfigMap);
    app.update(Action::Fetched {
        purpose: Purpose::Describe,
        object,
        result: Ok(Fetched {
            object: json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "s"}}),
            events: vec![],
        }),
    });
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(&app.mode, Mode::Help(under) if matches!(**under, Mode::Viewer(_))));
    press(&mut app, KeyCode::Char('z'));
    assert!(matches!(app.mode, Mode::Viewer(_)));
}

#[test]
fn ctrl_c_quits_from_any_screen_but_not_over_unsaved_edits() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    app.mode = Mode::Editor(Box::new(crate::app::input::overlay::Editor::new(
        app_object(Known::ConfigMap),
        "a: 1\n",
    )));
    type_text(&mut app, "x");
    assert!(!ctrl(&mut app, 'c').contains(&Effect::Quit));
}

#[test]
fn a_late_answer_does_not_replace_an_open_editor() {
    let mut app = app();
    app.mode = Mode::Editor(Box::new(crate::app::input::overlay::Editor::new(
        app_object(Known::ConfigMap),
        "a: 1\n",
    )));
    app.update(Action::Fetched {
        purpose: Purpose::Describe,
        object: app_object(Known::ConfigMap),
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
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.mode, Mode::Help(_)));
    press(&mut app, KeyCode::Char('z'));
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn q_quits_from_the_table() {
    let mut app = app();
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}
