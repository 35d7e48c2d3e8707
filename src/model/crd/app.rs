//! An app: a catalog instantiated in a project with its own tag, size, ports, host and
//! service IPs, plus the revision records that make rollback possible (KUBIC 1.11).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether the operator wants the app's pods running.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, JsonSchema)]
pub enum DesiredState {
    /// No pods (KUBIC's stop); a new app starts here.
    #[default]
    Halted,
    Running,
}

/// A port the app's Service exposes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AppPort {
    pub port: u16,
    /// `TCP` or `UDP`.
    pub protocol: String,
}

/// An application made from a catalog.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "App",
    plural = "apps",
    singular = "app",
    shortname = "kapp",
    namespaced,
    status = "AppStatus",
    doc = "An application made from a catalog",
    printcolumn = r#"{"name":"Catalog","type":"string","jsonPath":".spec.catalog"}"#,
    printcolumn = r#"{"name":"Tag","type":"string","jsonPath":".spec.tag"}"#,
    printcolumn = r#"{"name":"State","type":"string","jsonPath":".status.phase"}"#,
    printcolumn = r#"{"name":"Ready","type":"string","jsonPath":".status.ready"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct AppSpec {
    pub catalog: String,
    pub tag: String,
    pub replicas: i32,
    /// CPU limit in millicores (1 core = 1000); `None` means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_millis: Option<u32>,
    /// Memory limit as a Kubernetes quantity (`512Mi`); `None` means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    #[serde(default)]
    pub ports: Vec<AppPort>,
    /// The host the app runs on, whose pool its service IPs come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default)]
    pub service_ips: Vec<String>,
    #[serde(default)]
    pub desired: DesiredState,
    /// The revision the app's objects were last rendered from.
    #[serde(default)]
    pub revision: u32,
}

/// What the app's pods are doing, as the apps list shows it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, JsonSchema)]
pub enum AppPhase {
    #[default]
    Halted,
    Pending,
    Running,
    Updating,
    Failed,
}

/// Observed state, written by kubic.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    #[serde(default)]
    pub phase: AppPhase,
    /// `ready/desired`, e.g. `2/3`.
    #[serde(default)]
    pub ready: String,
    /// Pods already on the latest revision (rolling update progress).
    #[serde(default)]
    pub updated: i32,
    /// Pods ready for at least minReadySeconds.
    #[serde(default)]
    pub available: i32,
    #[serde(default)]
    pub message: String,
}

/// One revision of an app: the values and the manifest rendered from them. Rollback
/// applies an old revision's values as a new revision.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "AppRevision",
    plural = "apprevisions",
    singular = "apprevision",
    shortname = "arev",
    namespaced,
    doc = "A recorded revision of an app",
    printcolumn = r#"{"name":"App","type":"string","jsonPath":".spec.app"}"#,
    printcolumn = r#"{"name":"Revision","type":"integer","jsonPath":".spec.revision"}"#,
    printcolumn = r#"{"name":"Tag","type":"string","jsonPath":".spec.values.tag"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct AppRevisionSpec {
    pub app: String,
    pub revision: u32,
    pub values: AppSpec,
    /// The rendered Kubernetes YAML documents.
    pub manifest: String,
}
