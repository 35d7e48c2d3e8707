//! What each operator command does on the table and in the text viewer, and the
//! `:` command line (`:pods`, `:ns demo`, `:ctx prod`, `:q`).

use super::command::Command;
use super::overlay::{Confirm, TextKind};
use super::prompt::PromptKind;
use super::view::View;
use super::{App, Effect, Mode, Purpose};
use crate::model::yaml;

impl App {
    pub(super) fn run_table_command(&mut self, command: Command) -> Vec<Effect> {
        let page = self.page as isize;
        let move_by = |app: &mut App, delta: isize| {
            if let Some(view) = app.view_mut() {
                view.table.move_cursor(delta);
            }
            vec![Effect::Redraw]
        };
        match command {
            Command::Quit => vec![Effect::Quit],
            Command::Help => self.open_help(),
            Command::CommandLine => self.open_prompt(PromptKind::Command),
            Command::Filter => self.open_prompt(PromptKind::Filter),
            Command::Back => self.back(),
            Command::Up => move_by(self, -1),
            Command::Down => move_by(self, 1),
            Command::PageUp => move_by(self, -page),
            Command::PageDown => move_by(self, page),
            Command::Top => move_by(self, isize::MIN / 2),
            Command::Bottom => move_by(self, isize::MAX / 2),
            Command::SortNext | Command::SortReverse => {
                if let Some(view) = self.view_mut() {
                    if command == Command::SortNext {
                        view.table.sort_next();
                    } else {
                        view.table.sort_reverse();
                    }
                }
                vec![Effect::Redraw]
            }
            Command::Enter => self.enter(),
            Command::Describe => self.fetch_selected(Purpose::Describe),
            Command::Yaml => self.fetch_selected(Purpose::Yaml),
            Command::Edit | Command::EditExternal => {
                if let Some(refused) = self.refuse_in_readonly(command) {
                    return refused;
                }
                if command == Command::Edit
                    && let Some(effects) = self.edit_registry()
                {
                    return effects;
                }
                let purpose = if command == Command::Edit {
                    Purpose::Edit
                } else {
                    Purpose::EditExternal
                };
                self.fetch_selected(purpose)
            }
            Command::Delete => {
                if let Some(refused) = self.refuse_in_readonly(command) {
                    return refused;
                }
                if let Some(op) = self.kubic_delete() {
                    return self.start_kubic(op);
                }
                if let Some(effects) = self.remove_ip_prompt() {
                    return effects;
                }
                match self.selected_object() {
                    Some(object) => {
                        self.mode = Mode::Confirm(Confirm::Delete(object));
                        vec![Effect::Redraw]
                    }
                    None => self.error("nothing selected"),
                }
            }
            Command::RevealSecrets => Vec::new(),
            Command::Create
            | Command::NewCatalog
            | Command::Run
            | Command::Halt
            | Command::Scale
            | Command::RollingUpdate
            | Command::Rollback
            | Command::Rebalance => self.run_kubic_command(command),
            Command::Logs if self.top_kind_is("ImageBuild") => self.build_log(),
            Command::Logs => self.open_logs(),
            Command::Shell => self.open_shell(),
            Command::Console => self.open_kubic_console(),
            Command::Batch => self.open_batch_prompt(),
            Command::Files => self.open_files_console(),
            Command::DeployFiles => self.deploy_files(),
            Command::Follow
            | Command::Timestamps
            | Command::Wrap
            | Command::Search
            | Command::SearchNext
            | Command::SearchPrevious
            | Command::SaveLog
            | Command::Container
            | Command::Tail
            | Command::Since
            | Command::Previous
            | Command::Detach => Vec::new(),
            Command::Cordon | Command::Uncordon | Command::Drain | Command::Taint | Command::Monitor => {
                self.run_host_command(command)
            }
            Command::Manifest => match self.view() {
                Some(view) if view.kind.is(crate::model::crd::GROUP, "App") => self.fetch_selected(Purpose::Manifest),
                _ => self.error("manifest works on apps: open :apps"),
            },
        }
    }

