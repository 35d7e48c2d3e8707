//! Live tables of any kind: a watcher whose objects are projected into rows as they
//! arrive, so only the rows are kept. Events go to the owner tagged with its table id.

use ::kube::Api;
use ::kube::api::ApiResource;
use ::kube::core::{DynamicObject, GroupVersionKind};
use ::kube::runtime::{WatchStreamExt, watcher};
use futures::StreamExt;
use tokio::task::JoinHandle;

use super::connect::Connection;
use super::errors::watch_failure;
use crate::model::cluster::{RowEvent, Scope};
use crate::model::resource::ResourceKind;
use crate::model::rows::{Row, project};

/// A running table watch; dropping it stops the watch.
pub struct TableWatch {
    task: JoinHandle<()>,
}

impl Drop for TableWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The kube-rs description of `kind`.
pub fn api_resource(kind: &ResourceKind) -> ApiResource {
    let gvk = GroupVersionKind::gvk(&kind.group, &kind.version, &kind.kind);
    ApiResource::from_gvk_with_plural(&gvk, &kind.plural)
}

/// The dynamic API of `kind` in `namespace` (all namespaces when `None` or cluster-scoped).
pub fn dynamic_api(connection: &Connection, kind: &ResourceKind, namespace: Option<&str>) -> Api<DynamicObject> {
    let resource = api_resource(kind);
    match namespace {
        Some(ns) if kind.namespaced => Api::namespaced_with(connection.client.clone(), ns, &resource),
        _ => Api::all_with(connection.client.clone(), &resource),
    }
}

/// Starts watching `kind` within `scope`; `sink` receives every row event.
pub fn watch_rows<F>(connection: &Connection, kind: &ResourceKind, scope: &Scope, sink: F) -> TableWatch
where
    F: Fn(RowEvent) + Send + 'static,
{
    let api = dynamic_api(connection, kind, scope.namespace.as_deref());
    let mut config = watcher::Config::default();
    if let Some(labels) = &scope.label_selector {
        config = config.labels(labels);
    }
    if let Some(fields) = &scope.field_selector {
        config = config.fields(fields);
    }
    let kind = kind.clone();
    let identity = connection.identity.clone();
    let task = tokio::spawn(async move {
        let mut events = std::pin::pin!(watcher(api, config).default_backoff());
        let mut initial: Vec<Row> = Vec::new();
        while let Some(event) = events.next().await {
            match event {
                Ok(watcher::Event::Init) => initial.clear(),
                Ok(watcher::Event::InitApply(object)) => initial.push(project(&kind, &object)),
                Ok(watcher::Event::InitDone) => sink(RowEvent::Reset(std::mem::take(&mut initial))),
                Ok(watcher::Event::Apply(object)) => sink(RowEvent::Upsert(project(&kind, &object))),
                Ok(watcher::Event::Delete(object)) => sink(RowEvent::Remove(project(&kind, &object).key)),
                Err(error) => sink(RowEvent::Failed(watch_failure(&error, &identity))),
            }
        }
    });
    TableWatch { task }
}
