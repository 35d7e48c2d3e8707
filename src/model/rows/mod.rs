//! Table rows: each watched object is projected once into the few strings its table
//! shows, and the object itself is dropped. This keeps 10,000 pods in a few MB.

mod core;
mod images;
mod kubic;
mod workloads;

use kube::core::DynamicObject;

use super::resource::ResourceKind;

/// Identifies an object within one table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey {
    pub namespace: String,
    pub name: String,
}

/// How healthy the object looks, which picks the row colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Health {
    #[default]
    Neutral,
    Ok,
    Pending,
    Error,
    Deleting,
}

/// Where `enter` on a row leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drill {
    /// The pods of a namespace (project).
    NamespacePods(String),
    /// The pods matching a label selector in a namespace (a workload's pods).
    SelectedPods { namespace: String, selector: String },
    /// The pods scheduled on a node (host).
    NodePods(String),
}

/// One object as its table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: RowKey,
    /// The kind-specific cells, in the order of [`columns`].
    pub cells: Vec<String>,
    /// Creation time in seconds since the epoch; the AGE column is computed when drawn.
    pub created: Option<i64>,
    /// `k=v,k2=v2`, for `-l` filters.
    pub labels: String,
    pub health: Health,
    pub drill: Option<Drill>,
}

/// The kind-specific column titles (NAMESPACE, NAME and AGE are added around them).
pub fn columns(kind: &ResourceKind) -> &'static [&'static str] {
    match (kind.group.as_str(), kind.kind.as_str()) {
        ("", "Pod") => workloads::POD_COLUMNS,
        ("apps", "Deployment") => workloads::DEPLOYMENT_COLUMNS,
        ("apps", "ReplicaSet" | "StatefulSet" | "DaemonSet") => workloads::SET_COLUMNS,
        ("batch", "Job") => workloads::JOB_COLUMNS,
        ("", "Node") => core::NODE_COLUMNS,
        ("", "Service") => core::SERVICE_COLUMNS,
        ("", "Event") => core::EVENT_COLUMNS,
        ("", "Secret") => core::SECRET_COLUMNS,
        ("", "ConfigMap") => core::CONFIGMAP_COLUMNS,
        ("kubic.io", "App") => kubic::APP_COLUMNS,
        ("kubic.io", "Catalog") => kubic::CATALOG_COLUMNS,
        ("kubic.io", "IPPool") => kubic::IPPOOL_COLUMNS,
        ("kubic.io", "Registry") => images::REGISTRY_COLUMNS,
        ("kubic.io", "BuildRecipe") => images::RECIPE_COLUMNS,
        ("kubic.io", "ImageBuild") => images::IMAGE_BUILD_COLUMNS,
        _ => core::GENERIC_COLUMNS,
    }
}

/// Projects `object` of `kind` into its row.
pub fn project(kind: &ResourceKind, object: &DynamicObject) -> Row {
    let (cells, health, drill) = match (kind.group.as_str(), kind.kind.as_str()) {
        ("", "Pod") => workloads::pod(object),
        ("apps", "Deployment") => workloads::deployment(object),
        ("apps", "ReplicaSet" | "StatefulSet" | "DaemonSet") => workloads::replica_set(object, &kind.kind),
        ("batch", "Job") => workloads::job(object),
        ("", "Node") => core::node(object),
        ("", "Namespace") => core::namespace(object),
        ("", "Service") => core::service(object),
        ("", "Event") => core::event(object),
        ("", "Secret") => core::secret(object),
        ("", "ConfigMap") => core::config_map(object),
        ("kubic.io", "App") => kubic::app(object),
        ("kubic.io", "Catalog") => kubic::catalog(object),
        ("kubic.io", "IPPool") => kubic::ippool(object),
        ("kubic.io", "Registry") => images::registry(object),
        ("kubic.io", "BuildRecipe") => images::recipe(object),
        ("kubic.io", "ImageBuild") => images::image_build(object),
        _ => core::generic(object),
    };
    let meta = &object.metadata;
    let health = if meta.deletion_timestamp.is_some() {
        Health::Deleting
    } else {
        health
    };
    let mut labels: Vec<String> = meta.labels.iter().flatten().map(|(k, v)| format!("{k}={v}")).collect();
    labels.sort();
    Row {
        key: RowKey {
            namespace: meta.namespace.clone().unwrap_or_default(),
            name: meta.name.clone().unwrap_or_default(),
        },
        cells,
        created: meta.creation_timestamp.as_ref().map(|t| t.0.as_second()),
        labels: labels.join(","),
        health,
        drill,
    }
}

/// The JSON value at `pointer` (`/status/phase`) in the object's body.
fn at<'a>(object: &'a DynamicObject, pointer: &str) -> Option<&'a serde_json::Value> {
    object.data.pointer(pointer)
}

/// The string at `pointer`, or `-`.
fn text(object: &DynamicObject, pointer: &str) -> String {
    match at(object, pointer) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Bool(b)) => b.to_string(),
        _ => "-".into(),
    }
}

/// The integer at `pointer`, or 0.
fn int(object: &DynamicObject, pointer: &str) -> i64 {
    at(object, pointer).and_then(|v| v.as_i64()).unwrap_or(0)
}

/// The items of the array at `pointer`.
fn items<'a>(object: &'a DynamicObject, pointer: &str) -> &'a [serde_json::Value] {
    at(object, pointer)
        .and_then(|v| v.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// `matchLabels` of the selector at `pointer` as `k=v,k2=v2`.
fn selector(object: &DynamicObject, pointer: &str) -> Option<String> {
    let labels = at(object, pointer)?.as_object()?;
    let mut pairs: Vec<String> = labels
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|v| format!("{k}={v}")))
        .collect();
    pairs.sort();
    (!pairs.is_empty()).then(|| pairs.join(","))
}

#[cfg(test)]
pub(crate) fn object(value: serde_json::Value) -> DynamicObject {
    serde_json::from_value(value).expect("a valid object")
}
