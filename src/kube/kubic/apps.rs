//! The app lifecycle: create (Halted), run, halt, scale, rolling update, rollback,
//! re-load-balance and delete, each rendering the catalog's template with the app's
//! values, dry-running every object and applying them owned by the App.

use crate::model::refusal::Refusal;
use ::kube::Api;
use ::kube::api::{DeleteParams, ListParams, Patch, PatchParams, PostParams, PropagationPolicy};
use serde_json::json;

use super::apply::{apply_all, dry_run_all};
use super::explain;
use super::ippools::{all_apps, pools};
use crate::catalog::{AppValues, render};
use crate::kube::connect::Connection;
use crate::kube::errors::KubeError;
use crate::kube::install::FIELD_MANAGER;
use crate::model::app::{decorate, ip_holders};
use crate::model::cluster::NewApp;
use crate::model::crd::{APP_LABEL, App, AppRevision, AppRevisionSpec, AppSpec, Catalog, DesiredState};
use crate::model::invalid::{Invalid, Part};
use crate::model::validate;

pub use super::status::{app_report, refresh_status};

/// How many revisions an app keeps (older ones are deleted).
pub const REVISION_HISTORY: usize = 10;

fn apps(connection: &Connection, project: &str) -> Api<App> {
    Api::namespaced(connection.client.clone(), project)
}

/// The template values of `app`, from its catalog.
pub fn values_for(app: &App, catalog: &Catalog) -> AppValues {
    let name = app.metadata.name.clone().unwrap_or_default();
    let project = app.metadata.namespace.clone().unwrap_or_default();
    let mut values = AppValues::new(
        &name,
        &project,
        &catalog.spec.registry,
        &catalog.spec.image,
        &app.spec.tag,
    );
    values.replicas = app.spec.replicas;
    values.cpu = app.spec.cpu_millis.map(|m| format!("{m}m"));
    values.memory = app.spec.memory.clone();
    values.ports = app.spec.ports.clone();
    values.host = app.spec.host.clone();
    values.service_ips = app.spec.service_ips.clone();
    values
}

async fn catalog(connection: &Connection, name: &str) -> Result<Catalog, KubeError> {
    Api::<Catalog>::all(connection.client.clone())
        .get_opt(name)
        .await
        .map_err(explain(connection))?
        .ok_or_else(|| KubeError::from(Refusal::NoCatalog { name: name.into() }))
}

/// The objects `app` consists of, ready to apply.
fn objects_of(app: &App, catalog: &Catalog, uid: Option<&str>) -> Result<Vec<serde_json::Value>, KubeError> {
    let mut objects = render(&catalog.spec.template, &values_for(app, catalog)).map_err(|e| {
        KubeError::from(Refusal::CatalogTemplate {
            catalog: catalog.metadata.name.clone().unwrap_or_default(),
            why: e.to_string(),
        })
    })?;
    decorate(&mut objects, app, uid);
    Ok(objects)
}

/// Checks the form's values against KUBIC's rules.
async fn check_spec(connection: &Connection, project: &str, name: &str, spec: &AppSpec) -> Result<(), KubeError> {
    validate::dns1123_label(name).map_err(|e| e.of(Part::AppName))?;
    validate::dns1123_label(project).map_err(|e| e.of(Part::Project))?;
    if spec.tag.trim().is_empty() || spec.tag.contains(char::is_whitespace) {
        return Err(KubeError::from(Invalid::ImageTag));
    }
    validate::replicas(&spec.replicas.to_string()).map_err(|e| e.of(Part::Replicas))?;
    if let Some(memory) = &spec.memory {
        validate::memory(memory).map_err(|e| e.of(Part::Memory))?;
    }
    if let Some(port) = spec
        .ports
        .iter()
        .find(|p| p.port == 0 || !["TCP", "UDP"].contains(&p.protocol.as_str()))
    {
        return Err(KubeError::from(Refusal::AppPort {
            port: format!("{}/{}", port.port, port.protocol),
        }));
    }
    check_service_ips(connection, project, name, spec).await
}

