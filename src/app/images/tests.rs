//! Registries, recipes and image builds from the keyboard, without a cluster.

use crossterm::event::KeyCode;

use crate::app::images::browse::{Level, RegistryReply, RegistryRequest};
use crate::app::input::overlay::{Confirm, TextKind};
use crate::app::kubic::ops::KubicOp;
use crate::app::test_support::{Start, app_facts, ctrl, open, press, registry_facts, row, type_text};
use crate::app::{Action, App, Effect, Header, Mode, Stream};
use crate::config::i18n::Lang;
use crate::model::rows::Row;

fn app() -> App {
    let header = Header {
        server_url: "https://192.0.2.1:6443".into(),
        ..Header::default()
    };
    Start {
        header,
        ..Start::default()
    }
    .app()
}

fn registry_rows() -> Vec<Row> {
    vec![Row {
        facts: registry_facts("192.0.2.1:5000", true, "Private"),
        ..row("", "local", &["192.0.2.1:5000", "insecure", "-", "Private"])
    }]
}

#[test]
fn registering_a_registry_defaults_to_the_master_on_port_5000_and_validates_while_typing() {
    let mut app = app();
    open(&mut app, "registries", registry_rows());
    press(&mut app, KeyCode::Char('n'));
    let Mode::Form(form) = &app.mode else { panic!("no form") };
    assert_eq!(form.value("URL"), "192.0.2.1:5000");
    type_text(&mut app, "Bad Name");
    let Mode::Form(form) = &app.mode else { panic!("no form") };
    assert!(form.fields[0].error(Lang::En).is_some());
    ctrl(&mut app, 'u');
    type_text(&mut app, "mirror");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Private(Local repository)");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "admin");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "s3cret");
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::Kubic(KubicOp::SaveRegistry(saved))) = effects.into_iter().find(|e| matches!(e, Effect::Kubic(_)))
    else {
        panic!("not saved")
    };
    assert_eq!(saved.name, "mirror");
    assert!(!saved.insecure, "→ picks tls after insecure");
    assert_eq!((saved.username.as_str(), saved.password.as_str()), ("admin", "s3cret"));
    assert!(!format!("{saved:?}").contains("s3cret"));
}

#[test]
fn editing_a_registry_keeps_its_name_and_delete_asks_first() {
    let mut app = app();
    open(&mut app, "registries", registry_rows());
    press(&mut app, KeyCode::Char('e'));
    let Mode::Form(form) = &mut app.mode else {
        panic!("no form")
    };
    assert_eq!(form.value("description"), "Private");
    assert_eq!(form.value("transport"), "insecure");
    form.fields[0].value = "renamed".into();
    assert!(
        form.fields[0].error(Lang::En).is_some(),
        "the name is fixed when editing"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'd');
    assert!(matches!(&app.mode, Mode::Confirm(Confirm::Kubic(KubicOp::DeleteRegistry(name))) if name == "local"));
}

