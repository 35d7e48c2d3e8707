//! The registry browser pane: repositories, tags, or a tag's details, with a loading
//! line or the registry's error in place of the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::images::browse::{Browser, Level};
use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};

pub fn browser(frame: &mut Frame, area: Rect, browser: &Browser, lang: Lang, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut position = String::new();
    if let Some(page) = browser.page() {
        if let Some(error) = &page.error {
            lines.push(Line::styled(error.clone(), theme.style(Role::StatusError)));
        } else if page.loading && page.items.is_empty() {
            lines.push(Line::styled(
                t!(lang, "browser.loading"),
                theme.style(Role::HelpDescription),
            ));
        } else if page.items.is_empty() {
            let empty = match page.level {
                Level::Repositories => t!(lang, "browser.no_repositories"),
                _ => t!(lang, "browser.no_tags"),
            };
            lines.push(Line::styled(empty, theme.style(Role::HelpDescription)));
        } else {
            let selectable = !matches!(page.level, Level::Detail { .. });
            let first = page.cursor.saturating_sub(height - 1);
            for (index, item) in page.items.iter().enumerate().skip(first).take(height) {
                let role = if selectable && index == page.cursor {
                    Role::RowSelected
                } else {
                    Role::Row
                };
                let width = usize::from(area.width.saturating_sub(2));
                lines.push(Line::styled(format!("{item:<width$}"), theme.style(role)));
            }
            if selectable {
                position = format!(" {}/{} ", page.cursor + 1, page.items.len());
            }
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(format!(" {} ", browser.path()), theme.style(Role::Title)))
        .title_bottom(Line::styled(position, theme.style(Role::Border)).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
