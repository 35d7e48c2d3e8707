//! Table rows: each watched object is projected once into the few strings its table
//! shows, and the object itself is dropped. This keeps 10,000 pods in a few MB.

mod core;
mod facts;
mod images;
mod kubic;
mod lean;
mod users;
mod workloads;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::core::DynamicObject;

use super::resource::{Known, ResourceKind};

/// A kind's cells, row colour and drill-down, before the metadata's share of the row.
type Projection = (Vec<String>, Health, Option<Drill>);

pub use facts::{AppFacts, IpPoolFacts, RegistryFacts, RowFacts, UserFacts};
pub use lean::{
    LeanDeployment, LeanEvent, LeanKind, LeanNamespace, LeanNode, LeanPod, LeanReplicaSet, LeanService, project_lean,
};
pub use users::{USER_COLUMNS, USER_LAST_LOGIN, USER_SESSIONS};
pub use workloads::{POD_USAGE_CELL, USAGE_COLUMNS};

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
    /// What the kind's actions read, typed; `RowFacts::None` for most kinds.
    pub facts: RowFacts,
}

/// The kind-specific column titles (NAMESPACE, NAME and AGE are added around them).
pub fn columns(kind: &ResourceKind) -> &'static [&'static str] {
    known_columns(kind.known())
}

/// The kind-specific column titles of a known kind (`None`: any other kind).
pub fn known_columns(known: Option<Known>) -> &'static [&'static str] {
    match known {
        Some(Known::Pod) => workloads::POD_COLUMNS,
        Some(Known::Deployment) => workloads::DEPLOYMENT_COLUMNS,
        Some(Known::ReplicaSet | Known::StatefulSet | Known::DaemonSet) => workloads::SET_COLUMNS,
        Some(Known::Job) => workloads::JOB_COLUMNS,
        Some(Known::Node) => core::NODE_COLUMNS,
        Some(Known::Service) => core::SERVICE_COLUMNS,
        Some(Known::Event) => core::EVENT_COLUMNS,
        Some(Known::Secret) => core::SECRET_COLUMNS,
        Some(Known::ConfigMap) => core::CONFIGMAP_COLUMNS,
        Some(Known::App) => kubic::APP_COLUMNS,
        Some(Known::Catalog) => kubic::CATALOG_COLUMNS,
        Some(Known::IpPool) => kubic::IPPOOL_COLUMNS,
        Some(Known::Registry) => images::REGISTRY_COLUMNS,
        Some(Known::BuildRecipe) => images::RECIPE_COLUMNS,
        Some(Known::ImageBuild) => images::IMAGE_BUILD_COLUMNS,
        Some(Known::User) => users::USER_COLUMNS,
        Some(Known::Namespace | Known::AppRevision) | None => core::GENERIC_COLUMNS,
    }
}

/// Every column title a table may show: the kinds' own, and NAMESPACE, NAME and AGE.
pub fn all_column_titles() -> Vec<&'static str> {
    let sets = [
        workloads::POD_COLUMNS,
        workloads::DEPLOYMENT_COLUMNS,
        workloads::SET_COLUMNS,
        workloads::JOB_COLUMNS,
        core::NODE_COLUMNS,
        core::SERVICE_COLUMNS,
        core::EVENT_COLUMNS,
        core::SECRET_COLUMNS,
        core::CONFIGMAP_COLUMNS,
        kubic::APP_COLUMNS,
        kubic::CATALOG_COLUMNS,
        kubic::IPPOOL_COLUMNS,
        images::REGISTRY_COLUMNS,
        images::RECIPE_COLUMNS,
        images::IMAGE_BUILD_COLUMNS,
        users::USER_COLUMNS,
        core::GENERIC_COLUMNS,
    ];
    let mut titles = vec!["NAMESPACE", "NAME", "AGE"];
    for title in sets.into_iter().flatten() {
        if !titles.contains(title) {
            titles.push(title);
        }
    }
    titles
}

/// Projects `object` of `kind` into its row.
pub fn project(kind: &ResourceKind, object: &DynamicObject) -> Row {
    let known = kind.known();
    let (cells, health, drill) = match known {
        Some(Known::Pod) => workloads::pod(object),
        Some(Known::Deployment) => workloads::deployment(object),
        Some(set @ (Known::ReplicaSet | Known::StatefulSet | Known::DaemonSet)) => workloads::replica_set(object, set),
        Some(Known::Job) => workloads::job(object),
        Some(Known::Node) => core::node(object),
        Some(Known::Namespace) => core::namespace(object),
        Some(Known::Service) => core::service(object),
        Some(Known::Event) => core::event(object),
        Some(Known::Secret) => core::secret(object),
        Some(Known::ConfigMap) => core::config_map(object),
        Some(Known::App) => kubic::app(object),
        Some(Known::Catalog) => kubic::catalog(object),
        Some(Known::IpPool) => kubic::ippool(object),
        Some(Known::Registry) => images::registry(object),
        Some(Known::BuildRecipe) => images::recipe(object),
        Some(Known::ImageBuild) => images::image_build(object),
        Some(Known::User) => users::user(object),
        Some(Known::AppRevision) | None => core::generic(object),
    };
    let facts = match known {
        Some(Known::App) => kubic::app_facts(object),
        Some(Known::IpPool) => kubic::ippool_facts(object),
        Some(Known::Registry) => images::registry_facts(object),
        Some(Known::User) => users::user_facts(object),
        Some(Known::Pod) => workloads::pod_facts(object),
        _ => RowFacts::None,
    };
    row_of(&object.metadata, (cells, health, drill), facts)
}

