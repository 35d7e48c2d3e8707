use k8s_openapi::jiff::Timestamp;

use super::*;
use crate::app::Mode;
use crate::app::test_support::{Start, command, ctrl, feed, host_row, pod_row, press, row};
use crate::app::{Action, Header};
use crate::model::access::ResourceRule;
use crossterm::event::KeyCode;

/// `alice` on the pods of project `demo`, with two pods.
fn on_pods() -> App {
    let header = Header {
        identity: "alice".into(),
        ..Header::default()
    };
    let mut app = Start {
        header,
        namespace: Some("demo"),
        ..Start::default()
    }
    .app();
    feed(&mut app, vec![pod_row("web", None), pod_row("db", None)]);
    app
}

/// What `kubic-viewer` grants: reads and logs, no change, no exec.
fn viewer() -> AccessRules {
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    AccessRules::complete(vec![
        ResourceRule {
            verbs: owned(&["get", "list", "watch"]),
            groups: owned(&[""]),
            resources: owned(&["pods", "nodes"]),
            names: Vec::new(),
        },
        ResourceRule {
            verbs: owned(&["get"]),
            groups: owned(&[""]),
            resources: owned(&["pods/log"]),
            names: Vec::new(),
        },
    ])
}

fn at(app: &mut App, second: i64) {
    let now = Timestamp::from_second(second).expect("a valid time");
    app.update(Action::Tick(now));
}

fn answer(app: &mut App, namespace: Option<&str>, result: Result<AccessRules, Failure>) -> Vec<Effect> {
    app.update(Action::AccessRules {
        namespace: namespace.map(String::from),
        result,
    })
}

fn asked(effects: &[Effect]) -> Vec<Option<String>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::AccessRules { namespace, .. } => Some(namespace.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_refused_key_is_answered_at_once_and_sends_nothing() {
    let mut app = on_pods();
    app.access.remember(Some("demo".into()), Some(viewer()), app.now);
    let effects = ctrl(&mut app, 'd');
    assert_eq!(effects, vec![Effect::Redraw]);
    assert!(matches!(app.mode, Mode::Normal), "no confirmation: {:?}", app.mode);
    let status = app.status.clone().expect("a refusal in the footer");
    assert!(status.error);
    assert_eq!(status.text, "not allowed for alice: delete pods in demo");
    press(&mut app, KeyCode::Char('s'));
    let status = app.status.clone().expect("a refusal in the footer");
    assert_eq!(status.text, "not allowed for alice: create pods/exec in demo");
    assert!(app.permits(Command::Logs) && app.permits(Command::Describe));
    assert!(!app.permits(Command::Delete) && !app.permits(Command::Edit));
}

#[test]
fn while_nothing_is_known_the_api_server_decides() {
    let mut app = on_pods();
    assert!(app.permits(Command::Delete));
    ctrl(&mut app, 'd');
    assert!(matches!(app.mode, Mode::Confirm(_)), "the confirmation as always");
    let mut app = on_pods();
    assert_eq!(asked(&app.ask_access()), [Some("demo".to_string())]);
    let forbidden = Failure::forbidden("alice", "create selfsubjectrulesreviews");
    answer(&mut app, Some("demo"), Err(forbidden));
    assert!(app.permits(Command::Delete), "a failed review hides nothing");
    assert!(app.ask_access().is_empty(), "and is not asked again at once");
}

#[test]
fn each_namespace_is_asked_once_a_minute() {
    let mut app = on_pods();
    let first = app.ask_access();
    let Some(Effect::AccessRules { checks, .. }) = first.first() else {
        panic!("the rules of demo asked: {first:?}")
    };
    assert!(checks.contains(&Check::new("delete", "", "pods")));
    assert!(app.ask_access().is_empty(), "one question on its way");
    assert!(answer(&mut app, Some("demo"), Ok(viewer())).contains(&Effect::Redraw));
    assert!(app.ask_access().is_empty(), "cached");
    at(&mut app, 59);
    assert!(app.ask_access().is_empty(), "still fresh");
    at(&mut app, 60);
    assert_eq!(asked(&app.ask_access()), [Some("demo".to_string())]);
    assert!(!app.permits(Command::Delete), "the old answer holds while asked again");
}

#[test]
fn an_answer_nobody_waits_for_is_ignored() {
    let mut app = on_pods();
    assert!(answer(&mut app, Some("demo"), Ok(viewer())).is_empty());
    assert!(app.permits(Command::Delete));
}

#[test]
fn switching_project_asks_its_rules_again() {
    let mut app = on_pods();
    app.ask_access();
    answer(&mut app, Some("demo"), Ok(viewer()));
    command(&mut app, "ns demo");
    assert_eq!(asked(&app.ask_access()), [Some("demo".to_string())]);
    command(&mut app, "ns all");
    feed(&mut app, vec![row("shop", "cart", &["1/1"])]);
    assert_eq!(
        asked(&app.ask_access()),
        [Some("shop".to_string())],
        "every project: the selected row's"
    );
}

#[test]
fn a_cluster_scoped_table_asks_the_cluster_check_by_check() {
    let mut app = on_pods();
    command(&mut app, "hosts");
    feed(&mut app, vec![host_row("kube-minion1")]);
    let effects = app.ask_access();
    let Some(Effect::AccessRules {
        namespace: None,
        checks,
    }) = effects.first()
    else {
        panic!("the cluster's answers asked: {effects:?}")
    };
    assert!(checks.contains(&Check::new("patch", "", "nodes")));
    assert!(checks.contains(&Check::new("create", "", "pods/eviction")));
    let answers = checks.iter().map(|c| (c.clone(), false)).collect();
    let refused = AccessRules {
        answers,
        ..AccessRules::default()
    };
    answer(&mut app, None, Ok(refused));
    assert!(!app.permits(Command::Cordon) && !app.permits(Command::Drain));
    assert!(app.ask_access().is_empty(), "every check answered");
    press(&mut app, KeyCode::Char('c'));
    let status = app.status.clone().expect("a refusal");
    assert_eq!(status.text, "not allowed for alice: patch nodes cluster-wide");
}

#[test]
fn another_context_forgets_every_answer() {
    let mut app = on_pods();
    app.access.remember(Some("demo".into()), Some(viewer()), app.now);
    assert!(!app.permits(Command::Delete));
    let header = Header {
        identity: "bob".into(),
        ..Header::default()
    };
    app.update(Action::ContextSwitched(Ok((header, Some("demo".into())))));
    assert!(app.permits(Command::Delete));
}
