//! A catalog: a reusable application recipe — an image in a registry and a minijinja
//! template of Kubernetes manifests (KUBIC 1.10).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What apps are made from.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "Catalog",
    plural = "catalogs",
    singular = "catalog",
    shortname = "cat",
    doc = "An application recipe: image and manifest template",
    printcolumn = r#"{"name":"Registry","type":"string","jsonPath":".spec.registry"}"#,
    printcolumn = r#"{"name":"Image","type":"string","jsonPath":".spec.image"}"#,
    printcolumn = r#"{"name":"Description","type":"string","jsonPath":".spec.description"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct CatalogSpec {
    /// Registry host and port, e.g. `127.0.0.1:5000`.
    pub registry: String,
    /// Repository in the registry, e.g. `bind`.
    pub image: String,
    #[serde(default)]
    pub description: String,
    /// Kubernetes YAML documents in minijinja (jinja) syntax.
    pub template: String,
}
