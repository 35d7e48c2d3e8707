//! Rows of KUBIC's users: role, projects, description; the last login and the live
//! sessions are filled in by the state machine (they change with the clock and the
//! server, not with the record).

use kube::core::DynamicObject;
use serde_json::Value;

use super::{Drill, Health, RowFacts, UserFacts, at, items, raw, strings, text};

pub const USER_COLUMNS: &[&str] = &["ROLE", "PROJECTS", "DESCRIPTION", "LAST LOGIN", "SESSIONS"];
/// The index among the cells of the LAST LOGIN column.
pub const USER_LAST_LOGIN: usize = 3;
/// The index among the cells of the SESSIONS column.
pub const USER_SESSIONS: usize = 4;

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn user(object: &DynamicObject) -> Projection {
    let role = role(object);
    let health = if role == "admin" { Health::Ok } else { Health::Neutral };
    let projects = projects(object);
    let cells = vec![
        role,
        if projects.is_empty() {
            "<none>".into()
        } else {
            projects.join(",")
        },
        text(object, "/spec/description").replace('\n', " "),
        "-".into(),
        "-".into(),
    ];
    (cells, health, None)
}

/// What the detail and the edit form start from.
pub fn user_facts(object: &DynamicObject) -> RowFacts {
    let last_login = at(object, "/status/lastLogin")
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<k8s_openapi::jiff::Timestamp>().ok())
        .map(|t| t.as_second());
    let from = raw(object, "/status/lastLoginFrom");
    RowFacts::User(Box::new(UserFacts {
        role: role(object),
        projects: projects(object),
        description: raw(object, "/spec/description"),
        ssh_keys: items(object, "/spec/sshKeys").len(),
        last_login,
        last_login_from: (!from.is_empty()).then_some(from),
    }))
}

fn role(object: &DynamicObject) -> String {
    match raw(object, "/spec/role").as_str() {
        "" => "user".into(),
        role => role.into(),
    }
}

fn projects(object: &DynamicObject) -> Vec<String> {
    strings(object, "/spec/projects")
}

#[cfg(test)]
mod tests {
    use super::super::object;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_user_row_shows_role_projects_and_description_and_knows_its_last_login() {
        let o = object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "User", "metadata": {"name": "alice"},
            "spec": {"role": "admin", "projects": ["demo", "web"], "description": "ops\nlead",
                     "sshKeys": ["ssh-ed25519 AAAA alice"]},
            "status": {"lastLogin": "2026-11-18T10:00:00Z", "lastLoginFrom": "192.0.2.7:50122"}
        }));
        let (cells, health, _) = user(&o);
        assert_eq!(cells, ["admin", "demo,web", "ops lead", "-", "-"]);
        assert_eq!(health, Health::Ok);
        let facts = user_facts(&o);
        let facts = facts.user().unwrap();
        assert_eq!(facts.ssh_keys, 1);
        assert_eq!(facts.description, "ops\nlead");
        assert_eq!(facts.last_login, Some(1_794_996_000));
        assert_eq!(facts.last_login_from.as_deref(), Some("192.0.2.7:50122"));
    }

    #[test]
    fn a_bare_user_is_a_user_of_no_project_who_never_logged_in() {
        let o = object(json!({"apiVersion": "kubic.io/v1alpha1", "kind": "User", "metadata": {"name": "bob"}}));
        assert_eq!(user(&o).0, ["user", "<none>", "-", "-", "-"]);
        let facts = user_facts(&o);
        let facts = facts.user().unwrap();
        assert_eq!((facts.last_login, facts.last_login_from.clone()), (None, None));
    }
}
