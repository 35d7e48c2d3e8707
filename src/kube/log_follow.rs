//! Live logs of one pod or of every pod a selector matches, merged into one feed:
//! pods that appear later join, a stream that ends or breaks reconnects from the last
//! timestamp it showed, and lines already shown are never repeated.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ::kube::Api;
use ::kube::api::LogParams;
use ::kube::runtime::watcher;
use futures::{AsyncBufReadExt, StreamExt};
use k8s_openapi::api::core::v1::Pod;
use tokio::task::JoinHandle;

use super::connect::{Connection, explain};
use super::errors::{KubeError, watch_failure};
use super::objects;
use super::retry::{Outage, Retry, retrying};
use crate::model::cluster::ObjectRef;
use crate::model::cluster::{LogEvent, LogOptions, StampedLine};
use crate::model::failure::Failure;
use crate::model::resource::Known;

mod dedupe;
pub use dedupe::{Dedupe, split_timestamp};

/// Which pods to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogSource {
    Pod {
        namespace: String,
        pod: String,
    },
    /// Every pod matching a label selector (`k=v,k2=v2`), now and later.
    Selector {
        namespace: String,
        selector: String,
    },
}

/// Where events go.
pub type Sink = Arc<dyn Fn(LogEvent) + Send + Sync>;

/// A running feed; dropping it stops every stream.
pub struct LogFollow {
    task: JoinHandle<()>,
}

impl Drop for LogFollow {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The pods an object's logs come from: a pod itself, an app's pods (`kubic.io/app`),
/// or a workload's selector.
pub async fn source_of(connection: &Connection, object: &ObjectRef) -> Result<LogSource, KubeError> {
    let namespace = object.namespace.clone();
    if object.kind.is_known(Known::Pod) {
        return Ok(LogSource::Pod {
            namespace,
            pod: object.name.clone(),
        });
    }
    if object.kind.is_known(Known::App) {
        let selector = format!("kubic.io/app={}", object.name);
        return Ok(LogSource::Selector { namespace, selector });
    }
    let value = objects::get(connection, object).await?;
    let selector = selector_of(&value)
        .ok_or_else(|| KubeError::Other(format!("{} has no pod selector to read logs from", object.describe())))?;
    Ok(LogSource::Selector { namespace, selector })
}

/// `spec.selector.matchLabels` (or a bare `spec.selector` map) as `k=v,…`.
pub fn selector_of(object: &serde_json::Value) -> Option<String> {
    let selector = object.pointer("/spec/selector")?;
    let labels = selector.get("matchLabels").unwrap_or(selector).as_object()?;
    let pairs: Vec<String> = labels
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|v| format!("{k}={v}")))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join(","))
}

/// Starts following `source`; events go to `sink` until the returned handle drops.
pub fn follow(connection: &Connection, source: LogSource, options: LogOptions, sink: Sink) -> LogFollow {
    let connection = connection.clone();
    LogFollow {
        task: tokio::spawn(run_feed(connection, source, options, sink)),
    }
}

async fn run_feed(connection: Connection, source: LogSource, options: LogOptions, sink: Sink) {
    let (namespace, config) = match &source {
        LogSource::Pod { namespace, pod } => (
            namespace,
            watcher::Config::default().fields(&format!("metadata.name={pod}")),
        ),
        LogSource::Selector { namespace, selector } => (namespace, watcher::Config::default().labels(selector)),
    };
    let api: Api<Pod> = Api::namespaced(connection.client.clone(), namespace);
    let mut streams: HashMap<String, PodTasks> = HashMap::new();
    let (events, next_try) = retrying(watcher(api, config));
    let mut events = std::pin::pin!(events);
    let mut outage = Outage::new(format!("pods for logs in {namespace}"));
    while let Some(event) = events.next().await {
        if event.is_ok() {
            outage.over();
        }
        match event {
            Ok(watcher::Event::Apply(pod) | watcher::Event::InitApply(pod)) => {
                start_pod(&connection, namespace, &pod, &options, &sink, &mut streams)
            }
            Ok(watcher::Event::Delete(pod)) => {
                let name = pod.metadata.name.unwrap_or_default();
                if streams.remove(&name).is_some() {
                    sink(LogEvent::Marker {
                        pod: name,
                        text: "pod deleted: its stream stopped".into(),
                    });
                }
            }
            Ok(_) => {}
            Err(error) => {
                let message = format!("cannot watch the pods: {error}");
                outage.failed(&message, next_try.pause());
                sink(LogEvent::Failed(Failure::new(
                    watch_failure(&error, &connection.identity).kind,
                    message,
                )))
            }
        }
    }
}

/// The streams of one pod; dropping them (pod deleted, feed stopped) stops them.
struct PodTasks(Vec<JoinHandle<()>>);

impl Drop for PodTasks {
    fn drop(&mut self) {
        self.0.iter().for_each(JoinHandle::abort);
    }
}

