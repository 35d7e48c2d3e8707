//! Unit tests of the key encoder, one per key class, against xterm's byte sequences.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

const NORMAL: TermModes = TermModes {
    application_cursor: false,
    bracketed_paste: false,
};
const APP: TermModes = TermModes {
    application_cursor: true,
    bracketed_paste: true,
};

fn enc(code: KeyCode, modifiers: KeyModifiers) -> Vec<u8> {
    encode_key(&KeyEvent::new(code, modifiers), NORMAL)
}

fn plain(code: KeyCode) -> Vec<u8> {
    enc(code, KeyModifiers::NONE)
}

#[test]
fn printable_characters_are_sent_as_utf8() {
    assert_eq!(plain(KeyCode::Char('a')), b"a");
    assert_eq!(enc(KeyCode::Char('A'), KeyModifiers::SHIFT), b"A");
    assert_eq!(plain(KeyCode::Char(' ')), b" ");
    assert_eq!(plain(KeyCode::Char('é')), "é".as_bytes());
    assert_eq!(plain(KeyCode::Char('€')), [0xe2, 0x82, 0xac]);
}

#[test]
fn enter_tab_backtab_backspace_and_esc() {
    assert_eq!(plain(KeyCode::Enter), b"\r");
    assert_eq!(plain(KeyCode::Tab), b"\t");
    assert_eq!(plain(KeyCode::BackTab), b"\x1b[Z");
    assert_eq!(plain(KeyCode::Backspace), b"\x7f");
    assert_eq!(plain(KeyCode::Esc), b"\x1b");
}

#[test]
fn arrows_follow_the_cursor_key_mode() {
    assert_eq!(plain(KeyCode::Up), b"\x1b[A");
    assert_eq!(plain(KeyCode::Down), b"\x1b[B");
    assert_eq!(plain(KeyCode::Right), b"\x1b[C");
    assert_eq!(plain(KeyCode::Left), b"\x1b[D");
    let app = |code| encode_key(&KeyEvent::new(code, KeyModifiers::NONE), APP);
    assert_eq!(app(KeyCode::Up), b"\x1bOA");
    assert_eq!(app(KeyCode::Left), b"\x1bOD");
    assert_eq!(enc(KeyCode::Right, KeyModifiers::CONTROL), b"\x1b[1;5C");
    assert_eq!(enc(KeyCode::Up, KeyModifiers::SHIFT), b"\x1b[1;2A");
}

#[test]
fn home_and_end() {
    assert_eq!(plain(KeyCode::Home), b"\x1b[H");
    assert_eq!(plain(KeyCode::End), b"\x1b[F");
    assert_eq!(
        encode_key(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE), APP),
        b"\x1bOH"
    );
}

#[test]
fn page_insert_and_delete_keys() {
    assert_eq!(plain(KeyCode::PageUp), b"\x1b[5~");
    assert_eq!(plain(KeyCode::PageDown), b"\x1b[6~");
    assert_eq!(plain(KeyCode::Insert), b"\x1b[2~");
    assert_eq!(plain(KeyCode::Delete), b"\x1b[3~");
    assert_eq!(enc(KeyCode::Delete, KeyModifiers::CONTROL), b"\x1b[3;5~");
}

#[test]
fn function_keys_f1_to_f12() {
    let expected: [&[u8]; 12] = [
        b"\x1bOP",
        b"\x1bOQ",
        b"\x1bOR",
        b"\x1bOS",
        b"\x1b[15~",
        b"\x1b[17~",
        b"\x1b[18~",
        b"\x1b[19~",
        b"\x1b[20~",
        b"\x1b[21~",
        b"\x1b[23~",
        b"\x1b[24~",
    ];
    for (n, bytes) in (1..=12).zip(expected) {
        assert_eq!(plain(KeyCode::F(n)), bytes, "F{n}");
    }
    assert_eq!(enc(KeyCode::F(1), KeyModifiers::SHIFT), b"\x1b[1;2P");
    assert_eq!(enc(KeyCode::F(5), KeyModifiers::CONTROL), b"\x1b[15;5~");
    assert_eq!(plain(KeyCode::F(13)), b"");
}

#[test]
fn ctrl_letters_and_symbols() {
    assert_eq!(enc(KeyCode::Char('a'), KeyModifiers::CONTROL), [1]);
    assert_eq!(enc(KeyCode::Char('c'), KeyModifiers::CONTROL), [3]);
    assert_eq!(enc(KeyCode::Char('d'), KeyModifiers::CONTROL), [4]);
    assert_eq!(enc(KeyCode::Char('z'), KeyModifiers::CONTROL), [26]);
    assert_eq!(
        enc(KeyCode::Char('L'), KeyModifiers::CONTROL | KeyModifiers::SHIFT),
        [12]
    );
    assert_eq!(enc(KeyCode::Char(' '), KeyModifiers::CONTROL), [0]);
    assert_eq!(enc(KeyCode::Char('['), KeyModifiers::CONTROL), [0x1b]);
    assert_eq!(enc(KeyCode::Char('\\'), KeyModifiers::CONTROL), [0x1c]);
    assert_eq!(enc(KeyCode::Char('_'), KeyModifiers::CONTROL), [0x1f]);
}

#[test]
fn alt_letters_are_prefixed_with_esc() {
    assert_eq!(enc(KeyCode::Char('b'), KeyModifiers::ALT), b"\x1bb");
    assert_eq!(
        enc(KeyCode::Char('F'), KeyModifiers::ALT | KeyModifiers::SHIFT),
        b"\x1bF"
    );
    assert_eq!(
        enc(KeyCode::Char('x'), KeyModifiers::ALT | KeyModifiers::CONTROL),
        b"\x1b\x18"
    );
    assert_eq!(enc(KeyCode::Backspace, KeyModifiers::ALT), b"\x1b\x7f");
    assert_eq!(enc(KeyCode::Enter, KeyModifiers::ALT), b"\x1b\r");
}

#[test]
fn paste_is_bracketed_only_when_asked_and_newlines_become_returns() {
    assert_eq!(encode_paste("ls\necho hi", NORMAL), b"ls\recho hi");
    assert_eq!(encode_paste("a\r\nb", NORMAL), b"a\rb");
    assert_eq!(encode_paste("x y", APP), b"\x1b[200~x y\x1b[201~");
}
