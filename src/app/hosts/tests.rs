//! Unit tests of the dashboard and host screens' state machine: start screen, `:dash`,
//! keys on the dashboard and monitor, host maintenance confirmed and validated, live use
//! in the hosts table. No cluster.

use crossterm::event::KeyCode;

use crate::app::hosts::dashboard::Screen;
use crate::app::hosts::ops::{ClusterOp, DrainChoice, drain_options};
use crate::app::kubic::ops::KubicOp;
use crate::app::test_support::{Start, command, feed, host_row, press, type_text};
use crate::app::*;
use crate::model::metrics::tests::fixture;
use crate::model::metrics::{NodeSample, NodeStats, StatsScope};
use crate::model::taint::TaintChange;

fn app(start: &str) -> (App, Vec<Effect>) {
    Start {
        view: start,
        ..Start::default()
    }
    .open()
}

fn hosts() -> App {
    let (mut app, _) = app("hosts");
    let rows = vec![host_row("kube-minion1"), host_row("kube-minion2")];
    feed(&mut app, rows);
    app
}

fn kubic_ops(effects: &[Effect]) -> Vec<KubicOp> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Kubic(op) => Some(op.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn kubic_starts_on_the_dashboard_without_a_table_watch() {
    let (app, effects) = app("dashboard");
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(app.view().is_none());
    assert!(effects.contains(&Effect::Discover));
    assert_eq!(app.subscriptions().streams, vec![Stream::Metrics]);
}

#[test]
fn the_command_line_goes_to_the_dashboard_and_back_to_tables() {
    let (mut app, _) = app("pods");
    press(&mut app, KeyCode::Char(':'));
    let effects = type_text(&mut app, "dash");
    assert!(effects.contains(&Effect::Redraw));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Dashboard);
    assert_eq!(
        app.subscriptions().streams,
        vec![Stream::Metrics],
        "no table is watched"
    );
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "hosts");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Table);
    let streams = app.subscriptions().streams;
    assert!(matches!(&streams[0], Stream::Table { kind, .. } if kind.is_known(crate::model::resource::Known::Node)));
    assert_eq!(streams[1..], [Stream::Metrics]);
}

#[test]
fn on_the_dashboard_table_keys_explain_and_e_edits_the_description() {
    let (mut app, _) = app("dashboard");
    press(&mut app, KeyCode::Char('d'));
    assert!(app.status.as_ref().unwrap().text.contains("e edits the description"));
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "Paris DC");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        kubic_ops(&effects),
        [KubicOp::Cluster(ClusterOp::SetDescription("Paris DC".into()))]
    );
    // Written: the dashboard shows it without waiting for the next poll.
    app.overview = Some(crate::model::metrics::overview::Overview {
        hosts: Err(crate::model::failure::Failure::other("")),
        projects: Err(crate::model::failure::Failure::other("")),
        apps: Err(crate::model::failure::Failure::other("")),
        pods: Err(crate::model::failure::Failure::other("")),
        description: Ok(None),
    });
    app.update(Action::KubicDone {
        op: KubicOp::Cluster(ClusterOp::SetDescription("Paris DC".into())),
        result: Ok(crate::model::done::Done::AsAsked),
    });
    assert_eq!(app.description().as_deref(), Some("Paris DC"));
}

#[test]
fn cordon_and_uncordon_ask_first_and_name_the_host() {
    let mut app = hosts();
    assert!(
        press(&mut app, KeyCode::Char('c'))
            .iter()
            .all(|e| !matches!(e, Effect::Kubic(_)))
    );
    assert!(
        matches!(&app.mode, Mode::Confirm(c) if c.question(crate::config::i18n::Lang::En) == "Cordon host kube-minion1?")
    );
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        kubic_ops(&effects),
        [KubicOp::Cluster(ClusterOp::Cordon("kube-minion1".into()))]
    );
    press(&mut app, KeyCode::Down);
    app.prepare_frame();
    press(&mut app, KeyCode::Char('U'));
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(kubic_ops(&effects).is_empty());
    assert_eq!(app.status.as_ref().unwrap().text, "cancelled");
}

#[test]
fn taints_validate_while_typing_then_ask_first() {
    let mut app = hosts();
    press(&mut app, KeyCode::Char('T'));
    type_text(&mut app, "dedicated=db");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("a taint input: {:?}", app.mode)
    };
    assert!(prompt.error.as_deref().unwrap().contains("add the effect"));
    type_text(&mut app, ":NoSchedule");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("still typing")
    };
    assert_eq!(prompt.error, None);
    press(&mut app, KeyCode::Enter);
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("a confirmation: {:?}", app.mode)
    };
    assert_eq!(
        confirm.question(crate::config::i18n::Lang::En),
        "Add taint dedicated=db:NoSchedule on host kube-minion1?"
    );
    let effects = press(&mut app, KeyCode::Char('y'));
    let ops = kubic_ops(&effects);
    let [KubicOp::Cluster(ClusterOp::Taint { node, change })] = ops.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(node, "kube-minion1");
    assert!(matches!(change, TaintChange::Add(t) if t.text() == "dedicated=db:NoSchedule"));
}

