//! Any JSON value as kubectl-describe-style text: `Key:  value` lines aligned per block, nested fields indented.

use serde_json::{Map, Value};

use super::humanize::humanize;

/// Shown for nulls, empty maps and empty lists.
pub(super) const NONE: &str = "<none>";

/// Maps of free-form strings (label-like) shown as aligned `key=value` lines.
const LABEL_MAPS: &[&str] = &["labels", "annotations", "nodeSelector", "matchLabels", "selector"];

/// Maps whose keys are data, not field names: shown as they are, never humanised.
const VERBATIM_MAPS: &[&str] = &[
    "data",
    "stringData",
    "binaryData",
    "limits",
    "requests",
    "capacity",
    "allocatable",
    "parameters",
    "hard",
    "used",
];

/// What is printed for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    /// A one-line value after the key.
    Inline(String),
    /// Lines after the key, all at the value column (labels).
    Aligned(Vec<String>),
    /// A multi-line string, indented under the key.
    Text(Vec<String>),
    /// Named fields, indented under the key.
    Map(Vec<(String, Node)>),
    /// Items, each marked with `- ` under the key.
    List(Vec<Node>),
}

impl Node {
    fn is_beside_key(&self) -> bool {
        matches!(self, Node::Inline(_) | Node::Aligned(_))
    }
}

/// The node of `value`, the value of the field named `field` (which decides how map keys are shown).
fn from_value(field: &str, value: &Value) -> Node {
    match value {
        Value::Null => Node::Inline(NONE.into()),
        Value::Bool(b) => Node::Inline(b.to_string()),
        Value::Number(n) => Node::Inline(n.to_string()),
        Value::String(s) => from_string(s),
        Value::Array(items) if items.is_empty() => Node::Inline(NONE.into()),
        Value::Array(items) => Node::List(items.iter().map(|item| from_value("", item)).collect()),
        Value::Object(map) if map.is_empty() => Node::Inline(NONE.into()),
        Value::Object(map) if LABEL_MAPS.contains(&field) && map.values().all(Value::is_string) => {
            label_lines(map, &[])
        }
        Value::Object(map) => Node::Map(fields(map, VERBATIM_MAPS.contains(&field))),
    }
}

fn from_string(s: &str) -> Node {
    let trimmed = s.trim_end_matches(['\n', '\r']);
    if trimmed.is_empty() {
        Node::Inline("\"\"".into())
    } else if trimmed.contains('\n') {
        Node::Text(trimmed.lines().map(str::to_string).collect())
    } else {
        Node::Inline(trimmed.to_string())
    }
}

/// The entries of `map`, keys humanised and in reading order unless `verbatim`.
fn fields(map: &Map<String, Value>, verbatim: bool) -> Vec<(String, Node)> {
    if verbatim {
        map.iter().map(|(key, value)| field(key, value, true)).collect()
    } else {
        reading_order(map, false)
            .into_iter()
            .map(|(key, value)| field(key, value, false))
            .collect()
    }
}

/// The fields of `map` with `name`, `type` and `status` first (they identify list items and conditions);
/// `status` goes last instead when `status_last` (an object's top level).
pub(super) fn reading_order(map: &Map<String, Value>, status_last: bool) -> Vec<(&str, &Value)> {
    let rank = |key: &str| match key {
        "name" => 0,
        "type" => 1,
        "status" if status_last => 4,
        "status" => 2,
        _ => 3,
    };
    let mut entries: Vec<(&str, &Value)> = map.iter().map(|(key, value)| (key.as_str(), value)).collect();
    entries.sort_by_key(|(key, _)| rank(key));
    entries
}

/// The label and node of the field `key`; a `verbatim` key is data, shown as it is.
pub(super) fn field(key: &str, value: &Value, verbatim: bool) -> (String, Node) {
    if verbatim {
        (key.to_string(), from_value("", value))
    } else {
        (humanize(key), from_value(key, value))
    }
}

/// Sorted `key=value` lines of a string map, without the keys in `skip`; `<none>` when nothing is left.
pub(super) fn label_lines(map: &Map<String, Value>, skip: &[&str]) -> Node {
    let mut lines: Vec<String> = map
        .iter()
        .filter(|(key, _)| !skip.contains(&key.as_str()))
        .flat_map(|(key, value)| {
            let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
            let entry = format!("{key}={}", text.trim_end_matches('\n'));
            entry.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    if lines.is_empty() {
        lines.push(NONE.into());
    }
    Node::Aligned(lines)
}

/// Appends the lines of a block of fields at `indent`, values aligned after the longest key.
pub(super) fn render_block(entries: &[(String, Node)], indent: usize, out: &mut Vec<String>) {
    let column = entries
        .iter()
        .filter(|(_, node)| node.is_beside_key())
        .map(|(key, _)| key.chars().count() + 1)
        .max()
        .unwrap_or(0)
        + 2;
    for (key, node) in entries {
        render_entry(key, node, indent, column, out);
    }
}

fn render_entry(key: &str, node: &Node, indent: usize, column: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    let label = format!("{key}:");
    match node {
        Node::Inline(value) => out.push(format!("{pad}{label:<column$}{value}")),
        Node::Aligned(lines) => {
            for (at, line) in lines.iter().enumerate() {
                let lead = if at == 0 { label.as_str() } else { "" };
                out.push(format!("{pad}{lead:<column$}{line}"));
            }
        }
        Node::Text(_) | Node::Map(_) | Node::List(_) => {
            out.push(format!("{pad}{label}"));
            render_body(node, indent + 2, out);
        }
    }
}

/// Appends the lines of `node` on its own (no key), at `indent`.
fn render_body(node: &Node, indent: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    match node {
        Node::Inline(value) => out.push(format!("{pad}{value}")),
        Node::Aligned(lines) | Node::Text(lines) => out.extend(lines.iter().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })),
        Node::Map(entries) => render_block(entries, indent, out),
        Node::List(items) => items.iter().for_each(|item| render_item(item, indent, out)),
    }
}

/// Appends a list item: its body two columns in, its first line marked with `- `.
fn render_item(node: &Node, indent: usize, out: &mut Vec<String>) {
    let first = out.len();
    render_body(node, indent + 2, out);
    if let Some(line) = out.get_mut(first) {
        let rest = line.get(indent + 2..).unwrap_or_default();
        *line = format!("{}- {rest}", " ".repeat(indent)).trim_end().to_string();
    }
}

#[cfg(test)]
mod tests;
