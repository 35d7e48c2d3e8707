//! Sessions driven in memory: keys sent into a session's event channel as a terminal
//! would report them, and its frames read back as text.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::UnboundedSender;
use ratatui::buffer::Buffer;
use tokio::sync::watch;

use kubic::tui::TermEvent;

/// How long a frame may take to show what a test waits for.
pub const WAIT: Duration = Duration::from_secs(60);

/// Presses one key.
pub fn press(keys: &UnboundedSender<TermEvent>, code: KeyCode, modifiers: KeyModifiers) {
    keys.unbounded_send(TermEvent::Key(KeyEvent::new(code, modifiers)))
        .unwrap();
}

/// Types `text` as a terminal reports it: `\r` is enter, `\t` tab, `\x1b` esc, an
/// uppercase letter comes with shift.
pub fn type_keys(keys: &UnboundedSender<TermEvent>, text: &str) {
    for c in text.chars() {
        match c {
            '\r' => press(keys, KeyCode::Enter, KeyModifiers::NONE),
            '\t' => press(keys, KeyCode::Tab, KeyModifiers::NONE),
            '\x1b' => press(keys, KeyCode::Esc, KeyModifiers::NONE),
            c if c.is_uppercase() => press(keys, KeyCode::Char(c), KeyModifiers::SHIFT),
            c => press(keys, KeyCode::Char(c), KeyModifiers::NONE),
        }
    }
}

/// The frame's text, one line per row.
pub fn text(frame: &Buffer) -> String {
    let area = frame.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| frame[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first frame drawn (or the last one already drawn) that `check` accepts; fails
/// after [`WAIT`] with the last frame seen.
pub async fn frame_where(
    frames: &mut watch::Receiver<Buffer>,
    what: &str,
    check: impl Fn(&Buffer, &str) -> bool,
) -> Buffer {
    let found = tokio::time::timeout(WAIT, frames.wait_for(|frame| check(frame, &text(frame))))
        .await
        .map(|seen| seen.map(|frame| frame.clone()));
    match found {
        Ok(Ok(frame)) => frame,
        Ok(Err(_)) => panic!("the session ended before {what}"),
        Err(_) => panic!(
            "timed out after {WAIT:?} waiting for {what}; the last frame:\n{}",
            text(&frames.borrow())
        ),
    }
}

/// The text of the first frame whose text `check` accepts.
pub async fn text_where(frames: &mut watch::Receiver<Buffer>, what: &str, check: impl Fn(&str) -> bool) -> String {
    text(&frame_where(frames, what, |_, text| check(text)).await)
}

/// Waits for a frame whose text contains `wanted`.
pub async fn frame_with(frames: &mut watch::Receiver<Buffer>, wanted: &str) {
    text_where(frames, &format!("{wanted:?}"), |text| text.contains(wanted)).await;
}
