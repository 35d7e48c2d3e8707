//! Live, memory-lean caches of cluster objects: a kube-runtime reflector per watched kind
//! that tells its owner when the cache is ready, changed or failing (notify, then pull).

use std::fmt::Debug;
use std::hash::Hash;

use ::kube::runtime::reflector::{self, Store};
use ::kube::runtime::{WatchStreamExt, watcher};

use super::retry::Retry;
use ::kube::{Api, Resource, ResourceExt};
use futures::StreamExt;
use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;

use super::errors::root_cause;

/// What a watch reports to its owner; the objects themselves are read from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchNotice {
    /// The initial list is complete (`InitDone`): the store now tells "empty" from "loading".
    Ready,
    /// An object was added, changed or removed after the initial list.
    Changed,
    /// The watch failed; it retries (`kube::retry`) and reports `Ready` again once it recovers.
    Failed(String),
}

/// A running watch: its store and the task feeding it. Dropping it stops the task.
pub struct Watch<K>
where
    K: Resource + Clone + 'static,
    K::DynamicType: Eq + Hash + Clone,
{
    store: Store<K>,
    task: JoinHandle<()>,
}

impl<K> Watch<K>
where
    K: Resource + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
    K::DynamicType: Eq + Hash + Clone + Default + Send + Sync,
{
    /// Starts watching `api` with `config`, calling `notify` on every notice.
    pub fn start<F>(api: Api<K>, config: watcher::Config, notify: F) -> Self
    where
        F: Fn(WatchNotice) + Send + 'static,
    {
        let (store, writer) = reflector::store();
        let events = watcher(api, config)
            .backoff(Retry::default())
            .modify(|object: &mut K| object.managed_fields_mut().clear())
            .reflect(writer);
        let task = tokio::spawn(async move {
            let mut events = std::pin::pin!(events);
            let mut ready = false;
            while let Some(event) = events.next().await {
                match event {
                    Ok(watcher::Event::InitDone) => {
                        ready = true;
                        notify(WatchNotice::Ready);
                    }
                    Ok(watcher::Event::Apply(_) | watcher::Event::Delete(_)) if ready => notify(WatchNotice::Changed),
                    Ok(_) => {}
                    Err(error) => notify(WatchNotice::Failed(root_cause(&error))),
                }
            }
        });
        Watch { store, task }
    }

    /// The live cache; cheap to clone, always the latest state the watch has seen.
    pub fn store(&self) -> &Store<K> {
        &self.store
    }
}

impl<K> Drop for Watch<K>
where
    K: Resource + Clone + 'static,
    K::DynamicType: Eq + Hash + Clone,
{
    fn drop(&mut self) {
        self.task.abort();
    }
}
