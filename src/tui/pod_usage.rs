//! The pods table's use: while a pods table is on screen, one list of metrics.k8s.io per
//! interval for its project (or all) and selector, each answer handed to a sink (the
//! session's actions; served, the server's shared list first). A failed list (no
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
use crate::model::metrics::pods::PodUsages;

/// The longest one list may take before it counts as failed.
const LIST_LIMIT: Duration = Duration::from_secs(10);

/// One list of pod metrics, or why there is none.
pub type UsageAnswer = Result<Arc<PodUsages>, Failure>;

/// Where the answers of a pod metrics poll go.
pub type UsageSink = Arc<dyn Fn(UsageAnswer) + Send + Sync>;

/// The session's own poll of the use of the pods of `scope`, into its actions.
pub fn start(connection: Connection, interval: Duration, scope: Scope, actions: UnboundedSender<Action>) -> Background {
    Background::spawn(poll_pod_usage(
        connection,
        interval,
        scope.clone(),
        usage_actions(scope, actions),
    ))
}

/// The sink that hands a session's state machine the answers for its table of `scope`.
pub fn usage_actions(scope: Scope, actions: UnboundedSender<Action>) -> UsageSink {
    Arc::new(move |result| {
        let _ = actions.send(Action::PodUsage {
            scope: scope.clone(),
            result,
        });
    })
}

/// Lists the use of the pods of `scope` as `connection` now and every `interval`, each
/// answer into `sink`, until the future is dropped.
pub async fn poll_pod_usage(mut connection: Connection, interval: Duration, scope: Scope, sink: UsageSink) {
    // No retries inside a list: an absent metrics API answers at once, every interval.
    connection.client = connection.client_once.clone();
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
        sink(result);
        tokio::time::sleep(interval).await;
    }
}
