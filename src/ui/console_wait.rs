//! A KUBIC console whose toolbox pod does not run yet: instead of a bare cursor, what
//! the pod says — its phase, the conditions not yet true, waiting containers and its
//! newest events — and that `esc` cancels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::App;
use crate::app::console::Console;
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};
use crate::model::age::format_age;
use crate::model::pod_wait::PodWait;

/// The waiting console's pane inside `block`.
pub fn waiting(frame: &mut Frame, area: Rect, app: &App, console: &Console, block: Block, theme: &Theme) {
    let mut lines: Vec<Line> = console
        .parser
        .screen()
        .contents()
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| Line::styled(line.to_string(), theme.style(Role::Row)))
        .collect();
    match &console.waiting {
        Some(wait) => lines.extend(wait_lines(app, wait, theme)),
        None => lines.push(Line::styled(t!(app.lang, "console.creating"), theme.style(Role::Row))),
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        t!(app.lang, "console.esc_cancels"),
        theme.style(Role::HelpDescription),
    ));
    let paragraph = Paragraph::new(lines).block(block).wrap(Wrap { trim: false });
    frame.render_widget(paragraph, area);
}

fn wait_lines<'a>(app: &App, wait: &'a PodWait, theme: &Theme) -> Vec<Line<'a>> {
    let lang = app.lang;
    let label = theme.style(Role::HeaderLabel);
    let value = theme.style(Role::HeaderValue);
    let phase = if wait.phase.is_empty() {
        "…"
    } else {
        wait.phase.as_str()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(t!(lang, "console.pod", pod = wait.pod), label),
        Span::styled(phase.to_string(), theme.style(Role::RowPending)),
    ])];
    let reason = wait.reason();
    if let Some(reason) = &reason {
        lines.push(Line::from(vec![
            Span::styled(t!(lang, "console.why"), label),
            Span::styled(reason.clone(), theme.style(Role::RowError)),
        ]));
    }
    let said = |text: &String| reason.as_ref() == Some(text);
    for condition in &wait.conditions {
        let text = join(&condition.reason, &condition.message);
        if said(&text) {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", condition.kind), label),
            Span::styled(text, value),
        ]));
    }
    for container in &wait.containers {
        let text = join(&container.reason, &container.message);
        if said(&text) {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(t!(lang, "console.container", name = container.name), label),
            Span::styled(text, value),
        ]));
    }
    if !wait.events.is_empty() {
        lines.push(Line::styled(t!(lang, "console.events"), label));
    }
    for event in &wait.events {
        let age = format_age(event.at, app.now);
        let count = if event.count > 1 {
            format!(" ×{}", event.count)
        } else {
            String::new()
        };
        let role = if event.warning { Role::RowError } else { Role::Row };
        lines.push(Line::from(vec![
            Span::styled(format!("  {age:>4} {}{count} ", event.reason), theme.style(role)),
            Span::styled(event.message.clone(), value),
        ]));
    }
    lines
}

fn join(reason: &str, message: &str) -> String {
    [reason, message]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(": ")
}
