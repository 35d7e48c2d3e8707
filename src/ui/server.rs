//! The server's screens for admins: the live sessions and the recent changes (the audit
//! trail), each a table drawn from what the server told the session, the selected line
//! highlighted; the audit screen says the selected change in full below (its address
//! and whole reason).

use k8s_openapi::jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use crate::app::App;
use crate::config::i18n::t;
use crate::config::theme::{Role, Theme};
use crate::model::age::format_age;
use crate::model::server_session::{AuditEntry, Outcome};

/// `:sessions`: user, source, since, idle, where.
pub fn sessions(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let header = [
        t!(lang, "server.col_id"),
        t!(lang, "server.col_user"),
        t!(lang, "server.col_source"),
        t!(lang, "server.col_since"),
        t!(lang, "server.col_idle"),
        t!(lang, "server.col_view"),
    ];
    let rows = app.server.sessions.iter().map(|session| {
        let own = app.own_session_id == Some(session.id);
        let idle = format_age(Some(session.last_input), app.now);
        let idle = if session.idle_seconds(app.now) < 5 {
            "-".into()
        } else {
            idle
        };
        let id = if own {
            format!("{}*", session.id)
        } else {
            session.id.to_string()
        };
        Row::new([
            id,
            session.user.clone(),
            session.source.clone(),
            format_age(Some(session.since), app.now),
            idle,
            session.view.clone(),
        ])
    });
    let widths = [
        Constraint::Length(5),
        Constraint::Length(name_width(app.server.sessions.iter().map(|s| s.user.as_str()))),
        Constraint::Length(21),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Min(10),
    ];
    let title = t!(lang, "server.sessions_title", count = app.server.sessions.len());
    let empty = app.server.sessions.is_empty().then(|| t!(lang, "server.loading"));
    draw_table(
        frame,
        area,
        (title, empty),
        (header, widths),
        rows,
        app.server.selected,
        theme,
    );
}

/// `:audit`: the recent changes, newest first; below, the selected one in full.
pub fn audit(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area);
    let header = [
        t!(lang, "server.col_time"),
        t!(lang, "server.col_user"),
        t!(lang, "server.col_action"),
        t!(lang, "server.col_object"),
        t!(lang, "server.col_result"),
    ];
    let rows = app.server.audit.iter().map(|entry| {
        Row::new([
            clock(entry.time),
            entry.user.clone(),
            entry.action.clone(),
            entry.object.clone(),
            result_word(entry, app),
        ])
        .style(theme.style(row_role(entry)))
    });
    let widths = [
        Constraint::Length(8),
        Constraint::Length(name_width(app.server.audit.iter().map(|e| e.user.as_str()))),
        Constraint::Length(13),
        Constraint::Min(16),
        Constraint::Length(6),
    ];
    let title = t!(lang, "server.audit_title", count = app.server.audit.len());
    let empty = app.server.audit.is_empty().then(|| t!(lang, "server.no_changes"));
    draw_table(
        frame,
        list,
        (title, empty),
        (header, widths),
        rows,
        app.server.selected,
        theme,
    );
    let selected = app.server.audit.get(app.server.selected);
    let text = selected.map(|entry| full_entry(entry, app)).unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border));
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(block), detail);
}

type Header<'a, const N: usize> = ([&'a str; N], [Constraint; N]);

fn draw_table<'a, const N: usize>(
    frame: &mut Frame,
    area: Rect,
    (title, empty): (String, Option<&'static str>),
    (header, widths): Header<'a, N>,
    rows: impl Iterator<Item = Row<'a>>,
    selected: usize,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::Border))
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)));
    if let Some(empty) = empty {
        let line = Line::styled(empty, theme.style(Role::HelpDescription));
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.style(Role::TableHeader)))
        .style(theme.style(Role::Row))
        .row_highlight_style(theme.style(Role::RowSelected))
        .block(block);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The width of a user column: its longest name, within reason.
fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> u16 {
    let longest = names.map(crate::ui::width::width).max().unwrap_or(0);
    u16::try_from(longest.clamp(6, 24)).unwrap_or(24) + 1
}

/// `14:05:09` (UTC): the trail is recent, its lines keep the whole time.
fn clock(time: Timestamp) -> String {
    time.strftime("%H:%M:%S").to_string()
}

fn result_word(entry: &AuditEntry, app: &App) -> String {
    match entry.outcome {
        Outcome::Ok => t!(app.lang, "server.ok").into(),
        Outcome::Failed(_) => t!(app.lang, "server.failed").into(),
    }
}

fn row_role(entry: &AuditEntry) -> Role {
    match entry.outcome {
        Outcome::Ok => Role::Row,
        Outcome::Failed(_) => Role::RowError,
    }
}

/// The selected entry with nothing cut: its time, who, what and why it failed.
fn full_entry(entry: &AuditEntry, app: &App) -> String {
    let time = entry.time.strftime("%Y-%m-%d %H:%M:%S UTC");
    let reason = match &entry.outcome {
        Outcome::Ok => t!(app.lang, "server.ok").to_string(),
        Outcome::Failed(why) => format!("{}: {why}", t!(app.lang, "server.failed")),
    };
    format!(
        "{time}  {} ({})  {} {}\n{reason}",
        entry.user, entry.source, entry.action, entry.object
    )
}
