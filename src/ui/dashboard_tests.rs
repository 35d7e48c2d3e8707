//! Snapshots of the dashboard, the hosts table with live use, the host monitor and the
//! host maintenance inputs, drawn from fixture series (with and without kubelet stats).

use super::test_support::{header, screen, snap};
use crossterm::event::KeyCode;
use serde_json::json;

use crate::app::test_support::{Start, feed, press as key, type_text};
use crate::app::{Action, App};
use crate::model::metrics::overview::{Count, Overview};
use crate::model::metrics::tests::fixture;
use crate::model::resource::Known;
use crate::model::rows::{Row, object, project};

pub(super) fn app(start: &str) -> App {
    Start {
        header: header("https://127.0.0.1:32764"),
        now: 1000,
        view: start,
        ..Start::default()
    }
    .app()
}

pub(super) fn overview(description: Option<&str>) -> Overview {
    let count = |total, ready| Ok(Count { total, ready });
    Overview {
        hosts: count(2, Some(2)),
        projects: count(7, None),
        apps: Err(crate::model::failure::Failure::new(
            crate::model::failure::FailureKind::NotFound,
            "N/A: kubic.io CRDs missing (kubic install)",
        )),
        pods: count(12, Some(10)),
        description: Ok(description.map(String::from)),
    }
}

fn node(name: &str, cordoned: bool, taints: serde_json::Value) -> Row {
    let kind = crate::model::resource::Registry::builtin()
        .known(Known::Node)
        .cloned()
        .expect("the node kind");
    project(
        &kind,
        &object(json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "creationTimestamp": "1970-01-01T00:00:00Z",
                         "labels": {"node-role.kubernetes.io/worker": ""}},
            "spec": {"unschedulable": cordoned, "taints": taints},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "allocatable": {"cpu": "4", "memory": "8Gi"},
                       "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}],
                       "nodeInfo": {"kubeletVersion": "kwok"}}
        })),
    )
}

pub(super) fn hosts_app() -> App {
    let mut app = app("hosts");
    let taint = json!([{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]);
    let rows = vec![
        node("kube-minion1", false, json!([])),
        node("kube-minion2", true, taint),
    ];
    feed(&mut app, rows);
    app.metrics = fixture(false);
    app.fill_host_cells();
    app.prepare_frame();
    app
}

#[test]
fn dashboard_with_kubelet_stats_unavailable_says_why() {
    let mut app = app("dashboard");
    app.metrics = fixture(false);
    app.update(Action::Overview(Box::new(overview(None))));
    snap!("dashboard_na_120x40", screen(&mut app, 120, 40));
    snap!("dashboard_na_80x24", screen(&mut app, 80, 24));
}

#[test]
fn dashboard_with_every_source_charts_all_four() {
    let mut app = app("dashboard");
    app.metrics = fixture(true);
    app.update(Action::Overview(Box::new(overview(Some("Production, Paris DC")))));
    snap!("dashboard_full_120x40", screen(&mut app, 120, 40));
}

#[test]
fn dashboard_before_the_first_sample() {
    let mut app = app("dashboard");
    snap!("dashboard_loading_80x24", screen(&mut app, 80, 24));
}

#[test]
fn hosts_show_live_use_taints_and_schedulability() {
    let mut app = hosts_app();
    snap!("hosts_120x40", screen(&mut app, 120, 40));
}

#[test]
fn host_monitor_charts_one_host() {
    let mut app = hosts_app();
    app.metrics = fixture(true);
    key(&mut app, KeyCode::Char('M'));
    snap!("host_monitor_120x40", screen(&mut app, 120, 40));
}

#[test]
fn taint_input_validates_while_typing_and_drain_asks_first() {
    let mut app = hosts_app();
    key(&mut app, KeyCode::Char('T'));
    type_text(&mut app, "dedicated=db");
    snap!("host_taint_typing_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('D'));
    type_text(&mut app, " local-storage");
    key(&mut app, KeyCode::Enter);
    snap!("host_drain_confirm_80x24", screen(&mut app, 80, 24));
}
