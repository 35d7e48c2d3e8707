//! Not installed yet: when a KUBIC screen finds no `kubic.io` kinds, kubic offers to run
//! `kubic install` itself — refused in read-only mode, and only after the API server
//! said the identity may create CustomResourceDefinitions (else it says who may not and
//! who can). Offered once a session; once installed, the kinds are discovered again and
//! the screen watched anew.

use crate::app::input::overlay::Confirm;
use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::access::Check;
use crate::model::failure::Failure;

/// Where the offer stands in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InstallOffer {
    #[default]
    NotMade,
    /// The access review is on its way.
    Checking,
    /// The confirmation is on screen.
    Offered,
    Installing,
    /// Declined, refused or impossible: the footer names the command instead.
    Closed,
}

/// What `kubic install` needs first: creating the definitions of the `kubic.io` kinds.
pub fn install_check() -> Check {
    Check::new("create", "apiextensions.k8s.io", "customresourcedefinitions")
}

impl App {
    /// A KUBIC screen found no `kubic.io` kinds.
    pub(in crate::app) fn offer_install(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        match self.install_offer {
            InstallOffer::NotMade => {}
            InstallOffer::Closed => return self.error(t!(lang, "install.missing")),
            InstallOffer::Checking | InstallOffer::Offered | InstallOffer::Installing => return Vec::new(),
        }
        if self.readonly {
            self.install_offer = InstallOffer::Closed;
            return self.error(t!(lang, "install.readonly"));
        }
        self.install_offer = InstallOffer::Checking;
        let mut effects = self.info(t!(lang, "install.checking"));
        effects.push(Effect::MayInstall(install_check()));
        effects
    }

    /// The API server's answer: may the identity create the definitions?
    pub(in crate::app) fn on_install_allowed(&mut self, result: Result<bool, Failure>) -> Vec<Effect> {
        if self.install_offer != InstallOffer::Checking {
            return Vec::new();
        }
        let lang = self.lang;
        match result {
            Ok(true) if matches!(self.mode, Mode::Normal) => {
                self.install_offer = InstallOffer::Offered;
                self.status = None;
                self.mode = Mode::Confirm(Confirm::Install);
                vec![Effect::Redraw]
            }
            // The operator is busy with something else: the offer waits for the next screen.
            Ok(true) => {
                self.install_offer = InstallOffer::NotMade;
                Vec::new()
            }
            Ok(false) => {
                self.install_offer = InstallOffer::Closed;
                let who = self.header.identity.clone();
                self.error(t!(lang, "install.not_allowed", who = who))
            }
            Err(failure) => {
                self.install_offer = InstallOffer::Closed;
                self.error(t!(lang, "install.cannot_ask", why = lang.failure(&failure)))
            }
        }
    }

    /// `y` on the offer.
    pub(in crate::app) fn run_install(&mut self) -> Vec<Effect> {
        self.install_offer = InstallOffer::Installing;
        let mut effects = self.info(t!(self.lang, "install.running"));
        effects.push(Effect::Install);
        effects
    }

    /// `n` or `esc` on the offer.
    pub(in crate::app) fn decline_install(&mut self) -> Vec<Effect> {
        self.install_offer = InstallOffer::Closed;
        self.mode = Mode::Normal;
        self.info(t!(self.lang, "install.missing"))
    }

    /// `kubic install` ended: the objects applied, or why not.
    pub(in crate::app) fn on_installed(&mut self, result: Result<usize, Failure>) -> Vec<Effect> {
        let lang = self.lang;
        match result {
            Ok(count) => {
                self.install_offer = InstallOffer::NotMade;
                let mut effects = vec![Effect::Discover];
                effects.extend(self.rewatch_top());
                effects.extend(self.info(t!(lang, "install.done", count = count)));
                effects
            }
            Err(failure) => {
                self.install_offer = InstallOffer::Closed;
                self.error(t!(lang, "install.failed", why = lang.failure(&failure)))
            }
        }
    }
}

#[cfg(test)]
mod tests;
