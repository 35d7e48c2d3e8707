//! The server's screens for admins of `kubic serve`: the live sessions (`:sessions`:
//! user, source address, since, idle, where they are; `ctrl-d` ends one) and the recent
//! changes the sessions made (`:audit`). Both lists come from the server, not the cluster.

use std::sync::Arc;

use crate::app::hosts::dashboard::Screen;
use crate::app::input::overlay::Confirm;
use crate::app::input::prompt::PromptKind;
use crate::app::{App, Effect, Mode};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::server_session::{AuditEntry, LiveSession};

/// What the server told an admin's session, and the selected line.
#[derive(Debug, Default)]
pub struct ServerLists {
    pub sessions: Arc<Vec<LiveSession>>,
    pub audit: Arc<Vec<AuditEntry>>,
    pub selected: usize,
}

impl ServerLists {
    /// How many lines the screen lists.
    fn len(&self, screen: &Screen) -> usize {
        match screen {
            Screen::Sessions => self.sessions.len(),
            Screen::Audit => self.audit.len(),
            _ => 0,
        }
    }
}

/// The names `:` accepts for the two screens.
pub fn server_screen(name: &str) -> Option<Screen> {
    match name {
        "sessions" | "session" => Some(Screen::Sessions),
        "audit" => Some(Screen::Audit),
        _ => None,
    }
}

impl App {
    /// Opens `:sessions` or `:audit`: only in a served session, only for an admin.
    pub(in crate::app) fn open_server_screen(&mut self, screen: Screen) -> Vec<Effect> {
        let Some(login) = &self.login else {
            return self.error(t!(self.lang, "server.local"));
        };
        if !login.admin {
            return self.error(t!(self.lang, "server.admins_only"));
        }
        self.screen = screen;
        self.server.selected = 0;
        self.status = None;
        vec![Effect::Redraw]
    }

    /// Whether the body shows one of the server's screens.
    pub fn on_server_screen(&self) -> bool {
        matches!(self.screen, Screen::Sessions | Screen::Audit)
    }

    /// The keys of the two screens: moving, `ctrl-d` on a session, `esc` back.
    pub(in crate::app) fn run_server_command(&mut self, command: Command) -> Vec<Effect> {
        let len = self.server.len(&self.screen);
        let last = len.saturating_sub(1);
        let selected = self.server.selected;
        self.server.selected = match command {
            Command::Up => selected.saturating_sub(1),
            Command::Down => (selected + 1).min(last),
            Command::PageUp => selected.saturating_sub(self.page),
            Command::PageDown => (selected + self.page).min(last),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Quit => return vec![Effect::Quit],
            Command::Help => return self.open_help(),
            Command::CommandLine => return self.open_prompt(PromptKind::Command),
            Command::Back => return self.leave_server_screen(),
            Command::Delete if self.screen == Screen::Sessions => return self.confirm_end_session(),
            _ => return self.error(t!(self.lang, "server.keys")),
        };
        vec![Effect::Redraw]
    }

    fn leave_server_screen(&mut self) -> Vec<Effect> {
        if self.views.is_empty() {
            return self.open_dashboard();
        }
        self.screen = Screen::Table;
        vec![Effect::Redraw]
    }

    fn confirm_end_session(&mut self) -> Vec<Effect> {
        let Some(session) = self.server.sessions.get(self.server.selected).cloned() else {
            return self.error(t!(self.lang, "server.no_session"));
        };
        if self.own_session_id == Some(session.id) {
            return self.error(t!(self.lang, "server.own_session"));
        }
        self.mode = Mode::Confirm(Confirm::EndSession {
            id: session.id,
            user: session.user,
            source: session.source,
        });
        vec![Effect::Redraw]
    }

    /// `y` on the confirmation: the server ends it.
    pub(in crate::app) fn end_session(&mut self, id: u64, user: String) -> Vec<Effect> {
        let mut effects = self.info(t!(self.lang, "server.ending", user = user));
        effects.push(Effect::EndSession(id));
        effects
    }

    pub(in crate::app) fn on_session_ended(&mut self, id: u64, ended: bool) -> Vec<Effect> {
        if ended {
            self.info(t!(self.lang, "server.ended", id = id))
        } else {
            self.error(t!(self.lang, "server.not_ended", id = id))
        }
    }

    pub(in crate::app) fn on_server_sessions(&mut self, sessions: Arc<Vec<LiveSession>>) -> Vec<Effect> {
        self.server.sessions = sessions;
        self.clamp_server_selection()
    }

    pub(in crate::app) fn on_audit_trail(&mut self, audit: Arc<Vec<AuditEntry>>) -> Vec<Effect> {
        self.server.audit = audit;
        self.clamp_server_selection()
    }

    fn clamp_server_selection(&mut self) -> Vec<Effect> {
        let len = self.server.len(&self.screen);
        self.server.selected = self.server.selected.min(len.saturating_sub(1));
        vec![Effect::Redraw]
    }

    /// Where the session is, for the server's `:sessions`: the breadcrumbs of its screen.
    pub fn whereabouts(&self) -> String {
        match &self.screen {
            Screen::Dashboard => "dashboard".into(),
            Screen::Monitor(host) => format!("monitor({host})"),
            Screen::Sessions => "sessions".into(),
            Screen::Audit => "audit".into(),
            Screen::Xray(xray) => xray.crumb(crate::config::i18n::Lang::En),
            Screen::Table => self
                .views
                .iter()
                .map(|view| match &view.scope.namespace {
                    Some(namespace) => format!("{}({namespace})", view.kind.plural),
                    None => view.kind.plural.clone(),
                })
                .collect::<Vec<_>>()
                .join(" > "),
        }
    }
}

#[cfg(test)]
mod tests;
