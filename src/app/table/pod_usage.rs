//! The pods table's live use cells: CPU, MEM and their share of each pod's requests and
//! limits, from the latest list of metrics.k8s.io. The list is asked for only while a
//! pods table is on screen (`Stream::PodUsage`, for the table's project and selector).
//! The figures stay beside the rows (which are shared with the watch and, served, with
//! other sessions) and are joined to them as they are drawn, so rows arriving between
//! two lists show the last list's figures.

use std::sync::Arc;

use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::cluster::Scope;
use crate::model::failure::{Failure, FailureKind};
use crate::model::metrics::pods::PodUsages;
use crate::model::resource::Known;

/// What the last list of pod metrics said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodUsageState {
    /// The scope the list was for.
    pub scope: Scope,
    /// Each pod's use; empty when the list failed.
    pub usage: Arc<PodUsages>,
    /// Why there are no figures (metrics-server absent, the list refused), said once in
    /// the table's title rather than in every row.
    pub unavailable: Option<String>,
    /// Whether a list has answered for this scope (before that, the cells stay empty).
    pub answered: bool,
}

impl App {
    /// The scope of the pods table whose use is wanted now: the top view's, while it is a
    /// pods table on screen (not under a log pane, a viewer, an editor or a console).
    pub(in crate::app) fn pods_on_screen(&self) -> Option<&Scope> {
        let view = self.view()?;
        let covered = matches!(
            self.mode_under_help(),
            Mode::Logs(_) | Mode::Viewer(_) | Mode::Editor(_) | Mode::Console(_) | Mode::Browse(_)
        );
        let shown = self.screen == crate::app::hosts::dashboard::Screen::Table && !covered;
        (shown && view.kind.is_known(Known::Pod)).then_some(&view.scope)
    }

    /// A list of pod metrics for `scope` answered: the pods table shows it.
    pub(in crate::app) fn on_pod_usage(
        &mut self,
        scope: Scope,
        result: Result<Arc<PodUsages>, Failure>,
    ) -> Vec<Effect> {
        if self.pods_on_screen() != Some(&scope) {
            return Vec::new();
        }
        let lang = self.lang;
        let (usage, unavailable) = match result {
            Ok(usage) => (usage, None),
            Err(failure) if failure.kind == FailureKind::NotFound => {
                (Arc::default(), Some(t!(lang, "pods.metrics_absent").to_string()))
            }
            Err(failure) if failure.kind == FailureKind::Forbidden => (Arc::default(), Some(lang.failure(&failure))),
            Err(failure) => (
                Arc::default(),
                Some(t!(lang, "pods.metrics_failed", reason = lang.failure(&failure))),
            ),
        };
        self.pod_usage = PodUsageState {
            scope,
            usage,
            unavailable,
            answered: true,
        };
        self.join_pod_usage();
        vec![Effect::Redraw]
    }

    /// The pods table on screen shows the last list's figures when the list was for its
    /// scope (a table opened since takes them too).
    pub(in crate::app) fn join_pod_usage(&mut self) {
        if self.pods_on_screen() != Some(&self.pod_usage.scope) || !self.pod_usage.answered {
            return;
        }
        let usage = &self.pod_usage.usage;
        if let Some(view) = self.views.last_mut()
            && !view.table.shows_pod_usage(usage)
        {
            view.table.set_pod_usage(Some(Arc::clone(usage)));
        }
    }

