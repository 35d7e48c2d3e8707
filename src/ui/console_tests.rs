//! Snapshot tests of the console widget fed with byte streams recorded from real
//! programs in a pty (`tests/data/console/`): colours, cursor movement, and vim as a
//! full-screen program on the alternate screen.

use super::test_support::{self, app_at, buffer_text, snap};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::app::test_support::{feed, press, row};
use crate::app::{Action, App, Effect};
use crate::model::rows::{Health, Row};

/// The screen size whose console is 22x78, the size the streams were recorded at.
const WIDTH: u16 = 80;
const HEIGHT: u16 = 28;

fn console_with(bytes: &[u8]) -> (App, u64) {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    let pod = Row {
        created: Some(1_794_999_000),
        health: Health::Ok,
        ..row("demo", "web-7887448d46-lktb2", &["1/1", "Running"])
    };
    feed(&mut app, vec![pod]);
    app.update(Action::Resized {
        width: WIDTH,
        height: HEIGHT,
    });
    app.prepare_frame();
    let effects = press(&mut app, KeyCode::Char('s'));
    let Some(Effect::OpenConsole { id, rows, cols, .. }) = effects.first() else {
        panic!("no console: {effects:?}");
    };
    assert_eq!((*rows, *cols), (22, 78));
    let id = *id;
    app.update(Action::ConsoleOutput {
        id,
        bytes: bytes.to_vec(),
    });
    (app, id)
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    test_support::draw(app, WIDTH, HEIGHT)
}

/// The first cell of the console's inner area is at (1, 4): top bar 3 rows, border 1.
fn cell(terminal: &Terminal<TestBackend>, col: u16, row: u16) -> &ratatui::buffer::Cell {
    &terminal.backend().buffer()[(col + 1, row + 4)]
}

#[test]
fn colours_of_a_prompt_and_ls_output() {
    let (mut app, _) = console_with(include_bytes!("../../tests/data/console/colours.bin"));
    let terminal = draw(&mut app);
    snap!("console_colours_80x28", buffer_text(&terminal));
    let prompt = cell(&terminal, 0, 0);
    assert_eq!(prompt.symbol(), "r");
    assert_eq!(prompt.fg, Color::Indexed(2), "green");
    assert!(prompt.modifier.contains(Modifier::BOLD));
    assert_eq!(
        cell(&terminal, 9, 0).fg,
        Color::Indexed(4),
        "the blue directory after root@pod:"
    );
    assert_eq!(cell(&terminal, 13, 1).fg, Color::Indexed(208), "256-colour notes.txt");
    let error = cell(&terminal, 1, 2);
    assert_eq!(
        (error.symbol(), error.bg, error.fg),
        ("E", Color::Indexed(1), Color::Indexed(15))
    );
}

#[test]
fn cursor_movement_overwrites_in_place() {
    let (mut app, id) = console_with(include_bytes!("../../tests/data/console/cursor.bin"));
    let terminal = draw(&mut app);
    snap!("console_cursor_80x28", buffer_text(&terminal));
    let screen = app.console(id).unwrap().parser.screen();
    assert_eq!(screen.cursor_position(), (0, 8));
    assert_eq!(
        screen.contents_between(0, 0, 0, 33),
        "top-left: [#####     ]       done"
    );
    assert_eq!(screen.contents_between(2, 0, 2, 10), "    x");
}

#[test]
fn vim_as_a_full_screen_program() {
    let (mut app, id) = console_with(include_bytes!("../../tests/data/console/vim.bin"));
    let terminal = draw(&mut app);
    snap!("console_vim_80x28", buffer_text(&terminal));
    let screen = app.console(id).unwrap().parser.screen();
    assert!(screen.alternate_screen(), "vim runs on the alternate screen");
    assert!(screen.contents().contains("hello from vim"));
    let tilde = cell(&terminal, 0, 5);
    assert_eq!(tilde.symbol(), "~");
    assert_ne!(tilde.fg, Color::Reset, "vim's filler lines are coloured");
}
