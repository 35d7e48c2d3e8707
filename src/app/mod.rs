//! The application state machine: actions in, effects out. No IO here, so every
//! behaviour is unit-testable without tokio or a cluster.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::host::HostRow;

/// What the top bar shows about where kubic is connected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub context: String,
    pub cluster: String,
    pub server_url: String,
    pub namespace: String,
    pub client_version: String,
    /// `None` while the API server has not answered yet.
    pub server_version: Option<String>,
}

/// Whether a live table has data yet, and whether that data is still live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feed {
    /// The initial list has not completed.
    Loading,
    /// The initial list completed; rows are live.
    Live,
    /// The watch broke; rows are the last known ones and the reason is shown.
    Stale(String),
}

/// Something that happened: a key, an answer from the cluster, a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Key(KeyEvent),
    Resized,
    ServerVersion(Result<String, String>),
    Hosts(Vec<HostRow>),
    HostsFailed(String),
    Terminate,
}

/// What the runner must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Redraw,
    Quit,
}

/// The whole state the screen is drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    pub header: Header,
    pub hosts: Vec<HostRow>,
    pub feed: Feed,
    pub selected: usize,
    pub message: Option<String>,
}

impl App {
    pub fn new(header: Header) -> Self {
        App {
            header,
            hosts: Vec::new(),
            feed: Feed::Loading,
            selected: 0,
            message: None,
        }
    }

    /// Applies one action and says what must follow.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => self.on_key(key),
            Action::Resized => vec![Effect::Redraw],
            Action::ServerVersion(Ok(version)) => {
                self.header.server_version = Some(version);
                vec![Effect::Redraw]
            }
            Action::ServerVersion(Err(reason)) => {
                self.message = Some(reason);
                vec![Effect::Redraw]
            }
            Action::Hosts(rows) => {
                self.hosts = rows;
                self.feed = Feed::Live;
                self.selected = self.selected.min(self.hosts.len().saturating_sub(1));
                vec![Effect::Redraw]
            }
            Action::HostsFailed(reason) => {
                self.feed = Feed::Stale(reason);
                vec![Effect::Redraw]
            }
            Action::Terminate => vec![Effect::Quit],
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.hosts.len().saturating_sub(1);
        match key.code {
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Char('q') => return vec![Effect::Quit],
            KeyCode::Char('j') | KeyCode::Down => self.selected = (self.selected + 1).min(last),
            KeyCode::Char('k') | KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => self.selected = 0,
            KeyCode::Char('G') | KeyCode::End => self.selected = last,
            _ => return Vec::new(),
        }
        vec![Effect::Redraw]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Action {
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn row(name: &str) -> HostRow {
        HostRow {
            name: name.into(),
            status: "Ready".into(),
            roles: "worker".into(),
            version: "kwok".into(),
            internal_ip: "-".into(),
            cpu: "4".into(),
            memory: "8Gi".into(),
            age: "1m".into(),
        }
    }

    #[test]
    fn hosts_arrive_live_and_the_selection_moves_within_bounds() {
        let mut app = App::new(Header::default());
        assert_eq!(app.feed, Feed::Loading);
        app.update(Action::Hosts(vec![row("a"), row("b")]));
        assert_eq!(app.feed, Feed::Live);
        app.update(key(KeyCode::Char('j')));
        app.update(key(KeyCode::Char('j')));
        assert_eq!(app.selected, 1);
        app.update(key(KeyCode::Char('g')));
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn a_shrinking_table_keeps_the_selection_on_a_row() {
        let mut app = App::new(Header::default());
        app.update(Action::Hosts(vec![row("a"), row("b"), row("c")]));
        app.update(key(KeyCode::Char('G')));
        app.update(Action::Hosts(vec![row("a")]));
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn a_broken_watch_marks_the_rows_stale_and_keeps_them() {
        let mut app = App::new(Header::default());
        app.update(Action::Hosts(vec![row("a")]));
        app.update(Action::HostsFailed("connection refused".into()));
        assert_eq!(app.feed, Feed::Stale("connection refused".into()));
        assert_eq!(app.hosts.len(), 1);
    }

    #[test]
    fn q_ctrl_c_and_sigterm_quit() {
        let mut app = App::new(Header::default());
        assert_eq!(app.update(key(KeyCode::Char('q'))), vec![Effect::Quit]);
        let ctrl_c = Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(app.update(ctrl_c), vec![Effect::Quit]);
        assert_eq!(app.update(Action::Terminate), vec![Effect::Quit]);
    }

    #[test]
    fn unbound_keys_do_not_redraw() {
        let mut app = App::new(Header::default());
        assert!(app.update(key(KeyCode::Char('z'))).is_empty());
    }
}