#[test]
fn a_taint_and_a_drain_are_refused_and_confirmed_in_the_sessions_language() {
    use crate::config::i18n::Lang;
    let mut app = hosts();
    app.lang = Lang::Ko;
    press(&mut app, KeyCode::Char('T'));
    type_text(&mut app, "dedicated=db");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("a taint input: {:?}", app.mode)
    };
    assert_eq!(
        prompt.error.as_deref(),
        Some("effect를 붙이세요: key=value:NoSchedule, :PreferNoSchedule 또는 :NoExecute")
    );
    type_text(&mut app, ":NoSchedule");
    press(&mut app, KeyCode::Enter);
    let Mode::Confirm(confirm) = &app.mode else {
        panic!("a confirmation: {:?}", app.mode)
    };
    assert!(
        confirm
            .question(Lang::Ko)
            .contains("taint dedicated=db:NoSchedule 추가"),
        "{}",
        confirm.question(Lang::Ko)
    );
    let bad_key = crate::model::taint::parse("bad key=x:NoSchedule").unwrap_err();
    assert_eq!(
        Lang::Ko.invalid(&bad_key),
        "키: ' '은(는) 쓸 수 없습니다: 영문, 숫자, '-', '_', '.'만 쓰세요"
    );
    let bad_option = drain_options("local-storage=maybe").unwrap_err();
    assert_eq!(
        Lang::Ko.invalid(&bad_option),
        "local-storage=maybe: yes 또는 no를 쓰세요"
    );
    assert_eq!(bad_option.to_string(), "local-storage=maybe: use yes or no");
}

#[test]
fn drain_takes_options_and_progress_shows_in_the_footer() {
    let mut app = hosts();
    press(&mut app, KeyCode::Char('D'));
    type_text(&mut app, " local-storage");
    press(&mut app, KeyCode::Enter);
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        kubic_ops(&effects),
        [KubicOp::Cluster(ClusterOp::Drain {
            node: "kube-minion1".into(),
            options: DrainChoice {
                timeout_secs: 120,
                local_storage: true,
                force: false
            }
        })]
    );
    app.update(Action::ClusterProgress("drain kube-minion1: evicted demo/web-1".into()));
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "drain kube-minion1: evicted demo/web-1"
    );
    let choice = |timeout_secs, local_storage, force| DrainChoice {
        timeout_secs,
        local_storage,
        force,
    };
    assert_eq!(drain_options("timeout=5m"), Ok(choice(300, false, false)));
    assert_eq!(
        drain_options("timeout=90 local-storage=no force"),
        Ok(choice(90, false, true))
    );
    assert!(drain_options("timeout=0s").is_err());
    assert!(drain_options("timeout=307445734561825861m").is_err(), "no overflow");
    assert!(
        drain_options("delete-all")
            .unwrap_err()
            .to_string()
            .contains("the options are")
    );
    assert!(
        drain_options("local-storage=maybe")
            .unwrap_err()
            .to_string()
            .contains("use yes or no")
    );
}

#[test]
fn maintenance_is_refused_off_the_hosts_table_and_in_readonly_mode() {
    let (mut app, _) = app("pods");
    press(&mut app, KeyCode::Char('c'));
    assert!(app.status.as_ref().unwrap().text.contains("works on hosts"));
    let mut app = hosts();
    app.readonly = true;
    press(&mut app, KeyCode::Char('D'));
    assert!(app.status.as_ref().unwrap().text.starts_with("read-only mode"));
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn samples_fill_the_hosts_table_and_the_monitor_opens_and_closes() {
    let mut app = hosts();
    let sample = crate::model::metrics::Sample {
        at: 10,
        nodes: vec![NodeSample {
            name: "kube-minion1".into(),
            cpu_allocatable: 4000.0,
            memory_allocatable: 8.0 * 1024.0 * 1024.0 * 1024.0,
            cpu_used: Some(1000.0),
            memory_used: Some(2.0 * 1024.0 * 1024.0 * 1024.0),
            pods: 7,
            stats: Some(Ok(NodeStats::default())),
        }],
        usage_error: None,
    };
    app.update(Action::Metrics(Ok(Box::new(sample))));
    app.prepare_frame();
    let row = app.view().unwrap().table.selected_row().unwrap();
    assert_eq!(row.cells[..6], ["Ready", "25%", "25%", "7", "1/4", "2Gi/8Gi"]);
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.screen, Screen::Monitor("kube-minion1".into()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Table);
    app.metrics = fixture(false);
    app.update(Action::Metrics(Err(crate::model::failure::Failure::new(
        crate::model::failure::FailureKind::Unreachable,
        "cannot reach the API server",
    ))));
    assert_eq!(
        app.metrics.cluster.usage_na.as_deref(),
        Some("cannot reach the API server")
    );
}

#[test]
fn metrics_are_wanted_only_where_they_are_shown() {
    let (mut app, _) = app("dashboard");
    assert!(app.wants_metrics());
    command(&mut app, "pods");
    assert!(!app.wants_metrics(), "a pod table does not need the poller");
    command(&mut app, "hosts");
    assert!(app.wants_metrics(), "the hosts table shows live use");
}

#[test]
fn kubelet_stats_are_asked_only_for_the_hosts_whose_charts_are_on_screen() {
    let (app, _) = app("dashboard");
    assert_eq!(app.subscriptions().stats, StatsScope::AllHosts, "the cluster's charts");
    let mut app = hosts();
    assert_eq!(
        app.subscriptions().stats,
        StatsScope::Nothing,
        "CPU, memory and pods only"
    );
    press(&mut app, KeyCode::Char('M'));
    let monitor = app.subscriptions();
    assert_eq!(monitor.stats, StatsScope::Host("kube-minion1".into()));
    assert!(
        monitor.streams.contains(&Stream::Metrics),
        "the same stream, not a new one"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.subscriptions().stats, StatsScope::Nothing);
}
