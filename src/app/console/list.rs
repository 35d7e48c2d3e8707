//! `:consoles`: the open consoles, to switch between them or close one.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;

impl App {
    pub(in crate::app) fn open_console_list(&mut self) -> Vec<Effect> {
        if self.consoles.is_empty() {
            return self.info(t!(self.lang, "note.no_console"));
        }
        self.mode = Mode::ConsoleList(0);
        vec![Effect::Redraw]
    }

    /// j/k or arrows move, enter attaches, x closes the selected console, esc leaves.
    pub(in crate::app) fn on_console_list_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::ConsoleList(selected) = self.mode else {
            return Vec::new();
        };
        let last = self.consoles.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.mode = Mode::ConsoleList(selected.saturating_sub(1)),
            KeyCode::Down | KeyCode::Char('j') => self.mode = Mode::ConsoleList((selected + 1).min(last)),
            KeyCode::Enter => match self.consoles.get(selected) {
                Some(console) => self.mode = Mode::Console(console.id),
                None => self.mode = Mode::Normal,
            },
            KeyCode::Char('x') => {
                let Some(id) = self.consoles.get(selected).map(|c| c.id) else {
                    return Vec::new();
                };
                let effects = self.close_console(id);
                self.mode = if self.consoles.is_empty() {
                    Mode::Normal
                } else {
                    Mode::ConsoleList(selected.min(self.consoles.len() - 1))
                };
                return effects;
            }
            KeyCode::Esc | KeyCode::Char('q') => self.mode = Mode::Normal,
            _ => return Vec::new(),
        }
        vec![Effect::Redraw]
    }
}
