//! The port-forward form, its checks and the `:portforwards` list, as actions in and
//! effects out.

use crossterm::event::KeyCode;

use super::form::{ADDRESS, LOCAL_PORT, PORT};
use crate::app::input::form::FormKind;
use crate::app::input::overlay::Confirm;
use crate::app::test_support::{app_on, command, ctrl, login, open, pod_row, press, row, type_text};
use crate::app::{Action, App, Effect, Mode};
use crate::model::failure::Failure;
use crate::model::forward::ForwardKind;
use crate::model::forward::ports::{DeclaredPort, ForwardOffer};
use crate::model::forward::session::{ForwardCounters, ForwardRequest, ForwardState, ForwardStatus};

fn offer(ports: &[(u16, Option<&str>)], local_port: u16) -> ForwardOffer {
    ForwardOffer {
        ports: ports
            .iter()
            .map(|&(port, name)| DeclaredPort {
                port,
                name: name.map(String::from),
            })
            .collect(),
        local_port,
    }
}

/// An app on the pods of `demo` with pod `web-0`, `shift-f` pressed: the effect asking
/// for the offer, answered with `offer`.
fn form_on_pod(app: &mut App, offer: ForwardOffer) {
    open(app, "pods", vec![pod_row("web-0", None)]);
    let effects = press(app, KeyCode::Char('F'));
    let Some(Effect::PrepareForward { kind, object }) =
        effects.iter().find(|e| matches!(e, Effect::PrepareForward { .. }))
    else {
        panic!("no offer asked for: {effects:?}");
    };
    assert_eq!((*kind, object.name.as_str()), (ForwardKind::Pod, "web-0"));
    let (kind, object) = (*kind, object.clone());
    app.update(Action::ForwardPrepared {
        kind,
        object,
        result: Ok(offer),
    });
}

fn form_values(app: &App) -> Vec<String> {
    match &app.mode {
        Mode::Form(form) => form.fields.iter().map(|f| f.value.clone()).collect(),
        other => panic!("no form: {other:?}"),
    }
}

fn field_error(app: &App, index: usize) -> Option<String> {
    match &app.mode {
        Mode::Form(form) => form.field_error(index),
        other => panic!("no form: {other:?}"),
    }
}

/// Moves to field `index` and replaces its value with `text`.
fn retype(app: &mut App, index: usize, text: &str) -> Vec<Effect> {
    if let Mode::Form(form) = &mut app.mode {
        form.focus = index;
    }
    ctrl(app, 'u');
    type_text(app, text)
}

fn started(effects: &[Effect]) -> ForwardRequest {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::StartForward(request) => Some(request.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no forward started: {effects:?}"))
}

fn active(pod: &str) -> ForwardStatus {
    ForwardStatus {
        state: ForwardState::Active {
            pod: pod.into(),
            port: 80,
        },
        counters: ForwardCounters::default(),
    }
}

#[test]
fn the_form_offers_the_declared_ports_localhost_and_the_free_port() {
    let mut app = app_on("pods");
    form_on_pod(&mut app, offer(&[(80, Some("http")), (9090, None)], 43210));
    assert_eq!(form_values(&app), ["80", "127.0.0.1", "43210"]);
    let Mode::Form(form) = &mut app.mode else {
        unreachable!()
    };
    assert!(matches!(form.kind, FormKind::Forward(_)));
    assert!(form.title.contains("pod/demo/web-0"), "{}", form.title);
    assert!(
        form.focused().hint.contains("80 (http), 9090"),
        "{}",
        form.focused().hint
    );
    press(&mut app, KeyCode::Right);
    assert_eq!(form_values(&app)[PORT], "9090", "→ offers the next declared port");
}

#[test]
fn every_field_is_checked_while_typing_and_a_bad_one_keeps_the_form() {
    let mut app = app_on("pods");
    form_on_pod(&mut app, offer(&[(80, None)], 43210));
    retype(&mut app, PORT, "0");
    assert_eq!(field_error(&app, PORT).as_deref(), Some("a port from 1 to 65535"));
    retype(&mut app, PORT, "5000");
    assert_eq!(
        field_error(&app, PORT),
        None,
        "a port the pod does not declare goes too"
    );
    retype(&mut app, ADDRESS, "localhost:1");
    assert!(field_error(&app, ADDRESS).is_some_and(|e| e.contains("an IP address")));
    retype(&mut app, LOCAL_PORT, "99999");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(!effects.iter().any(|e| matches!(e, Effect::StartForward(_))));
    let Mode::Form(form) = &app.mode else {
        panic!("the form closed")
    };
    assert_eq!(form.focus, ADDRESS, "the first bad field is focused");
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text.starts_with("local address:"), "{status:?}");
    assert_eq!(
        form_values(&app),
        ["5000", "localhost:1", "99999"],
        "nothing typed is lost"
    );
}

