//! What the viewer's composed texts (an app, an IP pool, a host, work run in every pod
//! of a catalog) are written from: the facts the runner reads, as plain data;
//! `app::detail` writes them in the session's language.

use serde_json::Value;

pub mod pod_runs;

/// One pod bound to a host, as the host detail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPod {
    /// `namespace/name`.
    pub name: String,
    pub phase: String,
    /// `ready/total` containers.
    pub ready: String,
    /// The kind of the pod's controller (`ReplicaSet`, `DaemonSet`…), or `-`.
    pub owner: String,
}

/// An IP of the pool and the app (`project/name`) holding it, `None` when it is free.
pub type IpHolder = (String, Option<String>);

/// The revision the App's spec was last rendered from (`spec.revision`), 0 when unset.
pub fn current_revision(app: &Value) -> u64 {
    app["spec"]["revision"].as_u64().unwrap_or(0)
}
