//! The `Events:` table at the end of a description, oldest first, as kubectl describe prints it.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::model::age::format_age;

const HEADERS: [&str; 5] = ["Type", "Reason", "Age", "From", "Message"];

/// One event as printed, with the time it is sorted by.
struct Row {
    when: Option<Timestamp>,
    cells: [String; 5],
}

/// The lines of the Events section for these core/v1 Event objects.
pub(super) fn render_events(events: &[Value], now: Timestamp) -> Vec<String> {
    if events.is_empty() {
        return vec!["Events:  <none>".to_string()];
    }
    let mut rows: Vec<Row> = events.iter().map(|event| row(event, now)).collect();
    rows.sort_by_key(|row| row.when);
    let header = HEADERS.map(str::to_string);
    let rule = HEADERS.map(|h| "-".repeat(h.len()));
    let mut table = vec![header, rule];
    table.extend(rows.into_iter().map(|row| row.cells));
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|column| {
            table
                .iter()
                .map(|cells| cells[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut lines = vec!["Events:".to_string()];
    lines.extend(table.iter().map(|cells| format_row(cells, &widths)));
    lines
}

fn format_row(cells: &[String; 5], widths: &[usize]) -> String {
    let mut line = "  ".to_string();
    for (cell, width) in cells.iter().zip(widths) {
        line.push_str(&format!("{cell:<width$}  "));
    }
    line.trim_end().to_string()
}

fn row(event: &Value, now: Timestamp) -> Row {
    let text = |pointer: &str| event.pointer(pointer).and_then(Value::as_str).unwrap_or_default();
    let when = [
        "/lastTimestamp",
        "/eventTime",
        "/series/lastObservedTime",
        "/metadata/creationTimestamp",
    ]
    .iter()
    .find_map(|pointer| timestamp(event.pointer(pointer)));
    let from = [text("/source/component"), text("/reportingComponent")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    Row {
        when,
        cells: [
            text("/type").to_string(),
            text("/reason").to_string(),
            age(event, when, now),
            from.to_string(),
            one_line(text("/message")),
        ],
    }
}

/// A message on one line: kubectl prints multi-line messages raw, which breaks the table.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `5m`, or `5m (x3 over 10m)` for an event seen several times.
fn age(event: &Value, when: Option<Timestamp>, now: Timestamp) -> String {
    let last = format_age(when, now);
    let count = event.get("count").and_then(Value::as_u64).unwrap_or(1);
    match timestamp(event.get("firstTimestamp")) {
        Some(first) if count > 1 => format!("{last} (x{count} over {})", format_age(Some(first), now)),
        _ => last,
    }
}

/// The timestamp in `value`, when it is an RFC 3339 string.
fn timestamp(value: Option<&Value>) -> Option<Timestamp> {
    value.and_then(Value::as_str).and_then(|s| s.parse().ok())
}
