//! Owns the terminal: raw mode and the alternate screen on entry, and a guaranteed
//! restore on exit, on panic, and on SIGTERM/SIGHUP (the runner turns those into a quit).

use ratatui::DefaultTerminal;

/// Restores the terminal when dropped, however the program leaves the TUI.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen; `ratatui::try_init` also installs a
    /// panic hook that restores the terminal before the panic message is printed.
    pub fn enter() -> std::io::Result<Self> {
        let terminal = ratatui::try_init()?;
        // Pastes arrive whole, so a console can pass them on as one paste.
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)?;
        Ok(TerminalGuard { terminal })
    }

    /// Gives the real terminal to `run` (an external editor), then takes it back.
    pub fn suspended<T>(&mut self, run: impl FnOnce() -> T) -> T {
        ratatui::restore();
        let result = run();
        if let Ok(terminal) = ratatui::try_init() {
            self.terminal = terminal;
        }
        let _ = self.terminal.clear();
        result
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
        ratatui::restore();
    }
}