    pub(super) fn run_viewer_command(&mut self, command: Command) -> Vec<Effect> {
        let page = self.page as isize;
        let Mode::Viewer(viewer) = &mut self.mode else {
            return Vec::new();
        };
        match command {
            Command::Up => viewer.scroll_by(-1, self.page),
            Command::Down => viewer.scroll_by(1, self.page),
            Command::PageUp => viewer.scroll_by(-page, self.page),
            Command::PageDown => viewer.scroll_by(page, self.page),
            Command::Top => viewer.scroll = 0,
            Command::Bottom => viewer.scroll_by(isize::MAX / 2, self.page),
            Command::Back | Command::Quit if viewer.kind == TextKind::Log => {
                self.mode = Mode::Normal;
                return vec![
                    Effect::Registry(super::browse::RegistryRequest::StopBuildLog),
                    Effect::Redraw,
                ];
            }
            Command::Back | Command::Quit => self.mode = Mode::Normal,
            Command::RevealSecrets => {
                if let Some(source) = viewer.source.clone() {
                    viewer.revealed = !viewer.revealed;
                    let text = yaml_text(source, viewer.revealed);
                    viewer.lines = text.lines().map(String::from).collect();
                }
            }
            Command::Edit if viewer.kind == TextKind::Yaml => {
                let object = viewer.object.clone();
                self.mode = Mode::Normal;
                if let Some(refused) = self.refuse_in_readonly(command) {
                    return refused;
                }
                return vec![Effect::Fetch {
                    purpose: Purpose::Edit,
                    object,
                }];
            }
            Command::Help => return self.open_help(),
            _ => return Vec::new(),
        }
        vec![Effect::Redraw]
    }

    /// `esc`: clears the filter first, then goes back one view.
    fn back(&mut self) -> Vec<Effect> {
        if let Some(view) = self.view_mut()
            && !view.table.filter_text.is_empty()
        {
            let _ = view.table.set_filter("");
            return vec![Effect::Redraw];
        }
        if self.views.len() > 1 {
            self.views.pop();
            return self.rewatch_top();
        }
        Vec::new()
    }

    fn enter(&mut self) -> Vec<Effect> {
        if let Some(effects) = self.show_pool() {
            return effects;
        }
        if let Some(effects) = self.enter_image_kinds() {
            return effects;
        }
        let Some(drill) = self
            .view()
            .and_then(|v| v.table.selected_row())
            .and_then(|r| r.drill.clone())
        else {
            return self.fetch_selected(Purpose::Describe);
        };
        let Some(pods) = self.registry.find("", "Pod").cloned() else {
            return self.error("this cluster serves no pods");
        };
        let id = self.new_view_id();
        self.push_view(View::drilled(id, pods, &drill))
    }

    fn fetch_selected(&mut self, purpose: Purpose) -> Vec<Effect> {
        match self.selected_object() {
            Some(object) => {
                let mut effects = self.info(format!("loading {}…", object.describe()));
                effects.push(Effect::Fetch { purpose, object });
                effects
            }
            None => self.error("nothing selected"),
        }
    }

    pub(super) fn save_editor(&mut self) -> Vec<Effect> {
        let Mode::Editor(editor) = &mut self.mode else {
            return Vec::new();
        };
        if editor.saving {
            return Vec::new();
        }
        let edited = match yaml::from_yaml(&editor.text()) {
            Ok(edited) => edited,
            Err(error) => {
                editor.error = Some(format!("not saved: {error}"));
                return vec![Effect::Redraw];
            }
        };
        if let Err(reason) = check_before_saving(&editor.object, &edited) {
            editor.error = Some(format!("not saved: {reason}"));
            return vec![Effect::Redraw];
        }
        editor.saving = true;
        editor.error = None;
        let mut object = editor.object.clone();
        let effect = if editor.creating {
            object.name = edited["metadata"]["name"].as_str().unwrap_or_default().to_string();
            editor.object = object.clone();
            Effect::Create { object, edited }
        } else {
            Effect::Apply { object, edited }
        };
        vec![effect, Effect::Redraw]
    }

