//! Snapshot tests of every pane, drawn from fixtures at 80x24 and 120x40; reviewed
//! snapshots live in `snapshots/` at the top of the project.

use super::test_support::{NOW, app_at, draw, screen, snap};
use crossterm::event::KeyCode;
use serde_json::json;

use crate::app::test_support::{app_facts, command, ctrl, pool_facts, press as key, row};
use crate::app::{Action, App, Fetched, Purpose};
use crate::model::cluster::ObjectRef;
use crate::model::cluster::RowEvent;
use crate::model::resource::Known;
use crate::model::rows::{Health, Row};

pub(super) fn app(namespace: Option<&str>) -> App {
    app_at("https://127.0.0.1:32764", namespace, "pods")
}

fn pod(ns: &str, name: &str, status: &str, restarts: u32, age: i64, health: Health) -> Row {
    let ready = if health == Health::Ok { "1/1" } else { "0/1" };
    let restarts = restarts.to_string();
    Row {
        created: Some(NOW - age),
        labels: "app=web".into(),
        health,
        ..row(
            ns,
            name,
            &[
                ready,
                status,
                &restarts,
                "",
                "",
                "",
                "",
                "",
                "",
                "10.0.0.7",
                "kube-minion1",
            ],
        )
    }
}

pub(super) fn pods() -> Vec<Row> {
    vec![
        pod("demo-web", "web-7887448d46-lktb2", "Running", 0, 300, Health::Ok),
        pod("demo-web", "web-7887448d46-twtpw", "Running", 2, 7200, Health::Ok),
        pod(
            "demo-web",
            "web-7887448d46-x9k2m",
            "CrashLoopBackOff",
            14,
            90,
            Health::Error,
        ),
        pod("demo-dns", "bind-69b56869f6-kkdt7", "Pending", 0, 5, Health::Pending),
    ]
}

pub(super) fn feed(app: &mut App, event: RowEvent) {
    let view = app.view().expect("a table").id;
    app.update(Action::Rows { view, event });
}

#[test]
fn pods_of_all_projects() {
    let mut app = app(None);
    feed(&mut app, RowEvent::rows(pods()));
    snap!("pods_all_80x24", screen(&mut app, 80, 24));
    snap!("pods_all_120x40", screen(&mut app, 120, 40));
}

/// The pods' use as metrics.k8s.io lists it, and the requests and limits of two of them.
fn with_usage(mut rows: Vec<Row>) -> (Vec<Row>, crate::model::metrics::pods::PodUsages) {
    use crate::model::metrics::pods::{PodResources, PodUsage};
    use crate::model::rows::RowFacts;
    const MI: u64 = 1024 * 1024;
    let sized = PodResources {
        cpu_request: Some(100),
        cpu_limit: Some(500),
        memory_request: Some(64 * MI),
        memory_limit: Some(128 * MI),
    };
    let mut usage = crate::model::metrics::pods::PodUsages::new();
    for (i, row) in rows.iter_mut().enumerate() {
        if row.key.name.starts_with("web") {
            row.facts = RowFacts::Pod(Box::new(sized));
        }
        if row.health != Health::Pending {
            let figures = PodUsage {
                cpu: 25.0 + 40.0 * i as f64,
                memory: (40 + 12 * i as u64) as f64 * MI as f64,
            };
            usage.insert(row.key.clone(), figures);
        }
    }
    (rows, usage)
}

#[test]
fn pods_with_their_cpu_and_memory_use() {
    let mut app = app(None);
    let (rows, usage) = with_usage(pods());
    let scope = app.view().expect("pods").scope.clone();
    app.update(Action::PodUsage {
        scope: scope.clone(),
        result: Ok(usage.into()),
    });
    feed(&mut app, RowEvent::rows(rows));
    snap!("pods_usage_80x24", screen(&mut app, 80, 24));
    snap!("pods_usage_120x40", screen(&mut app, 120, 40));
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('o'));
    }
    assert_eq!(app.view().map(|v| v.table.columns[5]), Some("CPU"));
    key(&mut app, KeyCode::Char('O'));
    snap!("pods_usage_by_cpu_120x40", screen(&mut app, 120, 40));
    let absent = crate::model::failure::Failure::new(
        crate::model::failure::FailureKind::NotFound,
        "the server could not find the requested resource",
    );
    app.update(Action::PodUsage {
        scope,
        result: Err(absent),
    });
    snap!("pods_usage_absent_80x24", screen(&mut app, 80, 24));
}

