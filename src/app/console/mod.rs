//! Exec consoles: each is a remote terminal whose output feeds a vt100 screen; keys are
//! encoded and sent back. Several may be open; one is shown at a time, the others keep
//! running until their shell ends or they are closed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::console::keycodes::{TermModes, encode_key, encode_paste};
use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::model::cluster::ExecRequest;
use crate::model::resource::Known;

mod ended;
pub mod keycodes;
mod list;
mod waiting;

/// Lines of scrollback each console keeps.
pub const SCROLLBACK: usize = 2_000;
/// Screen lines that are not the console's: top bar (3), footer (1), pane borders (2).
const CHROME_ROWS: u16 = 6;

/// One console.
pub struct Console {
    pub id: u64,
    /// `pod/name` (and container), for the title and the list.
    pub title: String,
    pub parser: vt100::Parser,
    /// How the shell ended, once it has.
    pub ended: Option<String>,
    /// A KUBIC console whose toolbox pod does not run yet: `esc` cancels it.
    pub starting: bool,
    /// Why the toolbox pod is not running yet, as its status and events last said.
    pub waiting: Option<crate::model::pod_wait::PodWait>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("ended", &self.ended)
            .field("starting", &self.starting)
            .finish_non_exhaustive()
    }
}

impl Console {
    pub fn new(id: u64, title: String, rows: u16, cols: u16) -> Console {
        Console {
            id,
            title,
            parser: vt100::Parser::new(rows, cols, SCROLLBACK),
            ended: None,
            starting: false,
            waiting: None,
        }
    }

    fn modes(&self) -> TermModes {
        let screen = self.parser.screen();
        TermModes {
            application_cursor: screen.application_cursor(),
            bracketed_paste: screen.bracketed_paste(),
        }
    }
}

/// The size (rows, cols) a console's terminal has on a `width`x`height` screen.
pub fn console_size(width: u16, height: u16) -> (u16, u16) {
    (
        height.saturating_sub(CHROME_ROWS).max(1),
        // vt100 needs room for one double-width character (a narrower grid panics on one).
        width.saturating_sub(2).max(2),
    )
}

impl App {
    /// A new console titled `title`, sized to the screen and shown: its id and size.
    fn show_new_console(&mut self, title: String) -> (u64, u16, u16) {
        let id = self.new_view_id();
        let (rows, cols) = console_size(self.terminal_size.0, self.terminal_size.1);
        self.consoles.push(Console::new(id, title, rows, cols));
        self.mode = Mode::Console(id);
        self.status = None;
        (id, rows, cols)
    }

    /// Opens a console running `request` (a tty exec), titled `title`, and shows it.
    pub(in crate::app) fn open_console(&mut self, title: String, request: ExecRequest) -> Vec<Effect> {
        let (id, rows, cols) = self.show_new_console(title);
        vec![
            Effect::OpenConsole {
                id,
                request,
                rows,
                cols,
            },
            Effect::Redraw,
        ]
    }

    /// `s` on a pod: a shell in it (bash when it has one, else sh).
    pub(in crate::app) fn open_shell(&mut self) -> Vec<Effect> {
        let Some(object) = self.selected_object() else {
            return self.error(t!(self.lang, "note.nothing_selected"));
        };
        if !object.kind.is_known(Known::Pod) {
            return self.error(t!(self.lang, "note.shell_in_pod", kind = object.kind.plural));
        }
        if let Some(refused) = self.refuse_in_readonly(Command::Shell) {
            return refused;
        }
        let request = ExecRequest {
            namespace: object.namespace.clone(),
            pod: object.name.clone(),
            container: None,
            command: shell_command(),
            tty: true,
        };
        self.open_console(format!("pod/{}", object.name), request)
    }

