//! Image builds: an `ImageBuild` record and the Kubernetes Job that builds it with the
//! configured builder (BuildKit rootless unless the `kubic-builder` ConfigMap says
//! otherwise), its phase following the Job's pod, and its image deleted with it.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, Patch, PatchParams, PostParams, PropagationPolicy};
use ::kube::core::Resource as _;
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use super::builder::build_job;
#[cfg(test)]
use super::builder::parse_builder;
pub use super::builder::{BUILDER_CONFIG_MAP, BuilderConfig, builder, default_builder};
use super::explain;
use super::registries::endpoint;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::model::cluster::NewBuild;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd::BUILD_LABEL;
use crate::model::crd::{BuildRecipe, ImageBuild, ImageBuildSpec, ImageBuildStatus, Registry};

/// The last line of a successful build's log.
pub const COMPLETE_LINE: &str = "*** Build Complete! ***";
/// How many log lines the record keeps.
pub const KEPT_LINES: usize = 20;

/// A name for a build of `recipe` at `version`: DNS-1123, unique enough.
fn build_name(recipe: &str, version: &str) -> String {
    let version: String = version
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let suffix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() % 100_000);
    let base: String = format!("{recipe}-{version}").chars().take(50).collect();
    format!("{}-{suffix}", base.trim_end_matches('-'))
}

/// The names of the build recipes and of the registries, for the image form's picks.
pub async fn build_choices(connection: &Connection) -> Result<(Vec<String>, Vec<String>), KubeError> {
    let client = connection.client.clone();
    let recipes = Api::<BuildRecipe>::all(client.clone())
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    let registries = Api::<Registry>::all(client)
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?;
    let names = |names: Vec<Option<String>>| names.into_iter().flatten().collect();
    Ok((
        names(recipes.items.into_iter().map(|r| r.metadata.name).collect()),
        names(registries.items.into_iter().map(|r| r.metadata.name).collect()),
    ))
}

/// Records the build and starts its Job; returns the build's name.
pub async fn create_build(connection: &Connection, new: &NewBuild) -> Result<String, KubeError> {
    let client = connection.client.clone();
    let recipe = Api::<BuildRecipe>::all(client.clone())
        .get_opt(&new.recipe)
        .await
        .map_err(explain(connection))?
        .ok_or_else(|| {
            KubeError::from(Refusal::NoRecipe {
                name: new.recipe.clone(),
            })
        })?;
    let registry = Api::<Registry>::all(client.clone())
        .get_opt(&new.registry)
        .await
        .map_err(explain(connection))?
        .ok_or_else(|| {
            KubeError::from(Refusal::NoRegistry {
                name: new.registry.clone(),
            })
        })?;
    let target = endpoint(connection, &new.registry).await?;
    let dockerfile = render_dockerfile(&recipe.spec.dockerfile, &new.version)?;
    let builder = builder(connection).await?;
    let name = build_name(&new.recipe, &new.version);
    let image = format!("{}:{}", recipe.spec.image, new.version);
    let build = ImageBuild::new(
        &name,
        ImageBuildSpec {
            recipe: new.recipe.clone(),
            version: new.version.clone(),
            registry: new.registry.clone(),
            image: image.clone(),
        },
    );
    let builds: Api<ImageBuild> = Api::all(client.clone());
    let created = builds
        .create(&PostParams::default(), &build)
        .await
        .map_err(explain(connection))?;
    // Past this point the record exists: a failure is recorded on it rather than leaving
    // a build that stays Pending for ever.
    let started = start_job(
        connection, &created, &recipe, &registry, &builder, dockerfile, &target, &image,
    )
    .await;
    let status = match &started {
        Ok(()) => ImageBuildStatus {
            phase: "Pending".into(),
            job: name.clone(),
            ..ImageBuildStatus::default()
        },
        Err(error) => ImageBuildStatus {
            phase: "Failed".into(),
            reason: Some(format!("the build could not start: {error}")),
            ..ImageBuildStatus::default()
        },
    };
    set_status(connection, &name, &status).await?;
    started.map(|()| name)
}

