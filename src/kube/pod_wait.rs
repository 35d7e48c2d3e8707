//! Waiting for a pod to run while saying why it does not yet: one watch of the pod and
//! one of its events; every change that alters what the pod says is reported.

use std::collections::BTreeMap;

use ::kube::Api;
use ::kube::runtime::{WatchStreamExt, watcher};
use futures::StreamExt;
use k8s_openapi::api::core::v1::{Event, Pod};

use super::connect::Connection;
use super::errors::KubeError;
use super::retry::Retry;
use crate::model::pod_wait::PodWait;

/// What one of the two watches saw (boxed: a pod and an event are large).
enum Seen {
    Pod(Box<Result<watcher::Event<Pod>, watcher::Error>>),
    Event(Box<Result<watcher::Event<Event>, watcher::Error>>),
}

/// Waits until pod `name` runs, calling `on_wait` each time what it says about its
/// wait changes. A pod that ends, or is removed, is an error.
pub async fn wait_running(
    connection: &Connection,
    namespace: &str,
    name: &str,
    mut on_wait: impl FnMut(&PodWait),
) -> Result<(), KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    let events: Api<Event> = Api::namespaced(connection.client.clone(), namespace);
    let pod_config = watcher::Config::default().fields(&format!("metadata.name={name}"));
    let event_config =
        watcher::Config::default().fields(&format!("involvedObject.kind=Pod,involvedObject.name={name}"));
    let pod_stream = watcher(pods, pod_config)
        .backoff(Retry::default())
        .map(|seen| Seen::Pod(Box::new(seen)));
    let event_stream = watcher(events, event_config)
        .backoff(Retry::default())
        .map(|seen| Seen::Event(Box::new(seen)));
    let mut seen = std::pin::pin!(futures::stream::select(pod_stream, event_stream));
    let mut pod: Option<Pod> = None;
    let mut about: BTreeMap<String, Event> = BTreeMap::new();
    let mut last: Option<PodWait> = None;
    while let Some(item) = seen.next().await {
        match item {
            Seen::Pod(seen) => match *seen {
                Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)) => pod = Some(p),
                Ok(watcher::Event::Delete(_)) => {
                    return Err(KubeError::Other(format!("the pod {name} was removed")));
                }
                // A failed watch tries again by itself (the retry policy).
                _ => {}
            },
            Seen::Event(seen) => match *seen {
                Ok(watcher::Event::Init) => about.clear(),
                Ok(watcher::Event::Apply(e) | watcher::Event::InitApply(e)) => {
                    about.insert(e.metadata.name.clone().unwrap_or_default(), e);
                }
                Ok(watcher::Event::Delete(e)) => {
                    about.remove(e.metadata.name.as_deref().unwrap_or_default());
                }
                _ => {}
            },
        }
        let Some(pod) = &pod else { continue };
        match pod.status.as_ref().and_then(|s| s.phase.as_deref()) {
            Some("Running") => return Ok(()),
            Some(phase @ ("Failed" | "Succeeded")) => {
                return Err(KubeError::Other(format!("the pod {name} ended ({phase})")));
            }
            _ => {}
        }
        let uid = pod.metadata.uid.as_deref();
        let mine: Vec<Event> = about
            .values()
            .filter(|e| e.involved_object.uid.is_none() || e.involved_object.uid.as_deref() == uid)
            .cloned()
            .collect();
        let wait = PodWait::read(pod, &mine);
        if last.as_ref() != Some(&wait) {
            on_wait(&wait);
            last = Some(wait);
        }
    }
    Err(KubeError::Other(format!("the watch of pod {name} ended")))
}
