//! The user forms: a new user (name checked while typing, role picked, projects picked
//! from the cluster's, the password typed twice and masked), editing one, an admin
//! setting a password, and a user changing their own (the old one first).

use crate::app::input::form::{Field, Form, FormKind};
use crate::app::kubic::ops::KubicOp;
use crate::app::users::ops::{PasswordChange, UserDraft, UserOp};
use crate::config::i18n::{Lang, t};
use crate::model::rows::UserFacts;
use crate::model::typed_password::TypedPassword;
use crate::model::user::{UserEdit, UserRole, check_new_password, validate_user_name};
use crate::model::validate::{self, Invalid};

const PASSWORD: &str = "password";
const NEW_PASSWORD: &str = "new password";
const AGAIN: &str = "again";
const OLD_PASSWORD: &str = "old password";

fn anything(_: &str) -> Result<(), Invalid> {
    Ok(())
}

fn user_name(value: &str) -> Result<(), Invalid> {
    validate_user_name(value.trim())
}

fn project(value: &str) -> Result<(), Invalid> {
    validate::dns1123_label(value)
}

fn typed(value: &str) -> Result<(), Invalid> {
    if value.is_empty() {
        return Err(Invalid::CurrentPasswordRequired);
    }
    Ok(())
}

fn masked(key: &'static str, label: &'static str, hint: &'static str, check: fn(&str) -> Result<(), Invalid>) -> Field {
    let mut field = Field::new(key, "", hint, check).labelled(label);
    field.secret = true;
    field
}

fn role(value: &str, lang: Lang) -> Field {
    let mut field = Field::new("role", value, t!(lang, "form.hint_role"), anything).labelled(t!(lang, "form.role"));
    field.choices = vec![UserRole::Admin.to_string(), UserRole::User.to_string()];
    field
}

fn projects(value: &str, known: Vec<String>, lang: Lang) -> Field {
    Field::new("projects", value, t!(lang, "form.hint_user_projects"), project)
        .labelled(t!(lang, "form.projects"))
        .multi(t!(lang, "form.noun_project"), known)
}

fn description(value: &str, lang: Lang) -> Field {
    Field::new("description", value, t!(lang, "form.hint_user_description"), anything)
        .labelled(t!(lang, "form.description"))
}

/// The new password and the same again, as an admin sets it.
fn new_password_twice(lang: Lang) -> [Field; 2] {
    [
        masked(
            PASSWORD,
            t!(lang, "form.password"),
            t!(lang, "form.hint_password"),
            anything,
        ),
        masked(AGAIN, t!(lang, "form.again"), t!(lang, "form.hint_again"), anything),
    ]
}

impl Form {
    /// A new user; `known` are the projects known so far (the cluster's follow).
    pub fn new_user(known: Vec<String>, lang: Lang) -> Form {
        let mut fields = vec![
            Field::new("name", "", t!(lang, "form.hint_name"), user_name).labelled(t!(lang, "form.name")),
            role(UserRole::User.as_str(), lang),
            projects("", known, lang),
            description("", lang),
        ];
        fields.extend(new_password_twice(lang));
        Form::with_fields(
            t!(lang, "form.title_new_user").to_string(),
            FormKind::NewUser,
            fields,
            lang,
        )
    }

    /// Editing user `user` (their name stays; the password is changed with `p`).
    pub fn edit_user(user: &str, facts: &UserFacts, known: Vec<String>, lang: Lang) -> Form {
        let fields = vec![
            role(&facts.role, lang),
            projects(&facts.projects.join(", "), known, lang),
            description(&facts.description.replace('\n', " "), lang),
        ];
        let kind = FormKind::EditUser { user: user.into() };
        Form::with_fields(t!(lang, "form.title_edit_user", user = user), kind, fields, lang)
    }

