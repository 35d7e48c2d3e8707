//! Why this exists: the log pane's throughput target (see BENCHMARKS.md). A chatty
//! workload must not make the UI lag: this measures how many log lines per second the
//! state machine ingests into the bounded ring and draws, a frame per batch, the way the
//! runner does it (batches of lines arrive between frames, one frame per 16 ms at most).
//!
//! Run: `cargo bench --bench logs -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use k8s_openapi::jiff::Timestamp;
use kubic::app::{Action, App, Header, Stream};
use kubic::config::{Keymap, Theme};
use kubic::model::cluster::RowEvent;
use kubic::model::cluster::{LogEvent, StampedLine};
use kubic::model::rows::{Health, Row, RowFacts, RowKey};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Lines per batch: what a fast pod writes between two frames.
const BATCH: usize = 1_000;
const PODS: usize = 4;
const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// An app with the log pane open on a deployment, and the stream id to feed.
fn log_pane() -> (App, u64) {
    let keymap = Keymap::shipped("default").expect("the default keymap");
    let mut app = App::new(Header::default(), keymap, Some("bench".into()), Timestamp::UNIX_EPOCH);
    app.start("deployments");
    let view = app.view().map(|v| v.id).unwrap_or_default();
    let row = Row {
        key: RowKey {
            namespace: "bench".into(),
            name: "chatty".into(),
        },
        cells: vec!["4/4".into()],
        created: Some(0),
        labels: String::new(),
        health: Health::Ok,
        drill: None,
        facts: RowFacts::None,
    };
    app.update(Action::Rows {
        view,
        event: RowEvent::rows(vec![row]),
    });
    app.update(Action::Resized {
        width: WIDTH,
        height: HEIGHT,
    });
    app.prepare_frame();
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE)));
    let stream = app
        .subscriptions()
        .streams
        .into_iter()
        .find_map(|wanted| match wanted {
            Stream::Logs { stream, .. } => Some(stream),
            _ => None,
        })
        .unwrap_or_default();
    (app, stream)
}

/// One batch per pod, `BATCH` lines in all, shaped like an access log.
fn batches(round: usize) -> Vec<LogEvent> {
    (0..PODS)
        .map(|pod| LogEvent::Lines {
            pod: format!("chatty-7d9c6b8f5-{pod:05}"),
            container: "main".into(),
            lines: (0..BATCH / PODS)
                .map(|i| StampedLine {
                    timestamp: format!("2026-11-22T04:19:{:02}.{:09}Z", round % 60, i),
                    text: format!(
                        "10.0.{pod}.{i} - - \"GET /api/orders/{round}{i} HTTP/1.1\" 200 512 \"-\" \"curl/8.5\" rt=0.00{i}"
                    ),
                })
                .collect(),
        })
        .collect()
}

fn ingest_and_render(c: &mut Criterion) {
    let theme = Theme::shipped("dark").expect("the dark theme");
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    let mut group = c.benchmark_group("logs");
    group.throughput(Throughput::Elements(BATCH as u64));

    let (mut app, stream) = log_pane();
    let mut round = 0;
    group.bench_function("ingest_and_render_1k_lines", |b| {
        b.iter(|| {
            round += 1;
            app.update(Action::Log {
                stream,
                events: batches(round),
            });
            app.prepare_frame();
            terminal
                .draw(|frame| kubic::ui::render(frame, black_box(&app), &theme))
                .expect("draw");
        })
    });

    let (mut app, stream) = log_pane();
    let mut round = 0;
    group.bench_function("ingest_1k_lines", |b| {
        b.iter(|| {
            round += 1;
            app.update(Action::Log {
                stream,
                events: batches(round),
            });
        })
    });

    let (mut app, stream) = log_pane();
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE)));
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE)));
    let mut round = 0;
    group.bench_function("ingest_and_render_1k_lines_wrapped_timestamps", |b| {
        b.iter(|| {
            round += 1;
            app.update(Action::Log {
                stream,
                events: batches(round),
            });
            app.prepare_frame();
            terminal
                .draw(|frame| kubic::ui::render(frame, black_box(&app), &theme))
                .expect("draw");
        })
    });
    group.finish();
}

criterion_group!(benches, ingest_and_render);
criterion_main!(benches);
