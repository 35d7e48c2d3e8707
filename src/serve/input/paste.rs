//! A bracketed paste in progress: its bytes are gathered until the end marker, which is
//! looked for only in the bytes that just arrived (and the few before them that could
//! hold its start), so a paste of any size is decoded in linear time.

use crate::tui::TermEvent;

/// The largest paste kept whole: a longer one comes out as several pastes of at most
/// this many bytes each (cut at a character boundary), so memory stays bounded.
pub const MAX_PASTE: usize = 4 * 1024 * 1024;

const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Debug, Default)]
pub(super) struct Paste {
    bytes: Vec<u8>,
}

impl Paste {
    /// Takes bytes of `input` into the paste, emitting it to `events` when its end marker
    /// arrives (then `true`) or it reaches [`MAX_PASTE`]. The rest is what was not taken:
    /// the bytes after the marker, or those past the size limit.
    pub(super) fn take<'a>(&mut self, input: &'a [u8], events: &mut Vec<TermEvent>) -> (bool, &'a [u8]) {
        let room = MAX_PASTE.saturating_sub(self.bytes.len());
        let taken = input.len().min(room);
        let search_from = self.bytes.len().saturating_sub(PASTE_END.len() - 1);
        self.bytes.extend_from_slice(&input[..taken]);
        if let Some(at) = find(&self.bytes[search_from..], PASTE_END) {
            let text_end = search_from + at;
            let after_marker = self.bytes.len() - (text_end + PASTE_END.len());
            self.bytes.truncate(text_end);
            events.push(TermEvent::Paste(text_of(&self.bytes)));
            return (true, &input[taken - after_marker..]);
        }
        if self.bytes.len() >= MAX_PASTE {
            self.emit_all_but_a_possible_marker(events);
        }
        (false, &input[taken..])
    }

    /// The paste so far, less the bytes that could begin the end marker or end in the
    /// middle of a character: those stay for the next part.
    fn emit_all_but_a_possible_marker(&mut self, events: &mut Vec<TermEvent>) {
        let cut = char_boundary_before(&self.bytes, self.bytes.len() - (PASTE_END.len() - 1));
        let rest = self.bytes.split_off(cut);
        events.push(TermEvent::Paste(text_of(&self.bytes)));
        self.bytes = rest;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// `at`, or the start of the UTF-8 character it falls inside.
fn char_boundary_before(bytes: &[u8], at: usize) -> usize {
    let is_continuation = |i: usize| bytes.get(i).is_some_and(|byte| byte & 0b1100_0000 == 0b1000_0000);
    let mut cut = at;
    while cut > at.saturating_sub(3) && is_continuation(cut) {
        cut -= 1;
    }
    cut
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