/// Service IPs must come from the app's host's pool and not be held by another app.
async fn check_service_ips(
    connection: &Connection,
    project: &str,
    name: &str,
    spec: &AppSpec,
) -> Result<(), KubeError> {
    if spec.service_ips.is_empty() {
        return Ok(());
    }
    let Some(host) = &spec.host else {
        return Err(KubeError::from(Refusal::IpsNeedHost));
    };
    let pool: Vec<String> = pools(connection)
        .await?
        .into_iter()
        .filter(|p| &p.spec.host == host)
        .flat_map(|p| p.spec.ips)
        .collect();
    let holders = ip_holders(&all_apps(connection).await?);
    let me = format!("{project}/{name}");
    for ip in &spec.service_ips {
        if !pool.contains(ip) {
            return Err(KubeError::from(Refusal::IpNotInPool {
                ip: ip.clone(),
                host: host.clone(),
            }));
        }
        if let Some(holder) = holders.get(ip).filter(|h| **h != me) {
            return Err(KubeError::from(Refusal::IpUsedBy {
                ip: ip.clone(),
                app: holder.to_string(),
            }));
        }
    }
    Ok(())
}

/// Creates an app from a catalog. It starts Halted: its objects exist, with no pods.
pub async fn create_app(connection: &Connection, new: NewApp) -> Result<App, KubeError> {
    let spec = AppSpec {
        catalog: new.catalog.clone(),
        tag: new.tag.trim().to_string(),
        replicas: new.replicas,
        cpu_millis: new.cpu_millis,
        memory: new.memory.clone(),
        ports: new.ports.clone(),
        host: new.host.clone(),
        service_ips: new.service_ips.clone(),
        desired: DesiredState::Halted,
        revision: 1,
    };
    check_spec(connection, &new.project, &new.name, &spec).await?;
    let catalog = catalog(connection, &new.catalog).await?;
    let mut app = App::new(&new.name, spec);
    app.metadata.namespace = Some(new.project.clone());
    dry_run_all(connection, &objects_of(&app, &catalog, None)?).await?;
    let created = apps(connection, &new.project)
        .create(&PostParams::default(), &app)
        .await
        .map_err(explain(connection))?;
    let uid = created.metadata.uid.clone().unwrap_or_default();
    let applied = async {
        apply_all(connection, &objects_of(&created, &catalog, Some(&uid))?).await?;
        record_revision(connection, &created, &catalog).await
    };
    if let Err(error) = applied.await {
        // Leave nothing half-made behind.
        let _ = delete_app_forced(connection, &new.project, &new.name).await;
        return Err(error);
    }
    let _ = refresh_status(connection, &new.project, &new.name).await;
    Ok(created)
}

/// How often a change is retried when the App changed in between (kubic records its
/// status while it follows the app's pods).
const CONFLICT_RETRIES: usize = 5;

/// How one attempt at changing an app ended.
enum Attempt {
    Changed(Box<App>),
    /// Someone wrote the App between our read and our write (its resourceVersion moved).
    LostRace(KubeError),
}

/// Changes an app: `change` edits its spec and says whether that makes a new revision.
/// A write of the App that lost a race (409) is redone from a fresh read; a conflict in
/// any later step is an answer, never a reason to apply `change` a second time.
async fn modify<F>(connection: &Connection, project: &str, name: &str, change: F) -> Result<App, KubeError>
where
    F: Fn(&mut AppSpec) -> Result<bool, KubeError>,
{
    let mut attempt = 0;
    loop {
        match modify_once(connection, project, name, &change).await? {
            Attempt::Changed(app) => return Ok(*app),
            Attempt::LostRace(_) if attempt < CONFLICT_RETRIES => attempt += 1,
            Attempt::LostRace(conflict) => return Err(conflict),
        }
    }
}

