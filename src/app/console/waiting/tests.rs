//! A KUBIC console while its toolbox pod starts: what the pod says is kept, `esc`
//! cancels (the runner is told to remove the pod) and the footer says the pod was
//! removed; once the pod runs, `esc` goes to the shell again.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::app::test_support::{Start, press};
use crate::app::{Action, App, Effect, Mode};
use crate::model::failure::{Failure, FailureKind};
use crate::model::pod_wait::PodWait;

fn app_with_toolbox_console() -> (App, u64) {
    let mut app = Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .app();
    app.update(Action::Resized { width: 80, height: 24 });
    let effects = press(&mut app, KeyCode::Char('X'));
    let Some(Effect::OpenToolbox { id, .. }) = effects.first() else {
        panic!("no toolbox console: {effects:?}");
    };
    (app, *id)
}

fn waiting(pod: &str) -> Option<Box<PodWait>> {
    Some(Box::new(PodWait {
        pod: pod.into(),
        phase: "Pending".into(),
        ..PodWait::default()
    }))
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn esc_while_the_pod_starts_cancels_the_console_and_the_footer_says_the_pod_is_removed() {
    let (mut app, id) = app_with_toolbox_console();
    assert!(app.console(id).is_some_and(|c| c.starting));
    app.update(Action::ConsoleWaiting {
        id,
        wait: waiting("kubic-console-1-ab"),
    });
    assert_eq!(
        app.console(id)
            .and_then(|c| c.waiting.as_ref())
            .map(|w| w.phase.as_str()),
        Some("Pending")
    );
    let effects = press(&mut app, KeyCode::Esc);
    assert_eq!(effects.first(), Some(&Effect::CancelConsole { id }));
    assert!(app.consoles.is_empty(), "the console is gone");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(status(&app).contains("removing its toolbox pod"), "{}", status(&app));
    app.update(Action::ConsoleCancelled {
        pod: "kubic-console-1-ab".into(),
        result: Ok(()),
    });
    assert_eq!(
        status(&app),
        "console cancelled: toolbox pod kubic-console-1-ab removed"
    );
    app.update(Action::ConsoleCancelled {
        pod: "kubic-console-2-cd".into(),
        result: Err(Failure::new(FailureKind::Forbidden, "no delete")),
    });
    assert!(status(&app).contains("not removed: no delete"), "{}", status(&app));
}

#[test]
fn once_the_pod_runs_esc_goes_to_the_shell() {
    let (mut app, id) = app_with_toolbox_console();
    app.update(Action::ConsoleWaiting {
        id,
        wait: waiting("kubic-console-1-ab"),
    });
    app.update(Action::ConsoleWaiting { id, wait: None });
    let console = app.console(id).expect("still open");
    assert!(!console.starting && console.waiting.is_none());
    let effects = app.update(Action::Key(crossterm::event::KeyEvent::new(
        KeyCode::Esc,
        KeyModifiers::NONE,
    )));
    assert_eq!(effects.first(), Some(&Effect::ConsoleInput { id, bytes: vec![0x1b] }));
}

#[test]
fn a_console_that_could_not_start_is_no_longer_starting() {
    let (mut app, id) = app_with_toolbox_console();
    app.update(Action::ConsoleEnded {
        id,
        end: crate::model::console_end::ConsoleEnd {
            shell: crate::model::console_end::ShellEnd::NotStarted("forbidden".into()),
            toolbox_removed: Some(Ok(())),
        },
    });
    app.update(Action::ConsoleWaiting {
        id,
        wait: waiting("late"),
    });
    assert!(app.console(id).is_some_and(|c| !c.starting));
}