    pub(super) fn run_command_line(&mut self, line: &str) -> Vec<Effect> {
        let mut words = line.split_whitespace();
        let Some(verb) = words.next() else {
            return vec![Effect::Redraw];
        };
        let argument = words.next();
        match (verb, argument) {
            ("q" | "q!" | "quit", _) => vec![Effect::Quit],
            ("consoles", None) => self.open_console_list(),
            ("console", None) => self.open_kubic_console(),
            ("ctx" | "context", None) => {
                let list = self.contexts.join(", ");
                self.info(format!("contexts: {list} (current: {})", self.header.context))
            }
            ("ctx" | "context", Some(name)) => {
                if !self.contexts.iter().any(|c| c == name) {
                    return self.error(format!("no context {name:?}; known: {}", self.contexts.join(", ")));
                }
                let mut effects = self.info(format!("switching to context {name}…"));
                effects.push(Effect::SwitchContext(name.to_string()));
                effects
            }
            ("ns" | "namespace" | "project" | "projects", Some(name)) => self.switch_namespace(name),
            ("project", None) => self.open_kind("projects", false),
            (name, None) if super::dashboard::is_dashboard(name) => self.open_dashboard(),
            (name, namespace) => {
                if self.registry.resolve(name).is_none() {
                    return self.open_kind(name, false);
                }
                if let Some(ns) = namespace {
                    self.namespace = (ns != "all").then(|| ns.to_string());
                }
                self.open_kind(name, false)
            }
        }
    }

    fn switch_namespace(&mut self, name: &str) -> Vec<Effect> {
        self.namespace = (name != "all").then(|| name.to_string());
        let Some(view) = self.views.last() else {
            return vec![Effect::Redraw];
        };
        let kind = view.kind.plural.clone();
        let mut effects = self.open_kind(&kind, false);
        effects.extend(self.info(format!("project: {name}")));
        effects
    }

    /// Completion candidates for the command line as typed so far.
    pub(super) fn suggestions_for(&self, input: &str) -> Vec<String> {
        let mut words = input.split(' ');
        let first = words.next().unwrap_or_default();
        let Some(second) = words.next() else {
            let mut names: Vec<String> = ["ctx", "dashboard", "ns", "project", "quit"]
                .into_iter()
                .filter(|n| n.starts_with(first))
                .map(String::from)
                .collect();
            names.extend(self.registry.completions(first).into_iter().map(String::from));
            names.truncate(8);
            return names;
        };
        let pool: Vec<String> = match first {
            "ctx" | "context" => self.contexts.clone(),
            _ => self
                .namespace_names()
                .into_iter()
                .chain(std::iter::once("all".to_string()))
                .collect(),
        };
        pool.into_iter().filter(|n| n.starts_with(second)).take(8).collect()
    }

    /// Namespaces the app has seen (rows of a namespaces view, or the current one).
    fn namespace_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .views
            .iter()
            .flat_map(|v| {
                let is_namespace = v.kind.is("", "Namespace");
                v.table.visible_rows().map(move |r| {
                    if is_namespace {
                        r.key.name.clone()
                    } else {
                        r.key.namespace.clone()
                    }
                })
            })
            .filter(|n| !n.is_empty())
            .collect();
        names.extend(self.namespace.clone());
        names.sort();
        names.dedup();
        names
    }
}

/// KUBIC's checks on an edited object before it is sent: a catalog's template must
/// render with sample values (the error names line and column); a new object needs a name.
fn check_before_saving(object: &crate::kube::objects::ObjectRef, edited: &serde_json::Value) -> Result<(), String> {
    let name = edited["metadata"]["name"].as_str().unwrap_or_default();
    crate::model::validate::dns1123_label(name).map_err(|e| format!("metadata.name: {e}"))?;
    if object.kind.is(crate::model::crd::GROUP, "Catalog") {
        let template = edited["spec"]["template"].as_str().unwrap_or_default();
        crate::catalog::check_template(template).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The YAML shown for `object`, with secret values masked unless `revealed`.
pub(super) fn yaml_text(mut object: serde_json::Value, revealed: bool) -> String {
    yaml::strip_noise(&mut object);
    if !revealed {
        yaml::mask_secrets(&mut object);
    }
    yaml::to_yaml(&object).unwrap_or_else(|e| format!("# cannot show this object as YAML: {e}"))
}
