//! A forward that outlives its pod: where the target's pods come from is planned once
//! (a service's or deployment's selector, a pod's owner), a pod is picked from there,
//! and [`gone`] says when that pod stops serving, so the forward can pick another.

use crate::model::refusal::Refusal;
use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::ListParams;
use ::kube::runtime::watcher;
use futures::StreamExt;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Resolved, container_port, deployment_selector, is_running, selector_text, service_selector};
use crate::kube::connect::{Connection, explain};
use crate::kube::errors::KubeError;
use crate::kube::retry::{Outage, retrying};
use crate::model::forward::{ForwardKind, ForwardTarget};

/// Where a forward's pods come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// Any ready pod these labels select.
    Selector(BTreeMap<String, String>),
    /// This pod only (a pod no controller owns).
    Pod(String),
}

/// A target, planned: where its pods come from and, for a service, its target port.
#[derive(Debug, Clone)]
pub struct Plan {
    pub target: ForwardTarget,
    source: Source,
    service_port: Option<IntOrString>,
    /// The pod the operator chose, taken while it runs.
    preferred: Option<String>,
}

/// Plans `target`: a service or deployment (or app) by its selector; a pod by the
/// selector of its owner (its ReplicaSet's deployment, its StatefulSet or DaemonSet),
/// or by itself when nothing owns it.
pub async fn plan(connection: &Connection, target: &ForwardTarget) -> Result<Plan, KubeError> {
    let (source, service_port, preferred) = match target.kind {
        ForwardKind::Pod => {
            let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &target.namespace);
            let pod = pods.get(&target.name).await.map_err(explain(connection))?;
            let source = match owner_selector(connection, &pod).await {
                Some(selector) if !selector.is_empty() => Source::Selector(selector),
                _ => Source::Pod(target.name.clone()),
            };
            (source, None, Some(target.name.clone()))
        }
        ForwardKind::Deployment | ForwardKind::App => (
            Source::Selector(deployment_selector(connection, target).await?),
            None,
            None,
        ),
        ForwardKind::Service => {
            let (selector, port) = service_selector(connection, target).await?;
            (Source::Selector(selector), port, None)
        }
    };
    if matches!(&source, Source::Selector(selector) if selector.is_empty()) {
        return Err(KubeError::from(Refusal::SelectsNoPods {
            target: target.to_string(),
        }));
    }
    Ok(Plan {
        target: target.clone(),
        source,
        service_port,
        preferred,
    })
}

/// A running pod of the plan and its container port: the chosen pod while it runs, else
/// a ready one (by name), else any running one.
pub async fn pick(connection: &Connection, plan: &Plan) -> Result<Resolved, KubeError> {
    let target = &plan.target;
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &target.namespace);
    let pod = match &plan.source {
        Source::Pod(name) => {
            let pod = pods.get(name).await.map_err(explain(connection))?;
            if !is_running(&pod) {
                return Err(KubeError::from(Refusal::PodNotRunning { pod: name.clone() }));
            }
            pod
        }
        Source::Selector(selector) => {
            let listed = pods
                .list(&ListParams::default().labels(&selector_text(selector)))
                .await
                .map_err(explain(connection))?;
            let running: Vec<Pod> = listed.items.into_iter().filter(is_running).collect();
            choose(running, plan.preferred.as_deref()).ok_or_else(|| {
                KubeError::from(Refusal::NoRunningPod {
                    target: target.to_string(),
                })
            })?
        }
    };
    let port = container_port(&pod, plan.service_port.clone(), target)?;
    Ok(Resolved {
        namespace: target.namespace.clone(),
        pod: pod.metadata.name.unwrap_or_default(),
        port,
    })
}

/// The preferred pod when it is among `running`, else the first ready one by name,
/// else the first by name.
fn choose(mut running: Vec<Pod>, preferred: Option<&str>) -> Option<Pod> {
    if let Some(at) = running
        .iter()
        .position(|pod| pod.metadata.name.as_deref() == preferred && preferred.is_some())
    {
        return Some(running.swap_remove(at));
    }
    running.sort_by(|a, b| (!is_ready(a), &a.metadata.name).cmp(&(!is_ready(b), &b.metadata.name)));
    running.into_iter().next()
}

