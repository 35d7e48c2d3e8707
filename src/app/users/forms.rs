//! The user forms: a new user (name checked while typing, role picked, projects picked
//! from the cluster's, the password typed twice and masked), editing one, an admin
//! setting a password, and a user changing their own (the old one first).

use crate::app::input::form::{Field, Form, FormKind};
use crate::app::kubic::ops::KubicOp;
use crate::app::users::ops::{PasswordChange, UserDraft, UserOp};
use crate::model::rows::UserFacts;
use crate::model::typed_password::TypedPassword;
use crate::model::user::{UserEdit, UserRole, check_new_password, validate_user_name};
use crate::model::validate;

const PASSWORD: &str = "password";
const NEW_PASSWORD: &str = "new password";
const AGAIN: &str = "again";
const OLD_PASSWORD: &str = "old password";

fn anything(_: &str) -> Result<(), String> {
    Ok(())
}

fn user_name(value: &str) -> Result<(), String> {
    validate_user_name(value.trim())
}

fn project(value: &str) -> Result<(), String> {
    validate::dns1123_label(value)
}

fn typed(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("type your current password".into());
    }
    Ok(())
}

fn masked(label: &'static str, hint: &'static str, check: fn(&str) -> Result<(), String>) -> Field {
    let mut field = Field::new(label, "", hint, check);
    field.secret = true;
    field
}

fn role(value: &str) -> Field {
    let mut field = Field::new(
        "role",
        value,
        "admin runs all of KUBIC, user their projects' apps",
        anything,
    );
    field.choices = vec![UserRole::Admin.to_string(), UserRole::User.to_string()];
    field
}

fn projects(value: &str, known: Vec<String>) -> Field {
    Field::new("projects", value, "the projects the user runs apps in", project).multi("project", known)
}

fn description(value: &str) -> Field {
    Field::new("description", value, "who the user is (optional)", anything)
}

impl Form {
    /// A new user; `known` are the projects known so far (the cluster's follow).
    pub fn new_user(known: Vec<String>) -> Form {
        let fields = vec![
            Field::new("name", "", "a DNS-1123 name: lowercase letters, digits, '-'", user_name),
            role(UserRole::User.as_str()),
            projects("", known),
            description(""),
            masked(PASSWORD, "at least 10 characters, not the user's name", anything),
            masked(AGAIN, "the same password again", anything),
        ];
        Form::with_fields("create a user".into(), FormKind::NewUser, fields)
    }

    /// Editing user `user` (their name stays; the password is changed with `p`).
    pub fn edit_user(user: &str, facts: &UserFacts, known: Vec<String>) -> Form {
        let fields = vec![
            role(&facts.role),
            projects(&facts.projects.join(", "), known),
            description(&facts.description.replace('\n', " ")),
        ];
        let kind = FormKind::EditUser { user: user.into() };
        Form::with_fields(format!("edit user {user}"), kind, fields)
    }

    /// An admin sets user `user`'s password.
    pub fn user_password(user: &str) -> Form {
        let fields = vec![
            masked(PASSWORD, "at least 10 characters, not the user's name", anything),
            masked(AGAIN, "the same password again", anything),
        ];
        let kind = FormKind::UserPassword { user: user.into() };
        Form::with_fields(format!("set the password of user {user}"), kind, fields)
    }

    /// The logged-in `user` changes their own password.
    pub fn own_password(user: &str) -> Form {
        let fields = vec![
            masked(OLD_PASSWORD, "the password you logged in with", typed),
            masked(NEW_PASSWORD, "at least 10 characters, not your user name", anything),
            masked(AGAIN, "the same new password again", anything),
        ];
        let kind = FormKind::OwnPassword { user: user.into() };
        Form::with_fields(format!("change your password ({user})"), kind, fields)
    }

    /// The user whose password the form sets, if it sets one.
    fn password_user(&self) -> Option<String> {
        match &self.kind {
            FormKind::NewUser => Some(self.value("name")),
            FormKind::UserPassword { user } | FormKind::OwnPassword { user } => Some(user.clone()),
            _ => None,
        }
    }

    fn raw(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
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
    pub(in crate::app) fn cross_error(&self, label: &str) -> Option<String> {
        let user = self.password_user()?;
        let new = self.new_password();
        match label {
            PASSWORD | NEW_PASSWORD => check_new_password(&user, &new, &new).err(),
            AGAIN => check_new_password(&user, &new, &self.raw(AGAIN))
                .err()
                .filter(|e| e.starts_with("the two passwords differ")),
            _ => None,
        }
    }

    fn chosen_role(&self) -> Result<UserRole, String> {
        self.value("role").parse()
    }

    fn chosen_projects(&self) -> Vec<String> {
        self.fields
            .iter()
            .find(|f| f.label == "projects")
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
            _ => return Err("not a user form".into()),
        };
        Ok(KubicOp::User(op))
    }

    /// The own-password form, checked: the change to send; otherwise why not.
    pub fn password_change(&mut self) -> Result<PasswordChange, String> {
        self.check()?;
        let FormKind::OwnPassword { user } = &self.kind else {
            return Err("not the password form".into());
        };
        Ok(PasswordChange {
            user: user.clone(),
            old: TypedPassword::new(&self.raw(OLD_PASSWORD)),
            new: TypedPassword::new(&self.new_password()),
        })
    }
}
