//! Image builds (KUBIC 1.9): a recipe is a Dockerfile template with a version
//! parameter; an image build is one run of a recipe, done by a Kubernetes Job.

use std::collections::BTreeMap;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How to build an image: a Dockerfile template (minijinja, `{{ version }}`) and files.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "BuildRecipe",
    plural = "buildrecipes",
    singular = "buildrecipe",
    shortname = "recipe",
    doc = "A Dockerfile template with a version parameter, and the files it adds",
    printcolumn = r#"{"name":"Image","type":"string","jsonPath":".spec.image"}"#,
    printcolumn = r#"{"name":"Description","type":"string","jsonPath":".spec.description"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct BuildRecipeSpec {
    /// The repository the built image goes to, e.g. `bind`.
    pub image: String,
    #[serde(default)]
    pub description: String,
    /// The Dockerfile, a minijinja template with `{{ version }}`.
    pub dockerfile: String,
    /// More files of the build context, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, String>,
}

/// One build of a recipe at a version, pushed to a registry (cluster-wide; its Job runs
/// in kubic-system).
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[kube(
    group = "kubic.io",
    version = "v1alpha1",
    kind = "ImageBuild",
    plural = "imagebuilds",
    singular = "imagebuild",
    shortname = "img",
    status = "ImageBuildStatus",
    doc = "An image built from a recipe by a Job and pushed to a registry",
    printcolumn = r#"{"name":"Recipe","type":"string","jsonPath":".spec.recipe"}"#,
    printcolumn = r#"{"name":"Version","type":"string","jsonPath":".spec.version"}"#,
    printcolumn = r#"{"name":"Registry","type":"string","jsonPath":".spec.registry"}"#,
    printcolumn = r#"{"name":"Phase","type":"string","jsonPath":".status.phase"}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct ImageBuildSpec {
    pub recipe: String,
    pub version: String,
    /// The name of the `Registry` the image is pushed to.
    pub registry: String,
    /// `repository:version`, as pushed.
    pub image: String,
}

/// Where a build is.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageBuildStatus {
    /// Pending, Running, Succeeded or Failed.
    #[serde(default)]
    pub phase: String,
    /// The Job that runs the build.
    #[serde(default)]
    pub job: String,
    /// Why it failed, in one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The last lines of the build log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last_log_lines: Vec<String>,
}