async fn modify_once<F>(connection: &Connection, project: &str, name: &str, change: &F) -> Result<Attempt, KubeError>
where
    F: Fn(&mut AppSpec) -> Result<bool, KubeError>,
{
    let api = apps(connection, project);
    let mut app = api.get(name).await.map_err(explain(connection))?;
    let new_revision = change(&mut app.spec)?;
    if new_revision {
        app.spec.revision = latest_revision(connection, project, name).await?.max(app.spec.revision) + 1;
    }
    check_spec(connection, project, name, &app.spec).await?;
    let catalog = catalog(connection, &app.spec.catalog).await?;
    let uid = app.metadata.uid.clone().unwrap_or_default();
    let objects = objects_of(&app, &catalog, Some(&uid))?;
    dry_run_all(connection, &objects).await?;
    let updated = match api.replace(name, &PostParams::default(), &app).await {
        Ok(updated) => updated,
        Err(error) => {
            return match explain(connection)(error) {
                conflict @ KubeError::Refused { code: 409, .. } => Ok(Attempt::LostRace(conflict)),
                other => Err(other),
            };
        }
    };
    apply_all(connection, &objects).await?;
    if new_revision {
        record_revision(connection, &updated, &catalog).await?;
    }
    let _ = refresh_status(connection, project, name).await;
    Ok(Attempt::Changed(Box::new(updated)))
}

/// Runs the app: its workloads go to its replicas.
pub async fn run_app(connection: &Connection, project: &str, name: &str) -> Result<App, KubeError> {
    modify(connection, project, name, |spec| {
        spec.desired = DesiredState::Running;
        Ok(false)
    })
    .await
}

/// Halts (stops) the app: its workloads go to zero pods.
pub async fn halt_app(connection: &Connection, project: &str, name: &str) -> Result<App, KubeError> {
    modify(connection, project, name, |spec| {
        spec.desired = DesiredState::Halted;
        Ok(false)
    })
    .await
}

/// Changes the number of replicas, live when the app runs.
pub async fn scale_app(connection: &Connection, project: &str, name: &str, replicas: i32) -> Result<App, KubeError> {
    validate::replicas(&replicas.to_string())?;
    modify(connection, project, name, |spec| {
        spec.replicas = replicas;
        Ok(false)
    })
    .await
}

/// Rolling update to another image tag (newer or older): a new revision.
pub async fn update_tag(connection: &Connection, project: &str, name: &str, tag: &str) -> Result<App, KubeError> {
    modify(connection, project, name, |spec| {
        if spec.tag == tag.trim() {
            return Err(KubeError::from(Refusal::AlreadyRunsTag { tag: spec.tag.clone() }));
        }
        spec.tag = tag.trim().to_string();
        Ok(true)
    })
    .await
}

/// Re-load-balance: the app's service IPs (the Service's external IPs follow).
pub async fn set_service_ips(
    connection: &Connection,
    project: &str,
    name: &str,
    ips: &[String],
) -> Result<App, KubeError> {
    let mut canonical = Vec::new();
    for ip in ips {
        canonical.push(validate::ip_address(ip)?);
    }
    modify(connection, project, name, |spec| {
        spec.service_ips = canonical.clone();
        Ok(true)
    })
    .await
}

/// Rolls back to an earlier revision's values, as a new forward revision (replicas and
/// run/halt state stay as they are now).
pub async fn rollback(connection: &Connection, project: &str, name: &str, revision: u32) -> Result<App, KubeError> {
    let old = revisions(connection, project, name)
        .await?
        .into_iter()
        .find(|r| r.spec.revision == revision)
        .ok_or_else(|| {
            KubeError::from(Refusal::NoRevision {
                app: name.into(),
                revision,
            })
        })?;
    modify(connection, project, name, move |spec| {
        // The size, the run/halt state and the revision reached so far stay: the rollback
        // is the next revision, numbered after the current one.
        let kept = (spec.replicas, spec.desired, spec.revision);
        *spec = old.spec.values.clone();
        (spec.replicas, spec.desired, spec.revision) = kept;
        Ok(true)
    })
    .await
}

