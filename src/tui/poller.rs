//! The background metrics poller: it keeps the census (a watch of every pod and node)
//! and, every interval, samples the hosts' use and counts the dashboard's objects from
//! it, sending both as actions. Kubelet stats are read only for the hosts whose charts
//! are on screen (`StatsScope`); when that changes, a round runs at once. It stops with
//! the app (or when dropped, e.g. on a context switch).

use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;
use tokio::time::Instant;

use super::background::Background;
use crate::app::Action;
use crate::kube::census::{Census, PodCensus};
use crate::kube::retry::Retry;
use crate::kube::{Connection, overview, stats};
use crate::model::failure::{Failure, FailureKind};
use crate::model::metrics::overview::Overview;
use crate::model::metrics::{Sample, StatsScope};

/// The longest one round may take before it counts as failed (the API server stalls).
const ROUND_LIMIT: Duration = Duration::from_secs(10);

/// Starts polling `connection` every `interval`, reading the stats `scope` asks for;
/// after a round the API server failed, the next comes sooner (the retry policy), so
/// figures are back soon after the server. `None` when the census cannot start.
pub fn start(
    mut connection: Connection,
    interval: Duration,
    mut scope: watch::Receiver<StatsScope>,
    actions: UnboundedSender<Action>,
) -> Option<Background> {
    let census = Census::start(&connection)?;
    // A source that answers 503 (metrics API down) is reported at once and asked again at
    // the next tick, instead of being retried for minutes.
    connection.client = connection.client_once.clone();
    Some(Background::spawn(async move {
        let mut retry = Retry::default();
        loop {
            let started = Instant::now();
            let limit = ROUND_LIMIT.max(interval);
            let asked = scope.borrow_and_update().clone();
            let reached = match tokio::time::timeout(limit, round(&connection, &census, &asked)).await {
                Ok((reached, sample, counts)) => {
                    if actions.send(Action::Metrics(sample)).is_err()
                        || actions.send(Action::Overview(Box::new(counts))).is_err()
                    {
                        return;
                    }
                    reached
                }
                Err(_) => {
                    let stalled = Failure::new(
                        FailureKind::Timeout,
                        format!("the API server did not answer in {}s", limit.as_secs()),
                    );
                    if actions.send(Action::Metrics(Err(stalled))).is_err() {
                        return;
                    }
                    false
                }
            };
            let next = if reached {
                retry.reset();
                started + interval
            } else {
                Instant::now() + retry.next().unwrap_or(interval).min(interval)
            };
            tokio::select! {
                () = tokio::time::sleep_until(next) => {}
                changed = scope.changed() => if changed.is_err() { return },
            }
        }
    }))
}

/// One sample of the hosts and the dashboard's counts; `true` when the API server answered.
async fn round(
    connection: &Connection,
    census: &Census,
    scope: &StatsScope,
) -> (bool, Result<Box<Sample>, Failure>, Overview) {
    let view = census.view().await;
    let empty = PodCensus::default();
    let pods = view.pods.as_ref().unwrap_or(&empty);
    let sample = async {
        match &view.hosts {
            Ok(hosts) => Ok(Box::new(stats::sample(connection, hosts, pods, scope).await)),
            Err(failure) => Err(failure.clone()),
        }
    };
    let (sample, counts) = futures::join!(sample, overview::overview(connection, &view));
    let reached = !matches!(
        &counts.projects,
        Err(Failure {
            kind: FailureKind::Unreachable | FailureKind::Timeout,
            ..
        })
    );
    (reached, sample, counts)
}
