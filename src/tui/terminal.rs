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
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}
