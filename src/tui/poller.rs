//! The background metrics poller: every interval it samples the hosts and counts the
//! dashboard's objects, and sends both as actions. It stops with the app (or when
//! dropped, e.g. on a context switch).

use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use super::background::Background;
use crate::app::Action;
use crate::kube::retry::Retry;
use crate::kube::{Connection, census, overview, stats};
use crate::model::failure::{Failure, FailureKind};
use crate::model::metrics::Sample;
use crate::model::metrics::overview::Overview;

/// The longest one round may take before it counts as failed (the API server stalls).
const ROUND_LIMIT: Duration = Duration::from_secs(10);

/// Starts polling `connection` every `interval`; after a round the API server failed,
/// the next comes sooner (the retry policy), so figures are back soon after the server.
pub fn start(mut connection: Connection, interval: Duration, actions: UnboundedSender<Action>) -> Background {
    // A source that answers 503 (metrics API down) is reported at once and asked again at
    // the next tick, instead of being retried for minutes.
    connection.client = connection.client_once.clone();
    Background::spawn(async move {
        let mut retry = Retry::default();
        loop {
            let started = Instant::now();
            let limit = ROUND_LIMIT.max(interval);
            let reached = match tokio::time::timeout(limit, round(&connection)).await {
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
            if reached {
                retry.reset();
                tokio::time::sleep_until(started + interval).await;
            } else {
                tokio::time::sleep(retry.next().unwrap_or(interval).min(interval)).await;
            }
        }
    })
}

/// One sample of the hosts and the dashboard's counts; `true` when the API server answered.
async fn round(connection: &Connection) -> (bool, Result<Box<Sample>, Failure>, Overview) {
    let census = census::pod_census(connection).await.map_err(Failure::from);
    let empty = census::PodCensus::default();
    let (sample, counts) = futures::join!(
        stats::sample_with(connection, census.as_ref().unwrap_or(&empty)),
        overview::overview_with(connection, census.as_ref())
    );
    let reached = census.is_ok();
    (reached, sample.map(Box::new).map_err(Failure::from), counts)
}
