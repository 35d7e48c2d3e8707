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

#[test]
fn alt_with_page_insert_and_delete_is_in_the_parameter_alone() {
    assert_eq!(enc(KeyCode::Delete, KeyModifiers::ALT), b"\x1b[3;3~");
    assert_eq!(enc(KeyCode::PageUp, KeyModifiers::ALT), b"\x1b[5;3~");
    assert_eq!(
        enc(KeyCode::Insert, KeyModifiers::ALT | KeyModifiers::CONTROL),
        b"\x1b[2;7~"
    );
}

mod props {
    use proptest::prelude::*;

    use super::*;

    fn modifiers() -> impl Strategy<Value = KeyModifiers> {
        (0u8..16).prop_map(KeyModifiers::from_bits_truncate)
    }

    fn modes() -> impl Strategy<Value = TermModes> {
        (any::<bool>(), any::<bool>()).prop_map(|(application_cursor, bracketed_paste)| TermModes {
            application_cursor,
            bracketed_paste,
        })
    }

    fn any_code() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            any::<u8>().prop_map(KeyCode::F),
            prop::sample::select(vec![
                KeyCode::Enter,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Esc,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Insert,
                KeyCode::Delete,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Null,
                KeyCode::CapsLock,
                KeyCode::Menu,
            ]),
        ]
    }

    /// xterm's modifier parameter, written out: 1 + shift + 2·alt + 4·ctrl.
    fn parameter(modifiers: KeyModifiers) -> u8 {
        let has = |m| u8::from(modifiers.contains(m));
        1 + has(KeyModifiers::SHIFT) + 2 * has(KeyModifiers::ALT) + 4 * has(KeyModifiers::CONTROL)
    }

    /// What xterm sends for the keys with a CSI or SS3 sequence.
    fn xterm(code: KeyCode, modifiers: KeyModifiers, modes: TermModes) -> Option<String> {
        let m = parameter(modifiers);
        let letter = |letter: char, ss3: bool| match m {
            1 if ss3 => format!("\x1bO{letter}"),
            1 => format!("\x1b[{letter}"),
            m => format!("\x1b[1;{m}{letter}"),
        };
        let tilde = |n: u8| match m {
            1 => format!("\x1b[{n}~"),
            m => format!("\x1b[{n};{m}~"),
        };
        let cursor = modes.application_cursor;
        Some(match code {
            KeyCode::Up => letter('A', cursor),
            KeyCode::Down => letter('B', cursor),
            KeyCode::Right => letter('C', cursor),
            KeyCode::Left => letter('D', cursor),
            KeyCode::Home => letter('H', cursor),
            KeyCode::End => letter('F', cursor),
            KeyCode::F(n @ 1..=4) => letter(char::from(b'O' + n), true),
            KeyCode::Insert => tilde(2),
            KeyCode::Delete => tilde(3),
            KeyCode::PageUp => tilde(5),
            KeyCode::PageDown => tilde(6),
            KeyCode::F(n @ 5..=12) => tilde([15, 17, 18, 19, 20, 21, 23, 24][usize::from(n - 5)]),
            _ => return None,
        })
    }

    proptest! {
        #[test]
        fn any_key_encodes_without_a_panic(code in any_code(), modifiers in modifiers(), modes in modes()) {
            let bytes = encode_key(&KeyEvent::new(code, modifiers), modes);
            if matches!(code, KeyCode::F(13..) | KeyCode::F(0) | KeyCode::Null | KeyCode::CapsLock | KeyCode::Menu) {
                prop_assert!(bytes.is_empty());
            }
        }

        #[test]
        fn sequences_are_xterms(code in any_code(), modifiers in modifiers(), modes in modes()) {
            if let Some(expected) = xterm(code, modifiers, modes) {
                let bytes = encode_key(&KeyEvent::new(code, modifiers), modes);
                prop_assert_eq!(String::from_utf8_lossy(&bytes), expected);
            }
        }

        #[test]
        fn characters_are_their_utf8_after_esc_for_alt(c in any::<char>(), alt in any::<bool>(), shift in any::<bool>()) {
            let mut modifiers = if alt { KeyModifiers::ALT } else { KeyModifiers::NONE };
            modifiers.set(KeyModifiers::SHIFT, shift);
            let mut expected = if alt { vec![0x1b] } else { Vec::new() };
            expected.extend(c.to_string().into_bytes());
            prop_assert_eq!(enc(KeyCode::Char(c), modifiers), expected);
        }

        #[test]
        fn ctrl_letters_are_their_place_in_the_alphabet(letter in 0u8..26, upper in any::<bool>(), alt in any::<bool>()) {
            let c = char::from(if upper { b'A' } else { b'a' } + letter);
            let mut modifiers = KeyModifiers::CONTROL;
            modifiers.set(KeyModifiers::ALT, alt);
            let mut expected = if alt { vec![0x1b] } else { Vec::new() };
            expected.push(letter + 1);
            prop_assert_eq!(enc(KeyCode::Char(c), modifiers), expected);
        }

        #[test]
        fn a_bracketed_paste_is_one_paste_with_returns(text in "\\PC{0,40}|[a\\r\\n\\x1b]{0,12}", modes in modes()) {
            let bytes = encode_paste(&text, modes);
            let body = if modes.bracketed_paste {
                prop_assert!(bytes.starts_with(b"\x1b[200~") && bytes.ends_with(b"\x1b[201~"));
                &bytes[6..bytes.len() - 6]
            } else {
                &bytes[..]
            };
            prop_assert!(!body.contains(&b'\n'));
            prop_assert!(!modes.bracketed_paste || !body.contains(&0x1b));
        }
    }
}
