//! The session's messages: every text the footer showed, kept (the newest few hundred)
//! so a message that was replaced, or too long for the footer, can be read in full with
//! `:messages` — newest first, with its time and level, in a scrollable view.

use std::collections::VecDeque;

use k8s_openapi::jiff::Timestamp;

use super::input::overlay::{TextKind, TextView};
use super::{App, Effect, Mode, Status};
use crate::config::i18n::t;
use crate::model::cluster::ObjectRef;
use crate::model::resource::Known;
use crate::model::wrap::wrap;

/// How many messages a session keeps.
pub const KEPT: usize = 500;

/// One footer message as it was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub at: Timestamp,
    pub error: bool,
    pub text: String,
}

/// The messages of a session, oldest first, at most [`KEPT`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    messages: VecDeque<Message>,
}

impl History {
    /// Keeps `status` as shown at `at`; the same text twice in a row is kept once.
    pub fn record(&mut self, at: Timestamp, status: &Status) {
        let repeated = self
            .messages
            .back()
            .is_some_and(|last| last.text == status.text && last.error == status.error);
        if repeated {
            return;
        }
        if self.messages.len() == KEPT {
            self.messages.pop_front();
        }
        self.messages.push_back(Message {
            at,
            error: status.error,
            text: status.text.clone(),
        });
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// The messages, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().rev()
    }
}

impl App {
    /// `:messages`: the history in a viewer, newest first, each message whole, wrapped
    /// to the screen under its time (UTC) and level.
    pub(in crate::app) fn open_messages(&mut self) -> Vec<Effect> {
        let Some(kind) = self.registry.known(Known::Namespace).cloned() else {
            return Vec::new();
        };
        let object = ObjectRef {
            kind,
            namespace: String::new(),
            name: "messages".into(),
        };
        let width = usize::from(self.terminal_size.0.saturating_sub(2)).max(20);
        let lines = self.message_lines(width);
        let mut view = TextView::new(TextKind::Messages, object, "");
        view.lines = lines;
        view.heading = Some(t!(self.lang, "messages.title", count = self.history.len()));
        self.mode = Mode::Viewer(view);
        // The footer's message is the first in the list: the list gets its lines.
        self.status = None;
        vec![Effect::Redraw]
    }

    /// The history as the viewer shows it, each line at most `width` cells.
    fn message_lines(&self, width: usize) -> Vec<String> {
        let lang = self.lang;
        if self.history.is_empty() {
            return vec![t!(lang, "messages.none").to_string()];
        }
        let (error, info) = (t!(lang, "messages.error"), t!(lang, "messages.info"));
        let label_cells = crate::model::wrap::cells_of(error).max(crate::model::wrap::cells_of(info));
        let mut lines = Vec::new();
        for message in self.history.newest_first() {
            let time = message.at.strftime("%H:%M:%S").to_string();
            let level = if message.error { error } else { info };
            let level = format!(
                "{level}{}",
                " ".repeat(label_cells - crate::model::wrap::cells_of(level))
            );
            let prefix = format!("{time}  {level}  ");
            let indent = " ".repeat(crate::model::wrap::cells_of(&prefix));
            let body = wrap(&message.text, width.saturating_sub(indent.len()).max(10));
            for (i, line) in body.into_iter().enumerate() {
                let head = if i == 0 { prefix.as_str() } else { indent.as_str() };
                lines.push(format!("{head}{line}"));
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::{app_on, command};

    fn status(text: &str, error: bool) -> Status {
        Status {
            text: text.into(),
            error,
        }
    }

    #[test]
    fn the_history_keeps_the_newest_and_a_repeat_once() {
        let mut history = History::default();
        let at = Timestamp::UNIX_EPOCH;
        history.record(at, &status("a", false));
        history.record(at, &status("a", false));
        history.record(at, &status("a", true));
        assert_eq!(history.len(), 2, "the same text as an error is a new message");
        for i in 0..KEPT + 10 {
            history.record(at, &status(&i.to_string(), false));
        }
        assert_eq!(history.len(), KEPT);
        let newest: Vec<&str> = history.newest_first().take(2).map(|m| m.text.as_str()).collect();
        assert_eq!(newest, [(KEPT + 9).to_string(), (KEPT + 8).to_string()]);
    }

    #[test]
    fn every_footer_message_is_kept_and_messages_lists_them_newest_first_in_full() {
        let mut app = app_on("pods");
        app.terminal_size = (40, 24);
        app.now = Timestamp::from_second(3_723).unwrap();
        command(&mut app, "nosuchkind");
        app.now = Timestamp::from_second(3_724).unwrap();
        let long = "cannot delete project demo: pods still run there: web-1, web-2, db-0";
        app.error(long);
        command(&mut app, "messages");
        let Mode::Viewer(view) = &app.mode else {
            panic!("the messages view: {:?}", app.mode)
        };
        assert_eq!(view.kind, TextKind::Messages);
        assert_eq!(
            view.lines[..3],
            [
                "01:02:04  error  cannot delete project",
                "                 demo: pods still run",
                "                 there: web-1, web-2,",
            ]
        );
        assert!(view.lines[4].starts_with("01:02:03  error  "), "{:?}", view.lines);
        assert!(view.lines.iter().all(|line| crate::model::wrap::cells_of(line) <= 38));
    }

    #[test]
    fn no_messages_yet_says_so() {
        let mut app = app_on("pods");
        command(&mut app, "messages");
        let Mode::Viewer(view) = &app.mode else {
            panic!("the messages view")
        };
        assert_eq!(view.lines, [t!(app.lang, "messages.none")]);
    }
}