/// The row of an object with this metadata and kind-specific projection.
fn row_of(meta: &ObjectMeta, (cells, health, drill): Projection, facts: RowFacts) -> Row {
    let health = if meta.deletion_timestamp.is_some() {
        Health::Deleting
    } else {
        health
    };
    Row {
        key: row_key(meta),
        cells,
        created: meta.creation_timestamp.as_ref().map(|t| t.0.as_second()),
        labels: pairs_text(meta.labels.iter().flatten()).unwrap_or_default(),
        health,
        drill,
        facts,
    }
}

/// The key of the object with this metadata.
pub fn row_key(meta: &ObjectMeta) -> RowKey {
    RowKey {
        namespace: meta.namespace.clone().unwrap_or_default(),
        name: meta.name.clone().unwrap_or_default(),
    }
}

/// `k=v,k2=v2`, sorted as text; `None` when there are none.
fn pairs_text<'a>(pairs: impl Iterator<Item = (&'a String, &'a String)>) -> Option<String> {
    let mut pairs: Vec<String> = pairs.map(|(k, v)| format!("{k}={v}")).collect();
    pairs.sort();
    (!pairs.is_empty()).then(|| pairs.join(","))
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

/// The string at `pointer` as written, or empty: for facts, where `-` would be a value.
fn raw(object: &DynamicObject, pointer: &str) -> String {
    match at(object, pointer) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Bool(b)) => b.to_string(),
        _ => String::new(),
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

/// The strings of the array at `pointer` (other items left out).
fn strings(object: &DynamicObject, pointer: &str) -> Vec<String> {
    items(object, pointer)
        .iter()
        .filter_map(serde_json::Value::as_str)
        .map(String::from)
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resource::Registry;
    use serde_json::json;

    fn projected(known: Known, value: serde_json::Value) -> Row {
        let registry = Registry::builtin();
        project(registry.known(known).expect("a builtin kind"), &object(value))
    }

    #[test]
    fn apps_pools_and_registries_carry_their_facts() {
        let app = projected(
            Known::App,
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "App", "metadata": {"name": "dns"},
                   "spec": {"catalog": "bind", "tag": "9.18", "replicas": 1, "revision": 2}}),
        );
        assert_eq!(app.facts.app().map(|a| a.tag.as_str()), Some("9.18"));
        let pool = projected(
            Known::IpPool,
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "IPPool", "metadata": {"name": "p"},
                   "spec": {"host": "kube-minion1"}}),
        );
        assert_eq!(pool.facts.ip_pool().map(|p| p.host.as_str()), Some("kube-minion1"));
        let registry = projected(
            Known::Registry,
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "Registry", "metadata": {"name": "r"},
                   "spec": {"url": "192.0.2.1:5000"}}),
        );
        assert_eq!(
            registry.facts.registry().map(|r| r.url.as_str()),
            Some("192.0.2.1:5000")
        );
    }

    #[test]
    fn pods_catalogs_and_unknown_kinds_carry_no_facts() {
        let pod = projected(
            Known::Pod,
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}}),
        );
        assert_eq!(pod.facts, RowFacts::None);
        let catalog = projected(
            Known::Catalog,
            json!({"apiVersion": "kubic.io/v1alpha1", "kind": "Catalog", "metadata": {"name": "bind"}}),
        );
        assert_eq!(catalog.facts, RowFacts::None);
        let mut widget = Registry::builtin().known(Known::Pod).cloned().expect("pods");
        (widget.group, widget.kind, widget.known) = ("example.com".into(), "Widget".into(), None);
        let row = project(
            &widget,
            &object(json!({"apiVersion": "example.com/v1", "kind": "Widget",
                                                   "metadata": {"name": "w"}})),
        );
        assert_eq!((row.cells, row.facts), (vec!["-".to_string()], RowFacts::None));
        assert_eq!(columns(&widget), core::GENERIC_COLUMNS);
    }

    #[test]
    fn each_known_kind_has_its_columns_and_namespaces_the_generic_ones() {
        let registry = Registry::builtin();
        let columns_of = |known| columns(registry.known(known).expect("a builtin kind"));
        assert_eq!(columns_of(Known::Pod), workloads::POD_COLUMNS);
        assert_eq!(columns_of(Known::DaemonSet), workloads::SET_COLUMNS);
        assert_eq!(columns_of(Known::IpPool), kubic::IPPOOL_COLUMNS);
        assert_eq!(columns_of(Known::Namespace), core::GENERIC_COLUMNS);
    }
}
