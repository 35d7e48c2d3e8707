//! KUBIC's users (1.12) and passwords (1.13) from the keyboard: on `:users`, `n`
//! creates a user, `d` shows one, `e` edits one, `p` sets a password and `ctrl-d`
//! deletes one; `:password` changes the logged-in user's own. The table's LAST LOGIN
//! and SESSIONS cells follow the clock and the server's live sessions.

use std::collections::BTreeMap;

use crate::app::input::form::{Form, FormKind};
use crate::app::input::overlay::{TextKind, TextView};
use crate::app::kubic::ops::KubicOp;
use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::age::format_age;
use crate::model::failure::Failure;
use crate::model::resource::Known;
use crate::model::rows::{USER_LAST_LOGIN, USER_SESSIONS};
use ops::UserOp;

mod detail;
mod forms;
pub mod ops;
#[cfg(test)]
mod tests;

impl App {
    /// A served session of a user who is not an admin: users are not theirs to manage.
    pub(in crate::app) fn refuse_users(&mut self) -> Option<Vec<Effect>> {
        let refused = self.login.as_ref().is_some_and(|login| !login.admin);
        refused.then(|| self.error(t!(self.lang, "note.admins_only")))
    }

    /// `n` on `:users`: the create form, its projects pick filled once the cluster answers
    /// (until then typed projects are not checked against a partial list).
    pub(in crate::app) fn new_user_form(&mut self) -> Vec<Effect> {
        self.mode = Mode::Form(Box::new(Form::new_user(Vec::new(), self.lang)));
        self.status = None;
        vec![Effect::Redraw, Effect::ListProjects]
    }

    /// `e` on `:users`: the edit form, filled in.
    pub(in crate::app) fn edit_user(&mut self) -> Option<Vec<Effect>> {
        if !self.viewing(Known::User) {
            return None;
        }
        let row = self.view()?.table.selected_row()?;
        let facts = row.facts.user().cloned().unwrap_or_default();
        let form = Form::edit_user(&row.key.name, &facts, Vec::new(), self.lang);
        self.mode = Mode::Form(Box::new(form));
        Some(vec![Effect::Redraw, Effect::ListProjects])
    }

    /// `p` on `:users`: a new password for the selected user.
    pub(in crate::app) fn user_password_form(&mut self) -> Vec<Effect> {
        if !self.viewing(Known::User) {
            return self.error(t!(self.lang, "note.p_on_users"));
        }
        let Some(name) = self
            .view()
            .and_then(|v| v.table.selected_row())
            .map(|r| r.key.name.clone())
        else {
            return self.error(t!(self.lang, "note.no_user_selected"));
        };
        self.mode = Mode::Form(Box::new(Form::user_password(&name, self.lang)));
        vec![Effect::Redraw]
    }

    /// `d` on `:users`: what there is to know about the selected user.
    pub(in crate::app) fn user_detail(&mut self) -> Option<Vec<Effect>> {
        if !self.viewing(Known::User) {
            return None;
        }
        let object = self.selected_object()?;
        let row = self.view()?.table.selected_row()?;
        let facts = row.facts.user().cloned().unwrap_or_default();
        let sessions = self.sessions_of(&row.key.name);
        let text = detail::detail(&row.key.name, &facts, sessions, self.now, self.lang);
        self.status = None;
        self.mode = Mode::Viewer(TextView::new(TextKind::Describe, object, &text));
        Some(vec![Effect::Redraw])
    }

    /// ctrl-d on `:users`.
    pub(in crate::app) fn user_delete(&self) -> Option<KubicOp> {
        if !self.viewing(Known::User) {
            return None;
        }
        let name = self.view()?.table.selected_row()?.key.name.clone();
        Some(KubicOp::User(UserOp::Delete(name)))
    }

    /// `:password`: the logged-in user's own password; a local session has no user.
    pub(in crate::app) fn open_password(&mut self) -> Vec<Effect> {
        let Some(login) = &self.login else {
            return self.info(t!(self.lang, "note.local_no_password"));
        };
        self.mode = Mode::Form(Box::new(Form::own_password(&login.user, self.lang)));
        self.status = None;
        vec![Effect::Redraw]
    }

    /// Enter on the own-password form.
    pub(in crate::app) fn submit_own_password(&mut self) -> Vec<Effect> {
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        match form.password_change() {
            Ok(change) => {
                self.mode = Mode::Normal;
                let mut effects = self.info(t!(self.lang, "note.changing_password"));
                effects.push(Effect::ChangePassword(change));
                effects
            }
            Err(reason) => self.error(reason),
        }
    }

    pub(in crate::app) fn on_password_changed(&mut self, result: Result<(), Failure>) -> Vec<Effect> {
        if let Err(reason) = result {
            return self.error(t!(
                self.lang,
                "note.password_not_changed",
                reason = self.lang.failure(&reason)
            ));
        }
        if self.login.as_ref().is_some_and(|login| login.admin) {
            let mut effects = self.info(t!(self.lang, "note.password_changed_admin"));
            effects.push(Effect::Quit);
            return effects;
        }
        self.info(t!(self.lang, "note.password_changed"))
    }

    pub(in crate::app) fn on_live_sessions(&mut self, sessions: BTreeMap<String, usize>) -> Vec<Effect> {
        self.live_sessions = sessions;
        vec![Effect::Redraw]
    }

    /// The projects answer: the user form's pick offers them.
    pub(in crate::app) fn on_projects_listed(&mut self, result: Result<Vec<String>, Failure>) -> Vec<Effect> {
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        if !matches!(form.kind, FormKind::NewUser | FormKind::EditUser { .. }) {
            return Vec::new();
        }
        match result {
            Ok(projects) => {
                if let Some(field) = form.fields.iter_mut().find(|f| f.key == "projects") {
                    field.choices = projects;
                    field.cursor = 0;
                }
                vec![Effect::Redraw]
            }
            Err(reason) => self.error(t!(
                self.lang,
                "note.projects_not_listed",
                reason = self.lang.failure(&reason)
            )),
        }
    }

    /// How many live sessions `user` has on this server; `None` in a local session.
    fn sessions_of(&self, user: &str) -> Option<usize> {
        self.login
            .is_some()
            .then(|| self.live_sessions.get(user).copied().unwrap_or(0))
    }

    /// Writes the LAST LOGIN age and the live SESSIONS into the users table's rows.
    pub(in crate::app) fn fill_user_cells(&mut self) {
        if !self.viewing(Known::User) {
            return;
        }
        let now = self.now;
        let sessions = self.login.is_some().then_some(&self.live_sessions);
        let Some(view) = self.views.last_mut() else {
            return;
        };
        view.table.update_rows(|row| {
            let last_login = row.facts.user().and_then(|u| u.last_login);
            let age = last_login.and_then(|s| k8s_openapi::jiff::Timestamp::from_second(s).ok());
            let live = sessions.map_or_else(
                || "-".to_string(),
                |s| s.get(&row.key.name).copied().unwrap_or(0).to_string(),
            );
            if let Some(cell) = row.cells.get_mut(USER_LAST_LOGIN) {
                *cell = if age.is_some() {
                    format_age(age, now)
                } else {
                    "never".into()
                };
            }
            if let Some(cell) = row.cells.get_mut(USER_SESSIONS) {
                *cell = live;
            }
        });
    }
}
