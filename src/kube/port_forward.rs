//! Port-forwards through the API server's `pods/portforward`: a service, deployment or
//! app is resolved to one running pod and a container port first, all as the
//! connection's identity (so the API server decides who may forward where). `follow`
//! keeps a forward going when its pod goes away.

use crate::model::refusal::Refusal;
use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::api::{ListParams, Portforwarder};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use tokio::io::DuplexStream;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::crd::APP_LABEL;
use crate::model::forward::{ForwardKind, ForwardTarget};

pub mod follow;

/// The pod and container port a forward ends at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub namespace: String,
    pub pod: String,
    pub port: u16,
}

/// An open forward: bytes written go to the pod's port, bytes read come from it.
pub struct Forward {
    pub stream: DuplexStream,
    forwarder: Portforwarder,
    port: u16,
}

impl Forward {
    /// Waits for the forward to end; the API server's error for the port, if it sent one.
    pub async fn finish(mut self) -> Option<String> {
        let error = match self.forwarder.take_error(self.port) {
            Some(error) => error.await,
            None => None,
        };
        self.forwarder.abort();
        error
    }
}

/// Finds the pod and port `target` names.
pub async fn resolve(connection: &Connection, target: &ForwardTarget) -> Result<Resolved, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &target.namespace);
    let (pod, service_port) = match target.kind {
        ForwardKind::Pod => (pods.get(&target.name).await.map_err(explain(connection))?, None),
        ForwardKind::Deployment | ForwardKind::App => {
            let selector = deployment_selector(connection, target).await?;
            (running_pod(connection, &pods, &selector, target).await?, None)
        }
        ForwardKind::Service => {
            let (selector, target_port) = service_selector(connection, target).await?;
            (running_pod(connection, &pods, &selector, target).await?, target_port)
        }
    };
    if !is_running(&pod) {
        return Err(KubeError::from(Refusal::PodNotRunning {
            pod: format!("{}/{}", target.namespace, target.name),
        }));
    }
    let port = container_port(&pod, service_port, target)?;
    Ok(Resolved {
        namespace: target.namespace.clone(),
        pod: pod.metadata.name.unwrap_or_default(),
        port,
    })
}

/// Opens the forward to `resolved`.
pub async fn open(connection: &Connection, resolved: &Resolved) -> Result<Forward, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &resolved.namespace);
    let mut forwarder = pods
        .portforward(&resolved.pod, &[resolved.port])
        .await
        .map_err(explain(connection))?;
    let stream = forwarder
        .take_stream(resolved.port)
        .ok_or_else(|| KubeError::Other(format!("no stream for port {}", resolved.port)))?;
    Ok(Forward {
        stream,
        forwarder,
        port: resolved.port,
    })
}

/// The pod selector of the deployment `target` names; for an app, of the app's
/// deployment (the one its label marks, the first by name if its catalog made several).
async fn deployment_selector(
    connection: &Connection,
    target: &ForwardTarget,
) -> Result<BTreeMap<String, String>, KubeError> {
    let deployments: Api<Deployment> = Api::namespaced(connection.client.clone(), &target.namespace);
    let deployment = if target.kind == ForwardKind::App {
        let labelled = ListParams::default().labels(&format!("{APP_LABEL}={}", target.name));
        let mut list = deployments.list(&labelled).await.map_err(explain(connection))?.items;
        list.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        list.into_iter().next().ok_or_else(|| {
            KubeError::from(Refusal::NoDeployment {
                target: target.to_string(),
            })
        })?
    } else {
        deployments.get(&target.name).await.map_err(explain(connection))?
    };
    Ok(deployment
        .spec
        .and_then(|spec| spec.selector.match_labels)
        .unwrap_or_default())
}

/// A service's pod selector and the target port of its port `target.port`.
async fn service_selector(
    connection: &Connection,
    target: &ForwardTarget,
) -> Result<(BTreeMap<String, String>, Option<IntOrString>), KubeError> {
    let services: Api<Service> = Api::namespaced(connection.client.clone(), &target.namespace);
    let service = services.get(&target.name).await.map_err(explain(connection))?;
    let spec = service.spec.unwrap_or_default();
    let port = spec
        .ports
        .unwrap_or_default()
        .into_iter()
        .find(|port| port.port == i32::from(target.port))
        .ok_or_else(|| {
            KubeError::from(Refusal::NoServicePort {
                target: target.to_string(),
                port: target.port,
            })
        })?;
    Ok((spec.selector.unwrap_or_default(), port.target_port))
}

