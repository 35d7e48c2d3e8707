//! A form field's choices on screen: the line under the focused field that offers them
//! (or says they are loading, or why there are none), the note beside a field whose
//! choices are not there, and the small list that picks one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::input::form::{Field, Form, Offer};
use crate::config::command::{Command, Section};
use crate::config::i18n::{Lang, t};
use crate::config::keymap::Keymap;
use crate::config::theme::{Role, Theme};

use super::width::width;

/// How many choices the list shows at once, and the offer line names.
const SHOWN: usize = 8;

/// The first key bound to `command` in forms, as keymaps spell it.
fn key(keymap: &Keymap, command: Command) -> String {
    keymap
        .keys_for(Section::Form, command)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// `←/→`, from the keymap.
pub fn cycle_keys(keymap: &Keymap) -> String {
    format!(
        "{}/{}",
        arrow(key(keymap, Command::PickPrevious)),
        arrow(key(keymap, Command::PickNext))
    )
}

fn arrow(key: String) -> String {
    match key.as_str() {
        "left" => "←".into(),
        "right" => "→".into(),
        _ => key,
    }
}

/// The line under the focused field about its choices, if it has or awaits any.
pub fn offer_line(field: &Field, keymap: &Keymap, lang: Lang) -> Option<String> {
    if field.choices.is_empty() {
        return match &field.offer {
            Offer::Fixed => None,
            _ => Some(crate::app::input::form::nothing_to_list(field, lang)),
        };
    }
    let (cycle, list) = (cycle_keys(keymap), key(keymap, Command::PickList));
    let mut named: Vec<String> = field
        .choices
        .iter()
        .enumerate()
        .take(SHOWN)
        .map(|(i, c)| {
            if field.multi && i == field.cursor {
                format!("[{c}]")
            } else {
                c.clone()
            }
        })
        .collect();
    if field.choices.len() > SHOWN {
        named.push(t!(lang, "picker.more", count = field.choices.len() - SHOWN));
    }
    let choices = named.join(if field.multi { " " } else { ", " });
    Some(if field.multi {
        t!(lang, "picker.pick_multi", cycle = cycle, list = list, choices = choices)
    } else {
        t!(lang, "picker.pick", cycle = cycle, list = list, choices = choices)
    })
}

/// Beside a field that is not focused: its choices are loading, or could not be loaded.
pub fn row_note(field: &Field, lang: Lang) -> Option<&'static str> {
    match field.offer {
        Offer::Loading => Some(t!(lang, "picker.loading")),
        Offer::Failed(_) => Some(t!(lang, "picker.failed_short")),
        _ => None,
    }
}

/// The open list of the focused field's choices, under its row (`row`: the screen line
/// of the field, `x`: where its value starts), above it when it does not fit below.
pub fn list(frame: &mut Frame, area: Rect, form: &Form, (x, row): (u16, u16), lang: Lang, theme: &Theme) {
    let Some(open) = form.list else {
        return;
    };
    let Some(field) = form.fields.get(form.focus) else {
        return;
    };
    let cursor = open.cursor.min(field.choices.len().saturating_sub(1));
    let first = cursor.saturating_sub(SHOWN - 1);
    let items = field.multi.then(|| field.items());
    let lines: Vec<Line> = field
        .choices
        .iter()
        .enumerate()
        .skip(first)
        .take(SHOWN)
        .map(|(i, choice)| {
            let mark = match &items {
                Some(items) if items.contains(choice) => "[x] ",
                Some(_) => "[ ] ",
                None => "",
            };
            let (pointer, role) = if i == cursor {
                ("> ", Role::RowSelected)
            } else {
                ("  ", Role::Row)
            };
            Line::styled(format!("{pointer}{mark}{choice}"), theme.style(role))
        })
        .collect();
    let keys = if field.multi {
        t!(lang, "picker.list_keys_multi")
    } else {
        t!(lang, "picker.list_keys")
    };
    let widest = lines
        .iter()
        .map(Line::width)
        .chain([width(keys), width(field.label) + 2])
        .max();
    let inner_width = u16::try_from(widest.unwrap_or(0)).unwrap_or(u16::MAX);
    let height = u16::try_from(lines.len() + 3).unwrap_or(u16::MAX);
    let below = row.saturating_add(1);
    let y = if below.saturating_add(height) <= area.bottom() {
        below
    } else {
        row.saturating_sub(height).max(area.y)
    };
    let popup_width = inner_width.saturating_add(2).min(area.width);
    let x = x.min(area.right().saturating_sub(popup_width));
    let popup = Rect::new(x, y, popup_width, height.min(area.height)).intersection(area);
    let mut text = lines;
    text.push(Line::styled(keys, theme.style(Role::HelpDescription)));
    let title = Span::styled(format!(" {} ", field.label), theme.style(Role::Title));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::DialogBorder))
        .title(title);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(text).block(block), popup);
}
