//! What the log says about the answers the executor's tasks bring back: a request that
//! failed is a warning naming what was asked and why, a change that was made is a line
//! of its own; reads that succeed stay out (no line per keypress). Only names and the
//! failures' messages are logged, never an object's content.

use crate::app::kubic::done::done_text;
use crate::app::{Action, Purpose};
use crate::config::i18n::Lang;
use crate::model::failure::Failure;

/// Logs `action` when it reports a failed request or a change made.
pub fn log_answer(action: &Action) {
    if let Some((asked, failure)) = failed(action) {
        tracing::warn!("{asked} failed: {failure}");
    } else if let Some(done) = done(action) {
        tracing::info!("{done}");
    }
}

/// What was asked, and why it failed.
fn failed(action: &Action) -> Option<(String, &Failure)> {
    let (asked, failure) = match action {
        Action::ServerVersion(result) => ("reading the API server's version".to_string(), result.as_ref().err()),
        Action::Discovered(result) => ("discovering the API server's kinds".into(), result.as_ref().err()),
        Action::Fetched {
            purpose,
            object,
            result,
        } => (
            format!("reading {} ({})", object.describe(), purpose_name(*purpose)),
            result.as_ref().err(),
        ),
        Action::TextReady { object, result, .. } => (format!("reading {}", object.describe()), result.as_ref().err()),
        Action::Applied { object, result } => (format!("saving {}", object.describe()), result.as_ref().err()),
        Action::Deleted { object, result } => (format!("deleting {}", object.describe()), result.as_ref().err()),
        Action::KubicDone { op, result } => (op.describe(), result.as_ref().err()),
        Action::BatchDone { catalog, result, .. } => (
            format!("the batch command in the apps of catalog {catalog}"),
            result.as_ref().err(),
        ),
        Action::FilesDeployed { catalog, result } => (
            format!("deploying the files of catalog {catalog}"),
            result.as_ref().err(),
        ),
        Action::AppsRestarted(result) => ("restarting the apps".into(), result.as_ref().err()),
        Action::LogSaved(result) => ("saving the log buffer".into(), result.as_ref().err()),
        Action::ProjectsListed(result) => ("listing the projects".into(), result.as_ref().err()),
        Action::Choices { request, result } => {
            (format!("reading a form's choices ({request:?})"), result.as_ref().err())
        }
        Action::AccessRules { namespace, result } => (
            format!("reviewing access in {}", namespace.as_deref().unwrap_or("the cluster")),
            result.as_ref().err(),
        ),
        _ => return None,
    };
    Some((asked, failure?))
}

/// A change that was made (or an answer worth a line), in words.
fn done(action: &Action) -> Option<String> {
    match action {
        Action::ServerVersion(Ok(version)) => Some(format!("the API server answers: {version}")),
        Action::Applied { object, result: Ok(()) } => Some(format!("saved {}", object.describe())),
        Action::Deleted { object, result: Ok(()) } => Some(format!("deleted {}", object.describe())),
        Action::KubicDone { op, result: Ok(done) } => Some(done_text(Lang::En, op, done)),
        Action::BatchDone {
            catalog, result: Ok(_), ..
        } => Some(format!("the batch command ran in the apps of catalog {catalog}")),
        Action::FilesDeployed { catalog, result: Ok(_) } => Some(format!("deployed the files of catalog {catalog}")),
        Action::LogSaved(Ok(path)) => Some(format!("saved the log buffer to {path}")),
        _ => None,
    }
}

fn purpose_name(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Describe => "describe",
        Purpose::Yaml => "YAML",
        Purpose::Edit | Purpose::EditExternal => "edit",
        Purpose::Manifest => "manifest",
        Purpose::Decode => "decoded secret",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cluster::ObjectRef;
    use crate::model::resource::Registry;

    fn pod() -> ObjectRef {
        ObjectRef {
            kind: Registry::builtin().resolve("pods").unwrap().clone(),
            namespace: "demo".into(),
            name: "web-1".into(),
        }
    }

    #[test]
    fn a_failed_request_names_what_was_asked_and_why() {
        let stalled = Failure::other("cannot reach the API server at https://x: no answer within 10s");
        let action = Action::Fetched {
            purpose: Purpose::Describe,
            object: pod(),
            result: Err(stalled.clone()),
        };
        let (asked, failure) = failed(&action).unwrap();
        assert_eq!(asked, "reading pod demo/web-1 (describe)");
        assert_eq!(failure, &stalled);
        assert_eq!(done(&action), None);
    }

    #[test]
    fn changes_made_are_told_and_reads_are_not() {
        let deleted = Action::Deleted {
            object: pod(),
            result: Ok(()),
        };
        assert_eq!(done(&deleted).as_deref(), Some("deleted pod demo/web-1"));
        assert!(failed(&deleted).is_none());
        let read = Action::Fetched {
            purpose: Purpose::Yaml,
            object: pod(),
            result: Ok(crate::app::Fetched {
                object: serde_json::json!({"data": {"password": "c2VjcmV0"}}),
                events: Vec::new(),
            }),
        };
        assert!(
            failed(&read).is_none() && done(&read).is_none(),
            "a read's content is never logged"
        );
    }
}
