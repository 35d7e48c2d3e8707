//! Why a pod is not running yet: its phase, the conditions that are not true, the
//! containers that wait (an image that cannot be pulled) and its recent events (the
//! scheduler's "0/2 nodes are available", an unbound claim), read from the pod and
//! its events for a console, build or app that waits on it.

use k8s_openapi::api::core::v1::{Event, Pod};
use k8s_openapi::jiff::Timestamp;

/// How many of a pod's events the wait shows (the newest).
pub const EVENTS_SHOWN: usize = 4;

/// What a waiting pod says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PodWait {
    pub pod: String,
    /// `Pending`, `Running`, … (empty before the pod has a status).
    pub phase: String,
    /// The conditions whose status is not `True`.
    pub conditions: Vec<WaitCondition>,
    /// Containers waiting, with their reason (`ErrImagePull`, `ContainerCreating`).
    pub containers: Vec<WaitingContainer>,
    /// The newest events about the pod, oldest first.
    pub events: Vec<WaitEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitCondition {
    /// `PodScheduled`, `Ready`, …
    pub kind: String,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingContainer {
    pub name: String,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitEvent {
    pub warning: bool,
    pub reason: String,
    pub message: String,
    pub count: i32,
    pub at: Option<Timestamp>,
}

impl PodWait {
    /// The wait of `pod`, with the events about it (any order; only the newest are kept).
    pub fn read(pod: &Pod, events: &[Event]) -> PodWait {
        let status = pod.status.as_ref();
        let conditions = status
            .and_then(|s| s.conditions.as_ref())
            .into_iter()
            .flatten()
            .filter(|c| c.status != "True")
            .map(|c| WaitCondition {
                kind: c.type_.clone(),
                reason: c.reason.clone().unwrap_or_default(),
                message: one_line(c.message.as_deref().unwrap_or_default()),
            })
            .collect();
        let containers = status
            .and_then(|s| s.container_statuses.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let waiting = c.state.as_ref()?.waiting.as_ref()?;
                Some(WaitingContainer {
                    name: c.name.clone(),
                    reason: waiting.reason.clone().unwrap_or_default(),
                    message: one_line(waiting.message.as_deref().unwrap_or_default()),
                })
            })
            .collect();
        let mut events: Vec<WaitEvent> = events.iter().map(wait_event).collect();
        events.sort_by_key(|e| e.at);
        let skip = events.len().saturating_sub(EVENTS_SHOWN);
        PodWait {
            pod: pod.metadata.name.clone().unwrap_or_default(),
            phase: status.and_then(|s| s.phase.clone()).unwrap_or_default(),
            conditions,
            containers,
            events: events.split_off(skip),
        }
    }

    /// The one most telling reason, for a line of its own (a footer, a status):
    /// a waiting container's, else the scheduler's, else the newest warning's.
    pub fn reason(&self) -> Option<String> {
        self.cause().map(|(reason, message)| join(&reason, &message))
    }

    /// [`PodWait::reason`] as its reason and its message.
    pub fn cause(&self) -> Option<(String, String)> {
        let container = self
            .containers
            .iter()
            .find(|c| !c.message.is_empty() || c.reason != "ContainerCreating")
            .map(|c| (c.reason.clone(), c.message.clone()));
        let condition = self
            .conditions
            .iter()
            .find(|c| c.kind == "PodScheduled" && !c.message.is_empty())
            .map(|c| (c.reason.clone(), c.message.clone()));
        let warning = self
            .events
            .iter()
            .rev()
            .find(|e| e.warning)
            .map(|e| (e.reason.clone(), e.message.clone()));
        container.or(condition).or(warning)
    }
}

fn wait_event(event: &Event) -> WaitEvent {
    let series = event.series.as_ref();
    WaitEvent {
        warning: event.type_.as_deref() == Some("Warning"),
        reason: event.reason.clone().unwrap_or_default(),
        message: one_line(event.message.as_deref().unwrap_or_default()),
        count: event.count.or_else(|| series.and_then(|s| s.count)).unwrap_or(1),
        at: event
            .last_timestamp
            .as_ref()
            .map(|t| t.0)
            .or_else(|| series.and_then(|s| s.last_observed_time.as_ref()).map(|t| t.0))
            .or_else(|| event.event_time.as_ref().map(|t| t.0))
            .or_else(|| event.first_timestamp.as_ref().map(|t| t.0)),
    }
}

/// `reason: message`, or whichever of the two there is.
fn join(reason: &str, message: &str) -> String {
    match (reason.is_empty(), message.is_empty()) {
        (_, true) => reason.to_string(),
        (true, false) => message.to_string(),
        (false, false) => format!("{reason}: {message}"),
    }
}

/// A message on one line: newlines and runs of blanks become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
