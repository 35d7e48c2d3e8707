//! `B` on a catalog: the command line to run in every pod of its apps, checked while
//! typed (quotes must close; no shell runs it), and the per-pod report it comes back with.

use crate::app::detail::reports::batch_report;
use crate::app::input::overlay::{TextKind, TextView};
use crate::app::input::prompt::PromptKind;
use crate::app::{App, Effect, Mode};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::cluster::ObjectRef;
use crate::model::detail::pod_runs::PodResult;
use crate::model::invalid::Invalid;
use crate::model::resource::Known;

/// Splits what was typed into an argument vector, with shell-style quoting but no shell.
pub fn parse_argv(input: &str) -> Result<Vec<String>, Invalid> {
    let argv = shell_words::split(input).map_err(|_| Invalid::QuoteNotClosed)?;
    if argv.is_empty() {
        return Err(Invalid::CommandRequired);
    }
    Ok(argv)
}

impl App {
    /// The selected catalog's name, or why there is none.
    pub(in crate::app) fn selected_catalog(&self) -> Result<String, String> {
        let lang = self.lang;
        let view = self.view().ok_or_else(|| t!(lang, "note.catalogs_only").to_string())?;
        if !view.kind.is_known(Known::Catalog) {
            return Err(t!(lang, "note.catalogs_only").into());
        }
        let row = view
            .table
            .selected_row()
            .ok_or_else(|| t!(lang, "note.no_catalog_selected").to_string())?;
        Ok(row.key.name.clone())
    }

    pub(in crate::app) fn open_batch_prompt(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::Batch) {
            return refused;
        }
        match self.selected_catalog() {
            Ok(catalog) => self.open_prompt(PromptKind::Batch { catalog }),
            Err(reason) => self.error(reason),
        }
    }

    pub(in crate::app) fn start_batch(&mut self, catalog: String, argv: Vec<String>) -> Vec<Effect> {
        let text = format!(
            "running {} in every pod of catalog {catalog}…",
            shell_words::join(&argv)
        );
        let mut effects = self.info(text);
        effects.push(Effect::Batch { catalog, argv });
        effects
    }

    pub(in crate::app) fn on_batch_done(
        &mut self,
        catalog: String,
        argv: &[String],
        result: Result<Vec<PodResult>, crate::model::failure::Failure>,
    ) -> Vec<Effect> {
        match result {
            Ok(results) => {
                let report = batch_report(self.lang, argv, &results);
                let Some(kind) = self.registry.known(Known::Catalog).cloned() else {
                    return self.error(t!(self.lang, "note.no_catalog_kind"));
                };
                let object = ObjectRef {
                    kind,
                    namespace: String::new(),
                    name: catalog,
                };
                let summary = report.lines().nth(1).unwrap_or_default().to_string();
                self.mode = Mode::Viewer(TextView::new(TextKind::Batch, object, &report));
                self.info(summary)
            }
            Err(reason) => self.error(t!(
                self.lang,
                "note.batch_failed",
                catalog = catalog,
                reason = self.lang.failure(&reason)
            )),
        }
    }
}

#[cfg(test)]
mod tests;
