//! The process's own terminal, for `kubic` started from a shell: raw mode, the
//! alternate screen and bracketed paste on entry and a guaranteed restore on exit and on
//! panic; crossterm's key reader; `$EDITOR` on the real terminal; and SIGTERM/SIGHUP as
//! the signal that ends the session.

use std::future::Future;
use std::io;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::Frame;
use ratatui::layout::Size;
use tokio::signal::unix::{SignalKind, signal};

use super::session::terminal::{SessionTerminal, TermEvent};

/// The process's terminal; restores it when dropped, however the program leaves the TUI.
pub struct LocalTerminal {
    terminal: DefaultTerminal,
    /// `None` while a local program has the terminal: no reader competes for its keys.
    input: Option<EventStream>,
}

impl LocalTerminal {
    /// Enters raw mode and the alternate screen; `ratatui::try_init` also installs a
    /// panic hook that restores the terminal before the panic message is printed.
    pub fn enter() -> io::Result<LocalTerminal> {
        let local = LocalTerminal {
            terminal: ratatui::try_init()?,
            input: Some(EventStream::new()),
        };
        // Pastes arrive whole, so a console can pass them on as one paste.
        crossterm::execute!(io::stdout(), EnableBracketedPaste)?;
        Ok(local)
    }
}

impl Drop for LocalTerminal {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

impl SessionTerminal for LocalTerminal {
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        self.terminal.draw(render).map(drop)
    }

    fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    /// Nothing to do: the full-screen terminal takes the real size at each draw.
    fn resize(&mut self, _width: u16, _height: u16) -> io::Result<()> {
        Ok(())
    }

    async fn next_event(&mut self) -> Option<io::Result<TermEvent>> {
        loop {
            let input = self.input.get_or_insert_with(EventStream::new);
            let event = match input.next().await? {
                Ok(event) => event,
                Err(error) => return Some(Err(error)),
            };
            match event {
                Event::Key(key) => return Some(Ok(TermEvent::Key(key))),
                Event::Paste(text) => return Some(Ok(TermEvent::Paste(text))),
                Event::Resize(width, height) => return Some(Ok(TermEvent::Resize(width, height))),
                Event::FocusGained | Event::FocusLost | Event::Mouse(_) => {}
            }
        }
    }

    /// Writes to the terminal the TUI draws on (its backend's writer), flushed at once.
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        let writer = self.terminal.backend_mut().writer_mut();
        writer.write_all(bytes)?;
        writer.flush()
    }

    /// Gives the real terminal to `run` (an external editor), then takes it back.
    fn suspend_and_run<R>(&mut self, run: impl FnOnce() -> R) -> Option<R> {
        self.input = None;
        ratatui::restore();
        let result = run();
        if let Ok(terminal) = ratatui::try_init() {
            self.terminal = terminal;
        }
        let _ = self.terminal.clear();
        self.input = Some(EventStream::new());
        Some(result)
    }
}

/// Resolves on the first SIGTERM or SIGHUP: the local session then ends as on a quit.
pub fn end_signal() -> io::Result<impl Future<Output = ()> + Send> {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = hangup.recv() => {}
        }
    })
}
