//! Routes a key to whatever has the keyboard: a prompt, an overlay, or the table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::input::overlay::Confirm;
use super::input::prompt::PromptKind;
use super::kubic::ops::KubicOp;
use super::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Mode::Console(id) = self.mode {
            return self.on_console_key(id, key);
        }
        // Rows may have changed since the last frame: act on what they are now.
        self.prepare_frame();
        if self.keymap.lookup(Section::Global, &key) == Some(Command::Quit) {
            return self.quit_from_anywhere();
        }
        match &self.mode {
            Mode::Prompt(_) => self.on_prompt_key(key),
            Mode::Help(_) => {
                if let Mode::Help(previous) = std::mem::take(&mut self.mode) {
                    self.mode = *previous;
                }
                vec![Effect::Redraw]
            }
            Mode::Confirm(_) => self.on_confirm_key(key),
            Mode::Editor(_) => self.on_editor_key(key),
            Mode::Form(_) => self.on_form_key(key),
            Mode::Logs(_) => self.on_logs_key(key),
            Mode::ConsoleList(_) => self.on_console_list_key(key),
            Mode::Forwards(_) => self.on_forwards_key(key),
            Mode::Tour(_) => self.on_tour_key(key),
            Mode::Console(_) => Vec::new(),
            Mode::Browse(_) => self.on_browse_key(key),
            Mode::Viewer(_) => match self.keymap.lookup(Section::Viewer, &key) {
                Some(command) => self.run_viewer_command(command),
                None => Vec::new(),
            },
            Mode::Normal => match self.keymap.lookup_where(Section::Table, &key, |c| self.applies_here(c)) {
                Some(command) if matches!(self.screen, super::hosts::dashboard::Screen::Xray(_)) => {
                    self.run_xray_command(command)
                }
                Some(command) if self.screen != super::hosts::dashboard::Screen::Table => {
                    self.run_screen_command(command)
                }
                Some(command) => self.run_table_command(command),
                None => Vec::new(),
            },
        }
    }

    fn on_prompt_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return self.cancel_prompt(),
            KeyCode::Enter => return self.submit_prompt(),
            KeyCode::Tab => {
                if let Some(first) = prompt.suggestions.first().cloned() {
                    prompt.complete_with(&first);
                }
            }
            KeyCode::Char('w') if ctrl => prompt.delete_word(),
            KeyCode::Char('u') if ctrl => {
                prompt.input.clear();
                prompt.home();
            }
            KeyCode::Char('c') if ctrl => return self.cancel_prompt(),
            KeyCode::Char(c) => prompt.insert(c),
            KeyCode::Backspace => prompt.backspace(),
            KeyCode::Delete => prompt.delete(),
            KeyCode::Left => prompt.left(),
            KeyCode::Right => prompt.right(),
            KeyCode::Home => prompt.home(),
            KeyCode::End => prompt.end(),
            _ => return Vec::new(),
        }
        self.after_prompt_edit()
    }

    /// Live feedback while typing: the filter applies at once, the command line suggests.
    fn after_prompt_edit(&mut self) -> Vec<Effect> {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return Vec::new();
        };
        match &prompt.kind {
            PromptKind::Input(purpose) => {
                prompt.error = purpose.parse(&prompt.input).err().map(|why| self.lang.invalid(&why));
            }
            PromptKind::Batch { .. } => {
                prompt.error = super::kubic::parse_argv(&prompt.input)
                    .err()
                    .map(|why| self.lang.invalid(&why));
            }
            PromptKind::Filter => {
                let text = prompt.input.clone();
                if let Some(view) = self.views.last_mut() {
                    // An incomplete pattern is fine while typing; enter reports it.
                    let _ = view.table.set_filter(&text);
                }
            }
            PromptKind::Command => {
                let input = prompt.input.clone();
                let suggestions = self.suggestions_for(&input);
                if let Mode::Prompt(prompt) = &mut self.mode {
                    prompt.suggestions = suggestions;
                }
            }
        }
        vec![Effect::Redraw]
    }

    fn cancel_prompt(&mut self) -> Vec<Effect> {
        if let Mode::Prompt(prompt) = std::mem::take(&mut self.mode)
            && prompt.kind == PromptKind::Filter
            && let Some(view) = self.views.last_mut()
        {
            let _ = view.table.set_filter(&prompt.previous);
        }
        vec![Effect::Redraw]
    }

    fn submit_prompt(&mut self) -> Vec<Effect> {
        let Mode::Prompt(prompt) = std::mem::take(&mut self.mode) else {
            return Vec::new();
        };
        match &prompt.kind {
            PromptKind::Input(purpose) => match purpose.parse(&prompt.input) {
                Ok(op) => self.start_kubic(op),
                Err(why) => {
                    self.mode = Mode::Prompt(prompt);
                    let reason = self.lang.invalid(&why);
                    self.error(reason)
                }
            },
            PromptKind::Command => self.run_command_line(prompt.input.trim()),
            PromptKind::Batch { catalog } => match super::kubic::parse_argv(&prompt.input) {
                Ok(argv) => self.start_batch(catalog.clone(), argv),
                Err(why) => {
                    self.mode = Mode::Prompt(prompt);
                    self.error(self.lang.invalid(&why))
                }
            },
            PromptKind::Filter => {
                let result = match self.views.last_mut() {
                    Some(view) => view.table.set_filter(&prompt.input),
                    None => Ok(()),
                };
                match result {
                    Ok(()) => vec![Effect::Redraw],
                    Err(why) => {
                        // Keep what was typed so it can be fixed.
                        self.mode = Mode::Prompt(prompt);
                        self.error(self.lang.invalid(&why))
                    }
                }
            }
        }
    }

    fn on_confirm_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                let Mode::Confirm(confirm) = std::mem::take(&mut self.mode) else {
                    return Vec::new();
                };
                match confirm {
                    Confirm::Delete(object) => {
                        let text = t!(self.lang, "status.deleting", object = object.describe());
                        let mut effects = self.info(text);
                        effects.push(Effect::Delete(object));
                        effects
                    }
                    Confirm::Kubic(op) => self.run_kubic(op),
                    Confirm::RestartApps(deployed) => self.restart_after_deploy(*deployed),
                    Confirm::EndSession { id, user, .. } => self.end_session(id, user),
                    Confirm::StopForward { id, selected, .. } => self.confirmed_stop(id, selected),
                    Confirm::Install => self.run_install(),
                }
            }
            KeyCode::Char('c')
                if matches!(&self.mode, Mode::Confirm(Confirm::Kubic(KubicOp::DeleteCatalog { .. }))) =>
            {
                let Mode::Confirm(Confirm::Kubic(KubicOp::DeleteCatalog { name, .. })) = std::mem::take(&mut self.mode)
                else {
                    return Vec::new();
                };
                self.run_kubic(KubicOp::DeleteCatalog { name, cascade: true })
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
                if matches!(&self.mode, Mode::Confirm(Confirm::RestartApps(_))) =>
            {
                let Mode::Confirm(Confirm::RestartApps(deployed)) = std::mem::take(&mut self.mode) else {
                    return Vec::new();
                };
                self.show_deploy_report(*deployed, t!(self.lang, "report.no_restart"))
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
                if matches!(&self.mode, Mode::Confirm(Confirm::StopForward { .. })) =>
            {
                if let Mode::Confirm(Confirm::StopForward { selected, .. }) = self.mode {
                    self.mode = Mode::Forwards(selected);
                }
                self.info(t!(self.lang, "status.cancelled"))
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
                if matches!(&self.mode, Mode::Confirm(Confirm::Install)) =>
            {
                self.decline_install()
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.info(t!(self.lang, "status.cancelled"))
            }
            _ => Vec::new(),
        }
    }

    fn on_editor_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Editor(editor) = &mut self.mode else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('s') if ctrl => return self.save_editor(),
            KeyCode::Esc => {
                if editor.is_modified() && !editor.discard_armed {
                    editor.discard_armed = true;
                    editor.error = Some(t!(self.lang, "status.editor_unsaved").into());
                    return vec![Effect::Redraw];
                }
                self.mode = Mode::Normal;
                return self.info(t!(self.lang, "status.edit_cancelled"));
            }
            _ => {
                editor.discard_armed = false;
                editor.textarea.input(key);
            }
        }
        vec![Effect::Redraw]
    }

    /// Whether `command` works on the screen shown (a key two commands share runs the
    /// one that does).
    fn applies_here(&self, command: Command) -> bool {
        match self.view() {
            Some(view) if self.screen == super::hosts::dashboard::Screen::Table => {
                super::table::applicable::applies(command, &view.kind)
            }
            _ => true,
        }
    }

    /// The global quit key: quits at once, unless an edit would be lost.
    fn quit_from_anywhere(&mut self) -> Vec<Effect> {
        if let Mode::Editor(editor) = &mut self.mode
            && editor.is_modified()
        {
            editor.error = Some(t!(self.lang, "status.quit_editor_unsaved").into());
            return vec![Effect::Redraw];
        }
        if matches!(&self.mode, Mode::Form(form) if form.is_modified()) {
            return self.error(t!(self.lang, "status.quit_form_unsaved"));
        }
        vec![Effect::Quit]
    }

    /// Shows help over the current screen.
    pub(super) fn open_help(&mut self) -> Vec<Effect> {
        let previous = std::mem::take(&mut self.mode);
        self.mode = Mode::Help(Box::new(previous));
        vec![Effect::Redraw]
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind) -> Vec<Effect> {
        let initial = match kind {
            PromptKind::Filter => self.view().map(|v| v.table.filter_text.clone()).unwrap_or_default(),
            PromptKind::Command | PromptKind::Input(_) | PromptKind::Batch { .. } => String::new(),
        };
        self.open_prompt_with(kind, &initial)
    }

    /// Opens a prompt with text already typed (an app's current tag, IPs…).
    pub(super) fn open_prompt_with(&mut self, kind: PromptKind, initial: &str) -> Vec<Effect> {
        self.mode = Mode::Prompt(super::input::prompt::Prompt::new(kind, initial));
        self.after_prompt_edit()
    }

    pub(super) fn refuse_in_readonly(&mut self, command: Command) -> Option<Vec<Effect>> {
        self.readonly.then(|| {
            let what = self.lang.command(command).to_lowercase();
            self.error(t!(self.lang, "status.readonly_refused", what = what))
        })
    }
}
