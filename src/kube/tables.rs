//! Live tables of any kind: a watcher whose objects are projected into rows as they
//! arrive, so only the rows are kept. Events go to the owner tagged with its table id.

use std::fmt::Debug;
use std::sync::Arc;

use ::kube::api::ApiResource;
use ::kube::core::{DynamicObject, DynamicResourceScope, GroupVersionKind};
use ::kube::runtime::watcher;
use ::kube::{Api, Resource};
use futures::StreamExt;
use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;

use super::connect::Connection;
use super::errors::watch_failure;
use super::retry::{Outage, Retry};
use crate::model::cluster::{RowEvent, Scope};
use crate::model::resource::{Known, ResourceKind};
use crate::model::rows::{
    LeanDeployment, LeanEvent, LeanKind, LeanNamespace, LeanNode, LeanPod, LeanReplicaSet, LeanService, project,
    project_lean, row_key,
};

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
    api_of(connection, kind, namespace)
}

/// The API of `kind` in `namespace`, its objects read as `K`.
fn api_of<K>(connection: &Connection, kind: &ResourceKind, namespace: Option<&str>) -> Api<K>
where
    K: Resource<DynamicType = ApiResource, Scope = DynamicResourceScope>,
{
    let resource = api_resource(kind);
    match namespace {
        Some(ns) if kind.namespaced => Api::namespaced_with(connection.client.clone(), ns, &resource),
        _ => Api::all_with(connection.client.clone(), &resource),
    }
}

/// Objects listed per request of the initial list (the watcher's pages): one page is
/// parsed and projected at a time, so a list of 10,000 pods never sits in memory whole.
pub const PAGE_SIZE: u32 = 500;

/// Starts watching `kind` within `scope`; `sink` receives every row event. The kinds
/// that dominate big clusters are read in their lean, typed form (`LeanPod` …); every
/// other kind as `DynamicObject`.
pub fn watch_rows<F>(connection: &Connection, kind: &ResourceKind, scope: &Scope, sink: F) -> TableWatch
where
    F: Fn(RowEvent) + Send + 'static,
{
    let lean = kind.version == "v1";
    let task = match kind.known() {
        Some(Known::Pod) if lean => spawn_lean::<LeanPod, F>(connection, kind, scope, sink),
        Some(Known::Node) if lean => spawn_lean::<LeanNode, F>(connection, kind, scope, sink),
        Some(Known::Deployment) if lean => spawn_lean::<LeanDeployment, F>(connection, kind, scope, sink),
        Some(Known::ReplicaSet | Known::StatefulSet) if lean => {
            spawn_lean::<LeanReplicaSet, F>(connection, kind, scope, sink)
        }
        Some(Known::Service) if lean => spawn_lean::<LeanService, F>(connection, kind, scope, sink),
        Some(Known::Event) if lean => spawn_lean::<LeanEvent, F>(connection, kind, scope, sink),
        Some(Known::Namespace) if lean => spawn_lean::<LeanNamespace, F>(connection, kind, scope, sink),
        _ => {
            let generic = kind.clone();
            let project = move |object: &DynamicObject| Arc::new(project(&generic, object));
            spawn(connection, kind, scope, project, sink)
        }
    };
    TableWatch { task }
}

fn spawn_lean<K: LeanKind, F>(connection: &Connection, kind: &ResourceKind, scope: &Scope, sink: F) -> JoinHandle<()>
where
    F: Fn(RowEvent) + Send + 'static,
{
    spawn(
        connection,
        kind,
        scope,
        |object: &K| Arc::new(project_lean(object)),
        sink,
    )
}

/// Watches `kind`, read as the lean `K`, within `scope`: each object is made into an `R`
/// by `project` (the census keeps a few facts per pod, not a row).
pub fn watch_lean<K, R, F>(
    connection: &Connection,
    kind: &ResourceKind,
    scope: &Scope,
    project: fn(&K) -> R,
    sink: F,
) -> TableWatch
where
    K: LeanKind,
    R: Send + 'static,
    F: Fn(RowEvent<R>) + Send + 'static,
{
    watch_with(connection, kind, scope, project, sink)
}

/// Watches `kind`, read as `K` (a lean kind or `DynamicObject`), within `scope`: each
/// object is made into an `R` by `project` (the owner tree keeps a row and its owners).
pub fn watch_with<K, R, P, F>(
    connection: &Connection,
    kind: &ResourceKind,
    scope: &Scope,
    project: P,
    sink: F,
) -> TableWatch
where
    K: Watched,
    R: Send + 'static,
    P: Fn(&K) -> R + Send + 'static,
    F: Fn(RowEvent<R>) + Send + 'static,
{
    TableWatch {
        task: spawn(connection, kind, scope, project, sink),
    }
}

/// What a feed can watch: an object addressed through its kind's `ApiResource`.
pub trait Watched:
    Resource<DynamicType = ApiResource, Scope = DynamicResourceScope> + Clone + DeserializeOwned + Debug + Send + 'static
{
}

impl<K> Watched for K where
    K: Resource<DynamicType = ApiResource, Scope = DynamicResourceScope>
        + Clone
        + DeserializeOwned
        + Debug
        + Send
        + 'static
{
}

/// Starts the feed of `kind` read as `K`, each object projected by `project`.
fn spawn<K, R, P, F>(connection: &Connection, kind: &ResourceKind, scope: &Scope, project: P, sink: F) -> JoinHandle<()>
where
    K: Watched,
    R: Send + 'static,
    P: Fn(&K) -> R + Send + 'static,
    F: Fn(RowEvent<R>) + Send + 'static,
{
    let api = api_of(connection, kind, scope.namespace.as_deref());
    let mut config = watcher::Config::default().page_size(PAGE_SIZE);
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
        project,
        identity: connection.identity.clone(),
        sink,
    };
    tokio::spawn(feed.run(Outage::new(what)))
}

/// One watch, fed into its sink until the task is aborted.
struct RowFeed<K, P, F>
where
    K: Resource,
{
    api: Api<K>,
    config: watcher::Config,
    project: P,
    identity: String,
    sink: F,
}

impl<K, R, P, F> RowFeed<K, P, F>
where
    K: Watched,
    P: Fn(&K) -> R,
    F: Fn(RowEvent<R>),
{
    /// Watches; after a failure it pauses (the retry policy) and lists again from the
    /// start, so a recovered table is whole and marked live at once — a watch merely
    /// resumed would stay stale until the next change.
    async fn run(mut self, mut outage: Outage) {
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

    /// Lists (a page at a time) and then follows changes until the first error (`None`:
    /// the stream ended). Each object is projected as it arrives and then dropped.
    async fn watch_until_failure(&mut self, retry: &mut Retry, outage: &mut Outage) -> Option<watcher::Error> {
        let mut events = std::pin::pin!(watcher(self.api.clone(), self.config.clone()));
        let mut initial: Vec<R> = Vec::new();
        while let Some(event) = events.next().await {
            match event {
                Ok(watcher::Event::Init) => initial.clear(),
                Ok(watcher::Event::InitApply(object)) => initial.push((self.project)(&object)),
                Ok(watcher::Event::InitDone) => {
                    retry.reset();
                    outage.over();
                    (self.sink)(RowEvent::Reset(std::mem::take(&mut initial)));
                }
                Ok(watcher::Event::Apply(object)) => (self.sink)(RowEvent::Upsert((self.project)(&object))),
                Ok(watcher::Event::Delete(object)) => (self.sink)(RowEvent::Remove(row_key(object.meta()))),
                Err(error) => return Some(error),
            }
        }
        None
    }
}