fn start_pod(
    connection: &Connection,
    namespace: &str,
    pod: &Pod,
    options: &LogOptions,
    sink: &Sink,
    streams: &mut HashMap<String, PodTasks>,
) {
    let Some(name) = pod.metadata.name.clone() else {
        return;
    };
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
    let ended = matches!(phase.as_str(), "Succeeded" | "Failed");
    if streams.contains_key(&name) || !(phase == "Running" || ended || options.previous) {
        return;
    }
    let containers: Vec<String> = pod
        .spec
        .iter()
        .flat_map(|spec| spec.containers.iter().map(|c| c.name.clone()))
        .collect();
    sink(LogEvent::Containers {
        pod: name.clone(),
        containers: containers.clone(),
    });
    let chosen: Vec<String> = match &options.container {
        Some(wanted) => containers.into_iter().filter(|c| c == wanted).collect(),
        None => containers,
    };
    let tasks = chosen
        .into_iter()
        .map(|container| {
            let stream = ContainerStream {
                connection: connection.clone(),
                namespace: namespace.to_string(),
                pod: name.clone(),
                container,
                options: options.clone(),
                sink: Arc::clone(sink),
                ended: ended.then(|| phase.clone()),
            };
            tokio::spawn(stream.run())
        })
        .collect();
    streams.insert(name, PodTasks(tasks));
}

struct ContainerStream {
    connection: Connection,
    namespace: String,
    pod: String,
    container: String,
    options: LogOptions,
    sink: Sink,
    /// The pod had already ended (its phase): its log is read once.
    ended: Option<String>,
}

/// How long to wait before reconnecting a stream that ended after showing lines.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);
/// The longest a read without follow may take.
const PASS_TIMEOUT: Duration = Duration::from_secs(10);

impl ContainerStream {
    /// Reads passes until the pod goes; a stream that breaks or ends with nothing new is
    /// retried by the shared policy (never more than a few seconds apart, so it is back soon
    /// after the API server is), and the same marker is not repeated until new lines came.
    async fn run(self) {
        let mut dedupe = Dedupe::default();
        let mut first = true;
        let mut retry = Retry::default();
        let mut last_marker: Option<String> = None;
        loop {
            let outcome = if self.options.follow {
                self.pass(&mut dedupe, first).await
            } else {
                // A read of what is there should end; one that stalls is retried.
                tokio::time::timeout(PASS_TIMEOUT, self.pass(&mut dedupe, first))
                    .await
                    .unwrap_or_else(|_| Err(KubeError::Other("the log read stalled".into())))
            };
            if self.options.previous {
                return;
            }
            if let Some(phase) = &self.ended {
                return self.marker(format!("{}: log complete (pod {phase})", self.container));
            }
            let shown = matches!(outcome, Ok(lines) if lines > 0);
            let text = match outcome {
                Err(error) if error.is_not_found() => {
                    return self.marker(format!("{}: gone, stream stopped", self.container));
                }
                Err(error) => format!("{}: {error}; reconnecting", self.container),
                Ok(_) => format!("{}: stream ended; reconnecting", self.container),
            };
            let wait = if shown {
                retry.reset();
                RECONNECT_AFTER
            } else {
                retry.next().unwrap_or(RECONNECT_AFTER)
            };
            if shown || last_marker.as_deref() != Some(text.as_str()) {
                self.marker(text.clone());
                last_marker = Some(text);
            }
            first = false;
            tokio::time::sleep(wait).await;
            dedupe.reconnect();
        }
    }

    fn marker(&self, text: String) {
        (self.sink)(LogEvent::Marker {
            pod: self.pod.clone(),
            text,
        });
    }

    /// Reads the log once, from the start (first pass) or from the last line shown.
    async fn pass(&self, dedupe: &mut Dedupe, first: bool) -> Result<usize, KubeError> {
        let pods: Api<Pod> = Api::namespaced(self.connection.client.clone(), &self.namespace);
        let mut params = LogParams {
            container: Some(self.container.clone()),
            follow: self.options.follow && !self.options.previous,
            timestamps: true,
            previous: self.options.previous,
            ..LogParams::default()
        };
        // Until a line has been shown, a reconnect asks again for what the operator chose
        // (tail, since) rather than for the whole log.
        if first || dedupe.last.is_none() {
            params.tail_lines = self.options.tail_lines;
            params.since_seconds = self.options.since_seconds;
        } else {
            // A second early: servers may cut the time to whole seconds; the overlap is
            // skipped by the dedupe.
            params.since_time = dedupe
                .last
                .and_then(|last| last.checked_sub(k8s_openapi::jiff::SignedDuration::from_secs(1)).ok());
        }
        let reader = pods
            .log_stream(&self.pod, &params)
            .await
            .map_err(explain(&self.connection))?;
        let mut chunks = std::pin::pin!(reader.lines().ready_chunks(1024));
        let mut shown = 0;
        while let Some(chunk) = chunks.next().await {
            let mut lines = Vec::with_capacity(chunk.len());
            let mut broke = None;
            for line in chunk {
                match line {
                    Ok(line) => {
                        let stamped = split_timestamp(&line);
                        if dedupe.admit(&stamped.timestamp) {
                            lines.push(stamped);
                        }
                    }
                    Err(e) => broke = Some(KubeError::Other(format!("the log stream broke: {e}"))),
                }
            }
            shown += lines.len();
            if !lines.is_empty() {
                (self.sink)(LogEvent::Lines {
                    pod: self.pod.clone(),
                    container: self.container.clone(),
                    lines,
                });
            }
            if let Some(error) = broke {
                return Err(error);
            }
        }
        Ok(shown)
    }
}

#[cfg(test)]
mod tests;
