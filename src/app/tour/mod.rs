//! `:tour`: KUBIC's order of setting up (its manual, 1.1.3) as a list of steps over the
//! screen — the dashboard and the hosts, then the IP pool, projects, registries, images,
//! catalogs and apps — each saying what is already there (counted by the runner) and
//! which key does the next thing; `enter` goes to the step's screen. The tour is done
//! once its last step has been shown; the dashboard offers it until then.

use crossterm::event::KeyEvent;

use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::model::failure::Failure;
use crate::model::tour::{Step, TourCounts};

/// The tour on screen: the step shown and the counts, once the runner has them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tour {
    pub step: usize,
    pub counts: Option<TourCounts>,
}

impl Tour {
    pub fn current(&self) -> Step {
        Step::ALL[self.step.min(Step::ALL.len() - 1)]
    }
}

impl App {
    /// `:tour`: the tour from its first step, and the counts asked for.
    pub(in crate::app) fn open_tour(&mut self) -> Vec<Effect> {
        self.mode = Mode::Tour(Box::default());
        self.status = None;
        vec![Effect::CountTour, Effect::Redraw]
    }

    pub(in crate::app) fn on_tour_counts(&mut self, counts: TourCounts) -> Vec<Effect> {
        let Mode::Tour(tour) = &mut self.mode else {
            return Vec::new();
        };
        // Where setting up goes on, unless the operator has moved already.
        if tour.counts.is_none() && tour.step == 0 {
            let next = counts.next_to_set_up();
            tour.step = next.and_then(|n| Step::ALL.iter().position(|s| *s == n)).unwrap_or(0);
        }
        tour.counts = Some(counts);
        let mut effects = self.tour_done_if_last();
        effects.push(Effect::Redraw);
        effects
    }

    /// The table's keys move through the steps: down/up, enter goes there, back closes.
    pub(in crate::app) fn on_tour_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Tour(tour) = &mut self.mode else {
            return Vec::new();
        };
        let last = Step::ALL.len() - 1;
        match self.keymap.lookup(Section::Table, &key) {
            Some(Command::Down) => tour.step = (tour.step + 1).min(last),
            Some(Command::Up) => tour.step = tour.step.saturating_sub(1),
            Some(Command::Top) => tour.step = 0,
            Some(Command::Bottom) => tour.step = last,
            Some(Command::Enter) => {
                let step = tour.current();
                self.mode = Mode::Normal;
                return self.go_to_step(step);
            }
            Some(Command::Back | Command::Quit) => {
                self.mode = Mode::Normal;
                return vec![Effect::Redraw];
            }
            _ => return Vec::new(),
        }
        let mut effects = self.tour_done_if_last();
        effects.push(Effect::Redraw);
        effects
    }

    fn go_to_step(&mut self, step: Step) -> Vec<Effect> {
        match step {
            Step::Dashboard => self.open_dashboard(),
            other => self.open_kind(other.view(), false),
        }
    }

    /// Showing the last step finishes the tour; the runner remembers it (locally).
    fn tour_done_if_last(&mut self) -> Vec<Effect> {
        let at_last = matches!(&self.mode, Mode::Tour(tour) if tour.current() == Step::Apps);
        if !at_last || self.tour_done {
            return Vec::new();
        }
        self.tour_done = true;
        vec![Effect::RememberTourDone]
    }

    /// What step `step` finds in `counts`: `IP pool: 3 service IPs on 2 hosts`.
    pub fn tour_line(&self, step: Step, counts: Option<&TourCounts>) -> String {
        let lang = self.lang;
        let name = self.tour_step_name(step);
        let Some(counts) = counts else {
            return format!("{name}: …");
        };
        let said = match step {
            Step::Dashboard => counts.projects.as_ref().map(|projects| {
                let apps = counts.apps.as_ref().map_or(0, |a| a.1);
                t!(lang, "tour.has_dashboard", projects = projects, apps = apps)
            }),
            Step::Hosts => {
                (counts.hosts.as_ref()).map(|(ready, total)| t!(lang, "tour.has_hosts", ready = ready, total = total))
            }
            Step::IpPool => {
                (counts.ip_pool.as_ref()).map(|(ips, hosts)| t!(lang, "tour.has_ip_pool", ips = ips, hosts = hosts))
            }
            Step::Projects => (counts.projects.as_ref()).map(|n| t!(lang, "tour.has_projects", count = n)),
            Step::Registries => (counts.registries.as_ref()).map(|n| t!(lang, "tour.has_registries", count = n)),
            Step::Images => (counts.images.as_ref())
                .map(|(builds, recipes)| t!(lang, "tour.has_images", builds = builds, recipes = recipes)),
            Step::Catalogs => (counts.catalogs.as_ref()).map(|n| t!(lang, "tour.has_catalogs", count = n)),
            Step::Apps => (counts.apps.as_ref())
                .map(|(running, total)| t!(lang, "tour.has_apps", running = running, total = total)),
        };
        match said {
            Ok(said) => format!("{name}: {said}"),
            Err(failure) => format!("{name}: {}", unavailable(lang, failure)),
        }
    }

    /// Which key does the next thing at `step`, with the keymap's keys.
    pub fn tour_next(&self, step: Step) -> String {
        let lang = self.lang;
        let key = |command: Command| {
            self.keymap
                .keys_for(Section::Table, command)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        match step {
            Step::Dashboard => t!(lang, "tour.next_dashboard", key = key(Command::Edit)),
            Step::Hosts => t!(
                lang,
                "tour.next_hosts",
                key = key(Command::Describe),
                monitor = key(Command::Monitor)
            ),
            Step::IpPool => t!(lang, "tour.next_ip_pool", key = key(Command::Create)),
            Step::Projects => t!(lang, "tour.next_projects", key = key(Command::Create)),
            Step::Registries => t!(lang, "tour.next_registries", key = key(Command::Create)),
            Step::Images => t!(lang, "tour.next_images", key = key(Command::Create)),
            Step::Catalogs => t!(
                lang,
                "tour.next_catalogs",
                key = key(Command::Create),
                new = key(Command::NewCatalog)
            ),
            Step::Apps => t!(
                lang,
                "tour.next_apps",
                key = key(Command::Run),
                scale = key(Command::Scale)
            ),
        }
    }

    pub fn tour_step_name(&self, step: Step) -> &'static str {
        let lang = self.lang;
        match step {
            Step::Dashboard => t!(lang, "tour.dashboard"),
            Step::Hosts => t!(lang, "tour.hosts"),
            Step::IpPool => t!(lang, "tour.ip_pool"),
            Step::Projects => t!(lang, "tour.projects"),
            Step::Registries => t!(lang, "tour.registries"),
            Step::Images => t!(lang, "tour.images"),
            Step::Catalogs => t!(lang, "tour.catalogs"),
            Step::Apps => t!(lang, "tour.apps"),
        }
    }
}

/// A count that failed, in a few words: the kinds before `kubic install` say so.
fn unavailable(lang: crate::config::i18n::Lang, failure: &Failure) -> String {
    if failure.kind == crate::model::failure::FailureKind::NotFound {
        return t!(lang, "tour.not_installed").into();
    }
    lang.failure(failure)
}

#[cfg(test)]
mod tests;
