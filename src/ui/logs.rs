//! The live log pane: coloured pod prefixes, optional timestamps, wrapped or cut lines,
//! the lines' own colours, search matches highlighted, markers of reconnects, and where the stream stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::log_colors::styled_pieces;
use crate::app::logs::{LogLine, LogPane};
use crate::config::theme::{Role, Theme};

/// Pod prefix colours, by the order pods first spoke.
const POD_COLOURS: [Color; 6] = [
    Color::Cyan,
    Color::Magenta,
    Color::Yellow,
    Color::Green,
    Color::Blue,
    Color::LightRed,
];

pub fn pane(frame: &mut Frame, area: Rect, pane: &LogPane, theme: &Theme) {
    let inner_width = usize::from(area.width.saturating_sub(2)).max(1);
    let mut height = usize::from(area.height.saturating_sub(2));
    if pane.search_input.is_some() {
        height = height.saturating_sub(1);
    }
    let shown = visible(pane, height, inner_width);
    let mut lines: Vec<Line> = shown
        .iter()
        .map(|(seq, line)| render_line(pane, *seq, line, theme))
        .collect();
    if pane.wrap {
        // Wrapped here, cell by cell, so the rows are counted exactly and the newest
        // line is never cut off the bottom while following.
        let rows: Vec<Line> = lines.into_iter().flat_map(|l| wrap_rows(l, inner_width)).collect();
        let skip = if pane.follow {
            rows.len().saturating_sub(height)
        } else {
            0
        };
        lines = rows.into_iter().skip(skip).take(height).collect();
    }
    if let Some(input) = &pane.search_input {
        while lines.len() < height {
            lines.push(Line::default());
        }
        lines.push(Line::styled(format!("/{input}▏"), theme.style(Role::CommandLine)));
    }
    let title = format!(" Logs {}/{} ", pane.object.kind.kind.to_lowercase(), pane.object.name);
    let state = format!(" {} ", pane.describe_choices());
    let position = format!(" {} lines ", pane.lines.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(title, theme.style(Role::Title)))
        .title(Line::styled(state, theme.style(Role::HeaderValue)).right_aligned())
        .title_bottom(Line::styled(position, theme.style(Role::Border)).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Splits `line` into rows at most `width` cells wide, keeping each span's style.
pub(super) fn wrap_rows(line: Line<'_>, width: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for span in line.spans {
        let mut piece = String::new();
        for c in span.content.chars() {
            let cells = c.width().unwrap_or(0);
            if used + cells > width && used > 0 {
                push_piece(&mut rows, &mut piece, span.style);
                rows.push(Vec::new());
                used = 0;
            }
            piece.push(c);
            used += cells;
        }
        push_piece(&mut rows, &mut piece, span.style);
    }
    rows.into_iter().map(Line::from).collect()
}

/// Ends the current row's piece of a span (if any) with the span's style.
fn push_piece(rows: &mut [Vec<Span<'static>>], piece: &mut String, style: Style) {
    if let Some(row) = rows.last_mut()
        && !piece.is_empty()
    {
        row.push(Span::styled(std::mem::take(piece), style));
    }
}

/// The lines that fit: the last ones while following (counting wrapped rows), else
/// from where the operator scrolled.
fn visible(pane: &LogPane, height: usize, width: usize) -> Vec<(u64, &LogLine)> {
    let rows_of = |line: &LogLine| {
        if pane.wrap {
            shown_width(pane, line).div_ceil(width).max(1)
        } else {
            1
        }
    };
    let mut shown = Vec::new();
    let mut rows = 0;
    if pane.follow {
        for seq in (pane.dropped..pane.end()).rev() {
            let Some(line) = pane.line(seq) else { break };
            // The line that crosses the top is kept: wrapping trims it to its last rows.
            shown.push((seq, line));
            rows += rows_of(line);
            if rows >= height {
                break;
            }
        }
        shown.reverse();
    } else {
        for seq in pane.first_shown()..pane.end() {
            let Some(line) = pane.line(seq) else { break };
            if rows >= height {
                break;
            }
            rows += rows_of(line);
            shown.push((seq, line));
        }
    }
    shown
}

fn shown_width(pane: &LogPane, line: &LogLine) -> usize {
    let stamp = if pane.timestamps && !line.timestamp.is_empty() {
        line.timestamp.len() + 1
    } else {
        0
    };
    let prefix = pane.prefix(line).map_or(0, |p| p.chars().count() + 1);
    stamp + prefix + line.text.chars().count()
}

fn render_line<'a>(pane: &LogPane, seq: u64, line: &'a LogLine, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    if pane.timestamps && !line.timestamp.is_empty() {
        spans.push(Span::styled(format!("{} ", line.timestamp), theme.style(Role::Stale)));
    }
    if let Some(prefix) = pane.prefix(line) {
        let colour = POD_COLOURS[line.pod % POD_COLOURS.len()];
        spans.push(Span::styled(format!("{prefix} "), Style::new().fg(colour)));
    }
    if line.marker {
        spans.push(Span::styled(
            format!("── {} ──", line.text),
            theme.style(Role::StatusError),
        ));
        return Line::from(spans);
    }
    let base = theme.style(Role::Row);
    let marks = match pane.search.as_deref().filter(|s| !s.is_empty()) {
        Some(needle) => {
            let mark = if pane.current_match == Some(seq) {
                Style::new()
                    .bg(Color::Yellow)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::new().add_modifier(Modifier::REVERSED)
            };
            line.text
                .match_indices(needle)
                .map(|(at, found)| (at, at + found.len(), mark))
                .collect()
        }
        None => Vec::new(),
    };
    spans.extend(styled_pieces(
        &line.text,
        &line.runs,
        &marks,
        base,
        theme.shows_colors(),
    ));
    Line::from(spans)
}
