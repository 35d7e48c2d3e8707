//! `F` on a catalog: deploy its files into every pod of its apps, then offer a rolling
//! restart of those apps; the per-pod report is shown whatever the answer.

use crate::app::input::overlay::{Confirm, TextKind, TextView};
use crate::app::{App, Effect, Mode};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::cluster::ObjectRef;

use crate::app::detail::reports::deploy_report;
use crate::model::cluster::Deployed;
use crate::model::detail::pod_runs::PodResult;
use crate::model::resource::Known;

impl App {
    pub(in crate::app) fn deploy_files(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::DeployFiles) {
            return refused;
        }
        let catalog = match self.selected_catalog() {
            Ok(catalog) => catalog,
            Err(reason) => return self.error(reason),
        };
        let mut effects = self.info(t!(self.lang, "note.deploying_files", catalog = catalog));
        effects.push(Effect::DeployFiles {
            catalog,
            image: self.console_image.clone(),
        });
        effects
    }

    pub(in crate::app) fn on_files_deployed(
        &mut self,
        catalog: String,
        result: Result<Vec<PodResult>, crate::model::failure::Failure>,
    ) -> Vec<Effect> {
        let deployed = match result {
            Ok(results) => deploy_report(self.lang, &catalog, &results),
            Err(reason) => {
                let reason = self.lang.failure(&reason);
                return self.error(t!(
                    self.lang,
                    "note.file_deploy_failed",
                    catalog = catalog,
                    reason = reason
                ));
            }
        };
        match deployed {
            deployed if deployed.apps.is_empty() => {
                self.show_deploy_report(deployed, t!(self.lang, "report.no_app_to_restart"))
            }
            deployed => {
                self.mode = Mode::Confirm(Confirm::RestartApps(Box::new(deployed)));
                vec![Effect::Redraw]
            }
        }
    }

    pub(in crate::app) fn restart_after_deploy(&mut self, deployed: Deployed) -> Vec<Effect> {
        let apps = deployed.apps.clone();
        let mut effects = self.show_deploy_report(deployed, t!(self.lang, "report.restarting"));
        effects.push(Effect::RestartApps(apps));
        effects
    }

    pub(in crate::app) fn show_deploy_report(&mut self, deployed: Deployed, then: &str) -> Vec<Effect> {
        let Some(kind) = self.registry.known(Known::Catalog).cloned() else {
            return self.error(t!(self.lang, "note.no_catalog_kind"));
        };
        let object = ObjectRef {
            kind,
            namespace: String::new(),
            name: deployed.catalog.clone(),
        };
        self.mode = Mode::Viewer(TextView::new(TextKind::Batch, object, &deployed.report));
        self.info(format!("{} {then}", deployed.summary))
    }

    pub(in crate::app) fn on_apps_restarted(
        &mut self,
        result: Result<usize, crate::model::failure::Failure>,
    ) -> Vec<Effect> {
        match result {
            Ok(count) => self.info(t!(self.lang, "note.restart_started", count = count)),
            Err(reason) => self.error(t!(
                self.lang,
                "note.restart_failed",
                reason = self.lang.failure(&reason)
            )),
        }
    }
}

#[cfg(test)]
mod tests;
