//! What `l` and the log pane's keys do: open the pane on a pod, workload or app,
//! scroll, follow, search, save, and restart the stream when a choice changes.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::logs::{LogPane, SINCES, TAILS};
use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::model::cluster::LogEvent;
use crate::model::resource::Known;

impl App {
    /// `l` on the table: a live log pane on the selected object.
    pub(in crate::app) fn open_logs(&mut self) -> Vec<Effect> {
        let Some(object) = self.selected_object() else {
            return self.error(t!(self.lang, "note.nothing_selected"));
        };
        let loggable = object
            .kind
            .known()
            .is_some_and(|k| matches!(k, Known::Pod | Known::App) || k.is_workload());
        if !loggable {
            return self.error(t!(self.lang, "note.logs_on", kind = object.kind.plural));
        }
        let stream = self.new_view_id();
        let pane = LogPane::new(object, stream, self.log_capacity, self.page + 1);
        self.mode = Mode::Logs(Box::new(pane));
        self.status = None;
        vec![Effect::Redraw]
    }

    /// A batch of log events from the runner.
    pub(in crate::app) fn on_log_event(&mut self, stream: u64, events: Vec<LogEvent>) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Logs(pane) if pane.stream == stream => {
                events.into_iter().for_each(|event| pane.ingest(event));
                vec![Effect::Redraw]
            }
            Mode::Help(under) => match under.as_mut() {
                Mode::Logs(pane) if pane.stream == stream => {
                    events.into_iter().for_each(|event| pane.ingest(event));
                    vec![Effect::Redraw]
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub(in crate::app) fn on_logs_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Logs(pane) = &mut self.mode else {
            return Vec::new();
        };
        if let Some(input) = pane.search_input.as_mut() {
            match key.code {
                KeyCode::Esc => pane.search_input = None,
                KeyCode::Enter => {
                    pane.search = pane.search_input.take().filter(|s| !s.is_empty());
                    pane.current_match = None;
                    if pane.search.is_some() && !pane.find(false) {
                        return self.error(t!(self.lang, "note.no_match"));
                    }
                }
                KeyCode::Backspace => {
                    input.pop();
                }
                KeyCode::Char(c) => input.push(c),
                _ => return Vec::new(),
            }
            return vec![Effect::Redraw];
        }
        match self.keymap.lookup(Section::Logs, &key) {
            Some(command) => self.run_logs_command(command),
            None => Vec::new(),
        }
    }

    fn run_logs_command(&mut self, command: Command) -> Vec<Effect> {
        let now = self.now;
        let page = self.page as i64;
        let Mode::Logs(pane) = &mut self.mode else {
            return Vec::new();
        };
        match command {
            Command::Back | Command::Quit => {
                self.mode = Mode::Normal;
                return vec![Effect::Redraw];
            }
            Command::Help => return self.open_help(),
            Command::Copy => return self.copy_log_lines(),
            Command::Up => pane.scroll_by(-1),
            Command::Down => pane.scroll_by(1),
            Command::PageUp => pane.scroll_by(-page),
            Command::PageDown => pane.scroll_by(page),
            Command::Top => pane.to_top(),
            Command::Bottom | Command::Follow => pane.resume(),
            Command::Timestamps => pane.timestamps = !pane.timestamps,
            Command::Wrap => pane.wrap = !pane.wrap,
            Command::Search => pane.search_input = Some(String::new()),
            Command::SearchNext | Command::SearchPrevious => {
                if pane.search.is_none() {
                    return self.error(t!(self.lang, "note.no_search"));
                }
                if !pane.find(command == Command::SearchNext) {
                    return self.info(t!(self.lang, "note.no_more_matches"));
                }
            }
            Command::SaveLog => {
                let name = format!("kubic-{}-{}.log", pane.object.name, now.strftime("%Y%m%dT%H%M%S"));
                return vec![Effect::SaveLog {
                    path: name.into(),
                    text: pane.text(),
                }];
            }
            Command::Container => {
                pane.container = next_container(pane.container.as_deref(), &pane.containers);
                return self.restart_logs();
            }
            Command::Tail => {
                pane.tail = (pane.tail + 1) % TAILS.len();
                return self.restart_logs();
            }
            Command::Since => {
                pane.since = (pane.since + 1) % SINCES.len();
                return self.restart_logs();
            }
            Command::Previous => {
                pane.previous = !pane.previous;
                return self.restart_logs();
            }
            _ => return Vec::new(),
        }
        vec![Effect::Redraw]
    }

    fn restart_logs(&mut self) -> Vec<Effect> {
        let stream = self.new_view_id();
        let Mode::Logs(pane) = &mut self.mode else {
            return Vec::new();
        };
        pane.restart(stream);
        let text = format!("logs: {}", pane.describe_choices());
        self.info(text)
    }

    /// The runner wrote (or failed to write) the saved buffer.
    pub(in crate::app) fn on_log_saved(
        &mut self,
        result: Result<String, crate::model::failure::Failure>,
    ) -> Vec<Effect> {
        match result {
            Ok(path) => self.info(t!(self.lang, "note.log_saved", path = path)),
            Err(reason) => self.error(t!(self.lang, "note.log_not_saved", reason = self.lang.failure(&reason))),
        }
    }
}

/// All containers, then each in turn, then all again.
fn next_container(current: Option<&str>, containers: &[String]) -> Option<String> {
    match current {
        None => containers.first().cloned(),
        Some(current) => {
            let index = containers.iter().position(|c| c == current)?;
            containers.get(index + 1).cloned()
        }
    }
}
