//! `:portforwards`: the session's forwards as a table (target, port, local end, state,
//! connections, bytes in and out), and below it the selected one's state in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use crate::app::App;
use crate::app::forward::PortForward;
use crate::config::command::{Command, Section};
use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};
use crate::model::forward::session::ForwardState;
use crate::model::metrics::format::bytes;

/// The state column: it takes the room the others leave, and the target gives way
/// (down to [`TARGET_FLOOR`]) before it is narrower than [`STATE_FLOOR`].
const STATE: usize = 3;
const STATE_FLOOR: usize = 12;
const TARGET_FLOOR: usize = 10;

pub fn list(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let lang = app.lang;
    let title = t!(lang, "forwards.title", count = app.forwards.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(title, theme.style(Role::Title)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [rows_area, detail_area, legend_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
    if app.forwards.is_empty() {
        let key = app
            .keymap
            .keys_for(Section::Table, Command::PortForward)
            .into_iter()
            .next()
            .unwrap_or_default();
        let empty = Paragraph::new(t!(lang, "forwards.empty", key = key))
            .style(theme.style(Role::Row))
            .wrap(Wrap { trim: true });
        frame.render_widget(empty, rows_area);
        return;
    }
    let titles = titles(lang);
    let cells: Vec<Vec<String>> = app.forwards.iter().map(|f| cells(f, lang)).collect();
    let widths: Vec<Constraint> = fit(&titles, &cells, usize::from(inner.width))
        .into_iter()
        .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
        .collect();
    let rows = app
        .forwards
        .iter()
        .zip(cells)
        .map(|(forward, cells)| Row::new(cells).style(theme.style(role(&forward.status.state))));
    let header = Row::new(titles).style(theme.style(Role::TableHeader));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(2)
        .row_highlight_style(theme.style(Role::RowSelected));
    let selected = selected.min(app.forwards.len() - 1);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, rows_area, &mut state);
    if let Some(forward) = app.forwards.get(selected) {
        let detail = Paragraph::new(Line::styled(detail(forward, lang), theme.style(Role::HelpDescription)))
            .wrap(Wrap { trim: true });
        frame.render_widget(detail, detail_area);
    }
    let legend = Line::styled(t!(lang, "forwards.legend"), theme.style(Role::HelpDescription));
    frame.render_widget(Paragraph::new(legend), legend_area);
}

/// Each column as wide as its widest cell or title, but the state, which takes what is
/// left; when that is too little the target gives some of its width.
fn fit(titles: &[&str], cells: &[Vec<String>], width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = titles.iter().map(|title| super::width::width(title)).collect();
    for row in cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(super::width::width(cell));
        }
    }
    let available = width.saturating_sub(2 * widths.len().saturating_sub(1));
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != STATE)
        .map(|(_, w)| w)
        .sum();
    let floor = STATE_FLOOR.max(super::width::width(titles[STATE])).min(widths[STATE]);
    let state = available.saturating_sub(others).clamp(floor, widths[STATE].max(floor));
    let over = (others + state).saturating_sub(available);
    widths[0] = widths[0].saturating_sub(over).max(TARGET_FLOOR.min(widths[0]));
    widths[STATE] = state;
    widths
}

fn titles(lang: Lang) -> Vec<&'static str> {
    vec![
        t!(lang, "forwards.target"),
        t!(lang, "forwards.port"),
        t!(lang, "forwards.local"),
        t!(lang, "forwards.state"),
        t!(lang, "forwards.connections"),
        t!(lang, "forwards.bytes_in"),
        t!(lang, "forwards.bytes_out"),
    ]
}

fn cells(forward: &PortForward, lang: Lang) -> Vec<String> {
    let counters = &forward.status.counters;
    let target = &forward.request.target;
    vec![
        format!("{}/{}/{}", target.kind.short(), target.namespace, target.name),
        target.port.to_string(),
        forward.request.local(),
        state_text(&forward.status.state, lang),
        format!("{}/{}", counters.open, counters.total),
        bytes(counters.bytes_in as f64),
        bytes(counters.bytes_out as f64),
    ]
}

/// `active: pod web-0:80`, `re-targeting: pod web-0 was deleted`, `failed: …`.
pub fn state_text(state: &ForwardState, lang: Lang) -> String {
    match state {
        ForwardState::Starting => t!(lang, "forwards.starting").to_string(),
        ForwardState::Active { pod, port } => t!(lang, "forwards.active", pod = pod, port = port),
        ForwardState::Retargeting { reason } => t!(lang, "forwards.retargeting", why = reason),
        ForwardState::Failed { reason } | ForwardState::Unbound { reason } => {
            t!(lang, "forwards.failed", why = reason)
        }
    }
}

/// The selected forward in one sentence: both ends, the state in full, the connections.
fn detail(forward: &PortForward, lang: Lang) -> String {
    t!(
        lang,
        "forwards.detail",
        local = forward.request.local(),
        target = forward.request.target,
        state = state_text(&forward.status.state, lang),
        open = forward.status.counters.open,
        total = forward.status.counters.total
    )
}

fn role(state: &ForwardState) -> Role {
    match state {
        ForwardState::Active { .. } => Role::RowOk,
        ForwardState::Starting | ForwardState::Retargeting { .. } => Role::RowPending,
        ForwardState::Failed { .. } | ForwardState::Unbound { .. } => Role::RowError,
    }
}