fn is_ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|status| status.conditions.as_ref())
        .is_some_and(|conditions| conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// Waits until pod `resolved.pod` stops serving (deleted, being deleted, or no longer
/// running) and says so. A broken watch is tried again by the retry policy meanwhile.
pub async fn gone(connection: &Connection, resolved: &Resolved) -> String {
    let name = &resolved.pod;
    let api: Api<Pod> = Api::namespaced(connection.client.clone(), &resolved.namespace);
    let config = watcher::Config::default().fields(&format!("metadata.name={name}"));
    let (events, next_try) = retrying(watcher(api, config));
    let mut events = std::pin::pin!(events);
    let mut outage = Outage::new(format!("pod {}/{name} of a port-forward", resolved.namespace));
    let mut seen = false;
    while let Some(event) = events.next().await {
        if event.is_ok() {
            outage.over();
        }
        match event {
            Ok(watcher::Event::Init) => seen = false,
            Ok(watcher::Event::Apply(pod) | watcher::Event::InitApply(pod)) => {
                seen = true;
                if pod.metadata.deletion_timestamp.is_some() {
                    return format!("pod {name} is being deleted");
                }
                if !is_running(&pod) {
                    let phase = pod.status.and_then(|s| s.phase).unwrap_or_default();
                    return format!("pod {name} is no longer running ({phase})");
                }
            }
            Ok(watcher::Event::InitDone) if !seen => return format!("pod {name} is gone"),
            Ok(watcher::Event::InitDone) => {}
            Ok(watcher::Event::Delete(_)) => return format!("pod {name} was deleted"),
            Err(error) => {
                outage.failed(&error.to_string(), next_try.pause());
            }
        }
    }
    format!("the watch of pod {name} ended")
}

/// The selector of the controller that owns `pod` (a ReplicaSet's own deployment when it
/// has one), when kubic can read it.
async fn owner_selector(connection: &Connection, pod: &Pod) -> Option<BTreeMap<String, String>> {
    let namespace = pod.metadata.namespace.as_deref()?;
    let owner = controller(pod.metadata.owner_references.as_deref())?;
    let client = connection.client.clone();
    let selector: Option<LabelSelector> = match owner.kind.as_str() {
        "ReplicaSet" => {
            let set = Api::<ReplicaSet>::namespaced(client.clone(), namespace)
                .get(&owner.name)
                .await
                .ok()?;
            match controller(set.metadata.owner_references.as_deref()) {
                Some(deployment) if deployment.kind == "Deployment" => {
                    let deployment = Api::<Deployment>::namespaced(client, namespace)
                        .get(&deployment.name)
                        .await
                        .ok()?;
                    deployment.spec.map(|spec| spec.selector)
                }
                _ => set.spec.map(|spec| spec.selector),
            }
        }
        "StatefulSet" => Api::<StatefulSet>::namespaced(client, namespace)
            .get(&owner.name)
            .await
            .ok()?
            .spec
            .map(|spec| spec.selector),
        "DaemonSet" => Api::<DaemonSet>::namespaced(client, namespace)
            .get(&owner.name)
            .await
            .ok()?
            .spec
            .map(|spec| spec.selector),
        _ => None,
    };
    selector.and_then(|selector| selector.match_labels)
}

fn controller(owners: Option<&[OwnerReference]>) -> Option<&OwnerReference> {
    owners?.iter().find(|owner| owner.controller == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, ready: bool) -> Pod {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": name},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}
        }))
        .unwrap()
    }

    fn chosen(pods: Vec<Pod>, preferred: Option<&str>) -> Option<String> {
        choose(pods, preferred).and_then(|pod| pod.metadata.name)
    }

    #[test]
    fn the_chosen_pod_first_then_a_ready_one_by_name() {
        let pods = || vec![pod("web-c", true), pod("web-a", false), pod("web-b", true)];
        assert_eq!(chosen(pods(), Some("web-a")).as_deref(), Some("web-a"));
        assert_eq!(chosen(pods(), Some("web-gone")).as_deref(), Some("web-b"));
        assert_eq!(chosen(pods(), None).as_deref(), Some("web-b"));
        assert_eq!(chosen(vec![pod("web-z", false)], None).as_deref(), Some("web-z"));
        assert_eq!(chosen(Vec::new(), Some("web-a")), None);
    }

    #[test]
    fn only_a_controller_owner_counts() {
        let owner = |controller: Option<bool>| OwnerReference {
            kind: "ReplicaSet".into(),
            name: "web-1".into(),
            controller,
            ..OwnerReference::default()
        };
        assert_eq!(controller(Some(&[owner(None), owner(Some(false))])), None);
        let owners = [owner(Some(false)), owner(Some(true))];
        assert_eq!(controller(Some(&owners)).map(|o| o.name.as_str()), Some("web-1"));
        assert_eq!(controller(None), None);
    }
}
