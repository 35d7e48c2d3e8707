//! Snapshots of the port-forward form and the `:portforwards` list at 80x24, in English
//! and in Korean, with the checks a reviewer makes: the offered ports, both ends of each
//! forward, its state and counters, and every line within the terminal's width.

use crossterm::event::KeyCode;

use super::test_support::{app_at, screen_80x24, snap};
use crate::app::forward::PortForward;
use crate::app::test_support::{command, feed, pod_row, press};
use crate::app::{Action, App, Effect};
use crate::config::i18n::Lang;
use crate::model::forward::ports::{DeclaredPort, ForwardOffer};
use crate::model::forward::session::{ForwardCounters, ForwardRequest, ForwardState, ForwardStatus};
use crate::model::forward::{ForwardKind, ForwardTarget};

/// The pods of `demo` with `shift-f` pressed on `web-0` and the runner's offer taken in.
fn form_app(lang: Lang) -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    app.lang = lang;
    feed(&mut app, vec![pod_row("web-0", None), pod_row("web-1", None)]);
    let effects = press(&mut app, KeyCode::Char('F'));
    let Some(Effect::PrepareForward { kind, object }) =
        effects.into_iter().find(|e| matches!(e, Effect::PrepareForward { .. }))
    else {
        panic!("no offer asked for");
    };
    let offer = ForwardOffer {
        ports: vec![
            DeclaredPort {
                port: 80,
                name: Some("http".into()),
            },
            DeclaredPort { port: 9090, name: None },
        ],
        local_port: 43117,
    };
    app.update(Action::ForwardPrepared {
        kind,
        object,
        result: Ok(offer),
    });
    app
}

fn forward(id: u64, kind: ForwardKind, name: &str, port: u16, local_port: u16, state: ForwardState) -> PortForward {
    let request = ForwardRequest {
        id,
        target: ForwardTarget {
            kind,
            namespace: "demo".into(),
            name: name.into(),
            port,
        },
        address: "127.0.0.1".parse().unwrap(),
        local_port,
    };
    let counters = ForwardCounters {
        open: id - 1,
        total: 3 * id,
        bytes_in: 1_536 * id * id * id,
        bytes_out: 300 * id,
    };
    PortForward::reported(request, ForwardStatus { state, counters })
}

/// `:portforwards` with an active, a re-targeting and a failed forward, the second selected.
fn list_app(lang: Lang) -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    app.lang = lang;
    let active = ForwardState::Active {
        pod: "web-0".into(),
        port: 80,
    };
    let moving = ForwardState::Retargeting {
        reason: "pod web-7887448d46-lktb2 was deleted".into(),
    };
    let failed = ForwardState::Failed {
        reason: "not allowed for bob: pods \"db-0\" is forbidden".into(),
    };
    app.forwards = vec![
        forward(1, ForwardKind::Pod, "web-0", 80, 8080, active),
        forward(2, ForwardKind::Deployment, "web", 8080, 43117, moving),
        forward(3, ForwardKind::Service, "db", 5432, 5432, failed),
    ];
    command(&mut app, "portforwards");
    press(&mut app, KeyCode::Char('j'));
    app
}

#[test]
fn the_form_offers_the_pods_ports_localhost_and_a_free_port() {
    let mut app = form_app(Lang::En);
    let text = screen_80x24(&mut app);
    snap!("portforward_form_80x24", &text);
    for wanted in [
        "port-forward to pod/demo/web-0",
        "> port           80",
        "local address  127.0.0.1",
        "local port     43117",
        "80 (http), 9090",
        "enter start",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
}

#[test]
fn the_list_shows_each_forward_with_its_state_and_counters() {
    let mut app = list_app(Lang::En);
    let text = screen_80x24(&mut app);
    snap!("portforwards_80x24", &text);
    for wanted in [
        "port-forwards [3]",
        "TARGET",
        "pod/demo/web-0",
        "127.0.0.1:8080",
        "active: pod web",
        "1/6",
        "12Ki",
        "re-targeting",
        "failed",
        "127.0.0.1:43117 → deployment/demo/web:8080 · re-targeting: pod",
        "web-7887448d46-lktb2 was deleted · 1 open, 6 in all",
        "IN: bytes from the pod · OUT: bytes to the pod",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
}

#[test]
fn the_list_in_korean() {
    let mut app = list_app(Lang::Ko);
    let text = screen_80x24(&mut app);
    snap!("ko_portforwards_80x24", &text);
    for wanted in [
        "포트 포워드 [3]",
        "대상",
        "상태",
        "받음",
        "보냄",
        "활성: pod web-0",
        "대상 재탐색",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
}

#[test]
fn an_empty_list_says_how_to_start_one() {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    command(&mut app, "pf");
    let text = screen_80x24(&mut app);
    assert!(text.contains("No port-forward is open: F on a pod"), "{text}");
}
