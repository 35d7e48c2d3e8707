//! Panes and widgets: they borrow the application state and draw it. No IO.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::app::{App, Feed};

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3), Constraint::Length(1)]).areas(frame.area());
    render_header(frame, header, app);
    render_hosts(frame, body, app);
    render_footer(frame, footer, app);
}

fn render_header(frame: &mut Frame, area: Rect, app: &App) {
    let h = &app.header;
    let server = h.server_version.as_deref().unwrap_or("…");
    let label = |text: &'static str| Span::styled(text, Style::new().add_modifier(Modifier::DIM));
    let lines = vec![
        Line::from(vec![
            label("Context: "),
            Span::raw(h.context.clone()).bold(),
            label("  Cluster: "),
            Span::raw(h.cluster.clone()),
            label("  Project: "),
            Span::raw(h.namespace.clone()).bold(),
        ]),
        Line::from(vec![
            label("Server: "),
            Span::raw(h.server_url.clone()),
            label("  kubic "),
            Span::raw(h.client_version.clone()),
            label("  k8s "),
            Span::raw(server.to_string()),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_hosts(frame: &mut Frame, area: Rect, app: &App) {
    let title = match &app.feed {
        Feed::Loading => " Hosts — loading… ".to_string(),
        Feed::Live => format!(" Hosts ({}) ", app.hosts.len()),
        Feed::Stale(_) => format!(" Hosts ({}) — STALE ", app.hosts.len()),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let header = Row::new([
        "NAME",
        "STATUS",
        "ROLES",
        "VERSION",
        "INTERNAL-IP",
        "CPU",
        "MEMORY",
        "AGE",
    ])
    .style(Style::new().add_modifier(Modifier::BOLD));
    let rows = app.hosts.iter().map(|h| {
        Row::new([
            Cell::from(h.name.clone()),
            Cell::from(h.status.clone()),
            Cell::from(h.roles.clone()),
            Cell::from(h.version.clone()),
            Cell::from(h.internal_ip.clone()),
            Cell::from(h.cpu.clone()),
            Cell::from(h.memory.clone()),
            Cell::from(h.age.clone()),
        ])
    });
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(5),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default().with_selected((!app.hosts.is_empty()).then_some(app.selected));
    frame.render_stateful_widget(table, area, &mut state);
    if app.feed == Feed::Live && app.hosts.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        frame.render_widget(Paragraph::new("No hosts in this cluster."), inner);
    }
}

fn render_footer(frame: &mut Frame, area: Rect, app: &App) {
    let text = match (&app.feed, &app.message) {
        (Feed::Stale(reason), _) => format!("watch lost: {reason} — retrying"),
        (_, Some(message)) => message.clone(),
        _ => "j/k move  g/G top/bottom  q quit".to_string(),
    };
    frame.render_widget(Paragraph::new(text), area);
}
