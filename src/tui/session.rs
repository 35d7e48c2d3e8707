//! One dashboard session: an `App`, the executor that carries out its effects, and the
//! loop that feeds it input, cluster answers and the clock, and redraws only when
//! something changed (at most once a frame). The loop runs on any [`SessionTerminal`]
//! and ends on the signal it is given; the process's own terminal and its signals are
//! the local runner's business, so one process can run many sessions.

mod settings;
pub mod stream_terminal;
pub mod terminal;
pub mod writer_backend;

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use crossterm::event::KeyEventKind;
use futures::FutureExt;
use futures::future::Fuse;
use k8s_openapi::jiff::Timestamp;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::time::{Instant, Interval};

use super::effects::Executor;
use super::external_editor;
pub use super::served::Served;
use crate::app::{Action, App, Effect};
use crate::config::command::{Command, Section};
use crate::config::theme::Theme;
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;
pub use settings::SessionSettings;
use terminal::{SessionTerminal, TermEvent};

/// The shortest time between two frames: bursts of events are drawn once.
const FRAME: Duration = Duration::from_millis(16);
/// The shortest time between two frames while only the cluster changes (pods churning, a
/// log streaming): the screen keeps up five times a second at a fraction of the cost; a
/// key, or news after a quiet spell, is drawn at the next `FRAME`.
const DATA_FRAME: Duration = Duration::from_millis(200);
/// How often ages are refreshed when nothing else happens.
const CLOCK: Duration = Duration::from_secs(1);

/// A session ready to run: its state machine, the effects it asked for so far, and the
/// executor that owns its cluster work.
pub struct Session {
    app: App,
    theme: Theme,
    executor: Executor,
    /// Where cluster answers (and the external editor's result) come back from.
    actions: UnboundedSender<Action>,
    inbox: UnboundedReceiver<Action>,
    pending: Vec<Effect>,
    exit_when_loaded: bool,
    /// The terminal is tmux's: copies are wrapped in its passthrough.
    tmux: bool,
    dirty: bool,
    /// When the last frame was drawn (the next is due a `FRAME` later), and whether only
    /// the cluster's news asked for it.
    last_frame: Instant,
    last_frame_by_data: bool,
    /// The operator typed (or resized) since the last frame.
    input_since_frame: bool,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// The operator quit, or the end signal fired, or the input ended.
    Quit,
    /// `exit_when_loaded`: the first table was complete and drawn, with this many rows.
    Loaded { rows: usize },
}

impl Session {
    /// Runs the session on `terminal` until the operator quits or `end` resolves; every
    /// way out, an error included, stops the session's consoles (toolbox pods are removed).
    pub async fn run<T: SessionTerminal>(
        mut self,
        terminal: &mut T,
        end: impl Future<Output = ()>,
    ) -> anyhow::Result<SessionEnd> {
        let outcome = self.drive(terminal, end).await;
        self.executor.shutdown().await;
        outcome
    }

    async fn drive<T: SessionTerminal>(
        &mut self,
        terminal: &mut T,
        end: impl Future<Output = ()>,
    ) -> anyhow::Result<SessionEnd> {
        let size = terminal.size()?;
        self.update(Action::Resized {
            width: size.width,
            height: size.height,
        });
        let mut end = std::pin::pin!(end.fuse());
        let mut clock = tokio::time::interval(CLOCK);
        loop {
            if !self.run_effects(terminal).await {
                self.draw_last(terminal);
                return Ok(SessionEnd::Quit);
            }
            if let Some(rows) = self.draw_if_due(terminal)? {
                return Ok(SessionEnd::Loaded { rows });
            }
            if let Some(action) = self.next_action(terminal, &mut end, &mut clock).await? {
                self.update(action);
            }
        }
    }

    /// Hands `action` to the state machine and keeps what it asks for.
    fn update(&mut self, action: Action) {
        self.input_since_frame |= matches!(action, Action::Key(_) | Action::Paste(_) | Action::Resized { .. });
        self.executor.audit(&action);
        let effects = self.app.update(action);
        self.pending.extend(effects);
        self.after_update();
    }

    /// What follows every update: the streams the state declares start or stop (metrics
    /// are polled only while a screen shows them, a table is watched while it is on top).
    fn after_update(&mut self) {
        self.executor.follow(&self.app.subscriptions());
        self.executor.viewing(self.app.whereabouts());
        let asks = self.app.ask_access();
        self.pending.extend(asks);
    }

    /// Runs the effects asked for so far; `false` once one of them is to quit.
    async fn run_effects<T: SessionTerminal>(&mut self, terminal: &mut T) -> bool {
        for effect in std::mem::take(&mut self.pending) {
            match effect {
                Effect::Redraw => self.dirty = true,
                Effect::Quit => return false,
                Effect::EditExternal { object, yaml } => self.edit_externally(terminal, object, yaml),
                Effect::Copy { text, done } => self.copy(terminal, &text, done),
                other => self.executor.execute(other).await,
            }
        }
        true
    }

