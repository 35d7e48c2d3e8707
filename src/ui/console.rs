//! An exec console drawn from its vt100 screen with tui-term: colours, cursor and
//! full-screen programs as the remote terminal shows them, the scrollback position,
//! how to detach, and the exit status once the shell ends. Also the `:consoles` list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use tui_term::widget::{Cursor, PseudoTerminal};

use crate::app::App;
use crate::app::console::Console;
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};

pub fn console(frame: &mut Frame, area: Rect, app: &App, console: &Console, theme: &Theme) {
    let detach = app
        .keymap
        .keys_for(Section::Console, Command::Detach)
        .into_iter()
        .next()
        .unwrap_or_default();
    let index = app.consoles.iter().position(|c| c.id == console.id).unwrap_or(0) + 1;
    let title = t!(
        app.lang,
        "console.title",
        title = console.title,
        index = index,
        count = app.consoles.len()
    );
    let screen = console.parser.screen();
    let state = match (&console.ended, screen.scrollback()) {
        (Some(status), _) => t!(app.lang, "console.ended", status = status),
        (None, _) if console.starting => t!(app.lang, "console.title_waiting").to_string(),
        (None, 0) => t!(app.lang, "console.detach", key = detach),
        (None, lines) => t!(app.lang, "console.scrollback", lines = lines, key = detach),
    };
    let role = if console.ended.is_some() {
        Role::StatusError
    } else {
        Role::HeaderValue
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(title, theme.style(Role::Title)))
        .title(Line::styled(state, theme.style(role)).right_aligned());
    if console.starting && console.ended.is_none() {
        return super::console_wait::waiting(frame, area, app, console, block, theme);
    }
    let mut cursor = Cursor::default();
    if console.ended.is_some() || screen.hide_cursor() || screen.scrollback() > 0 {
        cursor.hide();
    }
    frame.render_widget(PseudoTerminal::new(screen).block(block).cursor(cursor), area);
}

/// The open consoles, the selected one highlighted.
pub fn list(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let items: Vec<ListItem> = app
        .consoles
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let state = match (&c.ended, c.starting) {
                (Some(ended), _) => ended.as_str(),
                (None, true) => t!(app.lang, "console.list_waiting"),
                (None, false) => t!(app.lang, "console.running"),
            };
            ListItem::new(format!("{}. {}  ({state})", i + 1, c.title))
        })
        .collect();
    let width = items.iter().map(ListItem::width).max().unwrap_or(0).max(44) + 4;
    let height = items.len() + 3;
    let [popup] = Layout::horizontal([Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(u16::try_from(height).unwrap_or(u16::MAX))])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::DialogBorder))
        .title(Span::styled(
            t!(app.lang, "console.list_title"),
            theme.style(Role::Title),
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [rows, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let list = List::new(items)
        .style(theme.style(Role::Row))
        .highlight_style(theme.style(Role::RowSelected));
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, rows, &mut state);
    let help = Paragraph::new(Line::styled(
        t!(app.lang, "console.list_keys"),
        theme.style(Role::HelpDescription),
    ));
    frame.render_widget(help, hint);
}
