//! Each class of key, decoded as crossterm's reader decodes the same bytes; the lone
//! ESC and its timeout; garbage; bracketed paste.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> TermEvent {
    TermEvent::Key(KeyEvent::new(code, modifiers))
}

fn plain(code: KeyCode) -> TermEvent {
    key(code, KeyModifiers::NONE)
}

fn char_key(c: char) -> TermEvent {
    plain(KeyCode::Char(c))
}

/// The events of `bytes` fed whole, with nothing left waiting.
fn decode(bytes: &[u8]) -> Vec<TermEvent> {
    let mut decoder = InputDecoder::new();
    let events = decoder.feed(bytes);
    assert!(!decoder.is_waiting(), "{bytes:?} left bytes waiting");
    events
}

fn assert_decodes(cases: &[(&[u8], TermEvent)]) {
    for (bytes, expected) in cases {
        assert_eq!(decode(bytes), std::slice::from_ref(expected), "the bytes {bytes:?}");
    }
}

#[test]
fn plain_and_control_keys() {
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_decodes(&[
        (b"\r", plain(KeyCode::Enter)),
        (b"\x7f", plain(KeyCode::Backspace)),
        (b"\t", plain(KeyCode::Tab)),
        (b"\x1b[Z", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (b"q", char_key('q')),
        (b"Q", key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
        (b"\x01", ctrl('a')),
        (b"\x03", ctrl('c')),
        (b"\n", ctrl('j')),
        (b"\x00", ctrl(' ')),
        (b"\x1c", ctrl('4')),
    ]);
}

#[test]
fn alt_letters_need_no_timeout() {
    assert_decodes(&[
        (b"\x1bx", key(KeyCode::Char('x'), KeyModifiers::ALT)),
        (
            b"\x1bX",
            key(KeyCode::Char('X'), KeyModifiers::ALT | KeyModifiers::SHIFT),
        ),
        (b"\x1b\x7f", key(KeyCode::Backspace, KeyModifiers::ALT)),
        ("\x1b한".as_bytes(), key(KeyCode::Char('한'), KeyModifiers::ALT)),
    ]);
}

#[test]
fn arrows_in_normal_and_application_mode_with_modifiers() {
    assert_decodes(&[
        (b"\x1b[A", plain(KeyCode::Up)),
        (b"\x1b[B", plain(KeyCode::Down)),
        (b"\x1b[C", plain(KeyCode::Right)),
        (b"\x1b[D", plain(KeyCode::Left)),
        (b"\x1bOA", plain(KeyCode::Up)),
        (b"\x1bOB", plain(KeyCode::Down)),
        (b"\x1bOC", plain(KeyCode::Right)),
        (b"\x1bOD", plain(KeyCode::Left)),
        (b"\x1b[1;5A", key(KeyCode::Up, KeyModifiers::CONTROL)),
        (b"\x1b[1;2D", key(KeyCode::Left, KeyModifiers::SHIFT)),
        (b"\x1b[1;3C", key(KeyCode::Right, KeyModifiers::ALT)),
    ]);
}

#[test]
fn editing_keys_in_every_encoding() {
    assert_decodes(&[
        (b"\x1b[H", plain(KeyCode::Home)),
        (b"\x1bOH", plain(KeyCode::Home)),
        (b"\x1b[1~", plain(KeyCode::Home)),
        (b"\x1b[7~", plain(KeyCode::Home)),
        (b"\x1b[F", plain(KeyCode::End)),
        (b"\x1bOF", plain(KeyCode::End)),
        (b"\x1b[4~", plain(KeyCode::End)),
        (b"\x1b[8~", plain(KeyCode::End)),
        (b"\x1b[5~", plain(KeyCode::PageUp)),
        (b"\x1b[6~", plain(KeyCode::PageDown)),
        (b"\x1b[2~", plain(KeyCode::Insert)),
        (b"\x1b[3~", plain(KeyCode::Delete)),
        (b"\x1b[3;5~", key(KeyCode::Delete, KeyModifiers::CONTROL)),
    ]);
}

#[test]
fn function_keys() {
    assert_decodes(&[
        (b"\x1bOP", plain(KeyCode::F(1))),
        (b"\x1bOS", plain(KeyCode::F(4))),
        (b"\x1b[[A", plain(KeyCode::F(1))),
        (b"\x1b[11~", plain(KeyCode::F(1))),
        (b"\x1b[15~", plain(KeyCode::F(5))),
        (b"\x1b[17~", plain(KeyCode::F(6))),
        (b"\x1b[21~", plain(KeyCode::F(10))),
        (b"\x1b[24~", plain(KeyCode::F(12))),
        (b"\x1b[15;2~", key(KeyCode::F(5), KeyModifiers::SHIFT)),
    ]);
}

#[test]
fn utf8_characters_whole() {
    assert_eq!(
        decode("é한글😀".as_bytes()),
        [char_key('é'), char_key('한'), char_key('글'), char_key('😀')]
    );
}

#[test]
fn a_lone_esc_waits_for_the_timeout() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b"), []);
    assert!(decoder.is_waiting());
    assert_eq!(decoder.flush(), [plain(KeyCode::Esc)]);
    assert!(!decoder.is_waiting());
    assert_eq!(decoder.flush(), []);
}

#[test]
fn esc_then_the_rest_of_a_sequence_before_the_timeout_is_that_key() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b"), []);
    assert_eq!(decoder.feed(b"["), []);
    assert_eq!(decoder.feed(b"A"), [plain(KeyCode::Up)]);
    assert!(!decoder.is_waiting());
}

