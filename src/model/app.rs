//! What kubic derives about an app without IO: the objects it applies (labelled, owned
//! by the App, sized by its desired state), its phase from what its workloads report,
//! and which app holds which service IP.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::crd::{APP_LABEL, App, AppPhase, DesiredState};

/// Workload kinds whose `spec.replicas` follows the app's run/halt/scale.
const SCALABLE: [&str; 3] = ["Deployment", "StatefulSet", "ReplicaSet"];

/// Prepares rendered objects for applying: the app's label on every object (and on pod
/// templates and selectors' pods), an owner reference to the App so deleting it removes
/// everything, the project's namespace, and replicas from the desired state.
pub fn decorate(objects: &mut [Value], app: &App, uid: Option<&str>) {
    let name = app.metadata.name.clone().unwrap_or_default();
    let namespace = app.metadata.namespace.clone().unwrap_or_default();
    let replicas = match app.spec.desired {
        DesiredState::Running => app.spec.replicas,
        DesiredState::Halted => 0,
    };
    for object in objects.iter_mut() {
        object["metadata"]["namespace"] = json!(namespace);
        object["metadata"]["labels"][APP_LABEL] = json!(name);
        if let Some(uid) = uid {
            object["metadata"]["ownerReferences"] = json!([{
                "apiVersion": "kubic.io/v1alpha1", "kind": "App", "name": name, "uid": uid,
                "controller": true, "blockOwnerDeletion": true
            }]);
        }
        let kind = object["kind"].as_str().unwrap_or_default().to_string();
        if SCALABLE.contains(&kind.as_str()) {
            object["spec"]["replicas"] = json!(replicas);
        }
        if object.pointer("/spec/template/metadata").is_some() || SCALABLE.contains(&kind.as_str()) {
            object["spec"]["template"]["metadata"]["labels"][APP_LABEL] = json!(name);
        }
    }
}

/// What a workload reports, reduced to what the phase needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkloadState {
    pub desired: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    /// The controller has not yet seen the latest spec.
    pub stale_generation: bool,
    /// `Progressing=False` (the rollout stalled), with its message.
    pub stalled: Option<String>,
}

/// What an app's workloads and pods say right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppReport {
    pub phase: AppPhase,
    pub message: String,
    pub workloads: Vec<WorkloadState>,
    pub pods: Vec<PodState>,
}

impl AppReport {
    /// `ready/desired` over the app's workloads.
    pub fn ready(&self) -> String {
        let ready: i32 = self.workloads.iter().map(|w| w.ready).sum();
        let desired: i32 = self.workloads.iter().map(|w| w.desired).sum();
        format!("{ready}/{desired}")
    }
}

/// A pod of the app, reduced to what the phase needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodState {
    pub name: String,
    /// kubectl's STATUS: `Running`, `Pending`, `CrashLoopBackOff`, `ImagePullBackOff`…
    pub status: String,
    pub restarts: i64,
}

/// The phase the apps list shows, with the reason when something is wrong.
pub fn phase(desired: DesiredState, workloads: &[WorkloadState], pods: &[PodState]) -> (AppPhase, String) {
    let failing: Vec<String> = pods
        .iter()
        .filter(|p| is_failure(&p.status))
        .map(|p| format!("{}: {}", p.name, p.status))
        .collect();
    if let Some(stalled) = workloads.iter().find_map(|w| w.stalled.clone()) {
        let mut reason = format!("rollout stalled: {stalled}");
        if !failing.is_empty() {
            reason = format!("{reason} ({})", failing.join(", "));
        }
        return (AppPhase::Failed, reason);
    }
    if !failing.is_empty() {
        return (AppPhase::Failed, failing.join(", "));
    }
    let desired_pods: i32 = workloads.iter().map(|w| w.desired).sum();
    let ready: i32 = workloads.iter().map(|w| w.ready).sum();
    if desired == DesiredState::Halted {
        return if pods.is_empty() {
            (AppPhase::Halted, String::new())
        } else {
            (AppPhase::Updating, format!("stopping {} pods", pods.len()))
        };
    }
    if workloads.iter().any(|w| w.stale_generation || w.updated < w.desired) {
        let updated: i32 = workloads.iter().map(|w| w.updated).sum();
        let available: i32 = workloads.iter().map(|w| w.available).sum();
        let progress = format!("rolling: {updated} updated, {ready} ready, {available} available of {desired_pods}");
        return (AppPhase::Updating, progress);
    }
    if ready < desired_pods || desired_pods == 0 {
        return (AppPhase::Pending, format!("{ready}/{desired_pods} ready"));
    }
    (AppPhase::Running, String::new())
}

fn is_failure(status: &str) -> bool {
    status.starts_with("Unschedulable")
        || matches!(
            status,
            "CrashLoopBackOff"
                | "ImagePullBackOff"
                | "ErrImagePull"
                | "Error"
                | "Failed"
                | "CreateContainerConfigError"
        )
}

/// Which app (`project/name`) holds each service IP; apps being deleted hold none.
pub fn ip_holders(apps: &[App]) -> BTreeMap<String, String> {
    let mut holders = BTreeMap::new();
    // An app being deleted gives its IPs back.
    for app in apps.iter().filter(|a| a.metadata.deletion_timestamp.is_none()) {
        let who = format!(
            "{}/{}",
            app.metadata.namespace.as_deref().unwrap_or_default(),
            app.metadata.name.as_deref().unwrap_or_default()
        );
        for ip in &app.spec.service_ips {
            holders.insert(ip.clone(), who.clone());
        }
    }
    holders
}

#[cfg(test)]
mod tests;
