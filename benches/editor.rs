//! Why this exists: a big object must stay responsive (see BENCHMARKS.md). It measures
//! one keystroke plus one drawn frame on a 1 MiB ConfigMap, shown as YAML and open in the
//! inline editor, against the 16 ms frame budget — the whole app and ui, no cluster.
//!
//! Run: `cargo bench --bench editor -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use k8s_openapi::jiff::Timestamp;
use kubic::app::{Action, App, Fetched, Header, Mode, Purpose};
use kubic::config::{Keymap, Theme};
use kubic::model::cluster::ObjectRef;
use kubic::model::resource::{Known, Registry};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;
/// The ConfigMap's data, in bytes.
const SIZE: usize = 1 << 20;
/// Lines of its big file: 16,384 lines of 64 bytes (a config file, a CA bundle, a
/// pretty-printed dashboard).
const LINE: usize = 64;

/// A ConfigMap of 1 MiB: one file of 16,384 lines under `app.conf`, plus 64 small keys.
fn big_config_map() -> Value {
    let file: String = (0..SIZE / LINE)
        .map(|i| {
            format!(
                "{:<width$}\n",
                format!("setting.{i:05} = value number {i} # note"),
                width = LINE - 1
            )
        })
        .collect();
    let mut data = serde_json::Map::new();
    data.insert("app.conf".into(), Value::String(file));
    for i in 0..64 {
        data.insert(format!("key-{i:02}"), Value::String(format!("small value {i}")));
    }
    json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "big", "namespace": "default", "labels": {"app": "big"}},
        "data": data,
    })
}

fn config_map_ref() -> ObjectRef {
    ObjectRef {
        kind: Registry::builtin().known(Known::ConfigMap).unwrap().clone(),
        namespace: "default".into(),
        name: "big".into(),
    }
}

/// The whole app at 200x50 on `:configmaps`, showing the big ConfigMap for `purpose`.
fn app_showing(purpose: Purpose) -> App {
    let keymap = Keymap::shipped("default").unwrap();
    let mut app = App::new(Header::default(), keymap, Some("default".into()), Timestamp::now());
    let _ = app.start("configmaps");
    let _ = app.update(Action::Resized {
        width: WIDTH,
        height: HEIGHT,
    });
    let _ = app.update(Action::Fetched {
        purpose,
        object: config_map_ref(),
        result: Ok(Fetched {
            object: big_config_map(),
            events: Vec::new(),
        }),
    });
    app
}

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// One keystroke, then one frame.
fn press_and_draw(app: &mut App, terminal: &mut Terminal<TestBackend>, theme: &Theme, code: KeyCode) {
    let _ = app.update(key(code));
    app.prepare_frame();
    terminal.draw(|frame| kubic::ui::render(frame, app, theme)).unwrap();
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect()
}

/// Benchmarks `name`: each iteration presses the next of `keys` (in turn) and draws a
/// frame, starting from the middle of the text.
fn keystrokes(c: &mut Criterion, name: &str, purpose: Purpose, keys: &[KeyCode]) {
    let mut app = app_showing(purpose);
    let theme = Theme::shipped("dark").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    for _ in 0..(SIZE / LINE / 2 / usize::from(HEIGHT)) {
        press_and_draw(&mut app, &mut terminal, &theme, KeyCode::PageDown);
    }
    let shown = screen(&terminal);
    assert!(shown.contains("setting.0"), "the frame should show the file: {shown}");
    let lines = match &app.mode {
        Mode::Viewer(view) => view.lines.len(),
        Mode::Editor(editor) => editor.textarea.lines().len(),
        _ => panic!("the ConfigMap should be shown"),
    };
    assert!(
        lines > SIZE / LINE,
        "the YAML should have every line of the file: {lines}"
    );
    let mut next = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            press_and_draw(&mut app, &mut terminal, &theme, keys[next % keys.len()]);
            next += 1;
            black_box(&app.mode);
        })
    });
}

fn yaml_line_down(c: &mut Criterion) {
    keystrokes(c, "yaml_1mib_down", Purpose::Yaml, &[KeyCode::Down, KeyCode::Up]);
}

fn yaml_page_down(c: &mut Criterion) {
    keystrokes(
        c,
        "yaml_1mib_page_down",
        Purpose::Yaml,
        &[KeyCode::PageDown, KeyCode::PageUp],
    );
}

fn editor_type(c: &mut Criterion) {
    keystrokes(
        c,
        "editor_1mib_type",
        Purpose::Edit,
        &[KeyCode::Char('x'), KeyCode::Backspace],
    );
}

fn editor_line_down(c: &mut Criterion) {
    keystrokes(c, "editor_1mib_down", Purpose::Edit, &[KeyCode::Down, KeyCode::Up]);
}

fn editor_page_down(c: &mut Criterion) {
    keystrokes(
        c,
        "editor_1mib_page_down",
        Purpose::Edit,
        &[KeyCode::PageDown, KeyCode::PageUp],
    );
}

criterion_group!(
    benches,
    yaml_line_down,
    yaml_page_down,
    editor_type,
    editor_line_down,
    editor_page_down
);
criterion_main!(benches);
