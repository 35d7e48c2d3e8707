//! An IP pool: the service IPs (public addresses) registered for one host (KUBIC 1.6).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The service IPs of one host; apps take their IPs from their host's pool.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "IPPool",
    plural = "ippools",
    singular = "ippool",
    shortname = "ipp",
    doc = "Service IPs registered for a host (node)",
    printcolumn(name = "Host", type_ = "string", json_path = ".spec.host"),
    printcolumn(name = "IPs", type_ = "string", json_path = ".spec.ips"),
    printcolumn(name = "Age", type_ = "date", json_path = ".metadata.creationTimestamp")
)]
#[serde(rename_all = "camelCase")]
pub struct IPPoolSpec {
    /// The node these IPs route to.
    pub host: String,
    /// IPv4 or IPv6 addresses, each at most once across all pools.
    #[serde(default)]
    pub ips: Vec<String>,
}
