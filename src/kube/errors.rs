//! One error type for all cluster IO, worded for an operator rather than a developer.

/// A failure of a cluster request, already explained in plain words.
#[derive(Debug, thiserror::Error)]
pub enum KubeError {
    /// The kubeconfig is missing, unreadable or names things that do not exist.
    #[error("{0}")]
    Config(String),
    /// The API server could not be reached at all.
    #[error("cannot reach the API server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    /// The API server answered and refused the request; its message is already plain words.
    #[error("{message}")]
    Refused { code: u16, message: String },
    /// kubic refused before sending anything: bad input or a KUBIC rule (an app that
    /// still runs, an IP in use…), with the reason in plain words.
    #[error("{0}")]
    Invalid(String),
    /// Anything else that went wrong while talking to the cluster.
    #[error("{0}")]
    Other(String),
}

impl KubeError {
    /// Explains a kube-rs error for a request sent to `url`.
    pub fn from_kube(error: ::kube::Error, url: &str) -> Self {
        match error {
            ::kube::Error::Api(status) => {
                let reason = if status.message.is_empty() {
                    status.reason.clone()
                } else {
                    status.message.clone()
                };
                KubeError::Refused {
                    code: status.code,
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
