//! The tour in KUBIC's order (its manual, 1.1.3: the dashboard and the hosts should show
//! the cluster, then the IP pool through the apps are set up one after the other): the
//! steps, the screen each one jumps to, and what is already there, counted once per tour.

use crate::model::failure::Failure;

/// One step of the tour, in the manual's order (its numbers ② to ⑨).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Dashboard,
    Hosts,
    IpPool,
    Projects,
    Registries,
    Images,
    Catalogs,
    Apps,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Dashboard,
        Step::Hosts,
        Step::IpPool,
        Step::Projects,
        Step::Registries,
        Step::Images,
        Step::Catalogs,
        Step::Apps,
    ];

    /// The `:` name of the screen the step jumps to.
    pub fn view(self) -> &'static str {
        match self {
            Step::Dashboard => "dashboard",
            Step::Hosts => "hosts",
            Step::IpPool => "ippools",
            Step::Projects => "projects",
            Step::Registries => "registries",
            Step::Images => "images",
            Step::Catalogs => "catalogs",
            Step::Apps => "apps",
        }
    }

    /// The number the manual gives the section (② is the dashboard).
    pub fn manual_number(self) -> char {
        let at = Step::ALL.iter().position(|s| *s == self).unwrap_or_default();
        ['②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'][at]
    }
}

/// What is already there, for every step; each count may fail on its own (the
/// `kubic.io` kinds before `kubic install`, a list the identity may not read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourCounts {
    /// Ready hosts, all hosts.
    pub hosts: Result<(usize, usize), Failure>,
    /// Service IPs, hosts with a pool.
    pub ip_pool: Result<(usize, usize), Failure>,
    pub projects: Result<usize, Failure>,
    pub registries: Result<usize, Failure>,
    /// Image builds, recipes.
    pub images: Result<(usize, usize), Failure>,
    pub catalogs: Result<usize, Failure>,
    /// Running apps, all apps.
    pub apps: Result<(usize, usize), Failure>,
}

impl TourCounts {
    /// The first step after the dashboard and the hosts with nothing in it yet: where
    /// setting up goes on.
    pub fn next_to_set_up(&self) -> Option<Step> {
        let empty = |count: &Result<usize, Failure>| matches!(count, Ok(0));
        let empty_pair = |count: &Result<(usize, usize), Failure>| matches!(count, Ok((0, _)));
        [
            (Step::IpPool, empty_pair(&self.ip_pool)),
            (Step::Projects, empty(&self.projects)),
            (Step::Registries, empty(&self.registries)),
            (Step::Images, empty_pair(&self.images)),
            (Step::Catalogs, empty(&self.catalogs)),
            (Step::Apps, matches!(self.apps, Ok((_, 0)))),
        ]
        .into_iter()
        .find_map(|(step, empty)| empty.then_some(step))
    }
}

/// A cluster half set up (hosts, a pool, projects, a registry and a catalog; no image
/// built, no app), for the tests of the tour's steps and screen.
#[cfg(test)]
pub(crate) fn sample_counts() -> TourCounts {
    TourCounts {
        hosts: Ok((2, 2)),
        ip_pool: Ok((3, 2)),
        projects: Ok(7),
        registries: Ok(1),
        images: Ok((0, 1)),
        catalogs: Ok(1),
        apps: Ok((0, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::failure::FailureKind;

    fn counts() -> TourCounts {
        sample_counts()
    }

    #[test]
    fn the_steps_follow_the_manual_and_jump_to_kubic_screens() {
        let views: Vec<&str> = Step::ALL.iter().map(|s| s.view()).collect();
        assert_eq!(
            views,
            [
                "dashboard",
                "hosts",
                "ippools",
                "projects",
                "registries",
                "images",
                "catalogs",
                "apps"
            ]
        );
        assert_eq!(Step::Dashboard.manual_number(), '②');
        assert_eq!(Step::Apps.manual_number(), '⑨');
    }

    #[test]
    fn setting_up_goes_on_at_the_first_empty_step() {
        assert_eq!(counts().next_to_set_up(), Some(Step::Images));
        let missing = Failure::new(FailureKind::NotFound, "kubic.io CRDs missing");
        let mut none_yet = counts();
        none_yet.images = Err(missing);
        assert_eq!(
            none_yet.next_to_set_up(),
            Some(Step::Apps),
            "a count that failed is not empty"
        );
        let mut all = counts();
        all.images = Ok((1, 1));
        all.apps = Ok((1, 2));
        assert_eq!(all.next_to_set_up(), None);
    }
}
