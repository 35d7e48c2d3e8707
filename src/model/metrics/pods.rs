//! Pod CPU and memory use beside what each pod requests and is limited to: the pods
//! table's CPU, MEM, %CPU/R, %CPU/L, %MEM/R and %MEM/L cells.

use std::collections::HashMap;

use super::format;
pub use crate::model::resources::{ContainerResources, PodResources};
use crate::model::rows::RowKey;
pub use crate::model::rows::USAGE_COLUMNS;

/// What a cell says when metrics.k8s.io has no figure for the pod.
pub const NOT_AVAILABLE: &str = "n/a";

/// A pod's latest use, summed over its containers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PodUsage {
    /// Millicores.
    pub cpu: f64,
    /// Bytes (working set).
    pub memory: f64,
}

/// One list of pod metrics: each pod's use, by its row key.
pub type PodUsages = HashMap<RowKey, PodUsage>;

/// The six use cells of a pod: its use, and the use as a percentage of its requests and
/// limits. Without a figure for the pod every cell is `n/a`; a percentage of nothing
/// requested (or no limit) is `-`.
pub fn usage_cells(usage: Option<&PodUsage>, resources: Option<&PodResources>) -> [String; 6] {
    let Some(usage) = usage else {
        return std::array::from_fn(|_| NOT_AVAILABLE.to_string());
    };
    let resources = resources.copied().unwrap_or_default();
    [
        format::cpu(usage.cpu),
        format::bytes(usage.memory),
        percent_of(usage.cpu, resources.cpu_request),
        percent_of(usage.cpu, resources.cpu_limit),
        percent_of(usage.memory, resources.memory_request),
        percent_of(usage.memory, resources.memory_limit),
    ]
}

/// `used` as a percentage of `total` (`42%`, `0.5%`), or `-` when there is no total.
pub fn percent_of(used: f64, total: Option<u64>) -> String {
    match total {
        Some(total) if total > 0 => format::percent(used * 100.0 / total as f64),
        _ => "-".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MI: f64 = 1024.0 * 1024.0;
    const MIB: u64 = 1024 * 1024;

    #[test]
    fn cells_show_use_and_its_share_of_requests_and_limits() {
        let usage = PodUsage {
            cpu: 125.0,
            memory: 48.0 * MI,
        };
        let resources = PodResources {
            cpu_request: Some(250),
            cpu_limit: Some(1000),
            memory_request: Some(64 * MIB),
            memory_limit: None,
        };
        assert_eq!(
            usage_cells(Some(&usage), Some(&resources)),
            ["125m", "48Mi", "50%", "13%", "75%", "-"]
        );
        assert_eq!(usage_cells(Some(&usage), None), ["125m", "48Mi", "-", "-", "-", "-"]);
        assert_eq!(usage_cells(None, Some(&resources)), ["n/a"; 6]);
    }

    #[test]
    fn percentages_are_short_and_never_divide_by_nothing() {
        assert_eq!(percent_of(5.0, Some(1000)), "0.5%");
        assert_eq!(percent_of(1500.0, Some(1000)), "150%");
        assert_eq!(percent_of(0.0, Some(100)), "0%");
        assert_eq!(percent_of(10.0, Some(0)), "-");
        assert_eq!(percent_of(10.0, None), "-");
    }
}
