//! Reads what an app's detail, its rendered manifest and a host's IP pool are composed
//! from, and has `app::detail` write the text in the session's language.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::app::detail::{app, ip_pool};
use crate::config::i18n::Lang;
use crate::kube::Connection;
use crate::kube::kubic::{apps, ippools};
use crate::kube::objects;
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;

/// The detail of an app: its state, pods and revisions first, then the kubectl-like description.
pub async fn detail(connection: &Connection, object: &ObjectRef, lang: Lang) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let (project, name) = (&object.namespace, &object.name);
    let report = apps::app_report(connection, project, name)
        .await
        .map_err(Failure::from)?;
    let revisions = apps::revisions(connection, project, name)
        .await
        .map_err(Failure::from)?;
    Ok(app::app_detail(&value, &report, &revisions, Timestamp::now(), lang))
}

/// The manifest the app's current revision was rendered to.
pub async fn manifest(connection: &Connection, object: &ObjectRef) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let revisions = apps::revisions(connection, &object.namespace, &object.name)
        .await
        .map_err(Failure::from)?;
    app::current_manifest(&value, &object.name, revisions)
}

/// A host's IP pool, one line per IP with the app holding it, then the description.
pub async fn pool_detail(connection: &Connection, object: &ObjectRef, lang: Lang) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let holders = ippools::pool_holders(connection, &object.name)
        .await
        .map_err(Failure::from)?;
    Ok(ip_pool::pool_detail(
        &object.name,
        &value,
        &holders,
        Timestamp::now(),
        lang,
    ))
}