#[test]
fn pods_of_one_project_loading_then_empty() {
    let mut app = app(Some("demo-web"));
    snap!("pods_loading_80x24", screen(&mut app, 80, 24));
    feed(&mut app, RowEvent::rows(vec![]));
    snap!("pods_empty_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_filtered_table_and_a_stale_one() {
    let mut app = app(None);
    feed(&mut app, RowEvent::rows(pods()));
    key(&mut app, KeyCode::Char('/'));
    for c in "crash".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    snap!("pods_filter_typing_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    let next_try = app.now + k8s_openapi::jiff::SignedDuration::from_millis(2_500);
    feed(
        &mut app,
        RowEvent::Failed {
            failure: crate::model::failure::Failure::new(
                crate::model::failure::FailureKind::Unreachable,
                "Connection refused (os error 111)",
            ),
            next_try,
        },
    );
    snap!("pods_filtered_stale_80x24", screen(&mut app, 80, 24));
}

#[test]
fn command_line_suggestions() {
    let mut app = app(None);
    feed(&mut app, RowEvent::rows(pods()));
    key(&mut app, KeyCode::Char(':'));
    for c in "de".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    snap!("command_line_80x24", screen(&mut app, 80, 24));
}

#[test]
fn help_and_delete_confirmation() {
    let mut app = app(Some("demo-web"));
    feed(&mut app, RowEvent::rows(pods()));
    key(&mut app, KeyCode::Char('?'));
    snap!("help_120x40", screen(&mut app, 120, 40));
    snap!("help_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'd');
    snap!("confirm_delete_80x24", screen(&mut app, 80, 24));
}

fn deployment_ref() -> ObjectRef {
    ObjectRef {
        kind: crate::model::resource::Registry::builtin()
            .known(Known::Deployment)
            .unwrap()
            .clone(),
        namespace: "demo-web".into(),
        name: "web".into(),
    }
}

fn deployment() -> serde_json::Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "demo-web", "uid": "1",
                     "creationTimestamp": "2026-11-18T00:00:00Z", "labels": {"app": "web"},
                     "managedFields": [{"manager": "kubectl"}]},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
        "status": {"replicas": 3, "readyReplicas": 3}
    })
}

