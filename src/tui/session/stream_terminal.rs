//! A session terminal that is not the process's own: frames go to any ratatui backend
//! (one over a network writer, or a `TestBackend`), input and size changes arrive on a
//! stream, and each frame drawn can be watched. It lends itself to no local program.

use std::io;

use futures::{Stream, StreamExt};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use tokio::sync::watch;

use super::terminal::{SessionTerminal, TermEvent};
use super::writer_backend::SizedBackend;

/// A terminal of a fixed viewport that follows the [`TermEvent::Resize`] events of its
/// stream (never the process's terminal size): the backend is told each new size.
pub struct StreamTerminal<B: Backend, S> {
    terminal: Terminal<B>,
    size: Size,
    events: S,
    frames: watch::Sender<Buffer>,
}

impl<B, S> StreamTerminal<B, S>
where
    B: SizedBackend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    /// A terminal drawing on `backend` at `size` until told otherwise, reading `events`.
    pub fn new(backend: B, size: Size, events: S) -> io::Result<Self> {
        let area = Rect::new(0, 0, size.width, size.height);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let terminal = Terminal::with_options(backend, options).map_err(io::Error::other)?;
        // No frame yet: an empty buffer, not one of the screen's size (per session).
        let (frames, _) = watch::channel(Buffer::default());
        Ok(StreamTerminal {
            terminal,
            size,
            events,
            frames,
        })
    }

    /// The frames drawn from now on, each whole (a slow watcher sees the latest one).
    pub fn frames(&self) -> watch::Receiver<Buffer> {
        self.frames.subscribe()
    }

    pub fn backend(&self) -> &B {
        self.terminal.backend()
    }
}

impl<B, S> SessionTerminal for StreamTerminal<B, S>
where
    B: SizedBackend + Send,
    B::Error: std::error::Error + Send + Sync + 'static,
    S: Stream<Item = TermEvent> + Unpin + Send,
{
    /// Draws one frame; whole (after a clear) when output was lost since the last one,
    /// since the far screen no longer matches the frame the next one is diffed with.
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        if self.terminal.backend_mut().take_lost_output() {
            self.terminal.clear().map_err(io::Error::other)?;
        }
        let frame = self.terminal.draw(render).map_err(io::Error::other)?;
        if self.frames.receiver_count() > 0 {
            self.frames.send_replace(frame.buffer.clone());
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.size = Size { width, height };
        self.terminal.backend_mut().set_size(self.size);
        self.terminal
            .resize(Rect::new(0, 0, width, height))
            .map_err(io::Error::other)
    }

    async fn next_event(&mut self) -> Option<io::Result<TermEvent>> {
        self.events.next().await.map(Ok)
    }

    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.terminal.backend_mut().write_raw(bytes)
    }
}
