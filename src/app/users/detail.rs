//! A user's detail (`d` on `:users`): role, projects, description, SSH keys, the last
//! login and where from, and the live sessions on this server.

use k8s_openapi::jiff::Timestamp;

use crate::config::i18n::{Lang, t};
use crate::model::age::format_age;
use crate::model::rows::UserFacts;
use crate::model::user::kube_user;
use crate::model::wrap::pad;
use unicode_width::UnicodeWidthStr as _;

/// The detail of user `name`; `sessions` is `None` in a local session (no server).
pub fn detail(name: &str, facts: &UserFacts, sessions: Option<usize>, now: Timestamp, lang: Lang) -> String {
    let labels: [&str; 8] = [
        t!(lang, "user_detail.name"),
        t!(lang, "user_detail.role"),
        t!(lang, "user_detail.projects"),
        t!(lang, "user_detail.description"),
        t!(lang, "user_detail.ssh_keys"),
        t!(lang, "user_detail.last_login"),
        t!(lang, "user_detail.sessions"),
        t!(lang, "user_detail.acts_as"),
    ];
    // Values start one cell after the widest `label:`, in terminal cells.
    let indent = labels.iter().map(|label| label.width() + 1).max().unwrap_or(0) + 1;
    let projects = if facts.projects.is_empty() {
        "<none>".to_string()
    } else {
        facts.projects.join(", ")
    };
    let description = match facts.description.trim() {
        "" => "-".to_string(),
        text => text.replace('\n', &format!("\n{}", " ".repeat(indent))),
    };
    let last_login = match facts.last_login.and_then(|s| Timestamp::from_second(s).ok()) {
        Some(at) => {
            let from = match facts.last_login_from.as_deref() {
                Some(from) => from.to_string(),
                None => t!(lang, "user_detail.unknown_address").into(),
            };
            t!(
                lang,
                "user_detail.last_login_at",
                age = format_age(Some(at), now),
                at = at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                from = from
            )
        }
        None => t!(lang, "user_detail.never").into(),
    };
    let sessions = match sessions {
        Some(count) => t!(lang, "user_detail.sessions_here", count = count),
        None => t!(lang, "user_detail.no_server").into(),
    };
    let values = [
        name.to_string(),
        facts.role.clone(),
        projects,
        description,
        facts.ssh_keys.to_string(),
        last_login,
        sessions,
        kube_user(name),
    ];
    labels
        .iter()
        .zip(values)
        .map(|(label, value)| format!("{}{value}", pad(&format!("{label}:"), indent)))
        .collect::<Vec<_>>()
        .join("\n")
}
