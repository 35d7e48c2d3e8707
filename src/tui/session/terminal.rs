//! What a session runs on, whatever the terminal is: a screen to draw frames on, a
//! stream of input events (size changes among them), and, only where the terminal is
//! on this machine, the power to lend it to a local program such as `$EDITOR`.

use std::future::Future;
use std::io;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Size;

/// One input event of a session, whichever terminal it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermEvent {
    Key(KeyEvent),
    /// A bracketed paste, whole.
    Paste(String),
    /// The terminal's new size: `(width, height)` in cells.
    Resize(u16, u16),
}

/// A terminal a session draws on and reads from. The process's own terminal is one
/// (raw mode, alternate screen and signals are its business, never the session's);
/// a backend over any writer, with events from a channel, is another.
pub trait SessionTerminal {
    /// Draws one frame.
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()>;

    /// The size frames are drawn at now.
    fn size(&self) -> io::Result<Size>;

    /// Takes the size a [`TermEvent::Resize`] announced, before the next frame.
    fn resize(&mut self, width: u16, height: u16) -> io::Result<()>;

    /// The next input event; `None` once the input has ended for good.
    fn next_event(&mut self) -> impl Future<Output = Option<io::Result<TermEvent>>> + Send;

    /// Writes `bytes` to the terminal as they are, between two frames (an escape sequence
    /// for the terminal itself, such as OSC 52's copy); the default: this terminal takes
    /// no such output.
    fn write_raw(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this terminal takes no escape sequences",
        ))
    }

    /// Lends the terminal to a program on this machine for the time of `run`, then takes
    /// it back and redraws. `None` (the default): this terminal cannot be lent, so
    /// `run` did not run.
    fn suspend_and_run<R>(&mut self, _run: impl FnOnce() -> R) -> Option<R> {
        None
    }
}
