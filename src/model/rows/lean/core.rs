//! Services, events and namespaces, read lean.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;

use super::super::Projection;
use super::super::core::{
    EventView, ServiceView, event_projection, namespace_projection, port_text, service_projection,
};
use super::{LeanKind, dash, lean_meta, lean_resource, nullable, selector_text};

/// A Service as its row needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanService {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub spec: ServiceSpec,
}
lean_resource!(LeanService);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSpec {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    #[serde(default, rename = "externalIPs", deserialize_with = "nullable")]
    pub external_ips: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub ports: Vec<ServicePort>,
    #[serde(default, deserialize_with = "nullable")]
    pub selector: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePort {
    pub port: Option<i64>,
    pub node_port: Option<i64>,
    pub protocol: Option<String>,
}

/// A core/v1 Event as its row needs it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeanEvent {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub involved_object: InvolvedObject,
}
lean_resource!(LeanEvent);

#[derive(Debug, Clone, Default, Deserialize)]
pub struct InvolvedObject {
    pub kind: Option<String>,
    pub name: Option<String>,
}

/// A Namespace (a project) as its row needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeanNamespace {
    #[serde(default, deserialize_with = "lean_meta")]
    pub metadata: ObjectMeta,
    #[serde(default, deserialize_with = "nullable")]
    pub status: NamespaceStatus,
}
lean_resource!(LeanNamespace);

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NamespaceStatus {
    pub phase: Option<String>,
}

impl LeanKind for LeanService {
    fn projection(&self) -> Projection {
        let spec = &self.spec;
        let ports = spec.ports.iter();
        let ports = ports.map(|p| port_text(p.port, p.node_port, p.protocol.as_deref()));
        let service = ServiceView {
            type_: dash(spec.type_.as_deref()),
            cluster_ip: dash(spec.cluster_ip.as_deref()),
            external: spec.external_ips.iter().map(String::as_str).collect(),
            ports: ports.collect(),
            selector: selector_text(&spec.selector),
        };
        service_projection(&self.metadata, service)
    }
}

impl LeanKind for LeanEvent {
    fn projection(&self) -> Projection {
        let involved = &self.involved_object;
        event_projection(EventView {
            type_: dash(self.type_.as_deref()),
            reason: dash(self.reason.as_deref()),
            kind: dash(involved.kind.as_deref()),
            name: dash(involved.name.as_deref()),
            message: dash(self.message.as_deref()),
        })
    }
}

impl LeanKind for LeanNamespace {
    fn projection(&self) -> Projection {
        namespace_projection(&self.metadata, dash(self.status.phase.as_deref()))
    }
}