    /// `$EDITOR` on the terminal when it can be lent to a local program; otherwise an
    /// answer the state machine shows in the footer, pointing to the inline editor.
    fn edit_externally<T: SessionTerminal>(&mut self, terminal: &mut T, object: ObjectRef, yaml: String) {
        let result = terminal
            .suspend_and_run(|| external_editor::edit(&yaml))
            .unwrap_or_else(|| Err(no_external_editor(&self.app)))
            .map_err(Failure::other);
        let _ = self.actions.send(Action::ExternalEdited {
            object,
            original: yaml,
            result,
        });
        self.dirty = true;
    }

    /// Puts `text` on the clipboard of the session's own terminal (OSC 52, wrapped for
    /// tmux when the session runs inside it); the footer then says `done`, or why not.
    fn copy<T: SessionTerminal>(&mut self, terminal: &mut T, text: &str, done: String) {
        let sequence = crate::model::clipboard::osc52(text, self.tmux);
        let result = terminal.write_raw(&sequence).map(|()| done).map_err(|e| e.to_string());
        let _ = self.actions.send(Action::Copied(result));
    }

    /// The last frame, when the state changed on its way out (a logout after a password
    /// change says so); the terminal may be gone already, which ends the session anyway.
    fn draw_last<T: SessionTerminal>(&mut self, terminal: &mut T) {
        if self.dirty {
            self.app.prepare_frame();
            let _ = terminal.draw(|frame| crate::ui::render(frame, &self.app, &self.theme));
        }
    }

    /// Draws when something changed and a frame's time has passed. With
    /// `exit_when_loaded`, the row count once the first table is complete and drawn.
    fn draw_if_due<T: SessionTerminal>(&mut self, terminal: &mut T) -> io::Result<Option<usize>> {
        if !self.dirty || Instant::now() < self.frame_due() {
            return Ok(None);
        }
        self.app.prepare_frame();
        terminal.draw(|frame| crate::ui::render(frame, &self.app, &self.theme))?;
        self.dirty = false;
        self.last_frame = Instant::now();
        self.last_frame_by_data = !std::mem::take(&mut self.input_since_frame);
        Ok(if self.exit_when_loaded {
            loaded_rows(&self.app)
        } else {
            None
        })
    }

    /// When the pending frame may be drawn: a frame after the last, or, while the
    /// cluster's news alone keeps asking for frames, `DATA_FRAME` after it.
    fn frame_due(&self) -> Instant {
        let pause = if self.input_since_frame || !self.last_frame_by_data {
            FRAME
        } else {
            DATA_FRAME
        };
        self.last_frame + pause
    }

    /// Waits for the next thing to tell the state machine; `None` when there is nothing
    /// to tell (an ignored key, or the time to draw a pending frame).
    async fn next_action<T: SessionTerminal, E: Future<Output = ()>>(
        &mut self,
        terminal: &mut T,
        end: &mut Pin<&mut Fuse<E>>,
        clock: &mut Interval,
    ) -> io::Result<Option<Action>> {
        let frame_due = self.frame_due();
        let action = tokio::select! {
            event = terminal.next_event() => match event {
                Some(event) => return input_action(terminal, event?),
                None => Action::Terminate,
            },
            Some(action) = self.inbox.recv() => action,
            _ = clock.tick() => Action::Tick(Timestamp::now()),
            () = end => Action::Terminate,
            () = tokio::time::sleep_until(frame_due), if self.dirty => return Ok(None),
        };
        Ok(Some(action))
    }
}

/// What an input event tells the state machine; a resize reaches the terminal first.
fn input_action<T: SessionTerminal>(terminal: &mut T, event: TermEvent) -> io::Result<Option<Action>> {
    Ok(match event {
        TermEvent::Key(key) if key.kind == KeyEventKind::Release => None,
        TermEvent::Key(key) => Some(Action::Key(key)),
        TermEvent::Paste(text) => Some(Action::Paste(text)),
        TermEvent::Resize(width, height) => {
            terminal.resize(width, height)?;
            Some(Action::Resized { width, height })
        }
    })
}

/// Why `$EDITOR` cannot run here, and the key of the inline editor that can.
fn no_external_editor(app: &App) -> String {
    let inline = match app.keymap.keys_for(Section::Table, Command::Edit).first() {
        Some(key) => format!("{key} opens the inline editor"),
        None => "the inline editor is available".to_string(),
    };
    format!("$EDITOR is not available in this session; {inline}")
}

/// The row count of the first table once it is complete.
fn loaded_rows(app: &App) -> Option<usize> {
    let table = &app.view()?.table;
    (table.feed == crate::app::table::Feed::Live).then(|| table.total_len())
}
