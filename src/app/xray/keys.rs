//! Opening an owner tree (`:xray KIND`, `x` on a row), its keys, and the watch events
//! it is built from; `x` on a Secret reads its values instead.

use super::{ROOTS, Xray};
use crate::app::hosts::dashboard::Screen;
use crate::app::{App, Effect, Purpose};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::cluster::RowEvent;
use crate::model::resource::Known;
use crate::model::rows::RowKey;
use crate::model::xray::{TreeItem, TreeKind};

impl App {
    /// `x` on a table: a Secret's values decoded, or the tree under the selected row.
    pub(in crate::app) fn xray_selected(&mut self) -> Vec<Effect> {
        let Some(object) = self.selected_object() else {
            return self.error(t!(self.lang, "xray.nothing_selected"));
        };
        if object.kind.is_known(Known::Secret) {
            let mut effects = self.info(t!(self.lang, "xray.decoding", object = object.describe()));
            effects.push(Effect::Fetch {
                purpose: Purpose::Decode,
                object,
            });
            return effects;
        }
        let Some(root) = object.kind.known().and_then(TreeKind::root_of) else {
            return self.xray_usage();
        };
        let key = RowKey {
            namespace: object.namespace.clone(),
            name: object.name,
        };
        let namespace = Some(object.namespace).filter(|ns| !ns.is_empty());
        self.open_xray(root, Some(key), namespace)
    }

    /// `:xray KIND` (`:xray` alone: the kind of the table on screen), in the current project.
    pub(in crate::app) fn xray_command(&mut self, kind: Option<&str>) -> Vec<Effect> {
        let known = match kind {
            Some(name) => self.registry.resolve(name).and_then(|kind| kind.known()),
            None => self.view().and_then(|view| view.kind.known()),
        };
        match known.and_then(TreeKind::root_of) {
            Some(root) => self.open_xray(root, None, self.namespace.clone()),
            None => self.xray_usage(),
        }
    }

    fn xray_usage(&mut self) -> Vec<Effect> {
        self.error(t!(self.lang, "xray.usage", kinds = ROOTS.join(", ")))
    }

    /// Shows the tree of `root` objects (only `only`, when given) in `namespace`.
    fn open_xray(&mut self, root: TreeKind, only: Option<RowKey>, namespace: Option<String>) -> Vec<Effect> {
        let served = |kind: &TreeKind| self.registry.known(kind.known()).map(|served| (*kind, served.clone()));
        let kinds: Vec<_> = root.watched().iter().filter_map(served).collect();
        if kinds.first().is_none_or(|(kind, _)| *kind != root) {
            return self.xray_usage();
        }
        let mut xray = Xray::new(self.new_view_id(), root, kinds);
        xray.only = only;
        xray.namespace = namespace;
        self.screen = Screen::Xray(Box::new(xray));
        self.status = None;
        vec![Effect::Redraw]
    }

    /// Back from the tree to what it was opened over: the table, or the dashboard.
    fn close_xray(&mut self) -> Vec<Effect> {
        self.screen = if self.views.is_empty() {
            Screen::Dashboard
        } else {
            Screen::Table
        };
        self.status = None;
        vec![Effect::Redraw]
    }

    /// A project switch while a tree of every root is shown: the tree of the new project.
    pub(in crate::app) fn reopen_xray(&mut self) -> Option<Vec<Effect>> {
        let Screen::Xray(xray) = &self.screen else {
            return None;
        };
        let (root, only) = (xray.root, xray.only.clone());
        if only.is_some() {
            return None;
        }
        Some(self.open_xray(root, None, self.namespace.clone()))
    }

    /// The keys of the tree: the table's keymap, where only what works on a tree acts.
    pub(in crate::app) fn run_xray_command(&mut self, command: Command) -> Vec<Effect> {
        let page = self.page as isize;
        let move_by = |app: &mut App, delta: isize| {
            if let Screen::Xray(xray) = &mut app.screen {
                xray.move_cursor(delta);
            }
            vec![Effect::Redraw]
        };
        match command {
            Command::Quit => vec![Effect::Quit],
            Command::Help => self.open_help(),
            Command::CommandLine => self.open_prompt(crate::app::input::prompt::PromptKind::Command),
            Command::Back => self.close_xray(),
            Command::Up => move_by(self, -1),
            Command::Down => move_by(self, 1),
            Command::PageUp => move_by(self, -page),
            Command::PageDown => move_by(self, page),
            Command::Top => move_by(self, isize::MIN / 2),
            Command::Bottom => move_by(self, isize::MAX / 2),
            Command::Enter | Command::Describe => self.fetch_selected(Purpose::Describe),
            Command::Yaml => self.fetch_selected(Purpose::Yaml),
            Command::Logs => self.open_logs(),
            _ => self.error(t!(self.lang, "xray.keys")),
        }
    }

    /// An event of one of the tree's watches; an older tree's is dropped.
    pub(in crate::app) fn on_tree_rows(&mut self, tree: u64, kind: TreeKind, event: RowEvent<TreeItem>) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Xray(xray) if xray.id == tree => {
                xray.apply(kind, event);
                vec![Effect::Redraw]
            }
            _ => Vec::new(),
        }
    }
}
