//! Snapshots of the registry and image screens: registries, the registration form,
//! the registry browser (repositories, tags, a tag, an error), recipes, images, the
//! image form and a build log; the browser's own texts in Korean.

use super::test_support::{NOW, app_at, screen, snap};
use crossterm::event::KeyCode;

use crate::app::images::browse::{RegistryReply, RegistryRequest};
use crate::app::test_support::{self, open, press as key, type_text};
use crate::app::{Action, App};
use crate::model::rows::{Health, Row};
use crate::oci::TagDetail;

fn app() -> App {
    app_at("https://192.0.2.1:6443", None, "pods")
}

fn row(namespace: &str, name: &str, cells: &[&str], health: Health) -> Row {
    Row {
        created: Some(NOW - 3_600),
        health,
        ..test_support::row(namespace, name, cells)
    }
}

fn registries(app: &mut App) {
    let local = ["192.0.2.1:5000", "insecure", "-", "Private(Local repository)"];
    let mirror = ["registry.example.com", "tls", "registry-mirror", "upstream mirror"];
    let rows = vec![
        Row {
            facts: test_support::registry_facts(local[0], true, local[3]),
            ..row("", "local", &local, Health::Neutral)
        },
        Row {
            facts: test_support::registry_facts(mirror[0], false, mirror[3]),
            ..row("", "mirror", &mirror, Health::Neutral)
        },
    ];
    open(app, "registries", rows);
}

fn answer(app: &mut App, request: RegistryRequest, result: Result<RegistryReply, crate::model::failure::Failure>) {
    app.update(Action::RegistryAnswer { request, result });
}

#[test]
fn registries_and_the_registration_form() {
    let mut app = app();
    registries(&mut app);
    snap!("registries_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Mirror");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "the master's registry");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "admin");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "s3cret");
    snap!("registry_form_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_registry_edit_form() {
    let mut app = app();
    registries(&mut app);
    key(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " (KUBIC master)");
    snap!("registry_edit_form_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_registry_browser() {
    let mut app = app();
    registries(&mut app);
    key(&mut app, KeyCode::Enter);
    snap!("registry_loading_80x24", screen(&mut app, 80, 24));
    let repositories = RegistryRequest::Repositories {
        registry: "local".into(),
    };
    let names = ["bind", "nginx", "pause", "tools/busybox"];
    answer(
        &mut app,
        repositories,
        Ok(RegistryReply::Names(names.map(String::from).to_vec())),
    );
    snap!("registry_repositories_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    let tags = RegistryRequest::Tags {
        registry: "local".into(),
        repository: "bind".into(),
    };
    answer(
        &mut app,
        tags,
        Ok(RegistryReply::Names(
            ["9.16", "9.18", "9.20", "latest"].map(String::from).to_vec(),
        )),
    );
    key(&mut app, KeyCode::Char('j'));
    snap!("registry_tags_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    let detail = TagDetail {
        repository: "bind".into(),
        tag: "9.18".into(),
        digest: "sha256:5d41402abc4b2a76b9719d911017c592b29c8e1d7a1b9e2c4f6a8b0c2d4e6f80".into(),
        media_type: "application/vnd.oci.image.index.v1+json".into(),
        size: 48_234_567,
        platforms: vec!["linux/amd64".into(), "linux/arm64".into()],
        created: Some("2026-03-04T05:06:07Z".into()),
    };
    let request = RegistryRequest::Detail {
        registry: "local".into(),
        repository: "bind".into(),
        tag: "9.18".into(),
    };
    answer(&mut app, request, Ok(RegistryReply::Detail(Box::new(detail))));
    snap!("registry_tag_detail_120x40", screen(&mut app, 120, 40));
}

#[test]
fn a_registry_that_refuses_the_credentials() {
    let mut app = app();
    registries(&mut app);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    let request = RegistryRequest::Repositories {
        registry: "mirror".into(),
    };
    let error =
        "registry registry.example.com refused the credentials (HTTP 401): check the registry's user and password";
    answer(
        &mut app,
        request,
        Err(crate::model::failure::Failure::new(
            crate::model::failure::FailureKind::Unauthorized,
            error,
        )),
    );
    snap!("registry_unauthorized_80x24", screen(&mut app, 80, 24));
}

#[test]
fn recipes_images_the_image_form_and_a_build_log() {
    let mut app = app();
    let recipes = vec![row(
        "",
        "bind",
        &["bind", "1", "ISC BIND name server, built from source"],
        Health::Neutral,
    )];
    open(&mut app, "recipes", recipes);
    snap!("recipes_80x24", screen(&mut app, 80, 24));
    let images = vec![
        row(
            "",
            "bind-9-18-24-41231",
            &["bind:9.18.24", "Succeeded", "local", "bind", "9.18.24"],
            Health::Ok,
        ),
        row(
            "",
            "bind-9-99-41877",
            &["bind:9.99", "Failed", "local", "bind", "9.99"],
            Health::Error,
        ),
        row(
            "",
            "bind-9-20-1-42002",
            &["bind:9.20.1", "Running", "local", "bind", "9.20.1"],
            Health::Pending,
        ),
    ];
    open(&mut app, "images", images);
    snap!("images_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('n'));
    let choices = RegistryReply::Choices {
        recipes: vec!["bind".into(), "nginx".into()],
        registries: vec!["local".into(), "mirror".into()],
    };
    answer(&mut app, RegistryRequest::BuildChoices, Ok(choices));
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "9.20.1");
    key(&mut app, KeyCode::Tab);
    snap!("image_form_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('l'));
    let log = RegistryRequest::BuildLog {
        name: "bind-9-18-24-41231".into(),
    };
    for line in [
        "#1 [internal] load build definition from Dockerfile",
        "#7 exporting to image",
        "#7 pushing layers done",
        "*** Build Complete! ***",
    ] {
        let line = crate::model::build_line::BuildLine::Log(line.to_string());
        answer(&mut app, log.clone(), Ok(RegistryReply::LogLine { line, done: false }));
    }
    snap!("build_log_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_registry_browser_speaks_korean_while_loading_and_when_empty() {
    let mut app = app();
    app.lang = crate::config::i18n::Lang::Ko;
    registries(&mut app);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("불러오는 중…"));
    let repositories = RegistryRequest::Repositories {
        registry: "local".into(),
    };
    answer(&mut app, repositories, Ok(RegistryReply::Names(Vec::new())));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("저장소가 없습니다"), "{text}");
    assert!(!text.contains("no repositories"), "{text}");
}
