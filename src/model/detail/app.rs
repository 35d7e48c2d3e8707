//! An app's detail (its live state, pods with restarts, revision history, then the App
//! described) and the manifest its current revision was rendered to.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::model::app::AppReport;
use crate::model::crd::AppRevision;
use crate::model::describe::describe;

/// The revision the App's spec was last rendered from (`spec.revision`), 0 when unset.
pub fn current_revision(app: &Value) -> u64 {
    app["spec"]["revision"].as_u64().unwrap_or(0)
}

/// The detail of an app: its state, pods and revisions first, then the kubectl-like
/// description of the App object.
pub fn app_detail(app: &Value, report: &AppReport, revisions: &[AppRevision], now: Timestamp) -> String {
    let mut text = state_line(report);
    text.push_str(&pods_section(report));
    text.push_str(&revisions_section(revisions, current_revision(app)));
    text.push('\n');
    text.push_str(&describe(app, &[], now));
    text
}

/// The manifest the app's current revision was rendered to.
pub fn current_manifest(app: &Value, name: &str, revisions: Vec<AppRevision>) -> Result<String, String> {
    let current = current_revision(app);
    revisions
        .into_iter()
        .find(|r| u64::from(r.spec.revision) == current)
        .map(|r| r.spec.manifest)
        .ok_or_else(|| format!("revision {current} of app {name} is not recorded"))
}

fn state_line(report: &AppReport) -> String {
    let mut line = format!("State:  {:?} ({} ready)", report.phase, report.ready());
    if !report.message.is_empty() {
        line.push_str(&format!("  {}", report.message));
    }
    line
}

fn pods_section(report: &AppReport) -> String {
    let mut text = String::from("\nPods:\n");
    if report.pods.is_empty() {
        text.push_str("  <none>\n");
    }
    for pod in &report.pods {
        text.push_str(&format!(
            "  {:<40} {:<18} restarts {}\n",
            pod.name, pod.status, pod.restarts
        ));
    }
    text
}

fn revisions_section(revisions: &[AppRevision], current: u64) -> String {
    let mut text = String::from("Revisions:\n");
    for revision in revisions {
        let marker = if u64::from(revision.spec.revision) == current {
            "  (current)"
        } else {
            ""
        };
        let values = &revision.spec.values;
        let ips = if values.service_ips.is_empty() {
            "<none>".to_string()
        } else {
            values.service_ips.join(",")
        };
        text.push_str(&format!(
            "  {:>3}  tag {:<12} replicas {:<3} service IPs {ips}{marker}\n",
            revision.spec.revision, values.tag, values.replicas
        ));
    }
    text
}

#[cfg(test)]
mod tests;