#[test]
fn describe_and_yaml_viewers() {
    let mut app = app(Some("demo-web"));
    let events = vec![
        json!({"type": "Normal", "reason": "ScalingReplicaSet", "message": "Scaled up replica set web-7887448d46 to 3",
                             "lastTimestamp": "2026-11-18T00:00:01Z", "source": {"component": "deployment-controller"}}),
    ];
    app.update(Action::Fetched {
        purpose: Purpose::Describe,
        object: deployment_ref(),
        result: Ok(Fetched {
            object: deployment(),
            events,
        }),
    });
    snap!("describe_120x40", screen(&mut app, 120, 40));
    app.update(Action::Fetched {
        purpose: Purpose::Yaml,
        object: deployment_ref(),
        result: Ok(Fetched {
            object: deployment(),
            events: vec![],
        }),
    });
    snap!("yaml_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_editor_keeps_a_refused_save() {
    let mut app = app(Some("demo-web"));
    app.update(Action::Fetched {
        purpose: Purpose::Edit,
        object: deployment_ref(),
        result: Ok(Fetched {
            object: deployment(),
            events: vec![],
        }),
    });
    ctrl(&mut app, 's');
    app.update(Action::Applied {
        object: deployment_ref(),
        result: Err(crate::model::failure::Failure::invalid(
            "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1",
        )),
    });
    snap!("editor_error_80x24", screen(&mut app, 80, 24));
}

#[test]
fn readonly_header_with_styles() {
    let mut app = app(Some("demo-web"));
    app.readonly = true;
    feed(&mut app, RowEvent::rows(pods()));
    let terminal = draw(&mut app, 80, 12);
    snap!("styled_dark_80x12", format!("{:?}", terminal.backend().buffer()));
}

pub(super) fn app_row(name: &str, state: &str, ready: &str, ips: &str, health: Health) -> Row {
    let service_ips: Vec<&str> = ips.split(',').filter(|ip| *ip != "<none>").collect();
    Row {
        created: Some(NOW - 3600),
        health,
        facts: app_facts("bind", "9.18", 2, &service_ips, 3),
        ..row(
            "demo-dns",
            name,
            &["bind", "9.18", state, ready, "2", "2", "2", ips, "3"],
        )
    }
}

#[test]
fn the_apps_screen_and_a_scale_input() {
    let mut app = app(Some("demo-dns"));
    command(&mut app, "apps");
    feed(
        &mut app,
        RowEvent::rows(vec![
            app_row("dns", "Running", "2/2", "192.0.2.10", Health::Ok),
            app_row("dns-test", "Halted", "0/0", "<none>", Health::Neutral),
            app_row("dns-new", "Failed", "1/2", "192.0.2.11", Health::Error),
        ]),
    );
    snap!("apps_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Char('S'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('x'));
    snap!("apps_scale_input_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_app_creation_form() {
    let mut app = app(Some("demo-dns"));
    app.mode = crate::app::Mode::Form(Box::new(crate::app::input::form::Form::new_app(
        "bind",
        "demo-dns",
        crate::config::i18n::Lang::En,
    )));
    for c in "dns".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    for c in "lots".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    snap!("app_form_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_app_creation_form_in_korean() {
    use crate::config::i18n::Lang;
    let mut app = app(Some("demo-dns"));
    app.lang = Lang::Ko;
    app.mode = crate::app::Mode::Form(Box::new(crate::app::input::form::Form::new_app(
        "bind",
        "demo-dns",
        Lang::Ko,
    )));
    for c in "dns".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let text = screen(&mut app, 80, 24);
    snap!("app_form_ko_80x24", &text);
    for word in [
        "카탈로그 bind에서 새 앱",
        "이름",
        "레플리카",
        "서비스 IP",
        "DNS-1123 이름",
    ] {
        assert!(text.contains(word), "{word}:\n{text}");
    }
}

pub(super) fn kubic_rows(app: &mut App, kind: &str, rows: Vec<Row>) {
    command(app, kind);
    feed(app, RowEvent::rows(rows));
}

pub(super) fn cluster_row(name: &str, cells: &[&str], health: Health) -> Row {
    Row {
        created: Some(NOW - 86_400),
        health,
        ..row("", name, cells)
    }
}

#[test]
fn the_projects_screen_with_a_new_project_input() {
    let mut app = app(None);
    let rows = vec![
        cluster_row("demo-dns", &["Active"], Health::Ok),
        cluster_row("demo-web", &["Active"], Health::Ok),
        cluster_row("old-project", &["Terminating"], Health::Pending),
    ];
    kubic_rows(&mut app, "projects", rows);
    key(&mut app, KeyCode::Char('n'));
    for c in "New_Project".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    snap!("projects_new_input_80x24", screen(&mut app, 80, 24));
}

pub(super) fn pool_row(host: &str, ips: &str) -> Row {
    Row {
        facts: pool_facts(host),
        ..cluster_row(host, &[host, ips], Health::Neutral)
    }
}

#[test]
fn the_catalogs_and_ip_pool_screens() {
    let mut app = app(None);
    let catalogs = vec![
        cluster_row(
            "bind",
            &["127.0.0.1:5000", "bind", "BIND 9 DNS server (KUBIC sample)"],
            Health::Neutral,
        ),
        cluster_row("nginx", &["127.0.0.1:5000", "nginx", "web server"], Health::Neutral),
    ];
    kubic_rows(&mut app, "catalogs", catalogs);
    snap!("catalogs_80x24", screen(&mut app, 80, 24));
    let pools = vec![
        pool_row("kube-minion1", "192.0.2.10,192.0.2.11"),
        pool_row("kube-minion2", "192.0.2.20"),
    ];
    kubic_rows(&mut app, "ippools", pools);
    app.update(Action::KubicDone {
        op: crate::app::kubic::ops::KubicOp::ShowPool {
            host: "kube-minion1".into(),
        },
        result: Ok(crate::model::done::Done::Pool {
            host: "kube-minion1".into(),
            ips: vec![
                ("192.0.2.10".into(), Some("demo-dns/dns".into())),
                ("192.0.2.11".into(), None),
            ],
        }),
    });
    snap!("ippools_80x24", screen(&mut app, 80, 24));
}

#[test]
fn kubic_inputs_confirmations_and_the_new_catalog_editor() {
    let mut app = app(Some("demo-dns"));
    kubic_rows(
        &mut app,
        "apps",
        vec![app_row("dns", "Running", "2/2", "192.0.2.10", Health::Ok)],
    );
    key(&mut app, KeyCode::Char('u'));
    snap!("apps_update_input_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('0'));
    snap!("apps_rollback_input_refused_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('t'));
    snap!("apps_halt_confirm_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    let catalogs = vec![cluster_row(
        "bind",
        &["127.0.0.1:5000", "bind", "BIND 9 DNS server (KUBIC sample)"],
        Health::Neutral,
    )];
    kubic_rows(&mut app, "catalogs", catalogs);
    ctrl(&mut app, 'd');
    snap!("catalogs_delete_cascade_confirm_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('C'));
    snap!("catalogs_new_editor_80x24", screen(&mut app, 80, 24));
}
