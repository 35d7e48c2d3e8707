//! The API server's version, as `kubic version` and the top bar show it.

use super::connect::{Connection, explain};
use super::errors::KubeError;

/// Asks the API server for its version (`/version`), e.g. `v1.36.3`.
pub async fn server_version(connection: &Connection) -> Result<String, KubeError> {
    connection
        .client
        .apiserver_version()
        .await
        .map(|info| info.git_version)
        .map_err(explain(connection))
}
