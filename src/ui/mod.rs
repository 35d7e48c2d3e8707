//! Panes and widgets: they borrow the application state and draw it. No IO.

mod browser;
mod charts;
mod chrome;
mod console;
mod console_wait;
mod dashboard;
mod form_picker;
mod forwards;
mod log_colors;
mod logs;
mod overlays;
mod server;
mod table;
mod text;
mod tour;
mod width;
mod xray;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::hosts::dashboard::Screen;
use crate::app::input::overlay::Confirm;
use crate::app::{App, Mode};
use crate::config::theme::Theme;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let footer_lines = chrome::footer_height(app, frame.area().width);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(footer_lines),
    ])
    .areas(frame.area());
    chrome::header(frame, header, app, theme);
    let screen = match &app.mode {
        Mode::Help(previous) => previous,
        mode => mode,
    };
    match screen {
        Mode::Viewer(viewer) => text::viewer(frame, body, viewer, app.lang, theme),
        Mode::Editor(editor) => text::editor(frame, body, editor, theme),
        Mode::Logs(pane) => logs::pane(frame, body, pane, theme),
        Mode::Console(id) => match app.console(*id) {
            Some(shown) => console::console(frame, body, app, shown, theme),
            None => table::table(frame, body, app, theme),
        },
        Mode::Browse(view) => browser::browser(frame, body, view, app.lang, theme),
        Mode::Forwards(selected) | Mode::Confirm(Confirm::StopForward { selected, .. }) => {
            forwards::list(frame, body, app, *selected, theme)
        }
        Mode::Tour(shown) => tour::tour(frame, body, app, shown, theme),
        _ => match &app.screen {
            Screen::Dashboard => dashboard::dashboard(frame, body, app, theme),
            Screen::Monitor(node) => dashboard::monitor(frame, body, app, node, theme),
            Screen::Table => table::table(frame, body, app, theme),
            Screen::Sessions => server::sessions(frame, body, app, theme),
            Screen::Audit => server::audit(frame, body, app, theme),
            Screen::Xray(tree) => xray::tree(frame, body, app, tree, theme),
        },
    }
    chrome::footer(frame, footer, app, theme);
    match &app.mode {
        Mode::Help(previous) => overlays::help(frame, body, app, previous, theme),
        Mode::Confirm(confirm) => overlays::confirm(frame, body, confirm, app.lang, theme),
        Mode::Prompt(prompt) => overlays::suggestions(frame, body, prompt, app.lang, theme),
        Mode::Form(form) => overlays::form(frame, body, app, form, theme),
        Mode::ConsoleList(selected) => console::list(frame, body, app, *selected, theme),
        _ => {}
    }
}
#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod console_tests;
#[cfg(test)]
mod console_wait_tests;
#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod forwards_tests;
#[cfg(test)]
mod image_tests;
#[cfg(test)]
mod korean_tests;
#[cfg(test)]
mod logs_tests;
#[cfg(test)]
mod messages_tests;
#[cfg(test)]
mod picker_tests;
#[cfg(test)]
mod server_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tour_tests;
#[cfg(test)]
mod user_tests;
#[cfg(test)]
mod xray_tests;
