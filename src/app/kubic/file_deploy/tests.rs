//! Unit tests of the file deploy flow: `F` starts it, the result offers a rolling
//! restart, and the per-pod report shows whatever the answer.

use crossterm::event::KeyCode;

use crate::app::input::overlay::Confirm;
use crate::app::test_support::{self, app_on, feed, row};
use crate::app::{Action, App, Effect, Mode};
use crate::model::detail::pod_runs::{AppPod, PodResult};

fn catalogs() -> App {
    let mut app = app_on("catalogs");
    feed(&mut app, vec![row("", "bind", &[])]);
    app
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    test_support::press(app, KeyCode::Char(c))
}

fn pod(app: &str, pod: &str, code: Option<i32>) -> PodResult {
    PodResult {
        target: AppPod {
            namespace: "demo".into(),
            app: app.into(),
            pod: pod.into(),
        },
        code,
        output: "copied".into(),
    }
}

/// Three pods of two apps, one of which failed.
fn deployed() -> Vec<PodResult> {
    vec![
        pod("dns", "dns-0", Some(0)),
        pod("dns2", "dns2-0", Some(0)),
        pod("dns2", "dns2-1", None),
    ]
}

fn apps() -> Vec<(String, String)> {
    vec![("demo".into(), "dns".into()), ("demo".into(), "dns2".into())]
}

#[test]
fn f_deploys_then_offers_a_rolling_restart() {
    let mut app = catalogs();
    let effects = press(&mut app, 'F');
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::DeployFiles { catalog, .. } if catalog == "bind"))
    );
    app.update(Action::FilesDeployed {
        catalog: "bind".into(),
        result: Ok(deployed()),
    });
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("no restart offered");
    };
    assert_eq!(
        confirm.question(crate::config::i18n::Lang::En),
        "3 pods: 2 ok, 1 failed. Rolling restart of 2 app(s) (demo/dns, demo/dns2)?"
    );
    assert!(matches!(confirm, Confirm::RestartApps(_)));
    let effects = press(&mut app, 'y');
    assert!(effects.contains(&Effect::RestartApps(apps())));
    let Mode::Viewer(view) = &app.mode else {
        panic!("no report");
    };
    assert_eq!(view.title(crate::config::i18n::Lang::En), "pod results of catalog bind");
}

#[test]
fn declining_the_restart_still_shows_the_report() {
    let mut app = catalogs();
    app.update(Action::FilesDeployed {
        catalog: "bind".into(),
        result: Ok(deployed()),
    });
    let effects = press(&mut app, 'n');
    assert!(!effects.iter().any(|e| matches!(e, Effect::RestartApps(_))));
    assert!(matches!(app.mode, Mode::Viewer(_)));
    assert_eq!(app.status.unwrap().text, "3 pods: 2 ok, 1 failed. no restart");
}
