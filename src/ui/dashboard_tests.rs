//! Snapshots of the dashboard, the hosts table with live use, the host monitor and the
//! host maintenance inputs, drawn from fixture series (with and without kubelet stats).

use super::test_support::snap;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use k8s_openapi::jiff::Timestamp;
use kube::core::DynamicObject;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use crate::app::{Action, App};
use crate::config::{Keymap, Theme};
use crate::kube::tables::RowEvent;
use crate::model::metrics::overview::{Count, Overview};
use crate::model::metrics::tests::fixture;
use crate::model::rows::project;

fn app(start: &str) -> App {
    let header = super::test_support::header("https://127.0.0.1:32764");
    let keymap = Keymap::shipped("default").unwrap();
    let mut app = App::new(header, keymap, None, Timestamp::from_second(1000).unwrap());
    app.start(start);
    app
}

fn overview(description: Option<&str>) -> Overview {
    let count = |total, ready| Ok(Count { total, ready });
    Overview {
        hosts: count(2, Some(2)),
        projects: count(7, None),
        apps: Err("N/A: kubic.io CRDs missing (kubic install)".into()),
        pods: count(12, Some(10)),
        description: Ok(description.map(String::from)),
    }
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.update(Action::Resized { width, height });
    app.prepare_frame();
    let theme = Theme::shipped("dark").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| super::render(frame, app, &theme)).unwrap();
    super::test_support::buffer_text(&terminal)
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

fn node(name: &str, cordoned: bool, taints: serde_json::Value) -> DynamicObject {
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "creationTimestamp": "1970-01-01T00:00:00Z",
                     "labels": {"node-role.kubernetes.io/worker": ""}},
        "spec": {"unschedulable": cordoned, "taints": taints},
        "status": {"conditions": [{"type": "Ready", "status": "True"}],
                   "allocatable": {"cpu": "4", "memory": "8Gi"},
                   "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}],
                   "nodeInfo": {"kubeletVersion": "kwok"}}
    }))
    .unwrap()
}

fn hosts_app() -> App {
    let mut app = app("hosts");
    let kind = app.view().unwrap().kind.clone();
    let rows = vec![
        project(&kind, &node("kube-minion1", false, json!([]))),
        project(
            &kind,
            &node(
                "kube-minion2",
                true,
                json!([{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]),
            ),
        ),
    ];
    let view = app.view().unwrap().id;
    app.update(Action::Rows {
        view,
        event: RowEvent::Reset(rows),
    });
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
