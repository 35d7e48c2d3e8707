//! A kubectl-describe-like text for any object (CRDs included), so every kind can be described without per-kind code.

mod events;
mod humanize;
mod tree;

use k8s_openapi::jiff::Timestamp;
use serde_json::{Map, Value};

use crate::model::age::format_age;
use events::render_events;
use tree::{NONE, Node, field, label_lines, reading_order, render_block};

/// Never shown: it repeats the whole object (and a Secret's values).
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Top-level fields left out of the tree: `metadata` is the header, `apiVersion` and `kind` are implied.
const SKIPPED: &[&str] = &["apiVersion", "kind", "metadata"];

/// The description of `object` at time `now`, with `events` (core/v1 Event objects about it) at the end.
pub fn describe(object: &Value, events: &[Value], now: Timestamp) -> String {
    let empty = Map::new();
    let metadata = object.get("metadata").and_then(Value::as_object).unwrap_or(&empty);
    let mut entries = header(metadata, now);
    entries.extend(body(object));
    let mut lines = Vec::new();
    render_block(&entries, 0, &mut lines);
    lines.extend(render_events(events, now));
    lines.join("\n") + "\n"
}

/// Name, Namespace, Labels, Annotations, Created, Deletion and Controlled By.
fn header(metadata: &Map<String, Value>, now: Timestamp) -> Vec<(String, Node)> {
    let text = |key: &str| metadata.get(key).and_then(Value::as_str);
    let strings = |key: &str| metadata.get(key).and_then(Value::as_object);
    let empty = Map::new();
    let mut entries = vec![("Name".to_string(), inline(text("name").unwrap_or_default()))];
    if let Some(namespace) = text("namespace") {
        entries.push(("Namespace".into(), inline(namespace)));
    }
    entries.push(("Labels".into(), label_lines(strings("labels").unwrap_or(&empty), &[])));
    entries.push((
        "Annotations".into(),
        label_lines(strings("annotations").unwrap_or(&empty), &[LAST_APPLIED]),
    ));
    for (label, key) in [("Created", "creationTimestamp"), ("Deletion", "deletionTimestamp")] {
        if let Some(when) = text(key) {
            entries.push((label.into(), inline(&moment(when, now))));
        }
    }
    if let Some(owner) = controller(metadata) {
        entries.push(("Controlled By".into(), inline(&owner)));
    }
    entries
}

fn inline(text: &str) -> Node {
    Node::Inline(if text.is_empty() { "\"\"".into() } else { text.into() })
}

/// `2026-11-22T02:30:54Z (5m ago)`; the text alone when it is not a timestamp.
fn moment(when: &str, now: Timestamp) -> String {
    match when.parse::<Timestamp>() {
        Ok(at) => format!("{when} ({} ago)", format_age(Some(at), now)),
        Err(_) => when.to_string(),
    }
}

/// `Kind/name` of the owner reference marked as controller.
fn controller(metadata: &Map<String, Value>) -> Option<String> {
    let owners = metadata.get("ownerReferences")?.as_array()?;
    let owner = owners
        .iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))?;
    let field = |key: &str| owner.get(key).and_then(Value::as_str).unwrap_or_default();
    Some(format!("{}/{}", field("kind"), field("name")))
}

/// The other top-level fields in reading order (`status` last); a Secret's values are replaced by their sizes.
fn body(object: &Value) -> Vec<(String, Node)> {
    let Some(map) = object.as_object() else {
        return Vec::new();
    };
    let is_secret = object.get("kind").and_then(Value::as_str) == Some("Secret");
    reading_order(map, true)
        .into_iter()
        .filter(|(key, _)| !SKIPPED.contains(key))
        .map(|(key, value)| match (is_secret, key) {
            (true, "data") => ("Data".into(), secret_sizes(value, base64_size)),
            (true, "stringData") => ("String Data".into(), secret_sizes(value, str::len)),
            _ => field(key, value, false),
        })
        .collect()
}

/// `key:  N bytes` for every entry of a Secret's data, never the value.
fn secret_sizes(value: &Value, size: fn(&str) -> usize) -> Node {
    match value.as_object() {
        Some(map) if !map.is_empty() => Node::Map(
            map.iter()
                .map(|(key, v)| {
                    (
                        key.clone(),
                        Node::Inline(format!("{} bytes", size(v.as_str().unwrap_or_default()))),
                    )
                })
                .collect(),
        ),
        _ => Node::Inline(NONE.into()),
    }
}

/// The decoded size of base64 text: three bytes per four characters, minus the padding.
fn base64_size(encoded: &str) -> usize {
    let encoded = encoded.trim();
    let padding = encoded.len() - encoded.trim_end_matches('=').len();
    (encoded.len() * 3 / 4).saturating_sub(padding.min(2))
}

#[cfg(test)]
mod tests;
