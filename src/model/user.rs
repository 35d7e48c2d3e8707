//! KUBIC's users (1.12): their role, the Kubernetes identity a session of theirs
//! impersonates, and the checks a new user's name and password go through.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::invalid::{Invalid, Part};
use super::validate;

/// The least number of characters a password has.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// What a user may do: an admin runs all of KUBIC, a user runs apps in their projects.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UserRole {
    Admin,
    #[default]
    User,
}

impl UserRole {
    /// The word the role is written as: `admin` or `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Admin => "admin",
            UserRole::User => "user",
        }
    }
}

impl fmt::Display for UserRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UserRole {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(UserRole::Admin),
            "user" => Ok(UserRole::User),
            _ => Err(Invalid::NotRole { text: text.to_string() }),
        }
    }
}

/// The Kubernetes user a session of KUBIC user `name` impersonates.
pub fn kube_user(name: &str) -> String {
    format!("kubic:{name}")
}

/// The Kubernetes group admin sessions impersonate.
pub const ADMINS_GROUP: &str = "kubic:admins";
/// The Kubernetes group user sessions impersonate.
pub const USERS_GROUP: &str = "kubic:users";

/// The Kubernetes group a session of a user with `role` impersonates.
pub fn kube_group(role: UserRole) -> &'static str {
    match role {
        UserRole::Admin => ADMINS_GROUP,
        UserRole::User => USERS_GROUP,
    }
}

/// A user name: a DNS-1123 label (it names the user's Secret and bindings).
pub fn validate_user_name(name: &str) -> Result<(), Invalid> {
    validate::dns1123_label(name).map_err(|e| e.of(Part::UserName))
}

/// Checks a new password for `user`, typed twice (`new`, then `again`).
pub fn check_new_password(user: &str, new: &str, again: &str) -> Result<(), Invalid> {
    let chars = new.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Invalid::PasswordShort {
            min: MIN_PASSWORD_CHARS,
            typed: chars,
        });
    }
    if new.to_lowercase() == user.to_lowercase() {
        return Err(Invalid::PasswordIsName);
    }
    if new != again {
        return Err(Invalid::PasswordsDiffer);
    }
    Ok(())
}

/// What creating a user takes; the password is already hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub name: String,
    pub role: UserRole,
    /// The projects (namespaces) the user runs apps in.
    pub projects: Vec<String>,
    pub description: String,
    /// An argon2id PHC string (`model::password::hash_password`).
    pub password_hash: String,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("projects", &self.projects)
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

/// What editing a user changes (the password is changed on its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEdit {
    pub description: String,
    pub role: UserRole,
    pub projects: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_and_write_as_lowercase_words() {
        assert_eq!("admin".parse::<UserRole>(), Ok(UserRole::Admin));
        assert_eq!(" User ".parse::<UserRole>(), Ok(UserRole::User));
        assert_eq!(
            "root".parse::<UserRole>().map_err(|e| e.to_string()),
            Err("\"root\" is not a role: use admin or user".to_string())
        );
        assert_eq!(UserRole::Admin.to_string(), "admin");
        assert_eq!(
            serde_json::to_value(UserRole::User).ok(),
            Some(serde_json::json!("user"))
        );
        assert_eq!(
            serde_json::from_value::<UserRole>(serde_json::json!("admin")).ok(),
            Some(UserRole::Admin)
        );
    }

    #[test]
    fn a_session_impersonates_the_user_and_its_roles_group() {
        assert_eq!(kube_user("alice"), "kubic:alice");
        assert_eq!(kube_group(UserRole::Admin), "kubic:admins");
        assert_eq!(kube_group(UserRole::User), "kubic:users");
    }

    #[test]
    fn user_names_are_dns_labels() {
        assert!(validate_user_name("alice-2").is_ok());
        assert!(validate_user_name("").is_err());
        assert!(validate_user_name("Alice").is_err());
        assert!(validate_user_name("al_ice").is_err());
        assert!(validate_user_name(&"a".repeat(63)).is_ok());
        let long = validate_user_name(&"a".repeat(64)).unwrap_err().to_string();
        assert!(long.starts_with("user name: at most 63 characters"), "{long}");
    }

    #[test]
    fn a_password_is_long_enough_not_the_name_and_typed_twice_the_same() {
        assert!(check_new_password("alice", "correct horse", "correct horse").is_ok());
        let short = check_new_password("alice", "short", "short").unwrap_err().to_string();
        assert_eq!(short, "the password is too short: at least 10 characters (5 typed)");
        // Counted in characters, not bytes: nine accented letters are nine.
        assert!(check_new_password("alice", "ééééééééé", "ééééééééé").is_err());
        assert!(check_new_password("alice", "éééééééééé", "éééééééééé").is_ok());
        let named = check_new_password("alexandria", "Alexandria", "Alexandria")
            .unwrap_err()
            .to_string();
        assert_eq!(named, "the password cannot be the user's name");
        let differ = check_new_password("alice", "correct horse", "correct house").unwrap_err();
        assert_eq!(differ, Invalid::PasswordsDiffer);
        let differ = differ.to_string();
        assert!(differ.starts_with("the two passwords differ"), "{differ}");
    }

    #[test]
    fn a_new_user_never_prints_its_hash() {
        let new = NewUser {
            name: "alice".into(),
            role: UserRole::User,
            projects: vec!["demo".into()],
            description: String::new(),
            password_hash: "$argon2id$secret".into(),
        };
        assert!(!format!("{new:?}").contains("argon2id"));
    }
}
