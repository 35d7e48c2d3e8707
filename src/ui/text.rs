//! Full-screen text panes: the read-only viewer (describe, syntax-coloured YAML) and
//! the inline YAML editor with its save error.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::input::overlay::{Editor, TextKind, TextView};
use crate::config::i18n::Lang;
use crate::config::theme::{Role, Theme};
use crate::model::yaml::{YamlToken, tokenize_lines};

pub fn viewer(frame: &mut Frame, area: Rect, view: &TextView, lang: Lang, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = match view.kind {
        TextKind::Yaml => tokenize_lines(view.lines.iter().map(String::as_str))
            .into_iter()
            .skip(view.scroll)
            .take(height)
            .map(|tokens| yaml_line(tokens, theme))
            .collect(),
        TextKind::Describe | TextKind::Log | TextKind::Batch | TextKind::Secret | TextKind::Messages => view
            .lines
            .iter()
            .skip(view.scroll)
            .take(height)
            .map(|line| Line::styled(line.as_str(), theme.style(Role::Row)))
            .collect(),
    };
    let position = format!(" {}/{} ", (view.scroll + 1).min(view.lines.len()), view.lines.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(
            format!(" {} ", view.title(lang)),
            theme.style(Role::Title),
        ))
        .title_bottom(Line::styled(position, theme.style(Role::Border)).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// One YAML line, coloured from its tokens (block scalars were recognised across lines).
fn yaml_line<'a>(tokens: Vec<(YamlToken, &'a str)>, theme: &Theme) -> Line<'a> {
    let spans: Vec<Span> = tokens
        .into_iter()
        .map(|(token, text)| {
            let role = match token {
                YamlToken::Key => Role::YamlKey,
                YamlToken::Comment => Role::YamlComment,
                YamlToken::Value | YamlToken::Plain => Role::YamlValue,
                YamlToken::Punctuation => Role::Row,
            };
            Span::styled(text, theme.style(role))
        })
        .collect();
    Line::from(spans)
}

/// `edit pod demo/web-1`, or `new catalog` for an object being written.
fn editor_subject(editor: &Editor) -> String {
    if editor.creating {
        format!("new {}", editor.object.kind.kind.to_lowercase())
    } else {
        format!("edit {}", editor.object.describe())
    }
}

pub fn editor(frame: &mut Frame, area: Rect, editor: &Editor, theme: &Theme) {
    let error_height = if editor.error.is_some() { 3 } else { 0 };
    let [text_area, error_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(error_height)]).areas(area);
    let state = if editor.saving {
        " saving…"
    } else if editor.is_modified() {
        " [modified]"
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(
            format!(" {}{state} — ctrl-s save, esc cancel ", editor_subject(editor)),
            theme.style(Role::Title),
        ));
    // The text area itself, not a copy: it keeps the measure of its lines between frames.
    let inner = block.inner(text_area);
    frame.buffer_mut().set_style(text_area, theme.style(Role::Row));
    frame.render_widget(block, text_area);
    frame.render_widget(&editor.textarea, inner);
    if let Some(error) = &editor.error {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style(Role::StatusError));
        let paragraph = Paragraph::new(error.as_str())
            .style(theme.style(Role::StatusError))
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(paragraph, error_area);
    }
}
