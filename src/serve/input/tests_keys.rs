//! What kubic's console sends for a key press (the pty key encoder) decodes back to that
//! key: the two ends of a terminal agree on every key both can express.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

use super::*;
use crate::app::console::keycodes::{TermModes, encode_key};
use crate::config::key::Key;

/// The keys a terminal's bytes can tell apart, each with the modifiers its encoding
/// carries: characters (uppercase ones with or without SHIFT), ctrl letters but the
/// four that are Backspace, Tab, Enter and LF, alt with either, and the named keys.
fn expressible() -> impl Strategy<Value = KeyEvent> {
    let alt = || prop_oneof![Just(KeyModifiers::NONE), Just(KeyModifiers::ALT)];
    let any_modifiers = (0u8..8).prop_map(KeyModifiers::from_bits_truncate);
    let printable = any::<char>().prop_filter("printable", |c| !c.is_control());
    prop_oneof![
        (printable, alt(), any::<bool>()).prop_map(|(c, alt, shift)| {
            let shift = if shift && c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), alt | shift)
        }),
        ("[a-gkln-z]", alt()).prop_map(|(c, alt)| {
            KeyEvent::new(
                KeyCode::Char(c.chars().next().unwrap_or('a')),
                KeyModifiers::CONTROL | alt,
            )
        }),
        (
            prop::sample::select(vec![KeyCode::Enter, KeyCode::Tab, KeyCode::Backspace]),
            alt()
        )
            .prop_map(|(code, alt)| KeyEvent::new(code, alt)),
        Just(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        Just(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (
            prop::sample::select(vec![
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
            ]),
            any_modifiers.clone(),
        )
            .prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers)),
        (1u8..=12, any_modifiers).prop_map(|(n, modifiers)| KeyEvent::new(KeyCode::F(n), modifiers)),
    ]
}

fn decoded(bytes: &[u8]) -> Vec<TermEvent> {
    let mut decoder = InputDecoder::new();
    let mut events = decoder.feed(bytes);
    events.extend(decoder.flush());
    events
}

#[test]
fn alt_delete_is_one_key_not_esc_then_delete() {
    let key = KeyEvent::new(KeyCode::Delete, KeyModifiers::ALT);
    let events = decoded(&encode_key(&key, TermModes::default()));
    assert_eq!(events, [TermEvent::Key(key)]);
}

proptest! {
    #[test]
    fn every_expressible_key_decodes_back_to_itself(key in expressible(), application_cursor in any::<bool>()) {
        let modes = TermModes { application_cursor, bracketed_paste: false };
        let bytes = encode_key(&key, modes);
        prop_assert!(!bytes.is_empty());
        let events = decoded(&bytes);
        let keys: Vec<Key> = events
            .iter()
            .filter_map(|event| match event {
                TermEvent::Key(key) => Some(Key::from_event(key)),
                _ => None,
            })
            .collect();
        prop_assert_eq!(keys, vec![Key::from_event(&key)], "{:?} sent as {:?}: {:?}", key, bytes, events);
    }
}
