//! The image builder, as configuration: the shipped BuildKit rootless default or the
//! `kubic-builder` ConfigMap; and the Job that runs it for one build.

use std::collections::BTreeMap;

use ::kube::Api;
use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use serde::Deserialize;
use serde_json::json;

use super::explain;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::crd::BUILD_LABEL;
use crate::model::crd::Registry;

/// The ConfigMap that overrides the builder, and its key.
pub const BUILDER_CONFIG_MAP: &str = "kubic-builder";
const BUILDER_KEY: &str = "builder.yaml";

/// How builds run: configuration, not code.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BuilderConfig {
    pub image: String,
    #[serde(default)]
    pub command: Vec<String>,
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub node_selector: BTreeMap<String, String>,
}

/// The builder shipped with kubic.
pub fn default_builder() -> Result<BuilderConfig, KubeError> {
    parse_builder(include_str!("../../../builders/buildkit-rootless.yaml"))
}

pub(super) fn parse_builder(text: &str) -> Result<BuilderConfig, KubeError> {
    serde_saphyr::from_str(text).map_err(|e| KubeError::said(format!("builder configuration: {e}")))
}

/// The builder: the `kubic-builder` ConfigMap when there is one, else the default.
pub async fn builder(connection: &Connection) -> Result<BuilderConfig, KubeError> {
    let maps: Api<ConfigMap> = Api::namespaced(connection.client.clone(), SYSTEM_NAMESPACE);
    match maps.get_opt(BUILDER_CONFIG_MAP).await.map_err(explain(connection))? {
        Some(map) => match map.data.as_ref().and_then(|d| d.get(BUILDER_KEY)) {
            Some(text) => parse_builder(text),
            None => Err(KubeError::said(format!(
                "ConfigMap {SYSTEM_NAMESPACE}/{BUILDER_CONFIG_MAP} has no {BUILDER_KEY}"
            ))),
        },
        None => default_builder(),
    }
}

/// The Job that runs `builder` to build and push `reference`.
pub(super) fn build_job(
    name: &str,
    reference: &str,
    insecure: bool,
    builder: &BuilderConfig,
    registry: &Registry,
    owner: &[OwnerReference],
) -> Result<serde_json::Value, KubeError> {
    let mut environment = minijinja::Environment::new();
    environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let insecure = if insecure { "true" } else { "false" };
    let values = minijinja::context! { image => reference, insecure => insecure };
    let args = builder
        .args
        .iter()
        .map(|a| environment.render_str(a, &values))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| KubeError::said(format!("builder args: {e}")))?;
    let env: Vec<_> = builder
        .env
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect();
    let mut volumes = vec![json!({"name": "context", "configMap": {"name": name}})];
    let mut mounts = vec![json!({"name": "context", "mountPath": "/context"})];
    if let Some(secret) = &registry.spec.credentials_secret {
        volumes.push(json!({"name": "push-credentials", "secret": {"secretName": secret,
                            "items": [{"key": ".dockerconfigjson", "path": "config.json"}]}}));
        mounts.push(json!({"name": "push-credentials", "mountPath": "/home/user/.docker"}));
    }
    let mut container = json!({"name": "build", "image": builder.image, "args": args, "env": env, "volumeMounts": mounts,
                               "securityContext": {"seccompProfile": {"type": "Unconfined"},
                                                   "appArmorProfile": {"type": "Unconfined"},
                                                   "runAsUser": 1000, "runAsGroup": 1000}});
    if !builder.command.is_empty() {
        container["command"] = json!(builder.command);
    }
    Ok(json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": name, "namespace": SYSTEM_NAMESPACE, "labels": {BUILD_LABEL: name}, "ownerReferences": owner},
        "spec": {"backoffLimit": 0, "template": {
            "metadata": {"labels": {BUILD_LABEL: name}},
            "spec": {"restartPolicy": "Never", "nodeSelector": builder.node_selector,
                     "containers": [container], "volumes": volumes}
        }}
    }))
}