/// The app's recorded revisions, oldest first.
pub async fn revisions(connection: &Connection, project: &str, name: &str) -> Result<Vec<AppRevision>, KubeError> {
    let params = ListParams::default().labels(&format!("{APP_LABEL}={name}"));
    let mut list = Api::<AppRevision>::namespaced(connection.client.clone(), project)
        .list(&params)
        .await
        .map_err(explain(connection))?
        .items;
    list.sort_by_key(|r| r.spec.revision);
    Ok(list)
}

async fn latest_revision(connection: &Connection, project: &str, name: &str) -> Result<u32, KubeError> {
    Ok(revisions(connection, project, name)
        .await?
        .last()
        .map_or(0, |r| r.spec.revision))
}

/// Records the app's current values and manifest as its revision, owned by the App,
/// and forgets revisions beyond the history limit.
async fn record_revision(connection: &Connection, app: &App, catalog: &Catalog) -> Result<(), KubeError> {
    let name = app.metadata.name.clone().unwrap_or_default();
    let project = app.metadata.namespace.clone().unwrap_or_default();
    let manifest = crate::catalog::render_text(&catalog.spec.template, &values_for(app, catalog))
        .map_err(|e| KubeError::said(e.to_string()))?;
    let revision = app.spec.revision;
    let mut record = AppRevision::new(
        &format!("{name}-{revision}"),
        AppRevisionSpec {
            app: name.clone(),
            revision,
            values: app.spec.clone(),
            manifest,
        },
    );
    record.metadata.namespace = Some(project.clone());
    record.metadata.labels = Some([(APP_LABEL.to_string(), name.clone())].into());
    record.metadata.owner_references = Some(vec![
        serde_json::from_value(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "App", "name": name,
            "uid": app.metadata.uid.clone().unwrap_or_default(), "blockOwnerDeletion": true
        }))
        .map_err(|e| KubeError::Other(e.to_string()))?,
    ]);
    let api: Api<AppRevision> = Api::namespaced(connection.client.clone(), &project);
    api.patch(
        &format!("{name}-{revision}"),
        &PatchParams::apply(FIELD_MANAGER).force(),
        &Patch::Apply(&record),
    )
    .await
    .map_err(explain(connection))?;
    let all = revisions(connection, &project, &name).await?;
    for old in all.iter().take(all.len().saturating_sub(REVISION_HISTORY)) {
        let old_name = old.metadata.name.clone().unwrap_or_default();
        api.delete(&old_name, &DeleteParams::default())
            .await
            .map_err(explain(connection))?;
    }
    Ok(())
}

/// Deletes the app and everything it created; refused while it runs (halt it first).
pub async fn delete_app(connection: &Connection, project: &str, name: &str) -> Result<(), KubeError> {
    let app = apps(connection, project).get(name).await.map_err(explain(connection))?;
    if app.spec.desired == DesiredState::Running {
        return Err(KubeError::from(Refusal::AppRunning { app: name.into() }));
    }
    let report = app_report(connection, project, name).await?;
    if !report.pods.is_empty() {
        return Err(KubeError::from(Refusal::AppStopping {
            app: name.into(),
            pods: report.pods.len(),
        }));
    }
    delete_app_forced(connection, project, name).await
}

/// Deletes the app whatever its state; the garbage collector removes what it owns.
pub async fn delete_app_forced(connection: &Connection, project: &str, name: &str) -> Result<(), KubeError> {
    let params = DeleteParams {
        propagation_policy: Some(PropagationPolicy::Foreground),
        ..DeleteParams::default()
    };
    apps(connection, project)
        .delete(name, &params)
        .await
        .map(|_| ())
        .map_err(explain(connection))
}