    /// `X` or `:console`: a shell in a fresh toolbox pod, removed when the console closes.
    pub(in crate::app) fn open_kubic_console(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::Console) {
            return refused;
        }
        self.open_toolbox(t!(self.lang, "console.toolbox").into(), self.namespace.clone(), None)
    }

    /// `f` on a catalog: a toolbox shell with the catalog's files volume at /data.
    pub(in crate::app) fn open_files_console(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::Files) {
            return refused;
        }
        match self.selected_catalog() {
            Ok(catalog) => self.open_toolbox(
                t!(self.lang, "console.files_of", catalog = catalog),
                Some(crate::model::cluster::SYSTEM_NAMESPACE.into()),
                Some(catalog),
            ),
            Err(reason) => self.error(reason),
        }
    }

    fn open_toolbox(&mut self, title: String, namespace: Option<String>, files_of: Option<String>) -> Vec<Effect> {
        let (id, rows, cols) = self.show_new_console(title);
        if let Some(console) = self.console_mut(id) {
            console.starting = true;
        }
        vec![
            Effect::OpenToolbox {
                id,
                namespace,
                image: self.console_image.clone(),
                files_of,
                rows,
                cols,
            },
            Effect::Redraw,
        ]
    }

    pub fn console(&self, id: u64) -> Option<&Console> {
        self.consoles.iter().find(|c| c.id == id)
    }

    pub(in crate::app) fn console_mut(&mut self, id: u64) -> Option<&mut Console> {
        self.consoles.iter_mut().find(|c| c.id == id)
    }

    pub(in crate::app) fn on_console_output(&mut self, id: u64, bytes: &[u8]) -> Vec<Effect> {
        match self.console_mut(id) {
            Some(console) => {
                console.parser.process(bytes);
                // A detached console keeps its screen up to date without redrawing ours.
                if matches!(self.mode, Mode::Console(shown) if shown == id) {
                    vec![Effect::Redraw]
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        }
    }

    /// Keys while a console is shown: the console section's own keys, everything else to the shell.
    pub(in crate::app) fn on_console_key(&mut self, id: u64, key: KeyEvent) -> Vec<Effect> {
        let command = self
            .keymap
            .lookup(Section::Console, &control_symbol(key))
            .filter(|c| matches!(c, Command::Detach | Command::PageUp | Command::PageDown));
        let page = usize::from(console_size(self.terminal_size.0, self.terminal_size.1).0 / 2).max(1);
        let Some(console) = self.console_mut(id) else {
            self.mode = Mode::Normal;
            return vec![Effect::Redraw];
        };
        if console.ended.is_some() {
            return self.close_console(id);
        }
        if console.starting && key.code == KeyCode::Esc {
            return self.cancel_console(id);
        }
        match command {
            Some(Command::Detach) => {
                self.mode = Mode::Normal;
                let count = self.consoles.len();
                self.info(t!(self.lang, "note.console_detached", count = count))
            }
            Some(Command::PageUp) => {
                let at = console.parser.screen().scrollback();
                console.parser.screen_mut().set_scrollback(at + page);
                vec![Effect::Redraw]
            }
            Some(Command::PageDown) => {
                let at = console.parser.screen().scrollback();
                console.parser.screen_mut().set_scrollback(at.saturating_sub(page));
                vec![Effect::Redraw]
            }
            _ => {
                let bytes = encode_key(&key, console.modes());
                console.parser.screen_mut().set_scrollback(0);
                if bytes.is_empty() {
                    return Vec::new();
                }
                vec![Effect::ConsoleInput { id, bytes }, Effect::Redraw]
            }
        }
    }

    /// Pasted text goes to the shown console as one paste; elsewhere it is typed.
    pub(in crate::app) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        let Mode::Console(id) = self.mode else {
            let mut effects = Vec::new();
            for c in text.chars().filter(|c| !c.is_control()) {
                effects.extend(self.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
            }
            return effects;
        };
        match self.console(id) {
            Some(console) if console.ended.is_none() => vec![Effect::ConsoleInput {
                id,
                bytes: encode_paste(text, console.modes()),
            }],
            _ => Vec::new(),
        }
    }

    /// Closes a console: its session stops and it leaves the list.
    pub(in crate::app) fn close_console(&mut self, id: u64) -> Vec<Effect> {
        self.consoles.retain(|c| c.id != id);
        if matches!(self.mode, Mode::Console(shown) if shown == id) {
            self.mode = Mode::Normal;
        }
        vec![Effect::CloseConsole { id }, Effect::Redraw]
    }

    /// Every console follows the terminal's size; live ones tell their remote tty.
    pub(in crate::app) fn resize_consoles(&mut self) -> Vec<Effect> {
        let (rows, cols) = console_size(self.terminal_size.0, self.terminal_size.1);
        let mut effects = Vec::new();
        for console in &mut self.consoles {
            if console.parser.screen().size() != (rows, cols) {
                console.parser.screen_mut().set_size(rows, cols);
                if console.ended.is_none() {
                    effects.push(Effect::ConsoleResize {
                        id: console.id,
                        rows,
                        cols,
                    });
                }
            }
        }
        effects
    }
}

/// Terminals send ctrl-\\ ctrl-] ctrl-^ ctrl-_ as bytes 0x1c–0x1f, which crossterm reports
/// as ctrl-4 … ctrl-7; keymaps name them by their symbol.
fn control_symbol(key: KeyEvent) -> KeyEvent {
    let symbol = match key.code {
        KeyCode::Char('4') => '\\',
        KeyCode::Char('5') => ']',
        KeyCode::Char('6') => '^',
        KeyCode::Char('7') => '_',
        _ => return key,
    };
    if !key.modifiers.contains(KeyModifiers::CONTROL) {
        return key;
    }
    KeyEvent::new(KeyCode::Char(symbol), key.modifiers)
}

/// bash when the container has it, else sh.
pub fn shell_command() -> Vec<String> {
    ["sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"]
        .map(String::from)
        .to_vec()
}

#[cfg(test)]
mod tests;
