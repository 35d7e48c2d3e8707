//! The runner's side of catalog batch commands: finds the pods, runs the command in
//! them with a bound on concurrency, and writes the report the viewer shows.

use crate::kube::Connection;
use crate::kube::batch::{CONCURRENCY, catalog_pods, report, run_everywhere};

/// Runs `argv` in every pod of every app of `catalog`; the report, failures first.
pub async fn batch(connection: &Connection, catalog: &str, argv: &[String]) -> Result<String, String> {
    let targets = catalog_pods(connection, catalog).await.map_err(|e| e.to_string())?;
    if targets.is_empty() {
        return Err("no app made from this catalog has pods".into());
    }
    let results = run_everywhere(connection, targets, argv, CONCURRENCY).await;
    Ok(report(argv, &results))
}
