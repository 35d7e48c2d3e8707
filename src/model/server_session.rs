//! What the server knows about its live sessions and the changes they made: the rows of
//! `:sessions` and the entries of the audit trail (`:audit` and the JSON audit log).

use k8s_openapi::jiff::Timestamp;
use serde::Serialize;

/// One live session of the server, as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    /// The server's id of the session (to end it).
    pub id: u64,
    pub user: String,
    /// The client's address, `ip:port`.
    pub source: String,
    pub since: Timestamp,
    /// When its user last typed something.
    pub last_input: Timestamp,
    /// Where the session is: its screen and views (`pods(web) > logs`).
    pub view: String,
}

impl LiveSession {
    /// How long its user has not typed, in whole seconds (never negative).
    pub fn idle_seconds(&self, now: Timestamp) -> i64 {
        now.duration_since(self.last_input).as_secs().max(0)
    }
}

/// How a change ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", content = "reason", rename_all = "lowercase")]
pub enum Outcome {
    /// Done (for a console or forward: opened).
    Ok,
    /// The API server or kubic refused it, or it failed: why.
    Failed(String),
}

impl Outcome {
    pub fn of<T, E: std::fmt::Display>(result: &Result<T, E>) -> Outcome {
        match result {
            Ok(_) => Outcome::Ok,
            Err(error) => Outcome::Failed(error.to_string()),
        }
    }
}

/// A change a session asked for, before the server adds who and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// A stable verb: `delete`, `scale`, `exec`, `port-forward` …
    pub action: String,
    /// What it acted on: `pods/web/nginx-1`, `app web/dns` …
    pub object: String,
    pub outcome: Outcome,
}

impl Change {
    pub fn new(action: impl Into<String>, object: impl Into<String>, outcome: Outcome) -> Change {
        Change {
            action: action.into(),
            object: object.into(),
            outcome,
        }
    }
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub time: Timestamp,
    pub user: String,
    pub source: String,
    pub action: String,
    pub object: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl AuditEntry {
    /// `change` made by `user` from `source` at `time`.
    pub fn new(time: Timestamp, user: &str, source: &str, change: Change) -> AuditEntry {
        AuditEntry {
            time,
            user: user.to_string(),
            source: source.to_string(),
            action: change.action,
            object: change.object,
            outcome: change.outcome,
        }
    }

    /// The entry as one line of JSON (no newline).
    pub fn json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    #[test]
    fn an_entry_is_one_line_of_json_with_the_result_and_its_reason() {
        let ok = AuditEntry::new(
            at(0),
            "alice",
            "127.0.0.1:5000",
            Change::new("delete", "pods/web/a", Outcome::Ok),
        );
        let value: serde_json::Value = serde_json::from_str(&ok.json_line()).unwrap();
        assert_eq!(value["user"], "alice");
        assert_eq!(value["source"], "127.0.0.1:5000");
        assert_eq!(value["action"], "delete");
        assert_eq!(value["object"], "pods/web/a");
        assert_eq!(value["result"], "ok");
        assert_eq!(value["time"], "2027-01-15T08:00:00Z");
        assert!(value.get("reason").is_none());
        let failed = AuditEntry::new(
            at(0),
            "bob",
            "-",
            Change::new("scale", "app web/dns", Outcome::Failed("forbidden:\n\"x\"".into())),
        );
        let line = failed.json_line();
        assert!(!line.contains('\n'), "{line}");
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            (value["result"].as_str(), value["reason"].as_str()),
            (Some("failed"), Some("forbidden:\n\"x\""))
        );
    }

    #[test]
    fn idle_time_counts_from_the_last_input() {
        let session = LiveSession {
            id: 1,
            user: "alice".into(),
            source: "127.0.0.1:1".into(),
            since: at(0),
            last_input: at(10),
            view: "pods".into(),
        };
        assert_eq!(session.idle_seconds(at(75)), 65);
        assert_eq!(session.idle_seconds(at(5)), 0);
    }
}
