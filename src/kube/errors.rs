//! One error type for all cluster IO, worded for an operator rather than a developer,
//! and the typed failure the state machine receives from it.

use crate::model::failure::{Cause, Failure, FailureKind};
use crate::model::invalid::Invalid;
use crate::model::refusal::Refusal;

/// A failure of a cluster request, already explained in plain words.
#[derive(Debug, thiserror::Error)]
pub enum KubeError {
    /// The kubeconfig is missing, unreadable or names things that do not exist.
    #[error("{0}")]
    Config(String),
    /// The API server could not be reached at all.
    #[error("cannot reach the API server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    /// The API server took the request and then said nothing for too long (a stalled
    /// server, see `kube/deadline.rs`).
    #[error("the API server did not answer within {}", .0)]
    Silent(String),
    /// The API server answered and refused the request; its message is already plain words.
    /// A 403 names the identity that was refused.
    #[error("{}", refusal(*.code, .identity, .message))]
    Refused {
        code: u16,
        identity: String,
        message: String,
    },
    /// kubic refused before sending anything: bad input or a KUBIC rule (an app that
    /// still runs, an IP in use…), with the reason as data (English when displayed).
    #[error("{0}")]
    Invalid(Invalid),
    /// Anything else that went wrong while talking to the cluster.
    #[error("{0}")]
    Other(String),
}

impl From<Invalid> for KubeError {
    fn from(invalid: Invalid) -> KubeError {
        KubeError::Invalid(invalid)
    }
}

impl From<Refusal> for KubeError {
    fn from(rule: Refusal) -> KubeError {
        KubeError::Invalid(Invalid::Rule(rule))
    }
}

impl KubeError {
    /// kubic's refusal in words that are not its own (a parser's, a template engine's).
    pub fn said(text: impl Into<String>) -> KubeError {
        KubeError::Invalid(Invalid::Said(text.into()))
    }
}

impl KubeError {
    /// Explains a kube-rs error for a request sent to `url` as `identity`.
    pub fn from_kube(error: ::kube::Error, url: &str, identity: &str) -> Self {
        if let Some(limit) = silence(&error) {
            return KubeError::Silent(limit);
        }
        match error {
            ::kube::Error::Api(status) => {
                let reason = if status.message.is_empty() {
                    status.reason.clone()
                } else {
                    status.message.clone()
                };
                KubeError::Refused {
                    code: status.code,
                    identity: identity.to_string(),
                    message: reason,
                }
            }
            ::kube::Error::HyperError(_) | ::kube::Error::Service(_) => KubeError::Unreachable {
                url: url.to_string(),
                reason: root_cause(&error),
            },
            other => KubeError::Other(root_cause(&other)),
        }
    }

    /// True when the API server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        matches!(self, KubeError::Refused { code: 404, .. })
    }
}

/// The kind of a kube-rs error, without consuming it.
pub fn kind_of(error: &::kube::Error) -> FailureKind {
    match error {
        ::kube::Error::Api(status) => Failure::kind_of_status(status.code),
        ::kube::Error::HyperError(_) | ::kube::Error::Service(_) => FailureKind::Unreachable,
        _ => FailureKind::Other,
    }
}

/// A broken watch as a failure: its kind, and the root cause as its message; a refusal
/// names `identity`, the user the watch was sent as.
pub fn watch_failure(error: &::kube::runtime::watcher::Error, identity: &str) -> Failure {
    use ::kube::runtime::watcher::Error as Watch;
    let kind = match error {
        Watch::InitialListFailed(e) | Watch::WatchStartFailed(e) | Watch::WatchFailed(e) => kind_of(e),
        Watch::WatchError(status) => Failure::kind_of_status(status.code),
        Watch::NoResourceVersion => FailureKind::Other,
    };
    match kind {
        FailureKind::Forbidden => Failure::forbidden(identity, &root_cause(error)),
        kind => Failure::new(kind, root_cause(error)),
    }
}

/// How a refusal reads: a 403 says who was refused.
fn refusal(code: u16, identity: &str, message: &str) -> String {
    if code == 403 {
        Failure::forbidden(identity, message).message
    } else {
        message.to_string()
    }
}

