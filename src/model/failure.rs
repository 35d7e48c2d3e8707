//! Why a request to the cluster or to a registry failed, as the state machine sees it:
//! a kind it can act on (a missing kind, a refusal, a conflict) and the one line the
//! operator reads. Built in `kube/` and `oci/` from their own errors.

use crate::model::invalid::Invalid;

/// What went wrong, in the terms kubic acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The object (or the kind itself) does not exist.
    NotFound,
    /// The identity kubic acts as may not do this.
    Forbidden,
    /// The credentials were refused.
    Unauthorized,
    /// The server could not be reached.
    Unreachable,
    /// Someone else changed the object first, or it already exists.
    Conflict,
    /// The request was refused as wrong: bad input, a KUBIC rule, a schema error.
    Invalid,
    /// No answer in time.
    Timeout,
    Other,
}

/// A failure: its kind and its message, already in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: FailureKind,
    /// In English, as the log and the subcommands say it.
    pub message: String,
    /// When the words are kubic's own: the reason as data, for a session to say in its
    /// language (the API server's and the system's words stay as they were said).
    pub why: Option<Cause>,
}

/// What a failure in kubic's own words says, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// kubic refused before sending anything.
    Invalid(Invalid),
    /// The API server refused `identity`, for the server's `reason`.
    Forbidden { identity: String, reason: String },
    /// The API server at `url` could not be reached, for the system's `reason`.
    Unreachable { url: String, reason: String },
    /// The API server said nothing within `limit` (`10s`).
    Silent { limit: String },
}

impl Failure {
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            why: None,
        }
    }

    /// The same failure with kubic's own reason as data.
    pub fn because(self, why: Cause) -> Failure {
        Failure { why: Some(why), ..self }
    }

    /// A refusal of what `identity` asked, worded the same way everywhere.
    pub fn forbidden(identity: &str, reason: &str) -> Failure {
        Failure::new(FailureKind::Forbidden, format!("not allowed for {identity}: {reason}")).because(
            Cause::Forbidden {
                identity: identity.into(),
                reason: reason.into(),
            },
        )
    }

    /// Bad input or a rule kubic enforces before asking anyone.
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(FailureKind::Invalid, message)
    }

    pub fn other(message: impl Into<String>) -> Failure {
        Failure::new(FailureKind::Other, message)
    }

    pub fn is(&self, kind: FailureKind) -> bool {
        self.kind == kind
    }

    /// The kind an HTTP status code stands for.
    pub fn kind_of_status(code: u16) -> FailureKind {
        match code {
            401 => FailureKind::Unauthorized,
            403 => FailureKind::Forbidden,
            404 | 410 => FailureKind::NotFound,
            409 => FailureKind::Conflict,
            400 | 405 | 406 | 413 | 415 | 422 => FailureKind::Invalid,
            408 | 504 => FailureKind::Timeout,
            _ => FailureKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_map_to_the_kinds_the_state_machine_acts_on() {
        let kinds: Vec<FailureKind> = [401, 403, 404, 409, 422, 504, 500]
            .into_iter()
            .map(Failure::kind_of_status)
            .collect();
        assert_eq!(
            kinds,
            [
                FailureKind::Unauthorized,
                FailureKind::Forbidden,
                FailureKind::NotFound,
                FailureKind::Conflict,
                FailureKind::Invalid,
                FailureKind::Timeout,
                FailureKind::Other,
            ]
        );
    }

    #[test]
    fn a_refusal_names_the_identity_and_shows_as_its_message() {
        let failure = Failure::forbidden("alice", "pods is forbidden: cannot delete");
        assert!(failure.is(FailureKind::Forbidden));
        assert_eq!(
            failure.to_string(),
            "not allowed for alice: pods is forbidden: cannot delete"
        );
    }
}
