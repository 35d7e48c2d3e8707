//! Details composed from the cluster: an app (its live state, pods with restarts,
//! revision history, then the App described), its rendered manifest, and a host's IP
//! pool with the app holding each IP.

use serde_json::Value;

use crate::kube::Connection;
use crate::kube::kubic::{apps, ippools};
use crate::kube::objects;
use crate::model::cluster::ObjectRef;
use crate::model::describe::describe;
use crate::model::failure::{Failure, FailureKind};

/// The detail of an app: its state, pods and revisions first, then the kubectl-like description.
pub async fn detail(connection: &Connection, object: &ObjectRef) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let (project, name) = (&object.namespace, &object.name);
    let report = apps::app_report(connection, project, name)
        .await
        .map_err(Failure::from)?;
    let revisions = apps::revisions(connection, project, name)
        .await
        .map_err(Failure::from)?;
    let current = value["spec"]["revision"].as_u64().unwrap_or(0);
    let mut text = format!("State:  {:?} ({} ready)", report.phase, report.ready());
    if !report.message.is_empty() {
        text.push_str(&format!("  {}", report.message));
    }
    text.push_str("\nPods:\n");
    if report.pods.is_empty() {
        text.push_str("  <none>\n");
    }
    for pod in &report.pods {
        text.push_str(&format!(
            "  {:<40} {:<18} restarts {}\n",
            pod.name, pod.status, pod.restarts
        ));
    }
    text.push_str("Revisions:\n");
    for revision in &revisions {
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
    text.push('\n');
    text.push_str(&describe(&value, &[], k8s_openapi::jiff::Timestamp::now()));
    Ok(text)
}

/// The manifest the app's current revision was rendered to.
pub async fn manifest(connection: &Connection, object: &ObjectRef) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let current = value["spec"]["revision"].as_u64().unwrap_or(0);
    apps::revisions(connection, &object.namespace, &object.name)
        .await
        .map_err(Failure::from)?
        .into_iter()
        .find(|r| u64::from(r.spec.revision) == current)
        .map(|r| r.spec.manifest)
        .ok_or_else(|| {
            Failure::new(
                FailureKind::NotFound,
                format!("revision {current} of app {} is not recorded", object.name),
            )
        })
}

/// A host's IP pool, one line per IP with the app holding it, then the description.
pub async fn pool_detail(connection: &Connection, object: &ObjectRef) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let holders = ippools::pool_holders(connection, &object.name)
        .await
        .map_err(Failure::from)?;
    let mut text = format!("Host:  {}\n\n{:<40} HELD BY\n", object.name, "IP");
    if holders.is_empty() {
        text.push_str("<no service IPs: n on this pool registers one>\n");
    }
    for (ip, holder) in holders {
        let holder = holder.map_or_else(|| "free".to_string(), |app| format!("app {app}"));
        text.push_str(&format!("{ip:<40} {holder}\n"));
    }
    text.push('\n');
    text.push_str(&describe(&value, &[], k8s_openapi::jiff::Timestamp::now()));
    Ok(text)
}