/// The build's context (a ConfigMap with the Dockerfile and files) and its Job, both
/// owned by the record.
#[allow(clippy::too_many_arguments)]
async fn start_job(
    connection: &Connection,
    created: &ImageBuild,
    recipe: &BuildRecipe,
    registry: &Registry,
    builder: &super::builder::BuilderConfig,
    dockerfile: String,
    target: &crate::oci::Endpoint,
    image: &str,
) -> Result<(), KubeError> {
    let name = created.metadata.name.clone().unwrap_or_default();
    let owner = created.controller_owner_ref(&()).map(|o| vec![o]).unwrap_or_default();
    let mut files = recipe.spec.files.clone();
    files.insert("Dockerfile".into(), dockerfile);
    let context = json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": SYSTEM_NAMESPACE, "labels": {BUILD_LABEL: name}, "ownerReferences": owner},
        "data": files
    });
    let reference = format!("{}/{image}", target.host);
    let job = build_job(&name, &reference, target.insecure, builder, registry, &owner)?;
    super::apply::apply_all(connection, &[context, job]).await
}

fn render_dockerfile(template: &str, version: &str) -> Result<String, KubeError> {
    let mut environment = minijinja::Environment::new();
    // A misspelt variable is an error, not an empty string in the Dockerfile.
    environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    environment
        .render_str(template, minijinja::context! { version => version })
        .map_err(|e| KubeError::from(Refusal::Dockerfile { why: e.to_string() }))
}

async fn set_status(connection: &Connection, name: &str, status: &ImageBuildStatus) -> Result<(), KubeError> {
    let builds: Api<ImageBuild> = Api::all(connection.client.clone());
    let patch = json!({"status": status});
    builds
        .patch_status(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(drop)
        .map_err(explain(connection))
}

/// The pod of build `name`, newest first.
pub async fn build_pod(connection: &Connection, name: &str) -> Result<Option<Pod>, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    let mut list = pods
        .list(&ListParams::default().labels(&format!("{BUILD_LABEL}={name}")))
        .await
        .map_err(explain(connection))?
        .items;
    list.sort_by_key(|p| std::cmp::Reverse(p.metadata.creation_timestamp.clone()));
    Ok(list.into_iter().next())
}

/// A pod's phase and, when it failed, why.
pub fn pod_phase(pod: &Pod) -> (String, Option<String>) {
    let status = pod.status.clone().unwrap_or_default();
    let phase = status.phase.clone().unwrap_or_else(|| "Pending".into());
    if phase != "Failed" {
        return (phase, None);
    }
    let terminated = status
        .container_statuses
        .iter()
        .flatten()
        .find_map(|c| c.state.as_ref()?.terminated.clone());
    let reason = terminated
        .map(|t| {
            let message = t.message.unwrap_or_default();
            let reason = t.reason.unwrap_or_else(|| format!("exit code {}", t.exit_code));
            if message.is_empty() {
                reason
            } else {
                format!("{reason}: {message}")
            }
        })
        .or(status.message)
        .or(status.reason)
        .unwrap_or_else(|| "the build pod failed".into());
    (phase, Some(reason))
}

/// Brings build `name`'s phase in line with its pod; returns the new status.
pub async fn sync_build(connection: &Connection, name: &str) -> Result<ImageBuildStatus, KubeError> {
    let builds: Api<ImageBuild> = Api::all(connection.client.clone());
    let build = builds.get(name).await.map_err(explain(connection))?;
    let recorded = build.status.unwrap_or_default();
    let mut status = recorded.clone();
    if let Some(pod) = build_pod(connection, name).await? {
        let (phase, reason) = pod_phase(&pod);
        status.phase = phase;
        status.reason = reason;
    }
    // Written only when it changed: a followed build is read every half second.
    if status != recorded {
        set_status(connection, name, &status).await?;
    }
    Ok(status)
}

/// The line that ends a finished build's log.
pub fn closing_line(phase: &str, reason: Option<&str>) -> Option<String> {
    match phase {
        "Succeeded" => Some(COMPLETE_LINE.to_string()),
        "Failed" => Some(format!("*** Build Failed: {} ***", reason.unwrap_or("unknown reason"))),
        _ => None,
    }
}

