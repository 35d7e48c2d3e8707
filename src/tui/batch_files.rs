//! The runner's side of catalog batch commands and file deploys: finds the pods and
//! runs the work in them with a bound on concurrency; the state writes the report.

use crate::kube::batch::{CONCURRENCY, catalog_pods, run_everywhere};
use crate::kube::file_deploy::deploy_files;
use crate::kube::toolbox::FILES_PATH;
use crate::kube::{Connection, KubeError};
use crate::model::detail::pod_runs::PodResult;
use crate::model::failure::Failure;
use crate::model::refusal::Refusal;

/// Runs `argv` in every pod of every app of `catalog`: how it went in each.
pub async fn batch(connection: &Connection, catalog: &str, argv: &[String]) -> Result<Vec<PodResult>, Failure> {
    let targets = catalog_pods(connection, catalog).await.map_err(Failure::from)?;
    if targets.is_empty() {
        let refusal = Refusal::NoAppPods {
            catalog: catalog.to_string(),
        };
        return Err(Failure::from(KubeError::from(refusal)));
    }
    Ok(run_everywhere(connection, targets, argv, CONCURRENCY).await)
}

/// Deploys `catalog`'s files (`/data` of its files volume) into `/data` of its apps' pods.
pub async fn deploy(connection: &Connection, catalog: &str, image: &str) -> Result<Vec<PodResult>, Failure> {
    deploy_files(connection, catalog, image, (FILES_PATH, FILES_PATH))
        .await
        .map_err(Failure::from)
}
