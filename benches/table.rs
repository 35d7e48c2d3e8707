//! Why this exists: the scale benchmark's in-process half (see BENCHMARKS.md). It measures
//! what an operator feels on every keystroke in a 10,000-pod table — re-filtering all rows
//! and drawing one full frame — against the 16 ms frame budget, without needing a cluster.
//! The cluster half (start to a complete table, peak RSS) is `devcluster/scale-bench`.
//!
//! Run: `cargo bench --bench table -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use k8s_openapi::jiff::Timestamp;
use kubic::app::table::TableModel;
use kubic::app::{Action, App, Header};
use kubic::config::{Keymap, Theme};
use kubic::model::cluster::RowEvent;
use kubic::model::resource::Registry;
use kubic::model::rows::{Health, Row, RowFacts, RowKey, columns};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PODS: usize = 10_000;
/// The churn benchmark's table: the scale benchmark's largest run.
const CHURN_PODS: usize = 30_000;
const NAMESPACES: usize = 100;
const NODES: usize = 1_000;
/// Pods per synthetic Deployment: they share a `web-<hash>` prefix and an `app` label.
const REPLICAS: usize = 10;
const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// Two filters that each match 10% of the rows (nodes `…-node-01xx` and `…-node-02xx`):
/// alternating between them makes every iteration recompute the visible rows.
const NARROW: [&str; 2] = ["node-01", "node-02"];
/// Two filters that match every row: the worst case, all 10,000 rows sorted.
const WIDE: [&str; 2] = ["kubic-scale-", "web-"];

/// A deterministic 10-character lowercase hex "pod-template-hash" for deployment `n`.
fn template_hash(n: usize) -> String {
    let mut x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 29;
    format!("{:010x}", x & 0xFF_FFFF_FFFF)
}

/// A deterministic 5-character pod suffix, from the alphabet Kubernetes uses.
fn pod_suffix(n: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut x = (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D).rotate_left(17);
    (0..5)
        .map(|_| {
            let c = ALPHABET[(x % ALPHABET.len() as u64) as usize] as char;
            x /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// 10,000 pod rows like the scale cluster's: 100 namespaces, 1,000 nodes, mostly Running.
fn pod_rows() -> Vec<Row> {
    pod_rows_of(PODS)
}

/// `count` pod rows like the scale cluster's (see [`pod_rows`]).
fn pod_rows_of(count: usize) -> Vec<Row> {
    let now = Timestamp::now().as_second();
    (0..count)
        .map(|i| {
            let deployment = i / REPLICAS;
            let hash = template_hash(deployment);
            let (status, ready, health) = match i % 50 {
                0 => ("Pending", "0/1", Health::Pending),
                1 => ("CrashLoopBackOff", "0/1", Health::Error),
                _ => ("Running", "1/1", Health::Ok),
            };
            Row {
                key: RowKey {
                    namespace: format!("kubic-scale-{:03}", deployment % NAMESPACES),
                    name: format!("web-{hash}-{}", pod_suffix(i)),
                },
                cells: vec![
                    ready.into(),
                    status.into(),
                    (i % 7 / 5).to_string(),
                    format!("10.{}.{}.{}", 244 + i / 65_536, i / 256 % 256, i % 256),
                    format!("kubic-scale-node-{:04}", i % NODES),
                ],
                created: Some(now - (i as i64) * 7),
                labels: format!("app=web-{deployment},pod-template-hash={hash}"),
                health,
                drill: None,
                facts: RowFacts::None,
            }
        })
        .collect()
}

fn pod_columns() -> &'static [&'static str] {
    columns(Registry::builtin().resolve("pods").unwrap())
}

/// The whole app showing the pods of every namespace, fed the rows, sized 200x50.
fn app_with_rows(rows: Vec<Row>) -> App {
    let keymap = Keymap::shipped("default").unwrap();
    let mut app = App::new(Header::default(), keymap, None, Timestamp::now());
    let _ = app.start("pods");
    let _ = app.update(Action::Resized {
        width: WIDTH,
        height: HEIGHT,
    });
    let view = app.view().unwrap().id;
    let _ = app.update(Action::Rows {
        view,
        event: RowEvent::rows(rows),
    });
    app.prepare_frame();
    assert_eq!(app.view().unwrap().table.total_len(), PODS);
    app
}

fn refilter(c: &mut Criterion) {
    let mut table = TableModel::new(pod_columns(), true);
    table.apply(RowEvent::rows(pod_rows()));
    table.refresh();
    for filter in NARROW {
        table.set_filter(filter).unwrap();
        table.refresh();
        assert_eq!(
            table.visible_len(),
            PODS / 10,
            "{filter:?} should match 10% of the rows"
        );
    }
    let mut flip = 0;
    c.bench_function("refilter_10k", |b| {
        b.iter(|| {
            flip ^= 1;
            table.set_filter(NARROW[flip]).unwrap();
            table.refresh();
            black_box(table.visible_len())
        })
    });
}

fn refilter_and_render(c: &mut Criterion, name: &str, filters: [&str; 2]) {
    let mut app = app_with_rows(pod_rows());
    let theme = Theme::shipped("dark").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let frame = terminal.draw(|frame| kubic::ui::render(frame, &app, &theme)).unwrap();
    let screen: String = frame.buffer.content().iter().map(|cell| cell.symbol()).collect();
    assert!(
        screen.contains("kubic-scale-node-"),
        "the frame should show pod rows: {screen}"
    );
    let mut flip = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            flip ^= 1;
            app.view_mut().unwrap().table.set_filter(filters[flip]).unwrap();
            app.prepare_frame();
            terminal.draw(|frame| kubic::ui::render(frame, &app, &theme)).unwrap();
            black_box(app.view().unwrap().table.visible_len())
        })
    });
}

