//! Users and passwords as data: what an admin changes on `:users`, and a user's change
//! of their own password, each described in the footer's words. Passwords travel as
//! [`TypedPassword`]s, which never print.

use crate::config::i18n::{Lang, t};
use crate::model::typed_password::TypedPassword;
use crate::model::user::{UserEdit, UserRole};

/// A user as the create form describes it; the executor hashes the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDraft {
    pub name: String,
    pub role: UserRole,
    pub projects: Vec<String>,
    pub description: String,
    pub password: TypedPassword,
}

/// A change an admin makes to KUBIC's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserOp {
    Create(Box<UserDraft>),
    Edit {
        name: String,
        edit: UserEdit,
    },
    /// A new password for user `name`, set without the old one (an admin's right).
    SetPassword {
        name: String,
        password: TypedPassword,
    },
    /// The record, its password Secret and its project bindings.
    Delete(String),
}

impl UserOp {
    /// What the footer says about it: `create user alice (user of demo)`.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// What the footer and the confirmation say about it, in `lang`.
    pub fn describe_in(&self, lang: Lang) -> String {
        match self {
            UserOp::Create(draft) => t!(
                lang,
                "op.create_user",
                name = draft.name,
                role = role_and_projects(draft.role, &draft.projects, lang)
            ),
            UserOp::Edit { name, edit } => t!(
                lang,
                "op.save_user",
                name = name,
                role = role_and_projects(edit.role, &edit.projects, lang)
            ),
            UserOp::SetPassword { name, .. } => t!(lang, "op.set_password", name = name),
            UserOp::Delete(name) => t!(lang, "op.delete_user", name = name),
        }
    }

    /// Deleting a user is confirmed; the forms are confirmed by their enter.
    pub fn is_destructive(&self) -> bool {
        matches!(self, UserOp::Delete(_))
    }
}

/// `admin` or `user of demo, web` or `user of no project`.
pub fn role_and_projects(role: UserRole, projects: &[String], lang: Lang) -> String {
    match (role, projects.is_empty()) {
        (UserRole::Admin, _) => "admin".into(),
        (UserRole::User, true) => t!(lang, "op.user_of_no_project").into(),
        (UserRole::User, false) => t!(lang, "op.user_of", projects = projects.join(", ")),
    }
}

/// A logged-in user's change of their own password: the old one is checked first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChange {
    pub user: String,
    pub old: TypedPassword,
    pub new: TypedPassword,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_changes_are_described_and_only_a_delete_is_confirmed() {
        let draft = UserDraft {
            name: "alice".into(),
            role: UserRole::User,
            projects: vec!["demo".into(), "web".into()],
            description: String::new(),
            password: TypedPassword::new("correct horse battery"),
        };
        let create = UserOp::Create(Box::new(draft));
        assert_eq!(create.describe(), "create user alice (user of demo, web)");
        assert!(!create.is_destructive());
        assert!(!format!("{create:?}").contains("horse"), "no password printed");
        let delete = UserOp::Delete("alice".into());
        assert!(delete.is_destructive());
        assert_eq!(
            delete.describe(),
            "delete user alice, their project bindings and password"
        );
        assert_eq!(role_and_projects(UserRole::User, &[], Lang::En), "user of no project");
        assert_eq!(
            role_and_projects(UserRole::User, &["demo".into()], Lang::Ko),
            "프로젝트 demo의 user"
        );
    }
}
