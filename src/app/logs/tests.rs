//! Unit tests of the log pane: `l` opens a stream, the ring stays bounded, scrolling up
//! pauses, search moves between matches, choices restart the stream.

use crossterm::event::KeyCode;

use crate::app::test_support::{Start, ctrl, feed, pod_row, press};
use crate::app::{Action, App, Effect, Mode, Stream};
use crate::model::cluster::{LogEvent, LogOptions, StampedLine};

fn app_on(kind: &str) -> App {
    let mut app = Start {
        namespace: Some("demo"),
        view: kind,
        ..Start::default()
    }
    .app();
    feed(&mut app, vec![pod_row("web", None)]);
    app.update(Action::Resized { width: 80, height: 17 });
    app
}

fn lines(pod: &str, texts: impl IntoIterator<Item = String>) -> LogEvent {
    LogEvent::Lines {
        pod: pod.into(),
        container: "main".into(),
        lines: texts
            .into_iter()
            .map(|text| StampedLine {
                timestamp: "2026-11-22T04:19:08Z".into(),
                text,
            })
            .collect(),
    }
}

/// The log stream the state declares: its id and options.
fn log_stream(app: &App) -> Option<(u64, LogOptions)> {
    app.subscriptions().streams.into_iter().find_map(|stream| match stream {
        Stream::Logs { stream, options, .. } => Some((stream, options)),
        _ => None,
    })
}

/// Presses `l` and answers the id of the log stream it declares.
fn open_logs(app: &mut App) -> u64 {
    press(app, KeyCode::Char('l'));
    log_stream(app).expect("a log stream is wanted").0
}

fn pane(app: &App) -> &crate::app::logs::LogPane {
    match &app.mode {
        Mode::Logs(pane) => pane,
        other => panic!("not the log pane: {other:?}"),
    }
}

#[test]
fn l_on_a_pod_follows_its_log_and_esc_stops_it() {
    let mut app = app_on("pods");
    let stream = open_logs(&mut app);
    assert!(!pane(&app).many_pods);
    app.update(Action::Log {
        stream,
        events: vec![lines("web", ["hello".to_string()])],
    });
    assert_eq!(pane(&app).lines.len(), 1);
    // A late batch of an older stream is ignored.
    app.update(Action::Log {
        stream: stream + 100,
        events: vec![lines("web", ["stale".to_string()])],
    });
    assert_eq!(pane(&app).lines.len(), 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(log_stream(&app), None, "closing the pane stops its stream");
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn l_on_a_deployment_prefixes_pods_and_a_config_map_is_refused() {
    let mut app = app_on("deployments");
    let stream = open_logs(&mut app);
    app.update(Action::Log {
        stream,
        events: vec![lines("web-a", ["one".into()]), lines("web-b", ["two".into()])],
    });
    let pane = pane(&app);
    assert!(pane.many_pods);
    let prefixes: Vec<_> = pane.lines.iter().map(|l| pane.prefix(l)).collect();
    assert_eq!(prefixes, [Some("web-a".to_string()), Some("web-b".to_string())]);

    let mut app = app_on("configmaps");
    press(&mut app, KeyCode::Char('l'));
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.status.unwrap().text.contains("logs work on pods"));
}

#[test]
fn the_ring_stays_bounded_and_a_paused_view_keeps_its_lines() {
    let mut app = app_on("pods");
    app.log_capacity = 50;
    let stream = open_logs(&mut app);
    let batch = |from: usize| lines("web", (from..from + 40).map(|i| format!("line {i}")));
    app.update(Action::Log {
        stream,
        events: vec![batch(0)],
    });
    press(&mut app, KeyCode::Char('k'));
    let paused = pane(&app).first_shown();
    assert!(!pane(&app).follow, "scrolling up pauses");
    app.update(Action::Log {
        stream,
        events: vec![batch(40), batch(80)],
    });
    let pane_now = pane(&app);
    assert_eq!(pane_now.lines.len(), 50);
    assert_eq!(pane_now.lines.back().unwrap().text, "line 119");
    assert_eq!(pane_now.dropped, 70);
    assert!(
        pane_now.first_shown() >= paused,
        "paused view moves only when its lines are dropped"
    );
    press(&mut app, KeyCode::Char('f'));
    assert!(pane(&app).follow, "f resumes following");
}

#[test]
fn search_highlights_and_moves_between_matches() {
    let mut app = app_on("pods");
    let stream = open_logs(&mut app);
    let texts = (0..30).map(|i| {
        if i % 10 == 3 {
            format!("error {i}")
        } else {
            format!("ok {i}")
        }
    });
    app.update(Action::Log {
        stream,
        events: vec![lines("web", texts)],
    });
    press(&mut app, KeyCode::Char('/'));
    for c in "error".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(pane(&app).current_match, Some(23), "enter finds the last match");
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(pane(&app).current_match, Some(13));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(pane(&app).current_match, Some(23));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.status.as_ref().unwrap().text, "no more matches");
}

#[test]
fn choices_restart_the_stream_and_toggles_do_not() {
    let mut app = app_on("pods");
    let first = open_logs(&mut app);
    press(&mut app, KeyCode::Char('T'));
    let (second, options) = log_stream(&app).unwrap();
    assert_ne!(first, second);
    assert_eq!(options.tail_lines, Some(1000));
    press(&mut app, KeyCode::Char('p'));
    let (third, options) = log_stream(&app).unwrap();
    assert_ne!(second, third);
    assert!(options.previous);
    assert_eq!(press(&mut app, KeyCode::Char('t')), vec![Effect::Redraw]);
    assert!(pane(&app).timestamps);
    press(&mut app, KeyCode::Char('w'));
    assert!(pane(&app).wrap);
    assert_eq!(log_stream(&app).unwrap().0, third, "display toggles keep the stream");
}

#[test]
fn save_writes_the_buffer_with_timestamps() {
    let mut app = app_on("pods");
    let stream = open_logs(&mut app);
    app.update(Action::Log {
        stream,
        events: vec![lines("web", ["saved line".to_string()])],
    });
    let effects = ctrl(&mut app, 's');
    let Some(Effect::SaveLog { path, text }) = effects.first() else {
        panic!("no save: {effects:?}");
    };
    assert!(path.to_string_lossy().starts_with("kubic-web-"));
    assert_eq!(text, "2026-11-22T04:19:08Z saved line\n");
}
