//! Pop-ups over the table: help generated from the keymap, the delete confirmation,
//! and command-line suggestions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::input::form::{Form, FormKind};
use crate::app::input::overlay::Confirm;
use crate::app::input::prompt::Prompt;
use crate::app::{App, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::{Lang, t};
use crate::config::theme::{Role, Theme};

use super::form_picker;
use super::width::{pad, width, wrap};

/// The keys of the screen help was opened from (for a table, those that work on its
/// kind); two columns when one does not fit.
pub fn help(frame: &mut Frame, area: Rect, app: &App, under: &Mode, theme: &Theme) {
    let section = match under {
        Mode::Viewer(_) => Section::Viewer,
        Mode::Logs(_) => Section::Logs,
        _ => Section::Table,
    };
    let mut entries = app.keymap.help(section);
    let on_tree = matches!(app.screen, crate::app::hosts::dashboard::Screen::Xray(_));
    if section == Section::Table && on_tree && !matches!(under, Mode::Forwards(_)) {
        entries.retain(|(_, command)| crate::app::xray::applies(*command));
    }
    if matches!(under, Mode::Forwards(_)) {
        entries.retain(|(_, command)| crate::app::forward::list::LIST_COMMANDS.contains(command));
    }
    // A table lists only what works on its kind (a host's cordon, an app's run).
    if section == Section::Table
        && !matches!(under, Mode::Forwards(_))
        && app.screen == crate::app::hosts::dashboard::Screen::Table
        && let Some(view) = app.view()
    {
        entries.retain(|(_, command)| crate::app::table::applicable::applies(*command, &view.kind));
        // …and only what the API server is not known to refuse.
        entries.retain(|(_, command)| app.permits(*command));
    }
    let key_width = entries.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
    let rows_that_fit = usize::from(area.height.saturating_sub(2)).max(1);
    let columns: u16 = if entries.len() > rows_that_fit { 2 } else { 1 };
    let rows = entries.len().div_ceil(usize::from(columns)).max(1);
    let lang = app.lang;
    let describe_width = entries.iter().map(|(_, c)| width(lang.command(*c))).max().unwrap_or(0);
    let full_width = key_width + 3 + describe_width;
    // Two columns of full descriptions do not fit a narrow terminal: show the short names.
    let short = usize::from(columns) * full_width + 2 > usize::from(area.width);
    let text_of = |command: &Command| {
        if short {
            lang.hint(*command)
        } else {
            lang.command(*command)
        }
    };
    let text_width = entries.iter().map(|(_, c)| width(text_of(c))).max().unwrap_or(0);
    let line = |(keys, command): &(String, Command)| {
        Line::from(vec![
            Span::styled(format!(" {keys:<key_width$}  "), theme.style(Role::HelpKey)),
            Span::styled(text_of(command), theme.style(Role::HelpDescription)),
        ])
    };
    let column_width = u16::try_from(key_width + 4 + text_width).unwrap_or(u16::MAX);
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let popup = centered(area, column_width.saturating_mul(columns).saturating_add(2), height);
    frame.render_widget(Clear, popup);
    // A table's help is named after what it lists: "keys: pods".
    let screen = match app.view() {
        _ if matches!(under, Mode::Forwards(_)) => t!(lang, "forwards.help").to_string(),
        Some(view) if section == Section::Table && app.screen == crate::app::hosts::dashboard::Screen::Table => {
            view.kind.plural.clone()
        }
        _ if section == Section::Table && on_tree => t!(lang, "xray.help").to_string(),
        _ => section.name().to_string(),
    };
    let block = dialog_block(t!(lang, "help.title", screen = screen), theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let parts = Layout::horizontal(vec![Constraint::Ratio(1, u32::from(columns)); usize::from(columns)]).split(inner);
    for (part, chunk) in parts.iter().zip(entries.chunks(rows)) {
        let lines: Vec<Line> = chunk.iter().map(line).collect();
        frame.render_widget(Paragraph::new(lines), *part);
    }
}

pub fn confirm(frame: &mut Frame, area: Rect, confirm: &Confirm, lang: Lang, theme: &Theme) {
    let question = confirm.question(lang);
    let widest = width(&question).max(width(confirm.choices(lang)));
    let width = u16::try_from(widest + 6).unwrap_or(u16::MAX).max(30);
    let popup = centered(area, width, 5);
    frame.render_widget(Clear, popup);
    let lines = vec![
        Line::styled(question, theme.style(Role::StatusError)),
        Line::raw(""),
        Line::styled(confirm.choices(lang), theme.style(Role::HelpDescription)),
    ];
    let paragraph = Paragraph::new(lines)
        .alignment(ratatui::layout::Alignment::Center)
        .block(dialog_block(t!(lang, "confirm.title").into(), theme));
    frame.render_widget(paragraph, popup);
}

/// A form: one line per field, the focused one marked with its hint and its choices,
/// each field's problem beside it as it is typed, and the list of choices when open.
pub fn form(frame: &mut Frame, area: Rect, app: &App, form: &Form, theme: &Theme) {
    let lang = app.lang;
    let label_width = form.fields.iter().map(|f| width(f.label)).max().unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let marker = if focused { "> " } else { "  " };
        let value_style = if focused {
            theme.style(Role::RowSelected)
        } else {
            theme.style(Role::Row)
        };
        let mut spans = vec![
            Span::styled(
                format!("{marker}{}  ", pad(field.label, label_width)),
                theme.style(Role::HelpKey),
            ),
            Span::styled(format!("{} ", field.shown()), value_style),
        ];
        if !field.value.is_empty()
            && let Some(error) = form.field_error(index)
        {
            spans.push(Span::styled(format!(" {error}"), theme.style(Role::StatusError)));
        } else if !focused && let Some(note) = form_picker::row_note(field, lang) {
            spans.push(Span::styled(format!(" {note}"), theme.style(Role::HelpDescription)));
        }
        lines.push(Line::from(spans));
        if focused {
            let indent = " ".repeat(label_width + 4);
            lines.push(Line::styled(
                format!("{indent}{}", field.hint),
                theme.style(Role::HelpDescription),
            ));
            // The offer may carry a long reason: it wraps, the lines above it stay one each.
            let room = usize::from(form_width(area).saturating_sub(2)).saturating_sub(indent.len());
            let offer = form_picker::offer_line(field, &app.keymap, lang).unwrap_or_default();
            for text in wrap(&offer, room) {
                lines.push(Line::styled(
                    format!("{indent}{text}"),
                    theme.style(Role::HelpDescription),
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    let cycle = form_picker::cycle_keys(&app.keymap);
    let submit = match form.kind {
        FormKind::Registry { .. } | FormKind::EditUser { .. } => t!(lang, "form.save_pick", cycle = cycle),
        FormKind::Build | FormKind::NewUser | FormKind::App => t!(lang, "form.create_pick", cycle = cycle),
        FormKind::UserPassword { .. } | FormKind::OwnPassword { .. } => t!(lang, "form.set").to_string(),
        FormKind::Forward(_) => t!(lang, "form.start_pick", cycle = cycle),
    };
    lines.push(Line::styled(
        t!(lang, "form.keys", submit = submit),
        theme.style(Role::HelpDescription),
    ));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, form_width(area), height);
    frame.render_widget(Clear, popup);
    let block = dialog_block(format!(" {} ", form.title), theme);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
    let row = popup.y + 1 + u16::try_from(form.focus).unwrap_or(0);
    let x = popup.x + 1 + u16::try_from(label_width + 4).unwrap_or(0);
    form_picker::list(frame, area, form, (x, row), lang, theme);
}

fn form_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(100)
}

pub fn suggestions(frame: &mut Frame, area: Rect, prompt: &Prompt, lang: Lang, theme: &Theme) {
    if prompt.suggestions.is_empty() {
        return;
    }
    let text: Vec<Span> = prompt
        .suggestions
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let role = if i == 0 { Role::CommandLine } else { Role::Completion };
            [Span::styled(s.clone(), theme.style(role)), Span::raw("  ")]
        })
        .collect();
    let line_area = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    frame.render_widget(Clear, line_area);
    let hint = Span::styled(t!(lang, "prompt.tab"), theme.style(Role::HelpKey));
    frame.render_widget(Paragraph::new(Line::from([vec![hint], text].concat())), line_area);
}

fn dialog_block(title: String, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::DialogBorder))
        .title(Span::styled(title, theme.style(Role::Title)))
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}
