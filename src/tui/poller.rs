//! The background metrics poller: every interval it samples the hosts and counts the
//! dashboard's objects, and sends both as actions. It stops with the app (or when
//! dropped, e.g. on a context switch).

use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::background::Background;
use crate::app::Action;
use crate::kube::{Connection, census, overview, stats};
use crate::model::failure::Failure;

/// Starts polling `connection` every `interval`.
pub fn start(mut connection: Connection, interval: Duration, actions: UnboundedSender<Action>) -> Background {
    // A source that answers 503 (metrics API down) is reported at once and asked again at
    // the next tick, instead of being retried for minutes.
    connection.client = connection.client_once.clone();
    Background::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let census = census::pod_census(&connection).await.map_err(Failure::from);
            let empty = census::PodCensus::default();
            let (sample, counts) = futures::join!(
                stats::sample_with(&connection, census.as_ref().unwrap_or(&empty)),
                overview::overview_with(&connection, census.as_ref())
            );
            let sample = sample.map(Box::new).map_err(Failure::from);
            if actions.send(Action::Metrics(sample)).is_err()
                || actions.send(Action::Overview(Box::new(counts))).is_err()
            {
                return;
            }
        }
    })
}
