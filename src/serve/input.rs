//! Bytes from a far terminal into a session's [`TermEvent`]s: the keys crossterm's reader
//! would yield for the same bytes, a bracketed paste whole, however the bytes were split.
//!
//! The bytes are taken one at a time, as crossterm's reader does, so any split of a
//! stream decodes to the same events. Where crossterm asks "is more input available?" to
//! tell a lone ESC from the start of a sequence, the decoder waits: the caller calls
//! [`InputDecoder::flush`] once [`ESC_TIMEOUT`] passed without input.
//!
//! Rules of its own: ESC ESC is the Esc key, then a fresh ESC (two presses, not Alt-Esc);
//! an ESC inside an unfinished sequence ends that sequence (as a timeout would) and
//! starts a new one; a sequence the parser rejects is dropped whole, a broken UTF-8 byte
//! alone; mouse, focus and key-release events are dropped; a paste longer than
//! [`MAX_PASTE`] comes out as several pastes, so memory stays bounded.

mod paste;
mod stream;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_keys;
#[cfg(test)]
mod tests_split;

use std::time::Duration;

use crossterm::event::KeyEventKind;
use terminput::Event;

use crate::tui::TermEvent;
pub use paste::MAX_PASTE;
use paste::Paste;
pub use stream::{Incoming, decode_stream};

/// How long a lone ESC (or an unfinished sequence) waits for the rest before it is taken
/// as typed: long enough for the bytes of one key to cross a network together.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(40);

/// The longest unfinished sequence kept; longer, it is garbage and dropped (a real
/// sequence is a few dozen bytes).
pub const MAX_PENDING: usize = 4 * 1024;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";

/// Decodes a far terminal's input bytes into events, across any split of the bytes.
#[derive(Debug, Default)]
pub struct InputDecoder {
    /// The bytes of an unfinished key or sequence.
    pending: Vec<u8>,
    /// Inside a bracketed paste: its text so far.
    paste: Option<Paste>,
}

impl InputDecoder {
    pub fn new() -> Self {
        InputDecoder::default()
    }

    /// Every complete event in the bytes received so far (bytes may split anywhere: inside
    /// an escape sequence, inside a UTF-8 character, inside a bracketed paste).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<TermEvent> {
        let mut events = Vec::new();
        let mut rest = bytes;
        while let Some(&byte) = rest.first() {
            rest = match &mut self.paste {
                Some(paste) => {
                    let (ended, rest) = paste.take(rest, &mut events);
                    if ended {
                        self.paste = None;
                    }
                    rest
                }
                None => {
                    self.push(byte, &mut events);
                    &rest[1..]
                }
            };
        }
        events
    }

    /// True while buffered bytes wait for more (a lone ESC, an unfinished sequence or
    /// paste): the caller calls [`flush`](Self::flush) when [`ESC_TIMEOUT`] passes
    /// without input.
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty() || self.paste.is_some()
    }

    /// The timeout passed: a lone ESC becomes the Esc key, ESC and one byte of a sequence
    /// (`ESC [`, `ESC O`) become that key with Alt, anything else unfinished is dropped.
    /// An unfinished paste keeps waiting: a paste is never cut by a pause.
    pub fn flush(&mut self) -> Vec<TermEvent> {
        let mut events = Vec::new();
        self.resolve_pending(&mut events);
        events
    }

    /// One byte outside a paste.
    fn push(&mut self, byte: u8, events: &mut Vec<TermEvent>) {
        if byte == ESC {
            self.resolve_pending(events);
        }
        self.pending.push(byte);
        self.parse_pending(events);
    }

    /// What the pending bytes are once no more will come for them.
    fn resolve_pending(&mut self, events: &mut Vec<TermEvent>) {
        let pending = std::mem::take(&mut self.pending);
        let event = match pending.as_slice() {
            [] => return,
            [ESC] => Some(Event::Key(terminput::KeyCode::Esc.into())),
            [ESC, byte] => with_alt(Event::parse_from(&[*byte]).ok().flatten()),
            _ => None,
        };
        events.extend(event.and_then(term_event));
    }

    fn parse_pending(&mut self, events: &mut Vec<TermEvent>) {
        if self.pending == [ESC] {
            return;
        }
        if self.pending == PASTE_START {
            self.pending.clear();
            self.paste = Some(Paste::default());
            return;
        }
        if is_mouse_report(&self.pending) {
            self.pending.clear();
            return;
        }
        match Event::parse_from(&self.pending) {
            Ok(None) if self.pending.len() > MAX_PENDING => self.pending.clear(),
            Ok(None) => {}
            Ok(Some(event)) => {
                self.pending.clear();
                events.extend(term_event(event));
            }
            Err(_) => self.skip_invalid(events),
        }
    }

    /// A sequence the parser rejects is dropped whole (as crossterm does); a broken UTF-8
    /// character loses only its first byte, so a good byte after it still counts.
    fn skip_invalid(&mut self, events: &mut Vec<TermEvent>) {
        let pending = std::mem::take(&mut self.pending);
        if pending.first() != Some(&ESC) {
            for &byte in &pending[1..] {
                self.push(byte, events);
            }
        }
    }
}

/// A whole mouse report in the SGR (`ESC [ < … M|m`) or rxvt (`ESC [ digits … M`)
/// encoding: dropped unparsed, since mouse events are not used and the parser's
/// arithmetic overflows on a zero coordinate.
fn is_mouse_report(pending: &[u8]) -> bool {
    matches!(
        pending,
        [ESC, b'[', b'<', .., b'M' | b'm'] | [ESC, b'[', b'0'..=b'9', .., b'M']
    )
}

fn with_alt(event: Option<Event>) -> Option<Event> {
    match event? {
        Event::Key(mut key) => {
            key.modifiers |= terminput::KeyModifiers::ALT;
            Some(Event::Key(key))
        }
        _ => None,
    }
}

/// The session's event for a parsed one: keys pressed (or repeated) and pastes only.
fn term_event(event: Event) -> Option<TermEvent> {
    match event {
        Event::Key(key) => {
            let key = terminput_crossterm::to_crossterm_key(key);
            (key.kind != KeyEventKind::Release).then_some(TermEvent::Key(key))
        }
        Event::Paste(text) => Some(TermEvent::Paste(text)),
        Event::Mouse(_) | Event::FocusGained | Event::FocusLost | Event::Resize { .. } => None,
    }
}
