//! `x` and `:xray`: the live owner tree of apps, workloads and services (the tree is
//! built in `model::xray` from the rows its watches bring), and the decoded view of a
//! Secret's values, masked until asked.

mod keys;
mod secret;

use crate::app::Stream;
use crate::config::command::Command;
use crate::config::i18n::{Lang, t};
use crate::model::cluster::{ObjectRef, RowEvent};
use crate::model::resource::ResourceKind;
use crate::model::rows::RowKey;
use crate::model::xray::{TreeItem, TreeKind, TreeLine, TreeStore, build};

pub use secret::secret_text;

/// The kinds `:xray` names in its completions and its usage, as the command line takes them.
pub const ROOTS: [&str; 7] = [
    "apps",
    "deployments",
    "statefulsets",
    "daemonsets",
    "replicasets",
    "jobs",
    "services",
];

/// One owner tree on screen: what it shows, the objects it is built from and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xray {
    /// Tags the watch events meant for this tree; events of an older tree are ignored.
    pub id: u64,
    pub root: TreeKind,
    /// The one root shown (`x` on a row); `None`: every object of the root kind.
    pub only: Option<RowKey>,
    /// The project watched; `None`: every project.
    pub namespace: Option<String>,
    /// The kinds watched, each with the kind the cluster serves.
    pub kinds: Vec<(TreeKind, ResourceKind)>,
    pub store: TreeStore,
    /// The tree as last built (valid after [`Xray::refresh`]).
    pub lines: Vec<TreeLine>,
    pub cursor: usize,
    /// The first line on screen.
    pub offset: usize,
    /// The node under the cursor, which the cursor follows as lines come and go.
    selected: Option<(TreeKind, RowKey)>,
    dirty: bool,
}

impl Xray {
    pub fn new(id: u64, root: TreeKind, kinds: Vec<(TreeKind, ResourceKind)>) -> Xray {
        let watched: Vec<TreeKind> = kinds.iter().map(|(kind, _)| *kind).collect();
        Xray {
            id,
            root,
            only: None,
            namespace: None,
            kinds,
            store: TreeStore::new(&watched),
            lines: Vec::new(),
            cursor: 0,
            offset: 0,
            selected: None,
            dirty: true,
        }
    }

    /// The watches the tree is built from.
    pub fn streams(&self) -> impl Iterator<Item = Stream> + '_ {
        self.kinds.iter().map(|(kind, resource)| Stream::Tree {
            tree: self.id,
            kind: *kind,
            resource: resource.clone(),
            namespace: self.namespace.clone(),
        })
    }

    pub fn apply(&mut self, kind: TreeKind, event: RowEvent<TreeItem>) {
        self.store.apply(kind, event);
        self.dirty = true;
    }

    /// Builds the lines again after a change; the cursor stays on its node when the node
    /// is still there, else on the line it was at.
    pub fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.lines = build(&self.store, self.root, self.only.as_ref());
        if let Some((kind, key)) = &self.selected
            && let Some(at) = self.lines.iter().position(|l| l.kind == *kind && l.key == *key)
        {
            self.cursor = at;
        }
        self.select(self.cursor);
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let target = (self.cursor as isize).saturating_add(delta).max(0);
        self.select(target as usize);
    }

    fn select(&mut self, index: usize) {
        self.cursor = index.min(self.lines.len().saturating_sub(1));
        self.selected = self.selected_line().map(|l| (l.kind, l.key.clone()));
    }

    /// Scrolls so that the cursor is within `height` lines from the offset.
    pub fn keep_visible(&mut self, height: usize) {
        self.offset = crate::app::table::window_offset(self.cursor, self.offset, self.lines.len(), height);
    }

    pub fn selected_line(&self) -> Option<&TreeLine> {
        self.lines.get(self.cursor)
    }

    /// The object the cursor is on.
    pub fn selected_object(&self) -> Option<ObjectRef> {
        let line = self.selected_line()?;
        let (_, kind) = self.kinds.iter().find(|(kind, _)| *kind == line.kind)?;
        Some(ObjectRef {
            kind: kind.clone(),
            namespace: line.key.namespace.clone(),
            name: line.key.name.clone(),
        })
    }

    /// The breadcrumb: `xray deployments(demo)`, `xray deployment demo/web`.
    pub fn crumb(&self, lang: Lang) -> String {
        let what = match (&self.only, self.kinds.first()) {
            (Some(key), _) => format!("{} {}/{}", kind_label(lang, self.root), key.namespace, key.name),
            (None, Some((_, resource))) => {
                let project = self
                    .namespace
                    .clone()
                    .unwrap_or_else(|| t!(lang, "header.all_projects").into());
                format!("{}({project})", resource.plural)
            }
            (None, None) => String::new(),
        };
        t!(lang, "xray.crumb", what = what)
    }
}

/// The word a tree line names its kind by (`deploy`, `앱`).
pub fn kind_label(lang: Lang, kind: TreeKind) -> &'static str {
    match kind {
        TreeKind::App => t!(lang, "xray.kind_app"),
        TreeKind::Deployment => t!(lang, "xray.kind_deployment"),
        TreeKind::StatefulSet => t!(lang, "xray.kind_statefulset"),
        TreeKind::DaemonSet => t!(lang, "xray.kind_daemonset"),
        TreeKind::ReplicaSet => t!(lang, "xray.kind_replicaset"),
        TreeKind::Job => t!(lang, "xray.kind_job"),
        TreeKind::Service => t!(lang, "xray.kind_service"),
        TreeKind::Pod => t!(lang, "xray.kind_pod"),
    }
}

/// Whether `command` does something on an owner tree (what `?` lists there).
pub fn applies(command: Command) -> bool {
    matches!(
        command,
        Command::Quit
            | Command::Help
            | Command::CommandLine
            | Command::Back
            | Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::Top
            | Command::Bottom
            | Command::Enter
            | Command::Describe
            | Command::Yaml
            | Command::Logs
    )
}

#[cfg(test)]
mod tests;
