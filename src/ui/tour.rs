//! `:tour`: KUBIC's steps in the manual's order, each with what is already
//! there, the selected one with the key that does the next thing and where `enter` goes;
//! and the dashboard's line that offers the tour until it is done.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::app::tour::Tour;
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};
use crate::model::tour::Step;

/// The tour in the body of the screen (a pane of its own: a box over wide characters
/// would cut them).
pub fn tour(frame: &mut Frame, area: Rect, app: &App, tour: &Tour, theme: &Theme) {
    let lang = app.lang;
    let title = t!(lang, "tour.title", at = tour.step + 1, of = Step::ALL.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::DialogBorder))
        .title(Span::styled(title, theme.style(Role::Title)));
    let mut lines = vec![
        Line::styled(t!(lang, "tour.intro"), theme.style(Role::HelpDescription)),
        Line::default(),
    ];
    for (at, step) in Step::ALL.into_iter().enumerate() {
        let (mark, role) = if at == tour.step {
            ("▸", Role::RowSelected)
        } else {
            (" ", Role::Row)
        };
        let text = format!(
            "{mark}{} {}",
            step.manual_number(),
            app.tour_line(step, tour.counts.as_ref())
        );
        lines.push(Line::styled(text, theme.style(role)));
    }
    let step = tour.current();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(t!(lang, "tour.next"), theme.style(Role::HeaderLabel)),
        Span::styled(app.tour_next(step), theme.style(Role::HeaderValue)),
    ]));
    let key = |command: Command| {
        app.keymap
            .keys_for(Section::Table, command)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let keys = t!(
        lang,
        "tour.keys",
        enter = key(Command::Enter),
        view = step.view(),
        down = key(Command::Down),
        up = key(Command::Up),
        back = key(Command::Back)
    );
    lines.push(Line::styled(keys, theme.style(Role::HelpDescription)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// The dashboard's offer of the tour, while it is not done.
pub fn offer(app: &App, theme: &Theme) -> Option<Line<'static>> {
    if app.tour_done {
        return None;
    }
    Some(Line::styled(
        t!(app.lang, "tour.offer"),
        theme.style(Role::HelpDescription),
    ))
}
