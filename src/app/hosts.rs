//! Hosts (nodes): maintenance from the keyboard (cordon, uncordon, drain, taints), each
//! confirmed first, the inputs they need validated while typing, and the live use the
//! hosts table shows next to each node.

use super::command::Command;
use super::kubic::{InputPurpose, KubicOp};
use super::prompt::PromptKind;
use super::table::TableModel;
use super::{App, Effect};
use crate::model::metrics::{Metrics, format};
use crate::model::taint::{self, TaintChange};

/// The drain timeout when the operator does not say.
pub const DEFAULT_DRAIN_TIMEOUT: u64 = 120;

/// A change of the cluster's hosts or of its shared description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterOp {
    Cordon(String),
    Uncordon(String),
    Drain { node: String, options: DrainChoice },
    Taint { node: String, change: TaintChange },
    SetDescription(String),
}

impl ClusterOp {
    pub fn describe(&self) -> String {
        match self {
            ClusterOp::Cordon(node) => format!("cordon host {node}"),
            ClusterOp::Uncordon(node) => format!("uncordon host {node}"),
            ClusterOp::Drain { node, options } => {
                let local = if options.local_storage {
                    "pods with local storage evicted"
                } else {
                    "pods with local storage kept"
                };
                let force = if options.force { ", unmanaged pods evicted" } else { "" };
                format!("drain host {node} (timeout {}s, {local}{force})", options.timeout_secs)
            }
            ClusterOp::Taint { node, change } => format!("{} on host {node}", change.describe()),
            ClusterOp::SetDescription(text) => format!("set the cluster description to {text:?}"),
        }
    }

    /// Every host change is confirmed; the description is confirmed by its enter.
    pub fn is_destructive(&self) -> bool {
        !matches!(self, ClusterOp::SetDescription(_))
    }
}

/// What a host input asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostInput {
    Taint { node: String },
    Drain { node: String },
    Description,
}

impl HostInput {
    pub fn label(&self) -> String {
        match self {
            HostInput::Taint { node } => format!("taint {node} (k=v:Effect, k:Effect- removes): "),
            HostInput::Drain { node } => format!("drain {node}, options (timeout= local-storage force): "),
            HostInput::Description => "cluster description: ".into(),
        }
    }

    pub fn parse(&self, input: &str) -> Result<KubicOp, String> {
        let op = match self {
            HostInput::Taint { node } => ClusterOp::Taint {
                node: node.clone(),
                change: taint::parse(input)?,
            },
            HostInput::Drain { node } => ClusterOp::Drain {
                node: node.clone(),
                options: drain_options(input)?,
            },
            HostInput::Description => {
                ClusterOp::SetDescription(crate::model::metrics::overview::validate_description(input)?)
            }
        };
        Ok(KubicOp::Cluster(op))
    }
}

/// How the operator asked a drain to behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrainChoice {
    pub timeout_secs: u64,
    /// Evict pods with emptyDir volumes.
    pub local_storage: bool,
    /// Evict pods no controller manages.
    pub force: bool,
}

/// `timeout=90s local-storage force`. Durations take s, m or no unit (seconds); the
/// switches take `=yes`/`=no` too.
pub fn drain_options(input: &str) -> Result<DrainChoice, String> {
    let mut choice = DrainChoice {
        timeout_secs: DEFAULT_DRAIN_TIMEOUT,
        local_storage: false,
        force: false,
    };
    for word in input.split_whitespace() {
        let (name, value) = word.split_once('=').unwrap_or((word, "yes"));
        let switch = || match value {
            "yes" | "true" => Ok(true),
            "no" | "false" => Ok(false),
            _ => Err(format!("{name}={value}: use yes or no")),
        };
        match name {
            "timeout" => choice.timeout_secs = seconds(value)?,
            "local-storage" => choice.local_storage = switch()?,
            "force" => choice.force = switch()?,
            _ => {
                return Err(format!(
                    "{word:?}: the options are timeout=<duration>, local-storage and force"
                ));
            }
        }
    }
    Ok(choice)
}

fn seconds(value: &str) -> Result<u64, String> {
    let (number, factor) = match value.strip_suffix('m') {
        Some(minutes) => (minutes, 60),
        None => (value.strip_suffix('s').unwrap_or(value), 1),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|seconds| (1..=3600).contains(seconds))
        .ok_or_else(|| format!("timeout={value}: a duration from 1s to 60m (e.g. 90s, 5m)"))
}

impl App {
    /// Cordon, uncordon, drain, taint and monitor on the hosts table.
    pub(super) fn run_host_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        if !view.kind.is("", "Node") {
            return self.error(format!("{} works on hosts: open :hosts", command.name()));
        }
        let Some(node) = view.table.selected_row().map(|r| r.key.name.clone()) else {
            return self.error("no host selected");
        };
        if command == Command::Monitor {
            return self.open_monitor(node);
        }
        if let Some(refused) = self.refuse_in_readonly(command) {
            return refused;
        }
        match command {
            Command::Cordon => self.start_kubic(KubicOp::Cluster(ClusterOp::Cordon(node))),
            Command::Uncordon => self.start_kubic(KubicOp::Cluster(ClusterOp::Uncordon(node))),
            Command::Drain => self.open_prompt_with(
                PromptKind::Input(InputPurpose::Host(HostInput::Drain { node })),
                &format!("timeout={DEFAULT_DRAIN_TIMEOUT}s"),
            ),
            Command::Taint => self.open_prompt(PromptKind::Input(InputPurpose::Host(HostInput::Taint { node }))),
            _ => Vec::new(),
        }
    }

    /// Puts the latest use of each host into the hosts table, if it is on screen.
    pub(crate) fn fill_host_cells(&mut self) {
        let metrics = &self.metrics;
        if let Some(view) = self.views.last_mut()
            && view.kind.is("", "Node")
        {
            fill_cells(&mut view.table, metrics);
        }
    }
}

/// Columns (of the node projection) that carry live use.
const CPU_PERCENT: usize = 1;
const MEMORY_PERCENT: usize = 2;
const PODS: usize = 3;
const CPU: usize = 4;
const MEMORY: usize = 5;

/// Writes CPU and memory use (and % of allocatable) and pod counts into node rows.
pub fn fill_cells(table: &mut TableModel, metrics: &Metrics) {
    table.update_rows(|row| {
        let Some(host) = metrics.host(&row.key.name) else {
            return;
        };
        let Some(cells) = row.cells.get_mut(CPU_PERCENT..=MEMORY) else {
            return;
        };
        let used = |value: Option<f64>, show: fn(f64) -> String| value.map_or_else(|| "-".to_string(), show);
        let na = host.usage_na.is_some();
        let (cpu, memory) = if na {
            (None, None)
        } else {
            (host.cpu_used.latest(), host.memory_used.latest())
        };
        cells[CPU_PERCENT - 1] = used(host.cpu_percent().filter(|_| !na), format::percent);
        cells[MEMORY_PERCENT - 1] = used(host.memory_percent().filter(|_| !na), format::percent);
        cells[PODS - 1] = host.pods.to_string();
        let with_total = |cell: &mut String, value: String| {
            let total = cell.split_once('/').map_or("-", |(_, t)| t).to_string();
            *cell = format!("{value}/{total}");
        };
        with_total(&mut cells[CPU - 1], used(cpu, format::cpu));
        with_total(&mut cells[MEMORY - 1], used(memory, format::bytes));
    });
}
