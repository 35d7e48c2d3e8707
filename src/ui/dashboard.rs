//! The dashboard (kubic's home screen: the cluster, its description and counts, and the
//! cluster's charts) and the realtime monitor of one host.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};
use crate::model::metrics::overview::Count;

use super::charts::Window;

/// The cluster summary above the cluster's charts.
pub fn dashboard(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let offer = super::tour::offer(app, theme);
    let summary_height = if offer.is_some() { 7 } else { 6 };
    let [summary, charts] = Layout::vertical([Constraint::Length(summary_height), Constraint::Min(6)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(t!(lang, "dashboard.title"), theme.style(Role::Title)));
    let label = |text: &'static str| Span::styled(text, theme.style(Role::HeaderLabel));
    let value = |text: String| Span::styled(text, theme.style(Role::HeaderValue));
    let problem = |text: String| Span::styled(text, theme.style(Role::Stale));
    let description = match app.overview.as_ref().map(|o| &o.description) {
        None => problem(t!(lang, "dashboard.loading").into()),
        Some(Ok(Some(text))) if !text.is_empty() => value(text.clone()),
        Some(Ok(_)) => problem(t!(lang, "dashboard.no_description").into()),
        Some(Err(why)) => problem(t!(lang, "chart.na", why = why)),
    };
    let count =
        |name: &'static str, count: Option<&Result<Count, crate::model::failure::Failure>>| -> Vec<Span<'static>> {
            let shown = match count {
                None => problem("…".into()),
                Some(Ok(count)) => value(match count.ready {
                    Some(ready) => t!(lang, "dashboard.ready", ready = ready, total = count.total),
                    None => count.total.to_string(),
                }),
                Some(Err(why)) => problem(lang.failure(why)),
            };
            vec![label(name), shown, Span::raw("   ")]
        };
    let overview = app.overview.as_ref();
    let mut hosts = count(t!(lang, "dashboard.hosts"), overview.map(|o| &o.hosts));
    hosts.extend(count(t!(lang, "dashboard.pods"), overview.map(|o| &o.pods)));
    let mut projects = count(t!(lang, "dashboard.projects"), overview.map(|o| &o.projects));
    projects.extend(count(t!(lang, "dashboard.apps"), overview.map(|o| &o.apps)));
    let mut lines = vec![
        Line::from(vec![
            label(t!(lang, "dashboard.cluster")),
            value(app.header.cluster.clone()),
            label(t!(lang, "dashboard.api_server")),
            value(app.header.server_url.clone()),
        ]),
        Line::from(vec![label(t!(lang, "dashboard.description")), description]),
        Line::from(hosts),
        Line::from(projects),
    ];
    lines.extend(offer);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), summary);
    let now = app.metrics.at.unwrap_or_else(|| app.now.as_second());
    super::charts::grid(frame, charts, &app.metrics.cluster, window(app, now), theme);
}

fn window(app: &App, now: i64) -> Window {
    Window {
        now,
        window: app.metrics.window,
        lang: app.lang,
    }
}

/// Live charts of one host, with its pods and the sampling figures.
pub fn monitor(frame: &mut Frame, area: Rect, app: &App, node: &str, theme: &Theme) {
    let lang = app.lang;
    let [title, charts] = Layout::vertical([Constraint::Length(1), Constraint::Min(6)]).areas(area);
    let Some(host) = app.metrics.host(node) else {
        let why = (app.metrics.error.clone()).unwrap_or_else(|| t!(lang, "monitor.no_sample", node = node));
        let text = Paragraph::new(t!(lang, "monitor.failed", node = node, why = why)).style(theme.style(Role::Stale));
        frame.render_widget(text, area);
        return;
    };
    let line = Line::from(vec![
        Span::styled(t!(lang, "monitor.title", node = node), theme.style(Role::Title)),
        Span::styled(
            t!(lang, "monitor.pods", pods = host.pods),
            theme.style(Role::HeaderValue),
        ),
        Span::styled(t!(lang, "monitor.back"), theme.style(Role::HeaderLabel)),
    ]);
    frame.render_widget(Paragraph::new(line), title);
    let now = app.metrics.at.unwrap_or_else(|| app.now.as_second());
    super::charts::grid(frame, charts, host, window(app, now), theme);
}