    /// Why the pods table on screen has no use figures, if it has none.
    pub fn pod_usage_unavailable(&self) -> Option<&str> {
        let scope = self.pods_on_screen()?;
        let state = &self.pod_usage;
        (state.scope == *scope).then_some(())?;
        state.unavailable.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::app::test_support::{Start, feed, pod_row, press};
    use crate::model::metrics::pods::{PodResources, PodUsage};
    use crate::model::rows::RowFacts;
    use crossterm::event::KeyCode;

    fn app() -> App {
        Start {
            namespace: Some("demo"),
            ..Start::default()
        }
        .app()
    }

    fn usage_of(names: &[(&str, f64)]) -> PodUsages {
        let key = |name: &str| pod_row(name, None).key;
        let figures = |cpu: f64| PodUsage {
            cpu,
            memory: 32.0 * 1024.0 * 1024.0,
        };
        names.iter().map(|&(name, cpu)| (key(name), figures(cpu))).collect()
    }

    fn cells(app: &mut App, name: &str) -> Vec<String> {
        app.prepare_frame();
        let table = &app.view().expect("pods").table;
        let row = table.visible_rows().find(|row| row.key.name == name).expect(name);
        let first = table.columns.iter().position(|c| *c == "CPU").expect("a CPU column");
        (first..first + 6)
            .map(|column| table.cell(row, column, app.now))
            .collect()
    }

    fn scope(app: &App) -> Scope {
        app.view().expect("pods").scope.clone()
    }

    #[test]
    fn a_list_fills_the_rows_and_rows_arriving_later_take_their_figures_from_it() {
        let mut app = app();
        let mut sized = pod_row("web", None);
        sized.facts = RowFacts::Pod(Box::new(PodResources {
            cpu_request: Some(100),
            cpu_limit: Some(200),
            ..PodResources::default()
        }));
        feed(&mut app, vec![sized]);
        assert_eq!(
            cells(&mut app, "web"),
            ["", "", "", "", "", ""],
            "nothing before a list"
        );
        let scope = scope(&app);
        let result = Ok(usage_of(&[("web", 50.0), ("db", 10.0)]));
        app.update(Action::PodUsage {
            scope,
            result: result.map(Arc::new),
        });
        assert_eq!(cells(&mut app, "web"), ["50m", "32Mi", "50%", "25%", "-", "-"]);
        feed(
            &mut app,
            vec![pod_row("web", None), pod_row("db", None), pod_row("new", None)],
        );
        assert_eq!(cells(&mut app, "db"), ["10m", "32Mi", "-", "-", "-", "-"]);
        assert_eq!(cells(&mut app, "new"), ["n/a"; 6], "no figure for this pod yet");
        assert_eq!(app.pod_usage_unavailable(), None);
    }

    #[test]
    fn without_metrics_server_every_cell_is_na_and_the_reason_is_said_once() {
        let mut app = app();
        feed(&mut app, vec![pod_row("web", None)]);
        let scope = scope(&app);
        let absent = Failure::new(
            FailureKind::NotFound,
            "the server could not find the requested resource",
        );
        app.update(Action::PodUsage {
            scope: scope.clone(),
            result: Err(absent),
        });
        assert_eq!(cells(&mut app, "web"), ["n/a"; 6]);
        assert_eq!(app.pod_usage_unavailable(), Some(t!(app.lang, "pods.metrics_absent")));
        let refused = Failure::forbidden("bob", "pods.metrics.k8s.io is forbidden");
        app.update(Action::PodUsage {
            scope,
            result: Err(refused),
        });
        assert_eq!(
            app.pod_usage_unavailable(),
            Some("not allowed for bob: pods.metrics.k8s.io is forbidden")
        );
    }

    #[test]
    fn a_list_for_another_scope_or_behind_a_log_pane_is_ignored() {
        let mut app = app();
        feed(&mut app, vec![pod_row("web", None)]);
        let other = Scope {
            namespace: Some("other".into()),
            ..Scope::default()
        };
        let effects = app.update(Action::PodUsage {
            scope: other,
            result: Ok(usage_of(&[("web", 5.0)]).into()),
        });
        assert!(effects.is_empty());
        assert_eq!(cells(&mut app, "web"), ["", "", "", "", "", ""]);
        press(&mut app, KeyCode::Char('l'));
        assert!(app.pods_on_screen().is_none(), "the log pane covers the table");
        let scope = Scope {
            namespace: Some("demo".into()),
            ..Scope::default()
        };
        assert!(
            app.update(Action::PodUsage {
                scope,
                result: Ok(PodUsages::new().into())
            })
            .is_empty()
        );
    }
}