#[test]
fn a_served_session_listens_on_127_0_0_1_only() {
    let mut app = app_on("pods");
    app.login = Some(login("alice", false, &["demo"]));
    form_on_pod(&mut app, offer(&[(80, None)], 43210));
    assert_eq!(field_error(&app, ADDRESS), None);
    retype(&mut app, ADDRESS, "0.0.0.0");
    assert!(field_error(&app, ADDRESS).is_some_and(|e| e.contains("127.0.0.1 only")));
}

#[test]
fn a_local_end_is_probed_once_and_a_busy_or_taken_one_is_refused() {
    let mut app = app_on("pods");
    form_on_pod(&mut app, offer(&[(80, None)], 43210));
    let effects = retype(&mut app, LOCAL_PORT, "8080");
    let probes: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::ProbeLocalPort { .. }))
        .collect();
    let loopback = "127.0.0.1".parse().unwrap();
    assert!(
        probes.contains(&&Effect::ProbeLocalPort {
            address: loopback,
            port: 8080
        }),
        "{probes:?}"
    );
    let again = retype(&mut app, LOCAL_PORT, "8080");
    assert!(
        !again
            .iter()
            .any(|e| matches!(e, Effect::ProbeLocalPort { port: 8080, .. })),
        "asked once"
    );
    app.update(Action::LocalPortProbed {
        address: loopback,
        port: 8080,
        result: Err("Address already in use (os error 98)".into()),
    });
    assert_eq!(
        field_error(&app, LOCAL_PORT).as_deref(),
        Some("cannot listen there: Address already in use (os error 98)")
    );
    retype(&mut app, LOCAL_PORT, "43210");
    let request = started(&press(&mut app, KeyCode::Enter));
    assert_eq!(request.local(), "127.0.0.1:43210");
    // A second forward may not take the first one's local end, nor overlap it on 0.0.0.0.
    form_on_pod(&mut app, offer(&[(80, None)], 43210));
    assert!(
        field_error(&app, LOCAL_PORT).is_some_and(|e| e.contains("already forwarded by this session (pod/demo/web-0)"))
    );
    retype(&mut app, ADDRESS, "0.0.0.0");
    assert!(field_error(&app, LOCAL_PORT).is_some_and(|e| e.contains("already forwarded")));
}

#[test]
fn enter_starts_the_forward_and_the_runner_reports_it() {
    let mut app = app_on("pods");
    form_on_pod(&mut app, offer(&[(80, None)], 43210));
    let request = started(&press(&mut app, KeyCode::Enter));
    assert_eq!(request.target.to_string(), "pod/demo/web-0:80");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.forwards.len(), 1);
    assert_eq!(app.forwards[0].status.state, ForwardState::Starting);
    let mut status = active("web-0");
    status.counters = ForwardCounters {
        open: 1,
        total: 2,
        bytes_in: 10,
        bytes_out: 20,
    };
    app.update(Action::ForwardUpdate {
        id: request.id,
        status: status.clone(),
    });
    assert_eq!(app.forwards[0].status, status);
    assert!(
        app.update(Action::ForwardUpdate { id: 999, status }).is_empty(),
        "a forward stopped meanwhile is ignored"
    );
}

