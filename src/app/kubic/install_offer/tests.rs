//! The offer to run `kubic install` on a KUBIC screen of a cluster without the `kubic.io`
//! kinds: asked of the API server first, confirmed, run, then the kinds discovered again;
//! refused in read-only mode; explained when the identity may not create definitions.

use crossterm::event::KeyCode;

use crate::app::input::overlay::Confirm;
use crate::app::test_support::{Start, press};
use crate::app::{Action, App, Effect, Header, Mode};
use crate::model::cluster::RowEvent;
use crate::model::failure::{Failure, FailureKind};

use super::{InstallOffer, install_check};

fn on_catalogs(readonly: bool) -> App {
    let mut app = Start {
        header: Header {
            identity: "alice".into(),
            ..Header::default()
        },
        ..Start::default()
    }
    .app();
    app.readonly = readonly;
    app.run_command_line("catalogs");
    app
}

/// The catalogs' watch fails as it does before `kubic install`.
fn not_found(app: &mut App) -> Vec<Effect> {
    let view = app.view().expect("a view").id;
    app.update(Action::Rows {
        view,
        event: RowEvent::Failed {
            failure: Failure::new(
                FailureKind::NotFound,
                "the server could not find the requested resource",
            ),
            next_try: app.now,
        },
    })
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn kubic_asks_whether_it_may_offers_runs_install_and_watches_again() {
    let mut app = on_catalogs(false);
    let effects = not_found(&mut app);
    assert!(effects.contains(&Effect::MayInstall(install_check())), "{effects:?}");
    assert_eq!(install_check().resource, "customresourcedefinitions");
    assert!(status(&app).contains("asking the API server"), "{}", status(&app));
    assert!(not_found(&mut app).is_empty(), "the retried watch asks nothing twice");
    app.update(Action::InstallAllowed(Ok(true)));
    assert!(matches!(app.mode, Mode::Confirm(Confirm::Install)));
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(effects.contains(&Effect::Install), "{effects:?}");
    assert_eq!(app.install_offer, InstallOffer::Installing);
    let before = app.view().unwrap().id;
    let effects = app.update(Action::Installed(Ok(12)));
    assert!(effects.contains(&Effect::Discover), "{effects:?}");
    assert_ne!(app.view().unwrap().id, before, "the catalogs are watched anew");
    assert_eq!(status(&app), "kubic installed: 12 objects applied");
}

#[test]
fn read_only_mode_refuses_and_names_the_command() {
    let mut app = on_catalogs(true);
    let effects = not_found(&mut app);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::MayInstall(_) | Effect::Install))
    );
    assert!(status(&app).contains("read-only mode does not install it: run `kubic install`"));
}

#[test]
fn an_identity_that_may_not_create_definitions_is_told_who_can() {
    let mut app = on_catalogs(false);
    not_found(&mut app);
    app.update(Action::InstallAllowed(Ok(false)));
    assert!(matches!(app.mode, Mode::Normal), "no offer");
    assert!(
        status(&app)
            .contains("alice may not create CustomResourceDefinitions: a cluster administrator runs `kubic install`"),
        "{}",
        status(&app)
    );
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn a_declined_offer_is_not_made_again() {
    let mut app = on_catalogs(false);
    not_found(&mut app);
    app.update(Action::InstallAllowed(Ok(true)));
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.mode, Mode::Normal));
    assert!(status(&app).contains("run `kubic install`"));
    let effects = not_found(&mut app);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::MayInstall(_))),
        "{effects:?}"
    );
}