/// Keeps the last lines of build `name`'s log on its record.
pub async fn keep_log(connection: &Connection, name: &str, lines: &[String]) -> Result<(), KubeError> {
    let builds: Api<ImageBuild> = Api::all(connection.client.clone());
    let kept: Vec<&String> = lines.iter().skip(lines.len().saturating_sub(KEPT_LINES)).collect();
    let patch = json!({"status": {"lastLogLines": kept}});
    builds
        .patch_status(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(drop)
        .map_err(explain(connection))
}

/// Deletes build `name`: its image in the registry first (a registry that refuses
/// deletes is named), then the record, whose Job and context go with it.
/// Returns a note about the registry image.
pub async fn delete_build(connection: &Connection, name: &str) -> Result<String, KubeError> {
    let builds: Api<ImageBuild> = Api::all(connection.client.clone());
    let build = builds.get(name).await.map_err(explain(connection))?;
    let note = match image_kept_because(
        &build,
        &builds
            .list(&ListParams::default())
            .await
            .map_err(explain(connection))?
            .items,
    ) {
        Some(reason) => format!("image {} stays in the registry: {reason}", build.spec.image),
        None => delete_image(connection, &build.spec).await,
    };
    let background = DeleteParams {
        propagation_policy: Some(PropagationPolicy::Background),
        ..DeleteParams::default()
    };
    let jobs: Api<k8s_openapi::api::batch::v1::Job> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    if let Err(error) = jobs.delete(name, &background).await
        && !matches!(&error, ::kube::Error::Api(s) if s.code == 404)
    {
        return Err(explain(connection)(error));
    }
    builds.delete(name, &background).await.map_err(explain(connection))?;
    Ok(note)
}

/// Why deleting `build` must leave its image alone: it pushed nothing, or another build
/// made the same image.
fn image_kept_because(build: &ImageBuild, all: &[ImageBuild]) -> Option<String> {
    let phase = build.status.as_ref().map(|s| s.phase.as_str()).unwrap_or_default();
    if phase != "Succeeded" {
        return Some(format!(
            "this build did not push it (it is {})",
            if phase.is_empty() { "Pending" } else { phase }
        ));
    }
    all.iter()
        .filter(|other| other.metadata.name != build.metadata.name)
        .find(|other| other.spec.registry == build.spec.registry && other.spec.image == build.spec.image)
        .map(|other| format!("build {} made it too", other.metadata.name.as_deref().unwrap_or("?")))
}

/// Deletes the built image's manifest; says what happened (never fails the delete).
async fn delete_image(connection: &Connection, spec: &ImageBuildSpec) -> String {
    let Some((repository, tag)) = spec.image.rsplit_once(':') else {
        return format!("image {} has no tag: nothing deleted in the registry", spec.image);
    };
    let target = match endpoint(connection, &spec.registry).await {
        Ok(target) => target,
        Err(error) => return format!("the image stays in the registry: {error}"),
    };
    let result = match crate::oci::RegistryClient::new(target) {
        Ok(client) => client.delete_tag(repository, tag).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(digest) => {
            let short: String = digest.chars().take(19).collect();
            format!(
                "image {} deleted from registry {} ({short}…)",
                spec.image, spec.registry
            )
        }
        Err(crate::oci::RegistryError::NotFound { .. }) => {
            format!("image {} was not in registry {}", spec.image, spec.registry)
        }
        Err(error) => format!("the image stays in the registry: {error}"),
    }
}

/// Brings every unfinished build's phase in line with its pod; returns how many changed.
pub async fn sync_unfinished(connection: &Connection) -> Result<usize, KubeError> {
    let builds: Api<ImageBuild> = Api::all(connection.client.clone());
    let mut changed = 0;
    for build in builds
        .list(&ListParams::default())
        .await
        .map_err(explain(connection))?
        .items
    {
        let before = build.status.map(|s| s.phase).unwrap_or_default();
        if before == "Succeeded" || before == "Failed" {
            continue;
        }
        let name = build.metadata.name.unwrap_or_default();
        if sync_build(connection, &name).await?.phase != before {
            changed += 1;
        }
    }
    Ok(changed)
}

#[cfg(test)]
#[path = "builds_tests.rs"]
mod tests;