#[test]
fn enter_browses_repositories_tags_and_a_tag_and_deletes_a_tag_after_yes() {
    let mut app = app();
    open(&mut app, "registries", registry_rows());
    let effects = press(&mut app, KeyCode::Enter);
    let request = RegistryRequest::Repositories {
        registry: "local".into(),
    };
    assert!(effects.contains(&Effect::Registry(request.clone())));
    app.update(Action::RegistryAnswer {
        request,
        result: Ok(RegistryReply::Names(vec!["bind".into(), "nginx".into()])),
    });
    let effects = press(&mut app, KeyCode::Enter);
    let tags = RegistryRequest::Tags {
        registry: "local".into(),
        repository: "bind".into(),
    };
    assert!(effects.contains(&Effect::Registry(tags.clone())));
    app.update(Action::RegistryAnswer {
        request: tags.clone(),
        result: Ok(RegistryReply::Names(vec!["9.18".into(), "9.20".into()])),
    });
    press(&mut app, KeyCode::Char('j'));
    ctrl(&mut app, 'd');
    assert!(app.status.as_ref().unwrap().text.contains("delete bind:9.20"));
    let effects = press(&mut app, KeyCode::Char('y'));
    let delete = RegistryRequest::DeleteTag {
        registry: "local".into(),
        repository: "bind".into(),
        tag: "9.20".into(),
    };
    assert!(effects.contains(&Effect::Registry(delete.clone())));
    let effects = app.update(Action::RegistryAnswer {
        request: delete,
        result: Ok(RegistryReply::Deleted("sha256:abc".into())),
    });
    assert!(
        effects.contains(&Effect::Registry(tags.clone())),
        "the tags are read again"
    );
    app.update(Action::RegistryAnswer {
        request: tags,
        result: Ok(RegistryReply::Names(vec!["9.18".into()])),
    });
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Registry(RegistryRequest::Detail { tag, .. }) if tag == "9.18"))
    );
    press(&mut app, KeyCode::Esc);
    let Mode::Browse(browser) = &app.mode else {
        panic!("not browsing")
    };
    assert!(matches!(browser.page().unwrap().level, Level::Tags { .. }));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn a_registry_error_shows_in_the_browser() {
    let mut app = app();
    open(&mut app, "registries", registry_rows());
    press(&mut app, KeyCode::Enter);
    app.update(Action::RegistryAnswer {
        request: RegistryRequest::Repositories {
            registry: "local".into(),
        },
        result: Err(crate::model::failure::Failure::new(
            crate::model::failure::FailureKind::Unreachable,
            "registry 192.0.2.1:5000 is unreachable: connection refused",
        )),
    });
    let Mode::Browse(browser) = &app.mode else {
        panic!("not browsing")
    };
    assert!(browser.page().unwrap().error.as_ref().unwrap().contains("unreachable"));
}

#[test]
fn creating_an_image_picks_a_recipe_and_a_registry_and_l_follows_its_log() {
    let mut app = app();
    open(
        &mut app,
        "images",
        vec![row(
            "",
            "bind-9-18-1",
            &["bind:9.18", "Running", "local", "bind", "9.18"],
        )],
    );
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(effects.contains(&Effect::Registry(RegistryRequest::BuildChoices)));
    app.update(Action::RegistryAnswer {
        request: RegistryRequest::BuildChoices,
        result: Ok(RegistryReply::Choices {
            recipes: vec!["bind".into(), "nginx".into()],
            registries: vec!["local".into()],
        }),
    });
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "1.27 beta");
    assert!(
        press(&mut app, KeyCode::Enter)
            .iter()
            .all(|e| !matches!(e, Effect::Kubic(_)))
    );
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Kubic(KubicOp::CreateBuild(b))
        if b.recipe == "nginx" && b.version == "1.27" && b.registry == "local"))
    );

    press(&mut app, KeyCode::Char('l'));
    let log = RegistryRequest::BuildLog {
        name: "bind-9-18-1".into(),
    };
    let build_log = Stream::BuildLog {
        name: "bind-9-18-1".into(),
    };
    assert!(app.subscriptions().streams.contains(&build_log));
    for (line, done) in [("compiling", false), ("*** Build Complete! ***", false), ("", true)] {
        app.update(Action::RegistryAnswer {
            request: log.clone(),
            result: Ok(RegistryReply::LogLine {
                line: crate::model::build_line::BuildLine::Log(line.into()),
                done,
            }),
        });
    }
    let Mode::Viewer(view) = &app.mode else {
        panic!("no log")
    };
    assert_eq!(view.kind, TextKind::Log);
    assert_eq!(view.lines, ["compiling", "*** Build Complete! ***"]);
    press(&mut app, KeyCode::Esc);
    assert!(
        !app.subscriptions().streams.contains(&build_log),
        "closing the log stops following it"
    );
}

#[test]
fn an_image_needs_a_recipe_and_a_registry() {
    let mut app = app();
    open(&mut app, "images", Vec::new());
    press(&mut app, KeyCode::Char('n'));
    app.update(Action::RegistryAnswer {
        request: RegistryRequest::BuildChoices,
        result: Ok(RegistryReply::Choices {
            recipes: Vec::new(),
            registries: vec!["local".into()],
        }),
    });
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.status.as_ref().unwrap().text.contains(":recipes"));
}

