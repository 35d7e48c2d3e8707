//! Snapshot tests of the log pane: interleaved pods with prefixes, a reconnect marker,
//! search highlight, timestamps and wrapped lines.

use super::test_support::{self, app_at, buffer_text, snap};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::app::test_support::{feed, press, row, type_text};
use crate::app::{Action, App, Mode};
use crate::model::cluster::{LogEvent, StampedLine};
use crate::model::rows::{Health, Row};

fn deployment_logs() -> (App, u64) {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "deployments");
    let deployment = Row {
        created: Some(1_794_999_000),
        labels: "app=web".into(),
        health: Health::Ok,
        ..row("demo", "web", &["2/2", "2", "2"])
    };
    feed(&mut app, vec![deployment]);
    app.update(Action::Resized { width: 80, height: 24 });
    app.prepare_frame();
    press(&mut app, KeyCode::Char('l'));
    let Mode::Logs(pane) = &app.mode else {
        panic!("no log pane")
    };
    let stream = pane.stream;
    let line = |pod: &str, second: u32, text: &str| LogEvent::Lines {
        pod: pod.into(),
        container: "web".into(),
        lines: vec![StampedLine {
            timestamp: format!("2026-11-22T04:19:{second:02}Z"),
            text: text.into(),
        }],
    };
    let events = vec![
        line("web-7887448d46-lktb2", 1, "listening on :8080"),
        line("web-7887448d46-twtpw", 2, "listening on :8080"),
        line("web-7887448d46-lktb2", 3, "GET /healthz 200"),
        LogEvent::Marker {
            pod: "web-7887448d46-twtpw".into(),
            text: "web: stream ended; reconnecting".into(),
        },
        line(
            "web-7887448d46-twtpw",
            4,
            "GET /api/orders 500 error: upstream timed out after 30s while reading the response",
        ),
        line("web-7887448d46-x9k2m", 5, "starting (scaled up)"),
        line("web-7887448d46-lktb2", 6, "GET /api/orders 200"),
    ];
    app.update(Action::Log { stream, events });
    (app, stream)
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    test_support::draw(app, 80, 24)
}

#[test]
fn aggregated_pods_with_prefixes_a_marker_and_a_search() {
    let (mut app, _) = deployment_logs();
    type_text(&mut app, "/orders");
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app);
    snap!("logs_deployment_search_80x24", buffer_text(&terminal));
    let buffer = terminal.backend().buffer();
    // Pod prefixes are coloured by pod; the current match stands out from the others.
    let row_of = |needle: &str| {
        (0..24u16)
            .find(|y| {
                (0..80u16)
                    .map(|x| buffer[(x, *y)].symbol())
                    .collect::<String>()
                    .contains(needle)
            })
            .unwrap()
    };
    let first = row_of("listening on");
    assert_eq!(buffer[(1, first)].fg, Color::Cyan);
    assert_eq!(buffer[(1, first + 1)].fg, Color::Magenta);
    let current = row_of("GET /api/orders 200");
    let col = (0..80u16).find(|x| buffer[(*x, current)].symbol() == "o" && buffer[(*x + 1, current)].symbol() == "r");
    assert_eq!(buffer[(col.unwrap(), current)].bg, Color::Yellow);
    let other = row_of("GET /api/orders 500");
    let col = (20..80u16).find(|x| buffer[(*x, other)].symbol() == "o" && buffer[(*x + 1, other)].symbol() == "r");
    assert!(buffer[(col.unwrap(), other)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn timestamps_and_wrapped_lines() {
    let (mut app, _) = deployment_logs();
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('w'));
    snap!("logs_timestamps_wrap_80x24", buffer_text(&draw(&mut app)));
}

#[test]
fn following_wrapped_lines_always_shows_the_newest_one_at_the_bottom() {
    let (mut app, stream) = deployment_logs();
    let long = "x".repeat(150);
    let events = (0..30)
        .map(|i| LogEvent::Lines {
            pod: "web-7887448d46-lktb2".into(),
            container: "web".into(),
            lines: vec![StampedLine {
                timestamp: format!("2026-11-22T04:20:{i:02}Z"),
                text: format!("{long} line {i} end"),
            }],
        })
        .chain([LogEvent::Marker {
            pod: "web-7887448d46-lktb2".into(),
            text: "web: stream ended; reconnecting after a long pause in the middle of the night".into(),
        }])
        .chain([LogEvent::Lines {
            pod: "web-7887448d46-lktb2".into(),
            container: "web".into(),
            lines: vec![StampedLine {
                timestamp: "2026-11-22T04:21:00Z".into(),
                text: format!("{long} the newest"),
            }],
        }])
        .collect();
    app.update(Action::Log { stream, events });
    press(&mut app, KeyCode::Char('w'));
    let screen = buffer_text(&draw(&mut app));
    let body: Vec<&str> = screen.lines().skip(3).take(20).collect();
    let bottom = body
        .iter()
        .position(|l| l.starts_with('└'))
        .expect("the pane's bottom border");
    assert!(
        body[bottom - 1].contains("the newest"),
        "the newest line is the pane's last row:\n{screen}"
    );
}

#[test]
fn wrapping_splits_by_cells_and_keeps_styles() {
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    let red = Style::new().fg(Color::Red);
    let line = Line::from(vec![Span::styled("abcd", red), Span::raw("efgh日本")]);
    let rows = super::logs::wrap_rows(line, 5);
    let texts: Vec<String> = rows
        .iter()
        .map(|r| r.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert_eq!(texts, ["abcde", "fgh日", "本"]);
    assert_eq!(rows[0].spans[0].style, red);
    assert_eq!(rows[0].spans[1].content, "e");
}