    /// An admin sets user `user`'s password.
    pub fn user_password(user: &str, lang: Lang) -> Form {
        let kind = FormKind::UserPassword { user: user.into() };
        let title = t!(lang, "form.title_user_password", user = user);
        Form::with_fields(title, kind, new_password_twice(lang).into(), lang)
    }

    /// The logged-in `user` changes their own password.
    pub fn own_password(user: &str, lang: Lang) -> Form {
        let fields = vec![
            masked(
                OLD_PASSWORD,
                t!(lang, "form.old_password"),
                t!(lang, "form.hint_old_password"),
                typed,
            ),
            masked(
                NEW_PASSWORD,
                t!(lang, "form.new_password"),
                t!(lang, "form.hint_new_password"),
                anything,
            ),
            masked(AGAIN, t!(lang, "form.again"), t!(lang, "form.hint_new_again"), anything),
        ];
        let kind = FormKind::OwnPassword { user: user.into() };
        Form::with_fields(t!(lang, "form.title_own_password", user = user), kind, fields, lang)
    }

    /// The user whose password the form sets, if it sets one.
    fn password_user(&self) -> Option<String> {
        match &self.kind {
            FormKind::NewUser => Some(self.value("name")),
            FormKind::UserPassword { user } | FormKind::OwnPassword { user } => Some(user.clone()),
            _ => None,
        }
    }

    fn raw(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    }

    /// The new password as typed (never trimmed: a space is part of it).
    fn new_password(&self) -> String {
        match self.kind {
            FormKind::OwnPassword { .. } => self.raw(NEW_PASSWORD),
            _ => self.raw(PASSWORD),
        }
    }

    /// A password too short or the user's name; an `again` that differs.
    pub(in crate::app) fn cross_error(&self, key: &str) -> Option<String> {
        let user = self.password_user()?;
        let new = self.new_password();
        match key {
            PASSWORD | NEW_PASSWORD => check_new_password(&user, &new, &new).err(),
            AGAIN => check_new_password(&user, &new, &self.raw(AGAIN))
                .err()
                .filter(|e| *e == Invalid::PasswordsDiffer),
            _ => None,
        }
        .map(|why| self.lang.invalid(&why))
    }

    fn chosen_role(&self) -> Result<UserRole, String> {
        self.value("role").parse().map_err(|why| self.lang.invalid(&why))
    }

    fn chosen_projects(&self) -> Vec<String> {
        self.fields
            .iter()
            .find(|f| f.key == "projects")
            .map(Field::items)
            .unwrap_or_default()
    }

    /// The user change a checked user form describes.
    pub(in crate::app) fn user_op(&self) -> Result<KubicOp, String> {
        let op = match &self.kind {
            FormKind::NewUser => UserOp::Create(Box::new(UserDraft {
                name: self.value("name"),
                role: self.chosen_role()?,
                projects: self.chosen_projects(),
                description: self.value("description"),
                password: TypedPassword::new(&self.new_password()),
            })),
            FormKind::EditUser { user } => UserOp::Edit {
                name: user.clone(),
                edit: UserEdit {
                    description: self.value("description"),
                    role: self.chosen_role()?,
                    projects: self.chosen_projects(),
                },
            },
            FormKind::UserPassword { user } => UserOp::SetPassword {
                name: user.clone(),
                password: TypedPassword::new(&self.new_password()),
            },
            _ => return Err(t!(self.lang, "form.not_user_form").into()),
        };
        Ok(KubicOp::User(op))
    }

    /// The own-password form, checked: the change to send; otherwise why not.
    pub fn password_change(&mut self) -> Result<PasswordChange, String> {
        self.check()?;
        let FormKind::OwnPassword { user } = &self.kind else {
            return Err(t!(self.lang, "form.not_password_form").into());
        };
        Ok(PasswordChange {
            user: user.clone(),
            old: TypedPassword::new(&self.raw(OLD_PASSWORD)),
            new: TypedPassword::new(&self.new_password()),
        })
    }
}
