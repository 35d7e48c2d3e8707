//! What each operator command does on the table and in the text viewer.

use crate::app::input::overlay::{Confirm, TextKind};
use crate::app::input::prompt::PromptKind;
use crate::app::input::yaml_text;
use crate::app::table::view::View;
use crate::app::xray::secret_text;
use crate::app::{App, Effect, Mode, Purpose};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::resource::Known;

impl App {
    pub(in crate::app) fn run_table_command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(refused) = self.refuse_unpermitted(command) {
            return refused;
        }
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
            Command::Describe => match self.user_detail() {
                Some(effects) => effects,
                None => self.fetch_selected(Purpose::Describe),
            },
            Command::Yaml => self.fetch_selected(Purpose::Yaml),
            Command::Edit | Command::EditExternal => {
                if let Some(refused) = self.refuse_in_readonly(command) {
                    return refused;
                }
                if command == Command::Edit
                    && let Some(effects) = self.edit_registry().or_else(|| self.edit_user())
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
                    None => self.error(t!(self.lang, "note.nothing_selected")),
                }
            }
            Command::RevealSecrets => Vec::new(),
            Command::Xray => self.xray_selected(),
            Command::Copy => self.copy_selected_name(),
            Command::SetPassword => match self.refuse_in_readonly(command) {
                Some(refused) => refused,
                None => self.user_password_form(),
            },
            Command::Create
            | Command::NewCatalog
            | Command::Run
            | Command::Halt
            | Command::Scale
            | Command::RollingUpdate
            | Command::Rollback
            | Command::Rebalance => self.run_kubic_command(command),
            Command::Logs if self.viewing(Known::ImageBuild) => self.build_log(),
            Command::Logs => self.open_logs(),
            Command::Shell => self.open_shell(),
            Command::Console => self.open_kubic_console(),
            Command::Batch => self.open_batch_prompt(),
            Command::Files => self.open_files_console(),
            Command::DeployFiles => self.deploy_files(),
            Command::PortForward => self.open_forward(),
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
            | Command::Detach
            | Command::PickNext
            | Command::PickPrevious
            | Command::PickList => Vec::new(),
            Command::Cordon | Command::Uncordon | Command::Drain | Command::Taint | Command::Monitor => {
                self.run_host_command(command)
            }
            Command::Manifest => match self.view() {
                Some(view) if view.kind.is_known(Known::App) => self.fetch_selected(Purpose::Manifest),
                _ => self.error(t!(self.lang, "note.manifest_on_apps")),
            },
        }
    }

    pub(in crate::app) fn run_viewer_command(&mut self, command: Command) -> Vec<Effect> {
        let (page, lang) = (self.page as isize, self.lang);
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
            Command::Back | Command::Quit => self.mode = Mode::Normal,
            Command::RevealSecrets => {
                if let Some(source) = viewer.source.clone() {
                    viewer.revealed = !viewer.revealed;
                    let text = match viewer.kind {
                        TextKind::Secret => secret_text(&source, viewer.revealed, lang),
                        _ => yaml_text(source, viewer.revealed),
                    };
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
            Command::Copy => return self.copy_viewer_text(),
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
        let Some(pods) = self.registry.known(Known::Pod).cloned() else {
            return self.error(t!(self.lang, "note.no_pods_kind"));
        };
        let id = self.new_view_id();
        self.push_view(View::drilled(id, pods, &drill))
    }

    pub(in crate::app) fn fetch_selected(&mut self, purpose: Purpose) -> Vec<Effect> {
        match self.selected_object() {
            Some(object) => {
                let mut effects = self.info(t!(self.lang, "note.loading", object = object.describe()));
                effects.push(Effect::Fetch { purpose, object });
                effects
            }
            None => self.error(t!(self.lang, "note.nothing_selected")),
        }
    }
}

#[cfg(test)]
mod tests;