#[test]
fn esc_and_one_byte_at_the_timeout_is_that_key_with_alt() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b["), []);
    assert_eq!(decoder.flush(), [key(KeyCode::Char('['), KeyModifiers::ALT)]);
    assert_eq!(decoder.feed(b"\x1bO"), []);
    assert_eq!(
        decoder.flush(),
        [key(KeyCode::Char('O'), KeyModifiers::ALT | KeyModifiers::SHIFT)]
    );
}

#[test]
fn two_escs_are_two_presses() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b\x1b"), [plain(KeyCode::Esc)]);
    assert_eq!(decoder.flush(), [plain(KeyCode::Esc)]);
    assert_eq!(decode(b"\x1b\x1b[A"), [plain(KeyCode::Esc), plain(KeyCode::Up)]);
}

#[test]
fn an_unfinished_sequence_is_dropped_at_the_timeout_or_by_the_next_esc() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b[1;5"), []);
    assert_eq!(decoder.flush(), []);
    assert!(!decoder.is_waiting());
    assert_eq!(decode(b"\x1b[1;5\x1b[Bq"), [plain(KeyCode::Down), char_key('q')]);
}

#[test]
fn garbage_is_skipped_and_never_blocks_what_follows() {
    assert_eq!(decode(b"\x1b[xq"), [char_key('q')]);
    assert_eq!(decode(b"\xffq"), [char_key('q')]);
    assert_eq!(decode(b"\x80\xbfq"), [char_key('q')]);
    assert_eq!(decode(b"\xe0q"), [char_key('q')]);
    assert_eq!(decode(b"\xed\x95q\xea\xb8\x80"), [char_key('q'), char_key('글')]);
    assert_eq!(decode(b"\x1b[?1;2cq"), [char_key('q')]);
}

#[test]
fn an_endless_sequence_is_dropped_past_the_pending_limit() {
    let mut decoder = InputDecoder::new();
    let mut bytes = b"\x1b[?".to_vec();
    bytes.resize(MAX_PENDING, b'1');
    assert_eq!(decoder.feed(&bytes), []);
    assert!(decoder.is_waiting());
    assert_eq!(decoder.feed(b"1"), []);
    assert!(!decoder.is_waiting(), "the sequence is dropped");
    assert_eq!(decoder.feed(b"q"), [char_key('q')]);
}

#[test]
fn mouse_focus_and_key_releases_are_dropped() {
    assert_eq!(decode(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<0;0;0Mq"), [char_key('q')]);
    assert_eq!(decode(b"\x1b[32;0;0M\x1b[M !!\x1b[I\x1b[Oq"), [char_key('q')]);
    assert_eq!(
        decode(b"\x1b[97;5u\x1b[97;5:3u"),
        [key(KeyCode::Char('a'), KeyModifiers::CONTROL)]
    );
}

#[test]
fn a_bracketed_paste_is_one_event_with_its_text_as_sent() {
    let bytes = "\x1b[200~kubectl get pods\r한글 😀\x1b\t\x1b[201~q".as_bytes();
    assert_eq!(
        decode(bytes),
        [
            TermEvent::Paste("kubectl get pods\r한글 😀\x1b\t".into()),
            char_key('q')
        ]
    );
    assert_eq!(decode(b"\x1b[200~\x1b[201~"), [TermEvent::Paste(String::new())]);
}

#[test]
fn a_paste_waits_through_any_pause() {
    let mut decoder = InputDecoder::new();
    assert_eq!(decoder.feed(b"\x1b[200~abc\x1b[20"), []);
    assert_eq!(decoder.flush(), []);
    assert!(decoder.is_waiting());
    assert_eq!(decoder.feed(b"1~"), [TermEvent::Paste("abc".into())]);
    assert!(!decoder.is_waiting());
}

#[test]
fn a_paste_past_the_limit_comes_in_parts_cut_between_characters() {
    let text = format!("{}한글{}", "a".repeat(MAX_PASTE - 7), "b".repeat(100));
    let bytes = format!("\x1b[200~{text}\x1b[201~q");
    let events = decode(bytes.as_bytes());
    let (last, pastes) = events.split_last().unwrap();
    assert_eq!(*last, char_key('q'));
    let parts: Vec<&str> = pastes
        .iter()
        .map(|event| match event {
            TermEvent::Paste(part) => part.as_str(),
            other => panic!("not a paste: {other:?}"),
        })
        .collect();
    assert_eq!(parts.len(), 2);
    assert!(parts.iter().all(|part| part.len() <= MAX_PASTE));
    assert_eq!(parts.concat(), text);
}
