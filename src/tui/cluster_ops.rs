//! Carries out host maintenance and the description change through the kube layer,
//! reporting each step of a drain as it happens.

use std::time::Duration;

use crate::app::hosts::ops::ClusterOp;
use crate::kube::drain::{self, DrainOptions};
use crate::kube::{Connection, hosts, overview};
use crate::model::done::Done;
use crate::model::failure::Failure;

/// Performs `op`; `progress` receives one line per step of a drain.
pub async fn perform(connection: &Connection, op: &ClusterOp, progress: impl Fn(String)) -> Result<Done, Failure> {
    let result = match op {
        ClusterOp::Cordon(node) => hosts::set_unschedulable(connection, node, true).await,
        ClusterOp::Uncordon(node) => hosts::set_unschedulable(connection, node, false).await,
        ClusterOp::Taint { node, change } => hosts::change_taint(connection, node, change).await,
        ClusterOp::SetDescription(text) => overview::set_description(connection, text).await,
        ClusterOp::Drain { node, options } => {
            let options = DrainOptions {
                timeout: Duration::from_secs(options.timeout_secs),
                local_storage: options.local_storage,
                force: options.force,
            };
            return drain::drain(connection, node, options, progress)
                .await
                .map(Done::Report)
                .map_err(Failure::from);
        }
    };
    result.map(|()| Done::AsAsked).map_err(Failure::from)
}