fn refilter_and_render_narrow(c: &mut Criterion) {
    refilter_and_render(c, "refilter_and_render_10k", NARROW);
}

fn refilter_and_render_wide(c: &mut Criterion) {
    refilter_and_render(c, "refilter_all_and_render_10k", WIDE);
}

/// One frame with nothing to recompute: the cost of drawing alone.
fn render_only(c: &mut Criterion) {
    let mut app = app_with_rows(pod_rows());
    let theme = Theme::shipped("dark").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    c.bench_function("render_10k", |b| {
        b.iter(|| {
            app.prepare_frame();
            terminal.draw(|frame| kubic::ui::render(frame, &app, &theme)).unwrap();
        })
    });
}

/// Loading the first list's 10,000 rows into a table and sorting them: the in-process
/// part of start-up once the rows are projected.
fn load(c: &mut Criterion) {
    let rows = pod_rows();
    let kind_columns = pod_columns();
    c.bench_function("load_10k", |b| {
        b.iter_batched(
            || rows.clone(),
            |rows| {
                let mut table = TableModel::new(kind_columns, true);
                table.apply(RowEvent::rows(rows));
                table.refresh();
                table
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

/// The churn step's marker: a pod of its own namespace, added and then removed.
fn marker_row(template: &Row) -> Row {
    Row {
        key: RowKey {
            namespace: "default".into(),
            name: "kubic-churn-marker".into(),
        },
        ..template.clone()
    }
}

/// The churn step's changes at 30,000 pods, once a frame: a pod added (the row set
/// changes) or removed, with the rows visible again; and a label changed (no row moves).
fn churn(c: &mut Criterion) {
    let rows = pod_rows_of(CHURN_PODS);
    let marker = Arc::new(marker_row(&rows[0]));
    let relabelled: Vec<Arc<Row>> = rows
        .iter()
        .step_by(CHURN_PODS / 50)
        .map(|row| {
            Arc::new(Row {
                labels: format!("{},kubic-churn=1", row.labels),
                ..row.clone()
            })
        })
        .collect();
    let mut table = TableModel::new(pod_columns(), true);
    table.apply(RowEvent::rows(rows));
    table.refresh();
    c.bench_function("churn_add_remove_30k", |b| {
        b.iter(|| {
            table.apply(RowEvent::Upsert(Arc::clone(&marker)));
            table.refresh();
            assert_eq!(table.visible_len(), CHURN_PODS + 1);
            table.apply(RowEvent::Remove(marker.key.clone()));
            table.refresh();
            black_box(table.visible_len())
        })
    });
    c.bench_function("churn_50_labels_30k", |b| {
        b.iter(|| {
            for row in &relabelled {
                table.apply(RowEvent::Upsert(Arc::clone(row)));
            }
            table.refresh();
            black_box(table.visible_len())
        })
    });
}

criterion_group!(
    benches,
    refilter,
    refilter_and_render_narrow,
    refilter_and_render_wide,
    render_only,
    load,
    churn
);
criterion_main!(benches);