impl From<KubeError> for Failure {
    fn from(error: KubeError) -> Failure {
        let kind = match &error {
            KubeError::Config(_) | KubeError::Other(_) => FailureKind::Other,
            KubeError::Unreachable { .. } => FailureKind::Unreachable,
            KubeError::Silent(_) => FailureKind::Timeout,
            KubeError::Refused { code, .. } => Failure::kind_of_status(*code),
            KubeError::Invalid(_) => FailureKind::Invalid,
        };
        let failure = Failure::new(kind, error.to_string());
        match error {
            KubeError::Invalid(why) => failure.because(Cause::Invalid(why)),
            KubeError::Refused {
                code: 403,
                identity,
                message,
            } => Failure::forbidden(&identity, &message),
            KubeError::Unreachable { url, reason } => failure.because(Cause::Unreachable { url, reason }),
            KubeError::Silent(limit) => failure.because(Cause::Silent { limit }),
            KubeError::Config(_) | KubeError::Refused { .. } | KubeError::Other(_) => failure,
        }
    }
}

/// How long a request waited for an answer that never came (`10s`), when that is what
/// ended it.
fn silence(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cause = Some(error);
    while let Some(current) = cause {
        if let Some(silent) = current.downcast_ref::<super::deadline::NoAnswer>() {
            return Some(silent.limit());
        }
        cause = current.source();
    }
    None
}

/// The innermost message of an error chain, which is the one that names the real cause
/// ("Connection refused", "certificate expired", ...).
pub fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    let message = current.to_string();
    if message.is_empty() { error.to_string() } else { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: u16, message: &str) -> ::kube::Error {
        ::kube::Error::Api(Box::new(
            ::kube::core::Status::failure(message, "Forbidden").with_code(code),
        ))
    }

    #[test]
    fn a_refused_watch_names_who_was_refused() {
        let error = ::kube::runtime::watcher::Error::InitialListFailed(refused(
            403,
            "secrets is forbidden: User \"bob\" cannot list resource \"secrets\"",
        ));
        let failure = watch_failure(&error, "bob");
        assert!(failure.is(FailureKind::Forbidden));
        assert!(
            failure.message.starts_with("not allowed for bob: "),
            "{}",
            failure.message
        );
        let broken = ::kube::runtime::watcher::Error::WatchFailed(refused(500, "etcd is gone"));
        assert!(!watch_failure(&broken, "bob").message.contains("bob"));
    }

    #[test]
    fn a_refusal_names_who_was_refused_and_keeps_its_kind() {
        let error = KubeError::from_kube(
            refused(
                403,
                "pods \"web\" is forbidden: User \"alice\" cannot delete resource \"pods\"",
            ),
            "https://192.0.2.1:6443",
            "alice",
        );
        assert_eq!(
            error.to_string(),
            "not allowed for alice: pods \"web\" is forbidden: User \"alice\" cannot delete resource \"pods\""
        );
        let failure = Failure::from(error);
        assert!(failure.is(FailureKind::Forbidden));
        assert!(failure.message.starts_with("not allowed for alice: "));
    }

    #[test]
    fn a_request_without_an_answer_is_a_timeout_said_in_words() {
        let silent = super::super::deadline::NoAnswer(std::time::Duration::from_secs(10));
        let error = KubeError::from_kube(::kube::Error::Service(Box::new(silent)), "https://x", "alice");
        assert_eq!(error.to_string(), "the API server did not answer within 10s");
        assert!(Failure::from(error).is(FailureKind::Timeout));
    }

    #[test]
    fn other_refusals_keep_the_api_servers_words_and_their_kind() {
        let conflict = Failure::from(KubeError::from_kube(
            refused(409, "the object has been modified"),
            "u",
            "alice",
        ));
        assert_eq!(
            (conflict.kind, conflict.message.as_str()),
            (FailureKind::Conflict, "the object has been modified")
        );
        let missing = Failure::from(KubeError::from_kube(refused(404, "not found"), "u", "alice"));
        assert!(missing.is(FailureKind::NotFound));
        let running = Refusal::AppRunning { app: "dns".into() };
        let rule = Failure::from(KubeError::from(running.clone()));
        assert!(rule.is(FailureKind::Invalid));
        assert_eq!(rule.message, "app dns is running: halt it first");
        assert_eq!(
            rule.why,
            Some(Cause::Invalid(Invalid::Rule(running))),
            "the reason as data, for the session's language"
        );
    }
}
