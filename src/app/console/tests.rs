//! Unit tests of consoles in the state machine: `s` opens one, keys go to the shell
//! (ctrl-c and esc included), the detach key leaves it running, resizes follow, the
//! exit status shows and the next key closes it; `:consoles` switches between them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::{Start, feed, pod_row, row};
use crate::app::{Action, App, Effect, Mode};

fn app_on_pods() -> App {
    let mut app = Start {
        namespace: Some("demo"),
        ..Start::default()
    }
    .app();
    let running = |name: &str| pod_row(name, None);
    feed(&mut app, vec![running("web-1"), running("web-2")]);
    app.update(Action::Resized { width: 100, height: 30 });
    app.prepare_frame();
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, modifiers)))
}

fn open(app: &mut App) -> u64 {
    let effects = press(app, KeyCode::Char('s'), KeyModifiers::NONE);
    match effects.first() {
        Some(Effect::OpenConsole {
            id,
            request,
            rows,
            cols,
        }) => {
            assert!(request.tty);
            assert_eq!((*rows, *cols), (24, 98));
            *id
        }
        other => panic!("no console opened: {other:?}"),
    }
}

#[test]
fn keys_go_to_the_shell_including_ctrl_c_and_esc() {
    let mut app = app_on_pods();
    let id = open(&mut app);
    assert_eq!(
        press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL).first(),
        Some(&Effect::ConsoleInput { id, bytes: vec![3] })
    );
    assert_eq!(
        press(&mut app, KeyCode::Esc, KeyModifiers::NONE).first(),
        Some(&Effect::ConsoleInput { id, bytes: vec![0x1b] })
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE).first(),
        Some(&Effect::ConsoleInput {
            id,
            bytes: b"q".to_vec()
        })
    );
    assert!(matches!(app.mode, Mode::Console(shown) if shown == id));
}

#[test]
fn detach_leaves_it_running_and_consoles_lists_and_reattaches() {
    let mut app = app_on_pods();
    let first = open(&mut app);
    press(&mut app, KeyCode::Char(']'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode, Mode::Normal));
    press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    // A real terminal's ctrl-] reaches kubic as ctrl-5 (byte 0x1d): it detaches too.
    let second = open(&mut app);
    press(&mut app, KeyCode::Char('5'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode, Mode::Normal));
    app.mode = Mode::Console(second);
    assert_ne!(first, second);
    assert_eq!(app.consoles[1].title, "pod/web-2");
    press(&mut app, KeyCode::Char(']'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    for c in "consoles".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(app.mode, Mode::ConsoleList(0)));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(app.mode, Mode::Console(id) if id == first));
}

#[test]
fn output_feeds_the_screen_and_a_resize_reaches_the_remote_tty() {
    let mut app = app_on_pods();
    let id = open(&mut app);
    app.update(Action::ConsoleOutput {
        id,
        bytes: b"\x1b[31mred\x1b[0m $ ".to_vec(),
    });
    let console = app.console(id).unwrap();
    assert!(console.parser.screen().contents().starts_with("red $"));
    let effects = app.update(Action::Resized { width: 120, height: 40 });
    assert!(effects.contains(&Effect::ConsoleResize {
        id,
        rows: 34,
        cols: 118
    }));
    assert_eq!(app.console(id).unwrap().parser.screen().size(), (34, 118));
}

#[test]
fn the_exit_status_shows_and_the_next_key_closes_the_console() {
    let mut app = app_on_pods();
    let id = open(&mut app);
    app.update(Action::ConsoleEnded {
        id,
        end: crate::model::console_end::ConsoleEnd::of_shell(crate::model::console_end::ShellEnd::Exited(3)),
    });
    assert_eq!(app.console(id).unwrap().ended.as_deref(), Some("exited with status 3"));
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(effects.contains(&Effect::CloseConsole { id }));
    assert!(app.consoles.is_empty());
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn a_paste_is_one_input_and_is_bracketed_when_the_program_asks() {
    let mut app = app_on_pods();
    let id = open(&mut app);
    app.update(Action::ConsoleOutput {
        id,
        bytes: b"\x1b[?2004h".to_vec(),
    });
    let effects = app.update(Action::Paste("ls\n".into()));
    assert_eq!(
        effects,
        vec![Effect::ConsoleInput {
            id,
            bytes: b"\x1b[200~ls\r\x1b[201~".to_vec()
        }]
    );
}

#[test]
fn shift_page_up_scrolls_back_and_typing_returns_to_the_bottom() {
    let mut app = app_on_pods();
    let id = open(&mut app);
    let lines: String = (0..100).map(|i| format!("line {i}\r\n")).collect();
    app.update(Action::ConsoleOutput {
        id,
        bytes: lines.into_bytes(),
    });
    press(&mut app, KeyCode::PageUp, KeyModifiers::SHIFT);
    assert_eq!(app.console(id).unwrap().parser.screen().scrollback(), 12);
    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(app.console(id).unwrap().parser.screen().scrollback(), 0);
}

#[test]
fn a_shell_opens_only_on_pods() {
    let mut app = Start {
        namespace: Some("demo"),
        view: "deployments",
        ..Start::default()
    }
    .app();
    feed(&mut app, vec![row("demo", "web", &[])]);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    assert!(app.consoles.is_empty());
    assert!(app.status.unwrap().text.contains("a shell opens in a pod"));
}
