//! Any split of a byte stream decodes to the events of the whole; random bytes never
//! panic; a large paste is linear; the stream glue times a lone ESC out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use proptest::prelude::*;

use super::*;

/// A recorded session: keys of every class, UTF-8 text, sequences and a paste.
fn recorded() -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"jj\x1b[B\x1bOA\r:pods\r");
    bytes.extend_from_slice("/한글😀\x7f\r".as_bytes());
    bytes.extend_from_slice(b"\x1bx\x1b[1;5C\x1b[5~\x1b[6~\x1b[3~\x1b[15~\x1bOP\x1b[Z\x03");
    bytes.extend_from_slice("\x1b[200~apiVersion: v1\r  name: 웹 🚀\x1b[201~".as_bytes());
    bytes.extend_from_slice(b"\x1b[<0;3;4M\x1b[I\x1b\x1b[Hq");
    bytes
}

fn recorded_events() -> Vec<TermEvent> {
    let key = |code, modifiers| TermEvent::Key(KeyEvent::new(code, modifiers));
    let plain = |code| key(code, KeyModifiers::NONE);
    let chars = |text: &str| text.chars().map(|c| plain(KeyCode::Char(c))).collect::<Vec<_>>();
    let mut events = chars("jj");
    events.extend([plain(KeyCode::Down), plain(KeyCode::Up), plain(KeyCode::Enter)]);
    events.extend(chars(":pods"));
    events.push(plain(KeyCode::Enter));
    events.extend(chars("/한글😀"));
    events.extend([plain(KeyCode::Backspace), plain(KeyCode::Enter)]);
    events.extend([
        key(KeyCode::Char('x'), KeyModifiers::ALT),
        key(KeyCode::Right, KeyModifiers::CONTROL),
        plain(KeyCode::PageUp),
        plain(KeyCode::PageDown),
        plain(KeyCode::Delete),
        plain(KeyCode::F(5)),
        plain(KeyCode::F(1)),
        key(KeyCode::BackTab, KeyModifiers::SHIFT),
        key(KeyCode::Char('c'), KeyModifiers::CONTROL),
        TermEvent::Paste("apiVersion: v1\r  name: 웹 🚀".into()),
        plain(KeyCode::Esc),
        plain(KeyCode::Home),
        plain(KeyCode::Char('q')),
    ]);
    events
}

/// The events of `bytes` fed in chunks cut at `cuts` (positions, any order), then flushed.
fn decode_split(bytes: &[u8], cuts: &[usize]) -> Vec<TermEvent> {
    let mut cuts: Vec<usize> = cuts.iter().map(|cut| cut % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut decoder = InputDecoder::new();
    let mut events = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([bytes.len()]) {
        events.extend(decoder.feed(&bytes[start..cut]));
        start = cut;
    }
    events.extend(decoder.flush());
    events
}

fn byte_at_a_time(bytes: &[u8]) -> Vec<TermEvent> {
    let cuts: Vec<usize> = (0..bytes.len()).collect();
    decode_split(bytes, &cuts)
}

#[test]
fn the_recorded_stream_decodes_whole_and_byte_at_a_time() {
    assert_eq!(decode_split(&recorded(), &[]), recorded_events());
    assert_eq!(byte_at_a_time(&recorded()), recorded_events());
}

/// Bytes that make escape sequences, UTF-8 and pastes likely, with any byte among them.
fn terminal_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        3 => Just(0x1b_u8),
        2 => prop::sample::select(b"[O<;:?~uMmcABZP0125".to_vec()),
        1 => prop::sample::select(b"\x1b[200~\x1b[201~".to_vec()),
        1 => prop::sample::select(vec![0xed, 0x95, 0x9c, 0xf0, 0x9f, 0x98, 0x80, 0xc3]),
        2 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..200)
}

proptest! {
    #[test]
    fn any_split_of_the_recorded_stream_decodes_the_same(cuts in prop::collection::vec(any::<usize>(), 0..40)) {
        prop_assert_eq!(decode_split(&recorded(), &cuts), recorded_events());
    }

    #[test]
    fn random_bytes_never_panic_and_decode_the_same_however_split(
        bytes in terminal_bytes(),
        cuts in prop::collection::vec(any::<usize>(), 0..20),
    ) {
        let whole = decode_split(&bytes, &[]);
        prop_assert_eq!(&decode_split(&bytes, &cuts), &whole);
        prop_assert_eq!(&byte_at_a_time(&bytes), &whole);
    }

    #[test]
    fn input_after_garbage_still_decodes(garbage in terminal_bytes()) {
        let mut decoder = InputDecoder::new();
        decoder.feed(&garbage);
        decoder.flush();
        decoder.flush();
        if !decoder.is_waiting() {
            prop_assert_eq!(decoder.feed(b"q"), [TermEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))]);
        }
    }
}

/// Under 0.1 s in a debug build, making the text included: the end marker is looked for
/// only in each new chunk, never in the whole paste again.
#[test]
fn a_one_mebibyte_paste_in_four_kibibyte_chunks_is_one_paste() {
    let text = "kubic 한글 😀\r".repeat(1024 * 1024 / 20);
    let bytes = format!("\x1b[200~{text}\x1b[201~");
    let mut decoder = InputDecoder::new();
    let mut events = Vec::new();
    for chunk in bytes.as_bytes().chunks(4096) {
        events.extend(decoder.feed(chunk));
    }
    assert_eq!(events, [TermEvent::Paste(text)]);
    assert!(!decoder.is_waiting());
}

fn esc() -> TermEvent {
    TermEvent::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

#[tokio::test]
async fn the_stream_takes_a_lone_esc_as_esc_after_the_timeout() {
    let (sender, receiver) = tokio::sync::mpsc::channel(8);
    let mut events = decode_stream(receiver);
    sender.send(Incoming::Bytes(b"\x1b".to_vec())).await.unwrap();
    let started = tokio::time::Instant::now();
    assert_eq!(events.next().await, Some(esc()));
    assert!(started.elapsed() >= ESC_TIMEOUT);
}

#[tokio::test]
async fn the_stream_joins_esc_and_the_rest_of_a_sequence_sent_within_the_timeout() {
    let (sender, receiver) = tokio::sync::mpsc::channel(8);
    let mut events = decode_stream(receiver);
    sender.send(Incoming::Bytes(b"\x1b".to_vec())).await.unwrap();
    sender.send(Incoming::Bytes(b"[A".to_vec())).await.unwrap();
    let up = TermEvent::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    assert_eq!(events.next().await, Some(up));
}

#[tokio::test]
async fn the_stream_passes_resizes_in_order_and_ends_with_its_input() {
    let (sender, receiver) = tokio::sync::mpsc::channel(8);
    let mut events = decode_stream(receiver);
    sender.send(Incoming::Bytes(b"a".to_vec())).await.unwrap();
    sender.send(Incoming::Resize(90, 24)).await.unwrap();
    sender.send(Incoming::Bytes(b"b\x1b".to_vec())).await.unwrap();
    drop(sender);
    let char_key = |c| TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let all: Vec<TermEvent> = events.by_ref().collect().await;
    assert_eq!(all, [char_key('a'), TermEvent::Resize(90, 24), char_key('b'), esc()]);
    assert_eq!(events.next().await, None);
}
