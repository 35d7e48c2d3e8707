//! A user's detail (`d` on `:users`): role, projects, description, SSH keys, the last
//! login and where from, and the live sessions on this server.

use k8s_openapi::jiff::Timestamp;

use crate::model::age::format_age;
use crate::model::rows::UserFacts;
use crate::model::user::kube_user;

/// The detail of user `name`; `sessions` is `None` in a local session (no server).
pub fn detail(name: &str, facts: &UserFacts, sessions: Option<usize>, now: Timestamp) -> String {
    let projects = if facts.projects.is_empty() {
        "<none>".to_string()
    } else {
        facts.projects.join(", ")
    };
    let description = match facts.description.trim() {
        "" => "-".to_string(),
        text => text.replace('\n', "\n             "),
    };
    let last_login = match facts.last_login.and_then(|s| Timestamp::from_second(s).ok()) {
        Some(at) => {
            let from = facts.last_login_from.as_deref().unwrap_or("an unknown address");
            format!(
                "{} ago, {} from {from}",
                format_age(Some(at), now),
                at.strftime("%Y-%m-%d %H:%M:%S UTC")
            )
        }
        None => "never".to_string(),
    };
    let sessions = match sessions {
        Some(count) => format!("{count} on this server"),
        None => "- (a local session sees no server's sessions)".to_string(),
    };
    let rows = [
        ("Name", name.to_string()),
        ("Role", facts.role.clone()),
        ("Projects", projects),
        ("Description", description),
        ("SSH keys", facts.ssh_keys.to_string()),
        ("Last login", last_login),
        ("Sessions", sessions),
        ("Acts as", kube_user(name)),
    ];
    rows.iter()
        .map(|(label, value)| format!("{:<13}{value}", format!("{label}:")))
        .collect::<Vec<_>>()
        .join("\n")
}
