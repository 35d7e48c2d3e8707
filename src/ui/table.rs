//! The live table: only the rows that fit are turned into widgets, so a 10,000-row
//! table draws as fast as a 20-row one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use crate::app::App;
use crate::app::table::{Feed, TableModel};
use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};
use crate::model::rows::Health;
use k8s_openapi::jiff::Timestamp;

pub fn table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(view) = app.view() else {
        frame.render_widget(Paragraph::new(t!(app.lang, "table.starting")), area);
        return;
    };
    let model = &view.table;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(title(view.crumb(), model, app, theme));
    let inner_height = usize::from(area.height.saturating_sub(3));
    let (first, selected) = window(model.offset, model.cursor, model.visible_len(), inner_height);
    let visible: Vec<_> = model.visible_rows().skip(first).take(inner_height).collect();
    let columns = model.columns.len();
    let cells: Vec<Vec<String>> = visible
        .iter()
        .map(|row| (0..columns).map(|c| model.cell(row, c, app.now)).collect())
        .collect();
    let titles: Vec<&str> = model.columns.iter().map(|&c| app.lang.column(c)).collect();
    let fitted = fit_columns(&model.columns, &titles, &cells, area.width);
    let widths: Vec<Constraint> = fitted.iter().map(|&(_, w)| Constraint::Length(w)).collect();
    let pick = |cells: &[String]| -> Vec<String> { fitted.iter().map(|&(i, _)| cells[i].clone()).collect() };
    let rows = visible
        .iter()
        .zip(&cells)
        .map(|(row, cells)| Row::new(pick(cells)).style(theme.style(role(row.health))));
    let header = Row::new(fitted.iter().map(|&(i, _)| titles[i])).style(theme.style(Role::TableHeader));
    let widget = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(2)
        .row_highlight_style(theme.style(Role::RowSelected));
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(widget, area, &mut state);
    if let Some(message) = empty_message(model, app.lang) {
        let inner = Rect::new(area.x + 2, area.y + 2, area.width.saturating_sub(4), 1);
        frame.render_widget(Paragraph::new(message).style(theme.style(Role::Row)), inner);
    }
}

fn title(crumb: String, model: &TableModel, app: &App, theme: &Theme) -> Line<'static> {
    let (now, lang) = (app.now, app.lang);
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
        Feed::Loading => spans.push(Span::styled(t!(lang, "table.loading"), theme.style(Role::Stale))),
        Feed::Stale(stale) => spans.push(Span::styled(
            t!(lang, "table.stale", retry = retry_text(stale, now, lang)),
            theme.style(Role::Stale),
        )),
        Feed::Live => {}
    }
    if let Some(reason) = app.pod_usage_unavailable() {
        spans.push(Span::styled(
            t!(lang, "table.usage_na", reason = reason),
            theme.style(Role::Stale),
        ));
    }
    Line::from(spans)
}

/// What an empty table says instead of rows; a table whose first list failed (a refusal,
/// a lost connection) says why.
fn empty_message(model: &TableModel, lang: Lang) -> Option<String> {
    if model.visible_len() > 0 || model.feed == Feed::Loading {
        return None;
    }
    Some(match &model.feed {
        _ if model.total_len() > 0 => t!(lang, "table.no_match").into(),
        Feed::Stale(stale) => lang.failure(&stale.failure),
        _ => t!(lang, "table.empty").into(),
    })
}

/// `retry in 3s` or `retrying`: when a stale table's stream tries again.
fn retry_text(stale: &crate::app::table::Stale, now: Timestamp, lang: Lang) -> String {
    match stale.retry_in_seconds(now) {
        Some(seconds) => t!(lang, "table.retry_in", seconds = seconds),
        None => t!(lang, "table.retrying").into(),
    }
}

