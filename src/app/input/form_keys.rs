//! Keys in a form: moving between fields, typing, cycling a field's choices with the
//! keymap's `[form]` keys, the list of choices those keys open, submitting and the
//! guarded discard.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;

impl App {
    pub(in crate::app) fn on_form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let page = self.page;
        let command = self.keymap.lookup_own(Section::Form, &key);
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        if form.list.is_some() {
            match list_key(&key, command, page) {
                Some(list_key) => {
                    form.list_key(list_key);
                    self.status = None;
                    return vec![Effect::Redraw];
                }
                // Any other key closes the list and does what it does in the form.
                None => form.list = None,
            }
        }
        let before = super::choices::unbuilt_tags_request(form);
        let armed = form.discard_armed;
        form.discard_armed = false;
        match (command, key.code) {
            (Some(Command::PickNext), _) => form.focused().cycle(1),
            (Some(Command::PickPrevious), _) => form.focused().cycle(-1),
            (Some(Command::PickList), _) => {
                if !form.open_list() {
                    let why = super::form::nothing_to_list(form.focused(), self.lang);
                    return self.info(why);
                }
            }
            (_, KeyCode::Esc) if form.is_modified() && !armed => {
                form.discard_armed = true;
                return self.error(t!(self.lang, "status.form_unsaved"));
            }
            (_, KeyCode::Esc) => {
                self.mode = Mode::Normal;
                return self.info(t!(self.lang, "status.cancelled"));
            }
            (_, KeyCode::Enter) if matches!(form.kind, super::form::FormKind::OwnPassword { .. }) => {
                return self.submit_own_password();
            }
            (_, KeyCode::Enter) if matches!(form.kind, super::form::FormKind::Forward(_)) => {
                return self.submit_forward();
            }
            (_, KeyCode::Enter) => {
                return match form.submit() {
                    Ok(op) => {
                        self.mode = Mode::Normal;
                        self.start_kubic(op)
                    }
                    Err(reason) => self.error(reason),
                };
            }
            (_, KeyCode::Tab | KeyCode::Down) => form.next(),
            (_, KeyCode::BackTab | KeyCode::Up) => form.previous(),
            (_, KeyCode::Backspace) => {
                form.focused().value.pop();
            }
            (_, KeyCode::Char('u')) if key.modifiers.contains(KeyModifiers::CONTROL) => form.focused().value.clear(),
            (_, KeyCode::Char(' ')) if form.focused().multi => form.focused().toggle(),
            (_, KeyCode::Char(c)) => form.focused().value.push(c),
            _ => return Vec::new(),
        }
        form.follow();
        self.status = None;
        let mut effects = vec![Effect::Redraw];
        effects.extend(self.after_build_form_key(before));
        effects.extend(self.probe_forward_end());
        effects
    }
}

/// What a key does in an open list of choices; `None`: it closes the list and acts in the form.
fn list_key(key: &KeyEvent, command: Option<Command>, page: usize) -> Option<super::form::ListKey> {
    use super::form::ListKey;
    let page = isize::try_from(page).unwrap_or(10).max(1);
    Some(match (command, key.code) {
        (Some(Command::PickList), _) | (_, KeyCode::Esc) => ListKey::Close,
        (_, KeyCode::Up) => ListKey::Move(-1),
        (_, KeyCode::Down) => ListKey::Move(1),
        (_, KeyCode::PageUp) => ListKey::Move(-page),
        (_, KeyCode::PageDown) => ListKey::Move(page),
        (_, KeyCode::Home) => ListKey::Move(isize::MIN / 2),
        (_, KeyCode::End) => ListKey::Move(isize::MAX / 2),
        (_, KeyCode::Enter) => ListKey::Pick,
        (_, KeyCode::Char(' ')) => ListKey::Toggle,
        _ => return None,
    })
}
