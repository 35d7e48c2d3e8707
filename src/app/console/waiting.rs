//! A KUBIC console while its toolbox pod starts: what the pod says about why it waits
//! is kept for the pane, and `esc` cancels the console, which removes the pod.

use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::failure::Failure;
use crate::model::pod_wait::PodWait;

impl App {
    /// The toolbox pod of console `id` waits (and why), or runs (`None`).
    pub(in crate::app) fn on_console_waiting(&mut self, id: u64, wait: Option<PodWait>) -> Vec<Effect> {
        let shown = matches!(self.mode, Mode::Console(shown) if shown == id);
        let Some(console) = self.console_mut(id) else {
            return Vec::new();
        };
        if console.ended.is_some() {
            return Vec::new();
        }
        console.starting = wait.is_some();
        console.waiting = wait;
        if shown { vec![Effect::Redraw] } else { Vec::new() }
    }

    /// `esc` while the toolbox pod starts: the console closes and its pod is removed.
    pub(in crate::app) fn cancel_console(&mut self, id: u64) -> Vec<Effect> {
        self.consoles.retain(|c| c.id != id);
        if matches!(self.mode, Mode::Console(shown) if shown == id) {
            self.mode = Mode::Normal;
        }
        let mut effects = self.info(t!(self.lang, "console.cancelling").to_string());
        effects.insert(0, Effect::CancelConsole { id });
        effects
    }

    /// The cancelled console's pod was removed, or could not be.
    pub(in crate::app) fn on_console_cancelled(&mut self, pod: &str, result: Result<(), Failure>) -> Vec<Effect> {
        match result {
            Ok(()) => self.info(t!(self.lang, "console.cancelled", pod = pod)),
            Err(failure) => self.error(t!(
                self.lang,
                "console.not_removed",
                pod = pod,
                why = self.lang.failure(&failure)
            )),
        }
    }
}

#[cfg(test)]
mod tests;
