//! KUBIC's own records, kept in the cluster as custom resources of the `kubic.io` group:
//! IP pools, catalogs, apps and their revisions, registries, builds and users. `kubic install`
//! creates these kinds.

mod app;
mod build;
mod catalog;
mod ippool;
mod registry;
mod user;

pub use app::{App, AppPhase, AppPort, AppRevision, AppRevisionSpec, AppSpec, AppStatus, DesiredState};
pub use build::{BuildRecipe, BuildRecipeSpec, ImageBuild, ImageBuildSpec, ImageBuildStatus};
pub use catalog::{Catalog, CatalogSpec};
pub use ippool::{IPPool, IPPoolSpec};
pub use registry::{Registry, RegistrySpec};
pub use user::{User, UserSpec, UserStatus};

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::CustomResourceExt;

/// The API group of every KUBIC kind.
pub const GROUP: &str = "kubic.io";

/// The label every object an app created carries, with the app's name.
pub const APP_LABEL: &str = "kubic.io/app";

/// The label on an image build's Job, ConfigMap and pod, with the build's name.
pub const BUILD_LABEL: &str = "kubic.io/build";

/// The label on a user's password Secret and RoleBindings, with the user's name.
pub const USER_LABEL: &str = "kubic.io/user";

/// The definitions `kubic install` applies, in dependency order.
pub fn definitions() -> Vec<CustomResourceDefinition> {
    vec![
        IPPool::crd(),
        Catalog::crd(),
        App::crd(),
        AppRevision::crd(),
        Registry::crd(),
        BuildRecipe::crd(),
        ImageBuild::crd(),
        User::crd(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_kubic_group_with_printer_columns_and_a_schema() {
        for crd in definitions() {
            assert_eq!(crd.spec.group, GROUP);
            let version = &crd.spec.versions[0];
            assert!(version.schema.is_some(), "{} has no schema", crd.spec.names.kind);
            assert!(
                version
                    .additional_printer_columns
                    .as_ref()
                    .is_some_and(|c| !c.is_empty()),
                "{} has no printer columns",
                crd.spec.names.kind
            );
        }
    }

    #[test]
    fn pools_and_catalogs_are_cluster_wide_apps_live_in_projects() {
        let scope = |kind: &str| {
            definitions()
                .into_iter()
                .find(|c| c.spec.names.kind == kind)
                .map(|c| c.spec.scope)
        };
        assert_eq!(scope("IPPool").as_deref(), Some("Cluster"));
        assert_eq!(scope("Catalog").as_deref(), Some("Cluster"));
        assert_eq!(scope("App").as_deref(), Some("Namespaced"));
        assert_eq!(scope("AppRevision").as_deref(), Some("Namespaced"));
        assert_eq!(scope("Registry").as_deref(), Some("Cluster"));
        assert_eq!(scope("BuildRecipe").as_deref(), Some("Cluster"));
        assert_eq!(scope("ImageBuild").as_deref(), Some("Cluster"));
        assert_eq!(scope("User").as_deref(), Some("Cluster"));
    }
}
