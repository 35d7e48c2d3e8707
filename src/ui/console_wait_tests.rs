//! A KUBIC console whose toolbox pod cannot be scheduled, at 80x24 in English and in
//! Korean: the pod's phase, the scheduler's reason, its events and how to cancel show
//! instead of a bare cursor.

use crossterm::event::KeyCode;
use k8s_openapi::jiff::Timestamp;

use super::test_support::{app_at, screen_80x24, snap};
use crate::app::test_support::press;
use crate::app::{Action, App, Effect};
use crate::config::i18n::Lang;
use crate::model::pod_wait::{PodWait, WaitCondition, WaitEvent, WaitingContainer};

fn unschedulable() -> PodWait {
    let message = "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: \
                   2 No preemption victims found for incoming pod.";
    PodWait {
        pod: "kubic-console-1-0a1b2c3d".into(),
        phase: "Pending".into(),
        conditions: vec![WaitCondition {
            kind: "PodScheduled".into(),
            reason: "Unschedulable".into(),
            message: message.into(),
        }],
        containers: vec![WaitingContainer {
            name: "toolbox".into(),
            reason: "ContainerCreating".into(),
            message: String::new(),
        }],
        events: vec![WaitEvent {
            warning: true,
            reason: "FailedScheduling".into(),
            message: message.into(),
            count: 3,
            at: Some(Timestamp::from_second(1_795_000_000 - 42).unwrap()),
        }],
    }
}

fn waiting_console(lang: Lang) -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    app.lang = lang;
    app.now = Timestamp::from_second(1_795_000_000).unwrap();
    app.update(Action::Resized { width: 80, height: 24 });
    let effects = press(&mut app, KeyCode::Char('X'));
    let Some(Effect::OpenToolbox { id, .. }) = effects.first() else {
        panic!("no toolbox console: {effects:?}");
    };
    let id = *id;
    app.update(Action::ConsoleStarting {
        id,
        pod: "kubic-console-1-0a1b2c3d".into(),
        image: "nicolaka/netshoot".into(),
        namespace: "demo".into(),
    });
    app.update(Action::ConsoleWaiting {
        id,
        wait: Some(Box::new(unschedulable())),
    });
    app
}

#[test]
fn a_console_waiting_on_an_unschedulable_pod_says_why() {
    let mut app = waiting_console(Lang::En);
    let text = screen_80x24(&mut app);
    snap!("console_waiting_80x24", &text);
    assert!(text.contains("Pod kubic-console-1-0a1b2c3d: Pending"), "{text}");
    assert!(
        text.contains("Why: Unschedulable: 0/2 nodes are available: 2 Insufficient cpu"),
        "{text}"
    );
    assert!(text.contains("42s FailedScheduling ×3"), "{text}");
    assert!(text.contains("esc cancels"), "{text}");
    assert!(
        !text.contains("  PodScheduled "),
        "the reason is not said twice:\n{text}"
    );
}

#[test]
fn a_console_waiting_on_an_unschedulable_pod_says_why_in_korean() {
    let mut app = waiting_console(Lang::Ko);
    let text = screen_80x24(&mut app);
    snap!("console_waiting_ko_80x24", &text);
    assert!(text.contains("이유: Unschedulable"), "{text}");
    assert!(
        text.contains("demo에서 toolbox pod kubic-console-1-0a1b2c3d (nicolaka/netshoot) 시작 중…"),
        "the console's own line is Korean too:\n{text}"
    );
    assert!(text.contains("esc 취소"), "{text}");
}
