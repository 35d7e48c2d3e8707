//! The dashboard (kubic's home screen: the cluster, its description and counts, and the
//! cluster's charts) and the realtime monitor of one host.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::config::theme::{Role, Theme};
use crate::model::metrics::overview::Count;

/// The cluster summary above the cluster's charts.
pub fn dashboard(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [summary, charts] = Layout::vertical([Constraint::Length(6), Constraint::Min(6)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(" dashboard ", theme.style(Role::Title)));
    let label = |text: &'static str| Span::styled(text, theme.style(Role::HeaderLabel));
    let value = |text: String| Span::styled(text, theme.style(Role::HeaderValue));
    let problem = |text: String| Span::styled(text, theme.style(Role::Stale));
    let description = match app.overview.as_ref().map(|o| &o.description) {
        None => problem("loading…".into()),
        Some(Ok(Some(text))) if !text.is_empty() => value(text.clone()),
        Some(Ok(_)) => problem("none yet (e writes one every operator sees)".into()),
        Some(Err(why)) => problem(format!("N/A: {why}")),
    };
    let count =
        |name: &'static str, count: Option<&Result<Count, crate::model::failure::Failure>>| -> Vec<Span<'static>> {
            let shown = match count {
                None => problem("…".into()),
                Some(Ok(count)) => value(count.text()),
                Some(Err(why)) => problem(why.message.clone()),
            };
            vec![label(name), shown, Span::raw("   ")]
        };
    let overview = app.overview.as_ref();
    let mut hosts = count("Hosts: ", overview.map(|o| &o.hosts));
    hosts.extend(count("Pods: ", overview.map(|o| &o.pods)));
    let mut projects = count("Projects: ", overview.map(|o| &o.projects));
    projects.extend(count("Apps: ", overview.map(|o| &o.apps)));
    let lines = vec![
        Line::from(vec![
            label("Cluster: "),
            value(app.header.cluster.clone()),
            label("   API server: "),
            value(app.header.server_url.clone()),
        ]),
        Line::from(vec![label("Description: "), description]),
        Line::from(hosts),
        Line::from(projects),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), summary);
    let now = app.metrics.at.unwrap_or_else(|| app.now.as_second());
    super::charts::grid(frame, charts, &app.metrics.cluster, now, app.metrics.window, theme);
}

/// Live charts of one host, with its pods and the sampling figures.
pub fn monitor(frame: &mut Frame, area: Rect, app: &App, node: &str, theme: &Theme) {
    let [title, charts] = Layout::vertical([Constraint::Length(1), Constraint::Min(6)]).areas(area);
    let Some(host) = app.metrics.host(node) else {
        let why = app
            .metrics
            .error
            .clone()
            .unwrap_or_else(|| format!("no sample of host {node} yet"));
        let text = Paragraph::new(format!("monitor {node}: {why}")).style(theme.style(Role::Stale));
        frame.render_widget(text, area);
        return;
    };
    let line = Line::from(vec![
        Span::styled(format!(" monitor {node} "), theme.style(Role::Title)),
        Span::styled(format!(" pods: {}", host.pods), theme.style(Role::HeaderValue)),
        Span::styled("   esc: back to the hosts", theme.style(Role::HeaderLabel)),
    ]);
    frame.render_widget(Paragraph::new(line), title);
    let now = app.metrics.at.unwrap_or_else(|| app.now.as_second());
    super::charts::grid(frame, charts, host, now, app.metrics.window, theme);
}
