//! Live tables of any kind: a watcher whose objects are projected into rows as they
//! arrive, so only the rows are kept. Events go to the owner tagged with its table id.

use ::kube::Api;
use ::kube::api::ApiResource;
use ::kube::core::{DynamicObject, GroupVersionKind};
use ::kube::runtime::watcher;
use futures::StreamExt;
use tokio::task::JoinHandle;

use super::connect::Connection;
use super::errors::watch_failure;
use super::retry::{Outage, Retry};
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
    let what = format!(
        "{} in {}",
        kind.plural,
        scope.namespace.as_deref().unwrap_or("all namespaces")
    );
    let feed = RowFeed {
        api,
        config,
        kind: kind.clone(),
        identity: connection.identity.clone(),
        sink,
    };
    let task = tokio::spawn(feed.run(Outage::new(what)));
    TableWatch { task }
}

/// One table's watch, fed into its sink until the task is aborted.
struct RowFeed<F> {
    api: Api<DynamicObject>,
    config: watcher::Config,
    kind: ResourceKind,
    identity: String,
    sink: F,
}

impl<F: Fn(RowEvent)> RowFeed<F> {
    /// Watches; after a failure it pauses (the retry policy) and lists again from the
    /// start, so a recovered table is whole and marked live at once — a watch merely
    /// resumed would stay stale until the next change.
    async fn run(self, mut outage: Outage) {
        let mut retry = Retry::default();
        loop {
            let Some(error) = self.watch_until_failure(&mut retry, &mut outage).await else {
                return;
            };
            let failure = watch_failure(&error, &self.identity);
            let pause = retry.next().unwrap_or_else(Retry::longest);
            let next_try = outage.failed(&failure.message, pause);
            (self.sink)(RowEvent::Failed { failure, next_try });
            tokio::time::sleep(pause).await;
        }
    }

    /// Lists and then follows changes until the first error (`None`: the stream ended).
    async fn watch_until_failure(&self, retry: &mut Retry, outage: &mut Outage) -> Option<watcher::Error> {
        let mut events = std::pin::pin!(watcher(self.api.clone(), self.config.clone()));
        let mut initial: Vec<Row> = Vec::new();
        while let Some(event) = events.next().await {
            match event {
                Ok(watcher::Event::Init) => initial.clear(),
                Ok(watcher::Event::InitApply(object)) => initial.push(project(&self.kind, &object)),
                Ok(watcher::Event::InitDone) => {
                    retry.reset();
                    outage.over();
                    (self.sink)(RowEvent::Reset(std::mem::take(&mut initial)));
                }
                Ok(watcher::Event::Apply(object)) => (self.sink)(RowEvent::Upsert(project(&self.kind, &object))),
                Ok(watcher::Event::Delete(object)) => (self.sink)(RowEvent::Remove(project(&self.kind, &object).key)),
                Err(error) => return Some(error),
            }
        }
        None
    }
}
