//! `:portforwards` (`:pf`): the session's forwards with their state and counters; the
//! table's keys move, `ctrl-d` stops one after a confirmation, `esc` leaves.

use crossterm::event::KeyEvent;

use crate::app::input::overlay::Confirm;
use crate::app::input::prompt::PromptKind;
use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;

/// The table commands `?` lists there (the table's `q` goes back here, as on `:consoles`).
pub const LIST_COMMANDS: [Command; 10] = [
    Command::Back,
    Command::Up,
    Command::Down,
    Command::PageUp,
    Command::PageDown,
    Command::Top,
    Command::Bottom,
    Command::Delete,
    Command::CommandLine,
    Command::Help,
];

impl App {
    pub(in crate::app) fn open_forward_list(&mut self) -> Vec<Effect> {
        self.mode = Mode::Forwards(0);
        self.status = None;
        vec![Effect::Redraw]
    }

    pub(in crate::app) fn on_forwards_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Forwards(selected) = self.mode else {
            return Vec::new();
        };
        let Some(command) = self.keymap.lookup(Section::Table, &key) else {
            return Vec::new();
        };
        let last = self.forwards.len().saturating_sub(1);
        let page = self.page;
        let moved = |to: usize| Mode::Forwards(to.min(last));
        self.mode = match command {
            Command::Up => moved(selected.saturating_sub(1)),
            Command::Down => moved(selected + 1),
            Command::PageUp => moved(selected.saturating_sub(page)),
            Command::PageDown => moved(selected.saturating_add(page)),
            Command::Top => moved(0),
            Command::Bottom => moved(last),
            Command::Back | Command::Quit => Mode::Normal,
            Command::CommandLine => return self.open_prompt(PromptKind::Command),
            Command::Help => return self.open_help(),
            Command::Delete => return self.confirm_stop(selected),
            _ => return Vec::new(),
        };
        vec![Effect::Redraw]
    }

    /// `ctrl-d` on the list: asks before the selected forward stops.
    fn confirm_stop(&mut self, selected: usize) -> Vec<Effect> {
        let Some(forward) = self.forwards.get(selected) else {
            return self.info(t!(self.lang, "forward.none"));
        };
        self.mode = Mode::Confirm(Confirm::StopForward {
            id: forward.request.id,
            local: forward.request.local(),
            target: forward.target(),
            selected,
        });
        vec![Effect::Redraw]
    }

    /// `y` in the confirmation: the forward stops and the list comes back.
    pub(in crate::app) fn confirmed_stop(&mut self, id: u64, selected: usize) -> Vec<Effect> {
        let effects = self.stop_forward(id);
        self.mode = Mode::Forwards(selected.min(self.forwards.len().saturating_sub(1)));
        effects
    }
}
