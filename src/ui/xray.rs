//! The owner tree pane: one line per node, its branch glyphs and `kind/name`, its ready
//! count, status, restarts and age, coloured by health like a table row; the watches
//! that failed say why under the tree.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use super::table::{fit_columns, role, window};
use crate::app::App;
use crate::app::xray::{Xray, kind_label};
use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};
use crate::model::age::format_age;
use crate::model::xray::TreeLine;
use k8s_openapi::jiff::Timestamp;

/// The columns of a tree, as tables name them (shown in the session's language); a tree
/// of every project starts with NAMESPACE.
const COLUMNS: [&str; 6] = ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"];

pub fn tree(frame: &mut Frame, area: Rect, app: &App, xray: &Xray, theme: &Theme) {
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(title(xray, lang, theme));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let failures: Vec<Line> = xray
        .store
        .failures()
        .into_iter()
        .map(|(kind, why)| {
            let text = t!(lang, "xray.failed", kind = kind_label(lang, kind), why = why);
            Line::styled(text, theme.style(Role::StatusError))
        })
        .collect();
    let notes = u16::try_from(failures.len()).unwrap_or(u16::MAX).min(inner.height / 2);
    let [lines_area, notes_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(notes)]).areas(inner);
    frame.render_widget(Paragraph::new(failures), notes_area);
    if xray.lines.is_empty() {
        if !xray.store.loading() {
            let empty = Paragraph::new(t!(lang, "table.empty")).style(theme.style(Role::Row));
            frame.render_widget(empty, lines_area);
        }
        return;
    }
    lines(frame, lines_area, app, xray, theme);
}

fn lines(frame: &mut Frame, area: Rect, app: &App, xray: &Xray, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(1));
    let (first, selected) = window(xray.offset, xray.cursor, xray.lines.len(), height);
    let shown: Vec<&TreeLine> = xray.lines.iter().skip(first).take(height).collect();
    let skip = usize::from(xray.namespace.is_some());
    let columns = &COLUMNS[skip..];
    let cells: Vec<Vec<String>> = shown
        .iter()
        .map(|line| cells(line, app.lang, app.now).split_off(skip))
        .collect();
    let titles: Vec<&str> = columns.iter().map(|&c| app.lang.column(c)).collect();
    // Two cells less than the pane: the table is drawn inside the block, not on it.
    let fitted = fit_columns(columns, &titles, &cells, area.width.saturating_add(2));
    let widths: Vec<Constraint> = fitted.iter().map(|&(_, w)| Constraint::Length(w)).collect();
    let rows = shown.iter().zip(&cells).map(|(line, cells)| {
        let picked: Vec<String> = fitted.iter().map(|&(i, _)| cells[i].clone()).collect();
        Row::new(picked).style(theme.style(role(line.health)))
    });
    let header = Row::new(fitted.iter().map(|&(i, _)| titles[i])).style(theme.style(Role::TableHeader));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(2)
        .row_highlight_style(theme.style(Role::RowSelected));
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

/// The cells of one line, in the order of [`COLUMNS`].
fn cells(line: &TreeLine, lang: Lang, now: Timestamp) -> Vec<String> {
    let name = format!("{}{}/{}", line.glyphs, kind_label(lang, line.kind), line.key.name);
    let restarts = line.restarts.map(|r| r.to_string()).unwrap_or_default();
    let created = line.created.and_then(|s| Timestamp::from_second(s).ok());
    vec![
        line.key.namespace.clone(),
        name,
        line.ready.clone(),
        line.status.clone(),
        restarts,
        format_age(created, now),
    ]
}

fn title(xray: &Xray, lang: Lang, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" {} [{}] ", xray.crumb(lang), xray.lines.len()),
        theme.style(Role::Title),
    )];
    if xray.store.loading() {
        spans.push(Span::styled(t!(lang, "table.loading"), theme.style(Role::Stale)));
    }
    Line::from(spans)
}
