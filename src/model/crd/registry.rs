//! A registered image registry (KUBIC 1.8): where images are browsed and builds push.
//! Credentials stay in a Secret of `kubic-system`, never in the record.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An OCI (Docker) registry kubic knows.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "Registry",
    plural = "registries",
    singular = "registry",
    shortname = "reg",
    doc = "An image registry: address, TLS or insecure, credentials Secret",
    printcolumn = r#"{"name":"URL","type":"string","jsonPath":".spec.url"}"#,
    printcolumn = r#"{"name":"Insecure","type":"boolean","jsonPath":".spec.insecure"}"#,
    printcolumn = r#"{"name":"Credentials","type":"string","jsonPath":".spec.credentialsSecret"}"#,
    printcolumn = r#"{"name":"Description","type":"string","jsonPath":".spec.description"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct RegistrySpec {
    /// `host:port`, or with a scheme: `http://` is insecure, `https://` TLS.
    pub url: String,
    #[serde(default)]
    pub description: String,
    /// Plain HTTP (no TLS).
    #[serde(default)]
    pub insecure: bool,
    /// A `kubernetes.io/dockerconfigjson` Secret in `kubic-system` with the credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_secret: Option<String>,
}
