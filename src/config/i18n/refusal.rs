//! The words of [`Refusal`]: a KUBIC rule an operation broke, in a language.

use super::{Lang, t};
use crate::model::refusal::Refusal;

impl Lang {
    /// Why kubic refused an operation, in this language.
    pub fn refusal(self, why: &Refusal) -> String {
        let lang = self;
        let quoted = |text: &str| format!("{text:?}");
        match why {
            Refusal::NoCatalog { name } => t!(lang, "refusal.no_catalog", name = quoted(name)),
            Refusal::CatalogTemplate { catalog, why } => {
                t!(lang, "refusal.catalog_template", catalog = catalog, why = why)
            }
            Refusal::CatalogNeedsImage => t!(lang, "refusal.catalog_needs_image").into(),
            Refusal::CatalogHasApps { catalog, apps } => {
                t!(lang, "refusal.catalog_has_apps", catalog = catalog, apps = apps)
            }
            Refusal::NoAppPods { catalog } => t!(lang, "refusal.no_app_pods", catalog = catalog),
            Refusal::AppPort { port } => t!(lang, "refusal.app_port", port = port),
            Refusal::IpsNeedHost => t!(lang, "refusal.ips_need_host").into(),
            Refusal::IpNotInPool { ip, host } => t!(lang, "refusal.ip_not_in_pool", ip = ip, host = host),
            Refusal::IpUsedBy { ip, app } => t!(lang, "refusal.ip_used_by", ip = ip, app = app),
            Refusal::AlreadyRunsTag { tag } => t!(lang, "refusal.already_runs_tag", tag = tag),
            Refusal::NoRevision { app, revision } => {
                t!(lang, "refusal.no_revision", app = app, revision = revision)
            }
            Refusal::AppRunning { app } => t!(lang, "refusal.app_running", app = app),
            Refusal::AppStopping { app, pods } => t!(lang, "refusal.app_stopping", app = app, pods = pods),
            Refusal::ProjectRuns { project, count, pods } => {
                t!(
                    lang,
                    "refusal.project_runs",
                    project = project,
                    count = count,
                    pods = pods
                )
            }
            Refusal::NoProject { project } => t!(lang, "refusal.no_project", project = quoted(project)),
            Refusal::RegistryAddressChanged { old, new } => {
                t!(lang, "refusal.registry_address_changed", old = old, new = new)
            }
            Refusal::NoRegistry { name } => t!(lang, "refusal.no_registry", name = quoted(name)),
            Refusal::NoHost { host } => t!(lang, "refusal.no_host", host = quoted(host)),
            Refusal::IpRegistered { ip, host } => t!(lang, "refusal.ip_registered", ip = ip, host = host),
            Refusal::IpHeld { ip, app } => t!(lang, "refusal.ip_held", ip = ip, app = app),
            Refusal::IpNotRegistered { ip, host } => {
                t!(lang, "refusal.ip_not_registered", ip = ip, host = host)
            }
            Refusal::DrainStopped { node, refused } => {
                t!(lang, "refusal.drain_stopped", node = node, refused = refused)
            }
            Refusal::DrainIncomplete { node, evicted, refused } => t!(
                lang,
                "refusal.drain_incomplete",
                node = node,
                evicted = evicted,
                refused = refused
            ),
            Refusal::TaintExists { node, taint } => t!(lang, "refusal.taint_exists", node = node, taint = taint),
            Refusal::NoTaint { node, taint } => t!(lang, "refusal.no_taint", node = node, taint = taint),
            Refusal::UserExists { name } => t!(lang, "refusal.user_exists", name = name),
            Refusal::NoUser { name } => t!(lang, "refusal.no_user", name = quoted(name)),
            Refusal::NotInstalled => t!(lang, "refusal.not_installed").into(),
            Refusal::NoRecipe { name } => t!(lang, "refusal.no_recipe", name = quoted(name)),
            Refusal::Dockerfile { why } => t!(lang, "refusal.dockerfile", why = why),
            Refusal::ObjectIncomplete => t!(lang, "refusal.object_incomplete").into(),
            Refusal::PodNotRunning { pod } => t!(lang, "refusal.pod_not_running", pod = pod),
            Refusal::NoDeployment { target } => t!(lang, "refusal.no_deployment", target = target),
            Refusal::NoServicePort { target, port } => {
                t!(lang, "refusal.no_service_port", target = target, port = port)
            }
            Refusal::SelectsNoPods { target } => t!(lang, "refusal.selects_no_pods", target = target),
            Refusal::NoRunningPod { target } => t!(lang, "refusal.no_running_pod", target = target),
            Refusal::TargetPortNotPort { target, port } => {
                t!(lang, "refusal.target_port_not_port", target = target, port = port)
            }
            Refusal::NoNamedPort { target, port } => {
                t!(lang, "refusal.no_named_port", target = target, port = quoted(port))
            }
        }
    }
}
