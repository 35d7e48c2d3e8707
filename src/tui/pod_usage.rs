//! The pods table's use: while a pods table is on screen, one list of metrics.k8s.io per
//! interval for its project (or all) and selector, sent as an action. A failed list (no
//! metrics-server, a refusal) is said at once and asked again at the next interval.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::background::Background;
use crate::app::Action;
use crate::kube::Connection;
use crate::kube::metrics::pod_usage;
use crate::model::cluster::Scope;
use crate::model::failure::{Failure, FailureKind};

/// The longest one list may take before it counts as failed.
const LIST_LIMIT: Duration = Duration::from_secs(10);

/// Lists the use of the pods of `scope` now and every `interval` until dropped.
pub fn start(
    mut connection: Connection,
    interval: Duration,
    scope: Scope,
    actions: UnboundedSender<Action>,
) -> Background {
    // No retries inside a list: an absent metrics API answers at once, every interval.
    connection.client = connection.client_once.clone();
    Background::spawn(async move {
        loop {
            let list = pod_usage(&connection, scope.namespace.as_deref(), scope.label_selector.as_deref());
            let result = match tokio::time::timeout(LIST_LIMIT, list).await {
                Ok(result) => result.map(Arc::new).map_err(Failure::from),
                Err(_) => Err(Failure::new(
                    FailureKind::Timeout,
                    format!("the API server did not answer in {}s", LIST_LIMIT.as_secs()),
                )),
            };
            if let Err(failure) = &result {
                tracing::debug!("pod metrics: {failure}");
            }
            let scope = scope.clone();
            if actions.send(Action::PodUsage { scope, result }).is_err() {
                return;
            }
            tokio::time::sleep(interval).await;
        }
    })
}
