//! Registry failures as operators read them: unreachable, refused credentials, not
//! found, deletes disabled, or what the registry said.

use oci_client::errors::OciDistributionError;

use crate::model::failure::{Failure, FailureKind};

/// Why a registry request failed, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("registry {host} is unreachable: {reason}")]
    Unreachable { host: String, reason: String },
    #[error("registry {host} refused the credentials (HTTP 401): check the registry's user and password")]
    Unauthorized { host: String },
    #[error("registry {host} denies access (HTTP 403)")]
    Denied { host: String },
    #[error("{what} is not in registry {host}")]
    NotFound { host: String, what: String },
    #[error("registry {host} does not allow deletes (HTTP 405): enable storage deletes in its configuration")]
    DeletesDisabled { host: String },
    #[error("registry {host}: {message}")]
    Other { host: String, message: String },
}

impl RegistryError {
    /// Classifies an error of the OCI client.
    pub fn from_oci(host: &str, error: OciDistributionError, what: &str) -> RegistryError {
        let host = host.to_string();
        match error {
            OciDistributionError::RequestError(error) => RegistryError::from_http(&host, &error),
            OciDistributionError::AuthenticationFailure(_) | OciDistributionError::UnauthorizedError { .. } => {
                RegistryError::Unauthorized { host }
            }
            OciDistributionError::ImageManifestNotFoundError(_) => RegistryError::NotFound {
                host,
                what: what.to_string(),
            },
            OciDistributionError::ServerError { code, .. } => RegistryError::from_status(&host, code, what),
            OciDistributionError::RegistryError { envelope, .. } => {
                let codes: Vec<String> = envelope.errors.iter().map(|e| format!("{:?}", e.code)).collect();
                if codes.iter().any(|c| c == "Unauthorized") {
                    return RegistryError::Unauthorized { host };
                }
                if codes.iter().any(|c| c == "Denied") {
                    return RegistryError::Denied { host };
                }
                if codes.iter().any(|c| c.contains("Unknown") || c == "NotFound") {
                    return RegistryError::NotFound {
                        host,
                        what: what.to_string(),
                    };
                }
                let message = envelope
                    .errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
                RegistryError::Other { host, message }
            }
            other => RegistryError::Other {
                host,
                message: first_line(&other.to_string()),
            },
        }
    }

    /// Classifies a transport error.
    pub fn from_http(host: &str, error: &reqwest::Error) -> RegistryError {
        if let Some(status) = error.status() {
            return RegistryError::from_status(host, status.as_u16(), "the object");
        }
        let reason = if error.is_timeout() {
            "no answer in time".to_string()
        } else if root_cause(error).contains("certificate") {
            format!("its TLS certificate is not trusted ({})", root_cause(error))
        } else if error.is_connect() {
            root_cause(error)
        } else {
            first_line(&root_cause(error))
        };
        RegistryError::Unreachable {
            host: host.to_string(),
            reason,
        }
    }

    /// Classifies an HTTP status the registry answered.
    pub fn from_status(host: &str, status: u16, what: &str) -> RegistryError {
        let host = host.to_string();
        match status {
            401 => RegistryError::Unauthorized { host },
            403 => RegistryError::Denied { host },
            404 => RegistryError::NotFound {
                host,
                what: what.to_string(),
            },
            405 => RegistryError::DeletesDisabled { host },
            code => RegistryError::Other {
                host,
                message: format!("unexpected HTTP {code}"),
            },
        }
    }
}

/// The innermost cause, which says what really happened (connection refused, DNS…).
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    first_line(&crate::kube::errors::root_cause(error))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_string()
}

impl From<RegistryError> for Failure {
    fn from(error: RegistryError) -> Failure {
        let kind = match &error {
            RegistryError::Unreachable { .. } => FailureKind::Unreachable,
            RegistryError::Unauthorized { .. } => FailureKind::Unauthorized,
            RegistryError::Denied { .. } => FailureKind::Forbidden,
            RegistryError::NotFound { .. } => FailureKind::NotFound,
            RegistryError::DeletesDisabled { .. } => FailureKind::Invalid,
            RegistryError::Other { .. } => FailureKind::Other,
        };
        Failure::new(kind, error.to_string())
    }
}
