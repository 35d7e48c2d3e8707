//! The runner's side of catalog batch commands and file deploys: finds the pods, runs
//! the work in them with a bound on concurrency, and writes the report the viewer shows.

use crate::kube::Connection;
use crate::kube::batch::{CONCURRENCY, PodResult, catalog_pods, report, run_everywhere};
use crate::kube::file_deploy::deploy_files;
use crate::kube::toolbox::FILES_PATH;
use crate::model::cluster::Deployed;
use crate::model::failure::Failure;

/// Runs `argv` in every pod of every app of `catalog`; the report, failures first.
pub async fn batch(connection: &Connection, catalog: &str, argv: &[String]) -> Result<String, Failure> {
    let targets = catalog_pods(connection, catalog).await.map_err(Failure::from)?;
    if targets.is_empty() {
        return Err(Failure::invalid("no app made from this catalog has pods"));
    }
    let results = run_everywhere(connection, targets, argv, CONCURRENCY).await;
    Ok(report(argv, &results))
}

/// Deploys `catalog`'s files (`/data` of its files volume) into `/data` of its apps' pods.
pub async fn deploy(connection: &Connection, catalog: &str, image: &str) -> Result<Deployed, Failure> {
    let results = deploy_files(connection, catalog, image, (FILES_PATH, FILES_PATH))
        .await
        .map_err(Failure::from)?;
    Ok(deployed(catalog, &results))
}

/// The report of a deploy and the apps it reached.
pub fn deployed(catalog: &str, results: &[PodResult]) -> Deployed {
    let failed = results.iter().filter(|r| r.failed()).count();
    let summary = format!(
        "{} pods: {} ok, {failed} failed.",
        results.len(),
        results.len() - failed
    );
    let mut text = format!("file deploy of catalog {catalog}\n{summary}\n");
    for result in results {
        let verdict = if result.failed() { "FAILED" } else { "ok" };
        text.push_str(&format!(
            "\n── {}/{} (app {}) · {verdict}\n  {}\n",
            result.target.namespace, result.target.pod, result.target.app, result.output
        ));
    }
    let mut apps: Vec<(String, String)> = results
        .iter()
        .filter(|r| !r.failed())
        .map(|r| (r.target.namespace.clone(), r.target.app.clone()))
        .collect();
    apps.sort();
    apps.dedup();
    Deployed {
        report: text,
        summary,
        apps,
    }
}
