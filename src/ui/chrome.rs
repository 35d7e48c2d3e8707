//! The frame around every screen: the top bar (where kubic is connected, the
//! breadcrumb) and the footer (prompt, status message or key hints).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::input::prompt::PromptKind;
use crate::app::{App, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (h, lang) = (&app.header, app.lang);
    let label = |text: &'static str| Span::styled(text, theme.style(Role::HeaderLabel));
    let value = |text: String| Span::styled(text, theme.style(Role::HeaderValue));
    let project = (app.namespace.clone()).unwrap_or_else(|| t!(lang, "header.all_projects").into());
    let mut first = Vec::new();
    if app.readonly {
        first.push(Span::styled(t!(lang, "header.readonly"), theme.style(Role::Readonly)));
        first.push(Span::raw(" "));
    }
    if let Some(login) = &app.login {
        first.extend([label(t!(lang, "header.user")), value(login.label()), label("  ")]);
    }
    first.extend([
        label(t!(lang, "header.context")),
        value(h.context.clone()),
        label(t!(lang, "header.cluster")),
        value(h.cluster.clone()),
        label(t!(lang, "header.project")),
        value(project),
    ]);
    let second = vec![
        label(t!(lang, "header.server")),
        value(h.server_url.clone()),
        label(t!(lang, "header.kubic")),
        value(h.client_version.clone()),
        label(t!(lang, "header.k8s")),
        value(h.server_version.clone().unwrap_or_else(|| "…".into())),
    ];
    let mut crumbs: Vec<String> = app.views.iter().map(|v| v.crumb()).collect();
    match &app.screen {
        crate::app::hosts::dashboard::Screen::Dashboard => crumbs = vec![t!(lang, "crumb.dashboard").into()],
        crate::app::hosts::dashboard::Screen::Monitor(node) => crumbs.push(t!(lang, "crumb.monitor", node = node)),
        crate::app::hosts::dashboard::Screen::Sessions => crumbs = vec![t!(lang, "crumb.sessions").into()],
        crate::app::hosts::dashboard::Screen::Audit => crumbs = vec![t!(lang, "crumb.audit").into()],
        crate::app::hosts::dashboard::Screen::Xray(xray) => crumbs.push(xray.crumb(lang)),
        crate::app::hosts::dashboard::Screen::Table => {}
    }
    let third = vec![Span::styled(
        format!("<{}>", crumbs.join(" > ")),
        theme.style(Role::Title),
    )];
    let lines = vec![Line::from(first), Line::from(second), Line::from(third)];
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let line = match (&app.mode, &app.status) {
        (Mode::Prompt(prompt), _) => {
            let sigil = match &prompt.kind {
                PromptKind::Command => ":".to_string(),
                PromptKind::Filter => "/".to_string(),
                PromptKind::Input(purpose) => purpose.label(app.lang),
                PromptKind::Batch { catalog } => t!(app.lang, "prompt.batch", catalog = catalog),
            };
            let offset = u16::try_from(unicode_width(&sigil)).unwrap_or(u16::MAX);
            frame.set_cursor_position((area.x + offset + prompt_cursor_column(prompt), area.y));
            let mut spans = vec![Span::styled(
                format!("{sigil}{}", prompt.input),
                theme.style(Role::CommandLine),
            )];
            if let Some(error) = &prompt.error {
                spans.push(Span::styled(format!("  ({error})"), theme.style(Role::StatusError)));
            }
            Line::from(spans)
        }
        (_, Some(status)) => {
            let role = if status.error {
                Role::StatusError
            } else {
                Role::StatusInfo
            };
            let lines = status_lines(app, &status.text, area.width);
            let lines = lines.into_iter().map(|line| Line::styled(line, theme.style(role)));
            frame.render_widget(Paragraph::new(lines.collect::<Vec<_>>()), area);
            return;
        }
        (mode, None) => hints(app, mode, theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The most lines a footer message takes; a longer one ends in a marker that points to
/// `:messages`, where it is kept whole.
pub const FOOTER_LINES: usize = 3;

/// How many lines the footer needs at `width`: a message's wrapped lines (at most
/// [`FOOTER_LINES`]), else one.
pub fn footer_height(app: &App, width: u16) -> u16 {
    match (&app.mode, &app.status) {
        (Mode::Prompt(_), _) | (_, None) => 1,
        (_, Some(status)) => u16::try_from(status_lines(app, &status.text, width).len()).unwrap_or(1),
    }
}

/// A footer message in lines of the footer's width, cut after [`FOOTER_LINES`] with the
/// marker that says where the rest is.
fn status_lines(app: &App, text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width).max(1);
    let mut lines = crate::model::wrap::wrap(text, width);
    if lines.len() > FOOTER_LINES {
        lines.truncate(FOOTER_LINES);
        let marker = t!(app.lang, "footer.more");
        let last = format!("{} ", lines[FOOTER_LINES - 1]);
        let cut = crate::model::wrap::cells_of(&last) + crate::model::wrap::cells_of(marker) > width;
        lines[FOOTER_LINES - 1] = if cut {
            crate::model::wrap::truncate(&last, width.saturating_sub(crate::model::wrap::cells_of(marker)), "") + marker
        } else {
            last + marker
        };
    }
    lines
}

fn prompt_cursor_column(prompt: &crate::app::input::prompt::Prompt) -> u16 {
    let before: String = prompt.input.chars().take(prompt.cursor).collect();
    u16::try_from(unicode_width(&before)).unwrap_or(u16::MAX)
}

fn unicode_width(text: &str) -> usize {
    ratatui::text::Span::raw(text).width()
}

/// The most useful keys of the current screen, from the keymap.
fn hints(app: &App, mode: &Mode, theme: &Theme) -> Line<'static> {
    let (section, commands): (Section, &[Command]) = match mode {
        Mode::Viewer(_) => (
            Section::Viewer,
            &[Command::Back, Command::RevealSecrets, Command::Edit, Command::Help],
        ),
        Mode::Logs(_) => (
            Section::Logs,
            &[
                Command::Back,
                Command::Follow,
                Command::Search,
                Command::Timestamps,
                Command::Wrap,
                Command::Container,
                Command::SaveLog,
                Command::Help,
            ],
        ),
        Mode::Console(_) => (Section::Console, &[Command::Detach, Command::PageUp, Command::PageDown]),
        Mode::Editor(_) => return Line::styled(t!(app.lang, "footer.editor"), theme.style(Role::HelpDescription)),
        Mode::Browse(_) => (
            Section::Table,
            &[Command::Enter, Command::Back, Command::Delete, Command::Help],
        ),
        Mode::Forwards(_) => (
            Section::Table,
            &[Command::Back, Command::Delete, Command::CommandLine, Command::Help],
        ),
        _ if matches!(app.screen, crate::app::hosts::dashboard::Screen::Xray(_)) => (
            Section::Table,
            &[
                Command::Back,
                Command::Describe,
                Command::Yaml,
                Command::Logs,
                Command::Help,
            ],
        ),
        _ if app.screen == crate::app::hosts::dashboard::Screen::Dashboard => (
            Section::Table,
            &[Command::CommandLine, Command::Edit, Command::Help, Command::Quit],
        ),
        _ if app.screen == crate::app::hosts::dashboard::Screen::Sessions => (
            Section::Table,
            &[Command::Back, Command::Delete, Command::CommandLine, Command::Help],
        ),
        _ if app.screen != crate::app::hosts::dashboard::Screen::Table => (
            Section::Table,
            &[Command::Back, Command::CommandLine, Command::Help, Command::Quit],
        ),
        _ => (
            Section::Table,
            &[
                Command::CommandLine,
                Command::Filter,
                Command::Describe,
                Command::Yaml,
                Command::Edit,
                Command::Delete,
                Command::Help,
                Command::Quit,
            ],
        ),
    };
    let mut spans = Vec::new();
    let changes = [Command::Edit, Command::EditExternal, Command::Delete];
    // A table leaves out what the API server is known to refuse.
    let table = app.screen == crate::app::hosts::dashboard::Screen::Table
        && !matches!(
            mode,
            Mode::Viewer(_) | Mode::Logs(_) | Mode::Console(_) | Mode::Browse(_) | Mode::Forwards(_)
        );
    let shown = |c: &&Command| !(app.readonly && changes.contains(c)) && (!table || app.permits(**c));
    for &command in commands.iter().filter(shown) {
        let mut keys = app.keymap.keys_for(section, command);
        keys.extend(app.keymap.keys_for(Section::Global, command));
        let Some(key) = keys.into_iter().next() else {
            continue;
        };
        spans.push(Span::styled(format!("<{key}>"), theme.style(Role::HelpKey)));
        spans.push(Span::styled(
            format!(" {}  ", app.lang.hint(command)),
            theme.style(Role::HelpDescription),
        ));
    }
    Line::from(spans)
}
