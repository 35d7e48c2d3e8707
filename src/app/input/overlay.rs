//! Screens drawn over the table: a scrollable text view (describe, YAML), the inline
//! YAML editor, and a yes/no confirmation that names what it will do.

use ratatui_textarea::TextArea;
use serde_json::Value;

use crate::app::kubic::ops::KubicOp;
use crate::config::i18n::{Lang, t};
use crate::model::cluster::ObjectRef;
use crate::model::resource::Known;

/// What a text view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Describe,
    Yaml,
    /// A log (an image build's).
    Log,
    /// The per-pod results of a batch command.
    Batch,
    /// A Secret's values decoded from base64, masked until revealed.
    Secret,
    /// The session's footer messages (`:messages`).
    Messages,
}

/// A read-only, scrollable text.
#[derive(Debug, Clone)]
pub struct TextView {
    pub kind: TextKind,
    pub object: ObjectRef,
    pub lines: Vec<String>,
    pub scroll: usize,
    /// For YAML: the object, kept to re-render when secrets are revealed or masked.
    pub source: Option<Value>,
    pub revealed: bool,
    /// A title of its own (in the session's language), instead of the kind and object.
    pub heading: Option<String>,
    /// Its only line says it waits for the first (a build log not started): the first
    /// line to come replaces it.
    pub waiting: bool,
}

impl TextView {
    pub fn new(kind: TextKind, object: ObjectRef, text: &str) -> TextView {
        TextView {
            kind,
            object,
            lines: text.lines().map(String::from).collect(),
            scroll: 0,
            source: None,
            revealed: false,
            heading: None,
            waiting: false,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        if let Some(heading) = &self.heading {
            return heading.clone();
        }
        let what = match self.kind {
            TextKind::Describe => t!(lang, "viewer.describe"),
            TextKind::Batch => t!(lang, "viewer.batch"),
            TextKind::Yaml => t!(lang, "viewer.yaml"),
            TextKind::Log => t!(lang, "viewer.log"),
            TextKind::Secret => t!(lang, "viewer.secret"),
            TextKind::Messages => t!(lang, "messages.heading"),
        };
        let secret = if self.source.is_some() && self.object.kind.is_known(Known::Secret) {
            if self.revealed {
                t!(lang, "viewer.revealed")
            } else {
                t!(lang, "viewer.masked")
            }
        } else {
            ""
        };
        format!("{what} {}{secret}", self.object.describe())
    }

    pub fn scroll_by(&mut self, delta: isize, page: usize) {
        let max = self.lines.len().saturating_sub(page.max(1));
        self.scroll = (self.scroll as isize + delta).clamp(0, max as isize) as usize;
    }
}

/// The inline editor: the object's YAML, and the last save error if any.
#[derive(Debug)]
pub struct Editor {
    pub object: ObjectRef,
    pub textarea: TextArea<'static>,
    pub original: String,
    pub error: Option<String>,
    pub saving: bool,
    /// Set by a first `esc` on a modified buffer: a second one discards.
    pub discard_armed: bool,
    /// A new object: saving creates it instead of replacing one.
    pub creating: bool,
}

impl Editor {
    pub fn new(object: ObjectRef, yaml: &str) -> Editor {
        Editor {
            object,
            textarea: text_area(yaml),
            original: yaml.to_string(),
            error: None,
            saving: false,
            discard_armed: false,
            creating: false,
        }
    }

    /// Replaces the buffer (with an `$EDITOR`'s result, say).
    pub fn set_text(&mut self, text: &str) {
        self.textarea = text_area(text);
    }

    pub fn text(&self) -> String {
        let mut text = self.textarea.lines().join("\n");
        text.push('\n');
        text
    }

    pub fn is_modified(&self) -> bool {
        self.text().trim_end() != self.original.trim_end()
    }
}

/// The editor's buffer holding `text`, drawn as it is kept: the pane draws this very
/// text area each frame (a copy would measure every line again: a big object would cost
/// a frame its budget), so its looks are set here once — no underline on the cursor's
/// line; the pane's block and colours are drawn around it.
fn text_area(text: &str) -> TextArea<'static> {
    let mut textarea = TextArea::new(text.lines().map(String::from).collect());
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    textarea
}

/// A pending destructive action waiting for `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Delete(ObjectRef),
    Kubic(KubicOp),
    /// After a file deploy: restart the catalog's apps (`project`, `app`)? The deploy's
    /// report is shown either way.
    RestartApps(Box<crate::model::cluster::Deployed>),
    /// End another live session of the server.
    EndSession {
        id: u64,
        user: String,
        source: String,
    },
    /// Stop port-forward `id`, which goes from `local` to `target`, asked from the
    /// `:portforwards` list at row `selected`.
    StopForward {
        id: u64,
        local: String,
        target: String,
        selected: usize,
    },
    /// The `kubic.io` kinds are missing: run `kubic install`?
    Install,
}

impl Confirm {
    pub fn question(&self, lang: Lang) -> String {
        match self {
            Confirm::Delete(object) => t!(lang, "confirm.delete", object = object.describe()),
            Confirm::Kubic(op) => {
                let text = op.describe_in(lang);
                let mut chars = text.chars();
                let first = chars.next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
                t!(lang, "confirm.op", what = format!("{first}{}", chars.as_str()))
            }
            Confirm::RestartApps(deployed) => t!(
                lang,
                "confirm.restart_apps",
                summary = deployed.summary,
                count = deployed.apps.len(),
                apps = deployed.app_names()
            ),
            Confirm::EndSession { id, user, source } => {
                t!(lang, "confirm.end_session", id = id, user = user, source = source)
            }
            Confirm::StopForward { local, target, .. } => {
                t!(lang, "confirm.stop_forward", local = local, target = target)
            }
            Confirm::Install => t!(lang, "install.offer").to_string(),
        }
    }

    /// The keys the dialog accepts, as its last line says.
    pub fn choices(&self, lang: Lang) -> &'static str {
        match self {
            Confirm::Kubic(KubicOp::DeleteCatalog { cascade: false, .. }) => t!(lang, "confirm.choices_cascade"),
            _ => t!(lang, "confirm.choices"),
        }
    }
}
