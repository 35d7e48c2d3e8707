//! An app's detail (its live state, pods with restarts, revision history, then the App
//! described) and the manifest its current revision was rendered to.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::config::i18n::{Lang, t};
use crate::model::app::AppReport;
use crate::model::crd::AppRevision;
use crate::model::describe::describe;
use crate::model::detail::current_revision;
use crate::model::failure::{Cause, Failure, FailureKind};
use crate::model::invalid::Invalid;
use crate::model::refusal::Refusal;

/// The detail of an app: its state, pods and revisions first, then the kubectl-like
/// description of the App object.
pub fn app_detail(app: &Value, report: &AppReport, revisions: &[AppRevision], now: Timestamp, lang: Lang) -> String {
    let mut text = state_line(report, lang);
    text.push_str(&pods_section(report, lang));
    text.push_str(&revisions_section(revisions, current_revision(app), lang));
    text.push('\n');
    text.push_str(&describe(app, &[], now));
    text
}

/// The manifest the app's current revision was rendered to, or that no such revision
/// is recorded.
pub fn current_manifest(app: &Value, name: &str, revisions: Vec<AppRevision>) -> Result<String, Failure> {
    let current = current_revision(app);
    revisions
        .into_iter()
        .find(|r| u64::from(r.spec.revision) == current)
        .map(|r| r.spec.manifest)
        .ok_or_else(|| {
            let missing = Refusal::NoRevision {
                app: name.to_string(),
                revision: u32::try_from(current).unwrap_or(u32::MAX),
            };
            let why = Invalid::Rule(missing);
            Failure::new(FailureKind::NotFound, why.to_string()).because(Cause::Invalid(why))
        })
}

fn state_line(report: &AppReport, lang: Lang) -> String {
    let phase = format!("{:?}", report.phase);
    let mut line = t!(lang, "detail.app_state", phase = phase, ready = report.ready());
    if !report.message.is_empty() {
        line.push_str(&format!("  {}", report.message));
    }
    line
}

fn pods_section(report: &AppReport, lang: Lang) -> String {
    let mut text = format!("\n{}\n", t!(lang, "detail.app_pods"));
    if report.pods.is_empty() {
        text.push_str("  <none>\n");
    }
    for pod in &report.pods {
        let restarts = t!(lang, "detail.restarts", count = pod.restarts);
        text.push_str(&format!("  {:<40} {:<18} {restarts}\n", pod.name, pod.status));
    }
    text
}

fn revisions_section(revisions: &[AppRevision], current: u64, lang: Lang) -> String {
    let mut text = format!("{}\n", t!(lang, "detail.revisions"));
    for revision in revisions {
        let marker = if u64::from(revision.spec.revision) == current {
            format!("  {}", t!(lang, "detail.current"))
        } else {
            String::new()
        };
        let values = &revision.spec.values;
        let ips = if values.service_ips.is_empty() {
            "<none>".to_string()
        } else {
            values.service_ips.join(",")
        };
        let line = t!(
            lang,
            "detail.revision",
            tag = format!("{:<12}", values.tag),
            replicas = format!("{:<3}", values.replicas),
            ips = ips
        );
        text.push_str(&format!("  {:>3}  {line}{marker}\n", revision.spec.revision));
    }
    text
}

#[cfg(test)]
mod tests;