/// The first running pod (by name) that `selector` picks; a selector that picks nothing
/// is refused rather than taken for "every pod".
async fn running_pod(
    connection: &Connection,
    pods: &Api<Pod>,
    selector: &BTreeMap<String, String>,
    target: &ForwardTarget,
) -> Result<Pod, KubeError> {
    if selector.is_empty() {
        return Err(KubeError::from(Refusal::SelectsNoPods {
            target: target.to_string(),
        }));
    }
    let labels = selector_text(selector);
    let list = pods
        .list(&ListParams::default().labels(&labels))
        .await
        .map_err(explain(connection))?;
    let mut running: Vec<Pod> = list.items.into_iter().filter(is_running).collect();
    running.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    running.into_iter().next().ok_or_else(|| {
        KubeError::from(Refusal::NoRunningPod {
            target: target.to_string(),
        })
    })
}

/// `key=value,…` of a selector.
fn selector_text(selector: &BTreeMap<String, String>) -> String {
    selector
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn is_running(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_none()
        && pod.status.as_ref().and_then(|status| status.phase.as_deref()) == Some("Running")
}

/// The container port: a service's target port (a number, or a name the pod's containers
/// declare), else the port asked for.
fn container_port(pod: &Pod, service_port: Option<IntOrString>, target: &ForwardTarget) -> Result<u16, KubeError> {
    let named = match service_port {
        None => return Ok(target.port),
        Some(IntOrString::Int(port)) => {
            return u16::try_from(port).map_err(|_| {
                KubeError::from(Refusal::TargetPortNotPort {
                    target: target.to_string(),
                    port,
                })
            });
        }
        Some(IntOrString::String(name)) => name,
    };
    pod.spec
        .iter()
        .flat_map(|spec| &spec.containers)
        .flat_map(|container| container.ports.iter().flatten())
        .find(|port| port.name.as_deref() == Some(named.as_str()))
        .and_then(|port| u16::try_from(port.container_port).ok())
        .ok_or_else(|| {
            KubeError::from(Refusal::NoNamedPort {
                target: target.to_string(),
                port: named.clone(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::forward::parse_forward;

    fn pod_with_port(name: &str, number: i32) -> Pod {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web-0"},
            "spec": {"containers": [{"name": "web", "ports": [{"name": name, "containerPort": number}]}]},
            "status": {"phase": "Running"}
        }))
        .unwrap()
    }

    #[test]
    fn a_service_port_leads_to_its_target_port_by_number_or_by_name() {
        let target = parse_forward("svc/shop/web", 80, "shop").unwrap();
        let pod = pod_with_port("http", 8080);
        assert_eq!(container_port(&pod, None, &target).unwrap(), 80);
        assert_eq!(
            container_port(&pod, Some(IntOrString::Int(9000)), &target).unwrap(),
            9000
        );
        assert_eq!(
            container_port(&pod, Some(IntOrString::String("http".into())), &target).unwrap(),
            8080
        );
        let missing = container_port(&pod, Some(IntOrString::String("grpc".into())), &target).unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("no container of the pod has a port named \"grpc\""),
            "{missing}"
        );
        assert!(container_port(&pod, Some(IntOrString::Int(-1)), &target).is_err());
    }

    #[test]
    fn only_a_running_pod_not_being_deleted_takes_a_forward() {
        let mut pod = pod_with_port("http", 80);
        assert!(is_running(&pod));
        pod.metadata.deletion_timestamp = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
            k8s_openapi::jiff::Timestamp::UNIX_EPOCH,
        ));
        assert!(!is_running(&pod));
        let pending: Pod = serde_json::from_value(serde_json::json!({"status": {"phase": "Pending"}})).unwrap();
        assert!(!is_running(&pending));
    }
}
