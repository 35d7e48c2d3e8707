//! Catalogs: saved only when their template renders with sample values; deleting one
//! that apps were made from is refused unless the operator asks for the cascade.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, Patch, PatchParams};

use super::apps::delete_app_forced;
use super::explain;
use super::ippools::all_apps;
use crate::catalog::check_template;
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;
use crate::model::crd::{Catalog, CatalogSpec};
use crate::model::invalid::Part;
use crate::model::validate;

/// Creates or updates the catalog `name`, after checking its name and template.
pub async fn save_catalog(connection: &Connection, name: &str, spec: CatalogSpec) -> Result<(), KubeError> {
    validate::dns1123_label(name).map_err(|e| e.of(Part::CatalogName))?;
    if spec.image.trim().is_empty() {
        return Err(KubeError::from(Refusal::CatalogNeedsImage));
    }
    check_template(&spec.template).map_err(|e| KubeError::said(e.to_string()))?;
    let catalog = Catalog::new(name, spec);
    Api::<Catalog>::all(connection.client.clone())
        .patch(
            name,
            &PatchParams::apply(FIELD_MANAGER).force(),
            &Patch::Apply(&catalog),
        )
        .await
        .map(|_| ())
        .map_err(explain(connection))
}

/// The apps (`project/name`) made from catalog `name`.
pub async fn apps_of(connection: &Connection, name: &str) -> Result<Vec<String>, KubeError> {
    Ok(all_apps(connection)
        .await?
        .into_iter()
        .filter(|a| a.spec.catalog == name)
        .map(|a| {
            format!(
                "{}/{}",
                a.metadata.namespace.unwrap_or_default(),
                a.metadata.name.unwrap_or_default()
            )
        })
        .collect())
}

/// Deletes catalog `name`. With apps made from it, refused unless `cascade`, which
/// deletes those apps (and everything they created) first.
pub async fn delete_catalog(connection: &Connection, name: &str, cascade: bool) -> Result<(), KubeError> {
    let apps = apps_of(connection, name).await?;
    if !apps.is_empty() && !cascade {
        return Err(KubeError::from(Refusal::CatalogHasApps {
            catalog: name.into(),
            apps: apps.join(", "),
        }));
    }
    for app in &apps {
        let (project, app_name) = app.split_once('/').unwrap_or_default();
        delete_app_forced(connection, project, app_name).await?;
    }
    Api::<Catalog>::all(connection.client.clone())
        .delete(name, &DeleteParams::default())
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
