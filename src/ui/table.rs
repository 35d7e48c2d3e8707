//! The live table: only the rows that fit are turned into widgets, so a 10,000-row
//! table draws as fast as a 20-row one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use crate::app::App;
use crate::app::table::{Feed, TableModel};
use crate::config::theme::{Role, Theme};
use crate::model::rows::Health;

pub fn table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(view) = app.view() else {
        frame.render_widget(Paragraph::new("Starting…"), area);
        return;
    };
    let model = &view.table;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(title(view.crumb(), model, theme));
    let inner_height = usize::from(area.height.saturating_sub(3));
    let (first, selected) = window(model.offset, model.cursor, model.visible_len(), inner_height);
    let visible: Vec<_> = model.visible_rows().skip(first).take(inner_height).collect();
    let columns = model.columns.len();
    let cells: Vec<Vec<String>> = visible
        .iter()
        .map(|row| (0..columns).map(|c| model.cell(row, c, app.now)).collect())
        .collect();
    let widths = column_widths(&model.columns, &cells, area.width);
    let rows = visible
        .iter()
        .zip(cells)
        .map(|(row, cells)| Row::new(cells).style(theme.style(role(row.health))));
    let header = Row::new(model.columns.iter().copied()).style(theme.style(Role::TableHeader));
    let widget = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(2)
        .row_highlight_style(theme.style(Role::RowSelected));
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(widget, area, &mut state);
    if let Some(message) = empty_message(model) {
        let inner = Rect::new(area.x + 2, area.y + 2, area.width.saturating_sub(4), 1);
        frame.render_widget(Paragraph::new(message).style(theme.style(Role::Row)), inner);
    }
}

fn title(crumb: String, model: &TableModel, theme: &Theme) -> Line<'static> {
    let count = if model.filter_text.is_empty() {
        format!("[{}]", model.total_len())
    } else {
        format!("[{}/{}]", model.visible_len(), model.total_len())
    };
    let mut spans = vec![Span::styled(format!(" {crumb} {count} "), theme.style(Role::Title))];
    if !model.filter_text.is_empty() {
        spans.push(Span::styled(
            format!("</{}> ", model.filter_text),
            theme.style(Role::CommandLine),
        ));
    }
    match &model.feed {
        Feed::Loading => spans.push(Span::styled("loading… ", theme.style(Role::Stale))),
        Feed::Stale(_) => spans.push(Span::styled("STALE ", theme.style(Role::Stale))),
        Feed::Live => {}
    }
    Line::from(spans)
}

fn empty_message(model: &TableModel) -> Option<String> {
    if model.visible_len() > 0 || model.feed == Feed::Loading {
        return None;
    }
    Some(if model.total_len() > 0 {
        "No rows match the filter (esc clears it).".into()
    } else {
        "Nothing here.".into()
    })
}

/// The first row to draw and the selected line within the window: the table's own
/// offset, corrected if the terminal is smaller than the app believed.
fn window(offset: usize, cursor: usize, len: usize, height: usize) -> (usize, Option<usize>) {
    if len == 0 || height == 0 {
        return (0, None);
    }
    let mut first = offset.min(len.saturating_sub(1));
    if cursor < first {
        first = cursor;
    } else if cursor >= first + height {
        first = cursor + 1 - height;
    }
    (first, Some(cursor - first))
}

fn role(health: Health) -> Role {
    match health {
        Health::Neutral => Role::Row,
        Health::Ok => Role::RowOk,
        Health::Pending => Role::RowPending,
        Health::Error => Role::RowError,
        Health::Deleting => Role::RowDeleting,
    }
}

/// Each column as wide as its widest visible cell. To fit, the widest other columns
/// shrink first (never below their title), and NAME last: it is what operators read.
fn column_widths(titles: &[&str], cells: &[Vec<String>], width: u16) -> Vec<Constraint> {
    let name = titles.iter().position(|t| *t == "NAME");
    let mut widths: Vec<usize> = titles.iter().map(|t| t.len()).collect();
    for row in cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(Span::raw(cell.as_str()).width());
        }
    }
    let available = usize::from(width.saturating_sub(2)).saturating_sub(2 * titles.len().saturating_sub(1));
    while widths.iter().sum::<usize>() > available {
        let widest_other = (0..widths.len())
            .filter(|&i| Some(i) != name && widths[i] > titles[i].len().max(2))
            .max_by_key(|&i| widths[i]);
        let target = match (widest_other, name) {
            (Some(i), _) => i,
            (None, Some(n)) if widths[n] > 10 => n,
            _ => break,
        };
        widths[target] -= 1;
    }
    widths
        .into_iter()
        .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_cursor_visible() {
        assert_eq!(window(0, 0, 100, 10), (0, Some(0)));
        assert_eq!(window(0, 9, 100, 10), (0, Some(9)));
        assert_eq!(window(45, 50, 100, 10), (45, Some(5)));
        assert_eq!(window(0, 99, 100, 10), (90, Some(9)));
        assert_eq!(window(60, 50, 100, 10), (50, Some(0)));
        assert_eq!(window(0, 0, 0, 10), (0, None));
    }

    #[test]
    fn wide_columns_shrink_to_fit() {
        let cells = vec![vec!["a".repeat(30), "b".repeat(30), "c".into()]];
        let widths = column_widths(&["NAME", "STATUS", "X"], &cells, 50);
        assert_eq!(
            widths,
            [Constraint::Length(30), Constraint::Length(13), Constraint::Length(1)]
        );
        let widths = column_widths(&["NAME", "STATUS", "X"], &cells, 30);
        assert_eq!(
            widths,
            [Constraint::Length(17), Constraint::Length(6), Constraint::Length(1)]
        );
        let widths = column_widths(
            &["NAME", "RESTARTS", "IP"],
            &[vec!["a".repeat(30), "0".into(), "10.0.0.1".into()]],
            44,
        );
        assert_eq!(
            widths,
            [Constraint::Length(28), Constraint::Length(8), Constraint::Length(2)]
        );
    }
}