#[test]
fn a_local_end_that_cannot_be_listened_on_opens_the_form_again_as_it_was() {
    let mut app = app_on("pods");
    form_on_pod(&mut app, offer(&[(80, None), (9090, None)], 43210));
    retype(&mut app, PORT, "9090");
    retype(&mut app, LOCAL_PORT, "80");
    let request = started(&press(&mut app, KeyCode::Enter));
    let status = ForwardStatus {
        state: ForwardState::Unbound {
            reason: "Permission denied (os error 13)".into(),
        },
        counters: ForwardCounters::default(),
    };
    app.update(Action::ForwardUpdate { id: request.id, status });
    assert!(app.forwards.is_empty());
    assert_eq!(form_values(&app), ["9090", "127.0.0.1", "80"]);
    let status = app.status.clone().unwrap();
    assert_eq!(
        status.text,
        "cannot listen on 127.0.0.1:80: Permission denied (os error 13)"
    );
}

#[test]
fn shift_f_works_on_services_deployments_and_apps_and_stays_file_deploy_on_catalogs() {
    for (view, kind) in [
        ("services", ForwardKind::Service),
        ("deployments", ForwardKind::Deployment),
        ("apps", ForwardKind::App),
    ] {
        let mut app = app_on(view);
        open(&mut app, view, vec![row("demo", "web", &["x"])]);
        let effects = press(&mut app, KeyCode::Char('F'));
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::PrepareForward { kind: k, .. } if *k == kind)),
            "{view}: {effects:?}"
        );
    }
    let mut app = app_on("catalogs");
    open(&mut app, "catalogs", vec![row("", "bind", &["x"])]);
    let effects = press(&mut app, KeyCode::Char('F'));
    assert!(!effects.iter().any(|e| matches!(e, Effect::PrepareForward { .. })));
    let mut app = app_on("pods");
    app.readonly = true;
    open(&mut app, "pods", vec![pod_row("web-0", None)]);
    assert!(
        press(&mut app, KeyCode::Char('F'))
            .iter()
            .all(|e| !matches!(e, Effect::PrepareForward { .. }))
    );
    assert!(app.status.unwrap().text.contains("read-only"));
}

#[test]
fn an_offer_that_failed_says_why() {
    let mut app = app_on("pods");
    open(&mut app, "pods", vec![pod_row("web-0", None)]);
    let effects = press(&mut app, KeyCode::Char('F'));
    let Some(Effect::PrepareForward { kind, object }) =
        effects.into_iter().find(|e| matches!(e, Effect::PrepareForward { .. }))
    else {
        panic!("no offer asked for");
    };
    app.update(Action::ForwardPrepared {
        kind,
        object,
        result: Err(Failure::forbidden("bob", "pods \"web-0\" is forbidden")),
    });
    assert!(matches!(app.mode, Mode::Normal));
    let status = app.status.unwrap();
    assert!(
        status.error
            && status
                .text
                .starts_with("cannot port-forward to pod demo/web-0: not allowed for bob"),
        "{status:?}"
    );
}

#[test]
fn the_list_stops_a_forward_after_a_confirmation() {
    let mut app = app_on("pods");
    for _ in 0..2 {
        form_on_pod(&mut app, offer(&[(80, None)], 0));
        let id = app.forwards.len() as u16;
        retype(&mut app, LOCAL_PORT, &(43210 + id).to_string());
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(app.forwards.len(), 2);
    command(&mut app, "pf");
    assert!(matches!(app.mode, Mode::Forwards(0)));
    press(&mut app, KeyCode::Char('j'));
    assert!(matches!(app.mode, Mode::Forwards(1)));
    ctrl(&mut app, 'd');
    let Mode::Confirm(Confirm::StopForward { id, local, .. }) = &app.mode else {
        panic!("no confirmation: {:?}", app.mode);
    };
    let (id, local) = (*id, local.clone());
    assert_eq!(local, "127.0.0.1:43211");
    press(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(app.mode, Mode::Forwards(1)) && app.forwards.len() == 2,
        "n keeps it"
    );
    ctrl(&mut app, 'd');
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(effects.contains(&Effect::StopForward { id }), "{effects:?}");
    assert_eq!(app.forwards.len(), 1);
    assert!(matches!(app.mode, Mode::Forwards(0)), "back on the list");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    command(&mut app, "portforwards");
    assert!(matches!(app.mode, Mode::Forwards(0)));
}
