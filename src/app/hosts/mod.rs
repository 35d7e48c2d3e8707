//! Hosts (nodes): maintenance from the keyboard (cordon, uncordon, drain, taints), each
//! confirmed first, the inputs they need validated while typing, and the live use the
//! hosts table shows next to each node.

use crate::app::input::prompt::PromptKind;
use crate::app::kubic::ops::{InputPurpose, KubicOp};
use crate::app::table::TableModel;
use crate::app::{App, Effect};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::metrics::{Metrics, format};
use crate::model::resource::Known;
use ops::{ClusterOp, DEFAULT_DRAIN_TIMEOUT, HostInput};

pub mod dashboard;
pub mod ops;
#[cfg(test)]
mod tests;

impl App {
    /// Cordon, uncordon, drain, taint and monitor on the hosts table.
    pub(in crate::app) fn run_host_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        if !view.kind.is_known(Known::Node) {
            return self.error(t!(self.lang, "note.works_on_hosts", command = command.name()));
        }
        let Some(node) = view.table.selected_row().map(|r| r.key.name.clone()) else {
            return self.error(t!(self.lang, "note.no_host_selected"));
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
            && view.kind.is_known(Known::Node)
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
