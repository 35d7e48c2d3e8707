//! Typed, lean forms of the kinds that dominate big clusters (pods, nodes, workloads,
//! services, events, namespaces): a list or watch page is deserialised straight into
//! the few fields their rows need, so no JSON tree is built per object and the rest of
//! each object (managed fields, specs of containers, annotations) is skipped as it is read.
//! Every other kind goes through `DynamicObject` and the generic projection; both give
//! the same row (the tests compare them).

mod core;
mod node;
mod pod;
mod workloads;

use std::collections::BTreeMap;
use std::fmt::Debug;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use kube::core::{ApiResource, DynamicResourceScope};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::{Projection, Row, RowFacts, row_of};

pub use self::core::{LeanEvent, LeanNamespace, LeanService};
pub use node::LeanNode;
pub use pod::LeanPod;
pub use workloads::{LeanDeployment, LeanReplicaSet};

/// A kind read in its lean form: a kube resource (addressed like `DynamicObject`,
/// through the kind's `ApiResource`) whose row is projected from its typed fields.
pub trait LeanKind:
    kube::Resource<DynamicType = ApiResource, Scope = DynamicResourceScope>
    + DeserializeOwned
    + Clone
    + Debug
    + Send
    + Sync
    + 'static
{
    /// The kind's cells, colour and drill-down.
    fn projection(&self) -> Projection;

    /// What the kind's actions and live cells read from the row (most kinds: nothing).
    fn facts(&self) -> RowFacts {
        RowFacts::None
    }
}

/// Projects a lean object into its row (the same row `project` gives for it).
pub fn project_lean<K: LeanKind>(object: &K) -> Row {
    row_of(object.meta(), object.projection(), object.facts())
}

/// The metadata rows use, read alone: everything else in `metadata` (managed fields
/// above all) is skipped without being kept.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LeanMeta {
    name: Option<String>,
    namespace: Option<String>,
    uid: Option<String>,
    resource_version: Option<String>,
    creation_timestamp: Option<Time>,
    deletion_timestamp: Option<Time>,
    labels: Option<BTreeMap<String, String>>,
    /// Who owns the object, for the owner tree (`:xray`); rows do not keep it.
    owner_references: Option<Vec<LeanOwner>>,
}

/// An owner reference, as much of it as the owner tree uses: the owner's uid (the rest
/// is skipped as it is read, so a pod's row costs one string more while it is parsed).
#[derive(Deserialize)]
struct LeanOwner {
    #[serde(default)]
    uid: String,
}

/// Reads `metadata` through [`LeanMeta`].
fn lean_meta<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ObjectMeta, D::Error> {
    let Some(meta) = Option::<LeanMeta>::deserialize(deserializer)? else {
        return Ok(ObjectMeta::default());
    };
    Ok(ObjectMeta {
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resource_version: meta.resource_version,
        creation_timestamp: meta.creation_timestamp,
        deletion_timestamp: meta.deletion_timestamp,
        labels: meta.labels,
        owner_references: meta.owner_references.map(|owners| {
            let owner = |o: LeanOwner| OwnerReference {
                uid: o.uid,
                ..OwnerReference::default()
            };
            owners.into_iter().map(owner).collect()
        }),
        ..ObjectMeta::default()
    })
}

/// A missing or `null` value reads as the type's default.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// The text as a cell shows it: `-` when missing or empty.
fn dash(value: Option<&str>) -> String {
    match value {
        Some(text) if !text.is_empty() => text.to_string(),
        _ => "-".into(),
    }
}

/// `k=v,k2=v2` of a label selector's `matchLabels` (or a Service's selector).
fn selector_text(labels: &BTreeMap<String, String>) -> Option<String> {
    super::pairs_text(labels.iter())
}

/// Implements `kube::Resource` for a lean kind the way `DynamicObject` does: group,
/// version, kind and plural come from the `ApiResource` the API is made with.
macro_rules! lean_resource {
    ($ty:ty) => {
        impl kube::Resource for $ty {
            type DynamicType = kube::core::ApiResource;
            type Scope = kube::core::DynamicResourceScope;

            fn kind(dt: &kube::core::ApiResource) -> std::borrow::Cow<'_, str> {
                dt.kind.as_str().into()
            }
            fn group(dt: &kube::core::ApiResource) -> std::borrow::Cow<'_, str> {
                dt.group.as_str().into()
            }
            fn version(dt: &kube::core::ApiResource) -> std::borrow::Cow<'_, str> {
                dt.version.as_str().into()
            }
            fn api_version(dt: &kube::core::ApiResource) -> std::borrow::Cow<'_, str> {
                dt.api_version.as_str().into()
            }
            fn plural(dt: &kube::core::ApiResource) -> std::borrow::Cow<'_, str> {
                dt.plural.as_str().into()
            }
            fn meta(&self) -> &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
                &mut self.metadata
            }
        }
    };
}
use lean_resource;

#[cfg(test)]
mod tests;