/// The first row to draw and the selected line within the window: the table's own
/// offset, corrected if the terminal is smaller than the app believed.
pub(super) fn window(offset: usize, cursor: usize, len: usize, height: usize) -> (usize, Option<usize>) {
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

pub(super) fn role(health: Health) -> Role {
    match health {
        Health::Neutral => Role::Row,
        Health::Ok => Role::RowOk,
        Health::Pending => Role::RowPending,
        Health::Error => Role::RowError,
        Health::Deleting => Role::RowDeleting,
    }
}

/// Which columns to draw and how wide, so the table fits `width`: each column as wide as
/// its widest visible cell or its shown title (in cells: a Hangul title takes two per
/// syllable); then the widest ones shrink (not below 8 or their title);
/// then columns drop from the right (never NAMESPACE, NAME or AGE); then everything
/// shrinks to its title, NAME last (not below 10); room left over goes back to the
/// columns that were cut.
/// `names` are the titles kubic knows the columns by (`NAME`), `titles` those shown.
pub(super) fn fit_columns(
    names: &[&str],
    shown_titles: &[&str],
    cells: &[Vec<String>],
    width: u16,
) -> Vec<(usize, u16)> {
    let title_width: Vec<usize> = shown_titles.iter().map(|t| super::width::width(t)).collect();
    let titles = names;
    let mut natural = title_width.clone();
    for row in cells {
        for (w, cell) in natural.iter_mut().zip(row) {
            *w = (*w).max(Span::raw(cell.as_str()).width());
        }
    }
    let keep = |i: usize| matches!(titles[i], "NAME" | "NAMESPACE" | "AGE");
    let mut shown: Vec<usize> = (0..titles.len()).collect();
    let mut widths = natural.clone();
    let soft_floor = |i: usize| natural[i].min(title_width[i].max(8));
    let hard_floor = |i: usize| {
        if titles[i] == "NAME" {
            natural[i].min(10)
        } else {
            title_width[i].max(2)
        }
    };
    let available =
        |shown: &[usize]| usize::from(width.saturating_sub(2)).saturating_sub(2 * shown.len().saturating_sub(1));
    let total = |shown: &[usize], widths: &[usize]| shown.iter().map(|&i| widths[i]).sum::<usize>();
    shrink(
        &shown,
        &mut widths,
        available(&shown),
        |i| titles[i] != "NAME",
        soft_floor,
    );
    while total(&shown, &widths) > available(&shown) {
        let Some(position) = shown.iter().rposition(|&i| !keep(i)) else {
            break;
        };
        shown.remove(position);
    }
    shrink(
        &shown,
        &mut widths,
        available(&shown),
        |i| titles[i] != "NAME",
        hard_floor,
    );
    shrink(&shown, &mut widths, available(&shown), |_| true, hard_floor);
    // Dropping a column may leave room: give it back to the columns that were cut most.
    while total(&shown, &widths) < available(&shown) {
        let cut = shown
            .iter()
            .copied()
            .filter(|&i| widths[i] < natural[i])
            .max_by_key(|&i| natural[i] - widths[i]);
        let Some(cut) = cut else { break };
        widths[cut] += 1;
    }
    shown
        .into_iter()
        .map(|i| (i, u16::try_from(widths[i]).unwrap_or(u16::MAX)))
        .collect()
}

/// Narrows the widest eligible column one cell at a time until the columns fit or
/// every eligible column is at its floor.
fn shrink(
    shown: &[usize],
    widths: &mut [usize],
    available: usize,
    eligible: impl Fn(usize) -> bool,
    floor: impl Fn(usize) -> usize,
) {
    while shown.iter().map(|&i| widths[i]).sum::<usize>() > available {
        let Some(widest) = shown
            .iter()
            .copied()
            .filter(|&i| eligible(i) && widths[i] > floor(i))
            .max_by_key(|&i| widths[i])
        else {
            return;
        };
        widths[widest] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_table_whose_list_was_refused_says_why() {
        let mut model = TableModel::new(&["NAME"], false);
        model.apply(crate::model::cluster::RowEvent::Failed {
            failure: crate::model::failure::Failure::forbidden("bob", "secrets is forbidden"),
            next_try: Timestamp::UNIX_EPOCH,
        });
        assert_eq!(
            empty_message(&model, Lang::En).as_deref(),
            Some("not allowed for bob: secrets is forbidden")
        );
        assert_eq!(
            empty_message(&model, Lang::Ko).as_deref(),
            Some("bob에게 허용되지 않습니다: secrets is forbidden"),
            "kubic's words in the session's language, the server's as it said them"
        );
        model.apply(crate::model::cluster::RowEvent::Reset(Vec::new()));
        assert_eq!(empty_message(&model, Lang::En).as_deref(), Some("Nothing here."));
        assert_eq!(
            empty_message(&model, Lang::Ko).as_deref(),
            Some(t!(Lang::Ko, "table.empty"))
        );
    }

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
    fn columns_shrink_then_drop_from_the_right_and_name_stays_readable() {
        let titles = ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "IP", "NODE", "AGE"];
        let row = [
            "demo-web",
            "web-7887448d46-x9k2m",
            "0/1",
            "CrashLoopBackOff",
            "14",
            "10.0.0.7",
            "kube-minion1",
            "90s",
        ];
        let cells = vec![row.map(String::from).to_vec()];
        let wide = fit_columns(&titles, &titles, &cells, 120);
        assert_eq!(wide.len(), 8, "everything fits at 120 columns");
        assert_eq!(wide[3], (3, 16));
        let narrow = fit_columns(&titles, &titles, &cells, 80);
        let shown: Vec<&str> = narrow.iter().map(|&(i, _)| titles[i]).collect();
        assert_eq!(shown, ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "IP", "AGE"]);
        assert_eq!(narrow[1], (1, 20), "NAME keeps its width");
        assert!(
            narrow.iter().all(|&(i, w)| usize::from(w) >= titles[i].len()),
            "titles are never cut"
        );
        let total: usize = narrow.iter().map(|&(_, w)| usize::from(w)).sum::<usize>() + 2 * (narrow.len() - 1);
        assert!(total <= 78, "{total}");
    }

    #[test]
    fn hangul_titles_are_measured_in_cells_and_never_cut() {
        let names = ["NAME", "STATE", "REPLICAS", "SERVICE-IPS", "AGE"];
        let shown: Vec<&str> = names.iter().map(|&n| Lang::Ko.column(n)).collect();
        let cells = vec![["dns", "Running", "2", "192.0.2.10", "5m"].map(String::from).to_vec()];
        let fitted = fit_columns(&names, &shown, &cells, 80);
        assert_eq!(fitted.len(), names.len(), "everything fits at 80 columns");
        for &(i, w) in &fitted {
            let title = super::super::width::width(shown[i]);
            assert!(usize::from(w) >= title, "{} is {title} cells, got {w}", shown[i]);
        }
        // The Korean title of REPLICAS is wider than its cells: the column follows the title.
        let replicas = fitted.iter().find(|&&(i, _)| i == 2).map(|&(_, w)| w);
        assert_eq!(replicas, u16::try_from(super::super::width::width(shown[2])).ok());
    }
}
