//! The runner's side of catalog batch commands and file deploys: finds the pods, runs
//! the work in them with a bound on concurrency, and has `model::detail::pod_runs`
//! write the report the viewer shows.

use crate::kube::Connection;
use crate::kube::batch::{CONCURRENCY, catalog_pods, run_everywhere};
use crate::kube::file_deploy::deploy_files;
use crate::kube::toolbox::FILES_PATH;
use crate::model::cluster::Deployed;
use crate::model::detail::pod_runs::{batch_report, deploy_report};
use crate::model::failure::Failure;

/// Runs `argv` in every pod of every app of `catalog`; the report, failures first.
pub async fn batch(connection: &Connection, catalog: &str, argv: &[String]) -> Result<String, Failure> {
    let targets = catalog_pods(connection, catalog).await.map_err(Failure::from)?;
    if targets.is_empty() {
        return Err(Failure::invalid("no app made from this catalog has pods"));
    }
    let results = run_everywhere(connection, targets, argv, CONCURRENCY).await;
    Ok(batch_report(argv, &results))
}

/// Deploys `catalog`'s files (`/data` of its files volume) into `/data` of its apps' pods.
pub async fn deploy(connection: &Connection, catalog: &str, image: &str) -> Result<Deployed, Failure> {
    let results = deploy_files(connection, catalog, image, (FILES_PATH, FILES_PATH))
        .await
        .map_err(Failure::from)?;
    Ok(deploy_report(catalog, &results))
}