#[test]
fn the_registry_tags_feed_the_rolling_update_and_the_app_form() {
    let mut app = app();
    let cells = ["bind", "9.18", "Running", "1", "1", "1", "1", "<none>", "2"];
    let dns = Row {
        facts: app_facts("bind", "9.18", 1, &[], 2),
        ..row("demo", "dns", &cells)
    };
    open(&mut app, "apps", vec![dns]);
    let effects = press(&mut app, KeyCode::Char('u'));
    let request = RegistryRequest::CatalogTags { catalog: "bind".into() };
    assert!(effects.contains(&Effect::Registry(request.clone())));
    let tags: Vec<String> = ["9.16", "9.18", "9.20"].map(String::from).to_vec();
    // As the registry lists them: text order, where 9.18.10 comes before 9.18.9.
    let listed: Vec<String> = ["9.16", "9.18", "9.18.10", "9.18.9", "9.20"].map(String::from).to_vec();
    app.update(Action::RegistryAnswer {
        request: request.clone(),
        result: Ok(RegistryReply::Names(listed)),
    });
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("no prompt")
    };
    assert_eq!(prompt.suggestions, ["9.20", "9.18.10", "9.18.9", "9.18", "9.16"]);
    press(&mut app, KeyCode::Esc);

    open(
        &mut app,
        "catalogs",
        vec![row("", "bind", &["127.0.0.1:5000", "bind", "BIND"])],
    );
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(effects.contains(&Effect::Registry(request.clone())));
    app.update(Action::RegistryAnswer {
        request,
        result: Ok(RegistryReply::Names(tags)),
    });
    let Mode::Form(form) = &mut app.mode else {
        panic!("no form")
    };
    form.focus = 2;
    form.focused().cycle(-1);
    assert_eq!(form.value("image tag"), "9.20");
    form.focused().value = "9.99".into();
    assert_eq!(
        form.focused().error(Lang::En),
        None,
        "the registry's tags suggest, a new one goes"
    );
    form.focused().value = "9 99".into();
    assert!(form.focused().error(Lang::En).is_some());
}

#[test]
fn the_image_form_offers_the_versions_not_built_for_its_recipe_and_registry() {
    use crate::app::input::choices::{ChoiceReply, ChoiceRequest};
    use crate::app::input::form::Offer;
    let mut app = app();
    open(&mut app, "images", Vec::new());
    press(&mut app, KeyCode::Char('n'));
    let effects = app.update(Action::RegistryAnswer {
        request: RegistryRequest::BuildChoices,
        result: Ok(RegistryReply::Choices {
            recipes: vec!["bind".into()],
            registries: vec!["local".into(), "mirror".into()],
        }),
    });
    let local = ChoiceRequest::UnbuiltTags {
        recipe: "bind".into(),
        registry: "local".into(),
    };
    assert!(effects.contains(&Effect::Choices(local.clone())));
    let version = |app: &App| match &app.mode {
        Mode::Form(form) => form.fields[1].clone(),
        _ => panic!("no form"),
    };
    assert_eq!(version(&app).offer, Offer::Loading);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "9.1");
    press(&mut app, KeyCode::Tab);
    let effects = press(&mut app, KeyCode::Right);
    let mirror = ChoiceRequest::UnbuiltTags {
        recipe: "bind".into(),
        registry: "mirror".into(),
    };
    assert!(
        effects.contains(&Effect::Choices(mirror.clone())),
        "another registry, its versions"
    );
    let tags = |list: &[&str]| Ok(ChoiceReply::Names(list.iter().map(|t| t.to_string()).collect()));
    app.update(Action::Choices {
        request: local,
        result: tags(&["9.10.5"]),
    });
    assert!(
        version(&app).choices.is_empty(),
        "an answer for the registry left is dropped"
    );
    app.update(Action::Choices {
        request: mirror,
        result: tags(&["9.10.5", "9.11.1"]),
    });
    let field = version(&app);
    assert_eq!(field.choices, ["9.10.5", "9.11.1"]);
    assert_eq!(field.value, "9.1", "what was typed stays");
    assert_eq!(field.error(Lang::En), None, "a version not in the registry goes too");
}
