//! The copy key (`Y`): the selected row's name, the text a viewer shows, or the log
//! pane's lines on screen (or those the search finds) go to the terminal's clipboard.
//! The state only says what to copy (`Effect::Copy`); the runner writes the OSC 52
//! sequence to the session's own terminal and answers with `Action::Copied`.

use super::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::clipboard::MAX_COPY;

impl App {
    /// The selected row's name (`namespace/name` is not what kubectl takes: the name).
    pub(in crate::app) fn copy_selected_name(&mut self) -> Vec<Effect> {
        let Some(name) = self
            .view()
            .and_then(|v| v.table.selected_row())
            .map(|r| r.key.name.clone())
        else {
            return self.error(t!(self.lang, "copy.nothing"));
        };
        let done = t!(self.lang, "copy.name", name = name);
        self.copy(name, done)
    }

    /// The whole text of the viewer (YAML, describe, a report, the messages).
    pub(in crate::app) fn copy_viewer_text(&mut self) -> Vec<Effect> {
        let Mode::Viewer(view) = &self.mode else {
            return Vec::new();
        };
        let text = view.lines.join("\n");
        let done = t!(self.lang, "copy.lines", count = view.lines.len());
        self.copy(text, done)
    }

    /// The log lines on screen, or all that match the search.
    pub(in crate::app) fn copy_log_lines(&mut self) -> Vec<Effect> {
        let Mode::Logs(pane) = &self.mode else {
            return Vec::new();
        };
        let (text, count) = pane.copy_text();
        if count == 0 {
            return self.error(t!(self.lang, "copy.nothing"));
        }
        let done = if pane.search.is_some() {
            t!(self.lang, "copy.found", count = count)
        } else {
            t!(self.lang, "copy.lines", count = count)
        };
        self.copy(text, done)
    }

    /// Asks the runner to copy `text`, unless copying is off or the text too big.
    fn copy(&mut self, text: String, done: String) -> Vec<Effect> {
        if !self.clipboard {
            return self.error(t!(self.lang, "copy.off"));
        }
        if text.len() > MAX_COPY {
            let (size, limit) = (text.len().div_ceil(1024), MAX_COPY / 1024);
            return self.error(t!(self.lang, "copy.too_big", size = size, limit = limit));
        }
        vec![Effect::Copy { text, done }]
    }

    /// The runner wrote the copy to the terminal (what to say), or could not (why).
    pub(in crate::app) fn on_copied(&mut self, result: Result<String, String>) -> Vec<Effect> {
        match result {
            Ok(done) => self.info(done),
            Err(reason) => self.error(t!(self.lang, "copy.failed", reason = reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;
    use crate::app::Action;
    use crate::app::input::overlay::{TextKind, TextView};
    use crate::app::test_support::{app_on, feed, pod_row, press};

    fn copied(effects: &[Effect]) -> Option<(&str, &str)> {
        effects.iter().find_map(|effect| match effect {
            Effect::Copy { text, done } => Some((text.as_str(), done.as_str())),
            _ => None,
        })
    }

    #[test]
    fn y_copies_the_selected_rows_name_and_the_footer_confirms() {
        let mut app = app_on("pods");
        feed(&mut app, vec![pod_row("web-1", None), pod_row("web-2", None)]);
        press(&mut app, KeyCode::Char('j'));
        let effects = press(&mut app, KeyCode::Char('Y'));
        assert_eq!(copied(&effects), Some(("web-2", "copied web-2 to the clipboard")));
        app.update(Action::Copied(Ok("copied web-2 to the clipboard".into())));
        assert_eq!(
            app.status.as_ref().map(|s| s.text.as_str()),
            Some("copied web-2 to the clipboard")
        );
        app.update(Action::Copied(Err("the terminal is gone".into())));
        let status = app.status.as_ref().expect("a message");
        assert!(
            status.error && status.text.contains("the terminal is gone"),
            "{status:?}"
        );
    }

    #[test]
    fn with_the_clipboard_off_nothing_is_sent_and_the_footer_says_why() {
        let mut app = app_on("pods");
        app.clipboard = false;
        feed(&mut app, vec![pod_row("web-1", None)]);
        let effects = press(&mut app, KeyCode::Char('Y'));
        assert_eq!(copied(&effects), None);
        let status = app.status.as_ref().expect("a message");
        assert!(status.error && status.text.contains("clipboard = false"), "{status:?}");
    }

    #[test]
    fn the_viewer_copies_its_whole_text_and_an_empty_table_nothing() {
        let mut app = app_on("pods");
        let effects = press(&mut app, KeyCode::Char('Y'));
        assert_eq!(copied(&effects), None, "no row, nothing to copy");
        feed(&mut app, vec![pod_row("web-1", None)]);
        let object = app.selected_object().expect("a row");
        app.mode = Mode::Viewer(TextView::new(
            TextKind::Yaml,
            object,
            "kind: Pod\nmetadata:\n  name: web-1\n",
        ));
        let effects = press(&mut app, KeyCode::Char('Y'));
        assert_eq!(
            copied(&effects),
            Some(("kind: Pod\nmetadata:\n  name: web-1", "copied 3 lines to the clipboard"))
        );
    }

    #[test]
    fn the_log_pane_copies_the_lines_on_screen_or_those_the_search_finds() {
        let mut app = app_on("pods");
        app.update(Action::Resized { width: 80, height: 10 });
        feed(&mut app, vec![pod_row("web-1", None)]);
        press(&mut app, KeyCode::Char('l'));
        let Mode::Logs(pane) = &mut app.mode else {
            panic!("the log pane")
        };
        for i in 0..20 {
            pane.push(crate::app::logs::LogLine {
                pod: 0,
                container: String::new(),
                timestamp: format!("2026-12-02T14:00:{i:02}Z"),
                text: format!("{} line {i}", if i % 5 == 0 { "GET" } else { "POST" }),
                runs: Vec::new(),
                marker: false,
            });
        }
        let height = pane.height;
        let effects = press(&mut app, KeyCode::Char('Y'));
        let (text, done) = copied(&effects).expect("a copy");
        assert_eq!(text.lines().count(), height, "the lines on screen: {text}");
        assert!(
            text.ends_with("POST line 19") && !text.contains("14:00"),
            "as shown: {text}"
        );
        assert_eq!(done, format!("copied {height} lines to the clipboard"));
        let Mode::Logs(pane) = &mut app.mode else {
            panic!("the log pane")
        };
        pane.search = Some("GET".into());
        let effects = press(&mut app, KeyCode::Char('Y'));
        let (text, done) = copied(&effects).expect("a copy");
        assert_eq!(text, "GET line 0\nGET line 5\nGET line 10\nGET line 15");
        assert_eq!(done, "copied 4 lines that match the search to the clipboard");
    }

    #[test]
    fn a_huge_text_is_refused_with_its_size() {
        let mut app = app_on("pods");
        let effects = app.copy("x".repeat(MAX_COPY + 1), String::new());
        assert!(effects.iter().all(|e| !matches!(e, Effect::Copy { .. })));
        assert!(
            app.status.as_ref().is_some_and(|s| s.text.contains("513 KiB")),
            "{:?}",
            app.status
        );
    }
}
