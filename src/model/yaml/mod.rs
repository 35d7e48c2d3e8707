//! Objects as YAML for the view and edit screens: noise removal, secret masking, (de)serialisation.

mod tokens;

use std::fmt;

use serde_json::Value;
use serde_saphyr::{MessageFormatter as _, UserMessageFormatter};

pub use tokens::{YamlToken, tokenize_line, tokenize_lines};

/// What replaces every value of a Secret's `data` and `stringData` when masked.
pub const MASK: &str = "••••••";

/// Why a YAML text could not be read back as one object; positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl YamlError {
    fn without_position(message: impl Into<String>) -> Self {
        YamlError {
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: {}", self.message),
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

/// Removes what nobody reads or edits by hand: `metadata.managedFields`.
pub fn strip_noise(object: &mut Value) {
    if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        metadata.remove("managedFields");
    }
}

/// Hides the values of a Secret's `data` and `stringData`, keeping the keys; other kinds are untouched.
pub fn mask_secrets(object: &mut Value) {
    if object.get("kind").and_then(Value::as_str) != Some("Secret") {
        return;
    }
    for field in ["data", "stringData"] {
        if let Some(entries) = object.get_mut(field).and_then(Value::as_object_mut) {
            entries.values_mut().for_each(|value| *value = Value::from(MASK));
        }
    }
}

/// The YAML text of `object`, keys in the object's order.
pub fn to_yaml(object: &Value) -> Result<String, String> {
    serde_saphyr::to_string(object).map_err(|error| error.to_string())
}

/// Reads back one object from `text`; several documents, an empty document or a non-mapping are refused.
pub fn from_yaml(text: &str) -> Result<Value, YamlError> {
    let value: Value = serde_saphyr::from_str(text).map_err(|error| parse_error(&error))?;
    match value {
        Value::Object(_) => Ok(value),
        Value::Null => Err(YamlError::without_position("the document is empty")),
        other => Err(YamlError::without_position(format!(
            "expected one object (a mapping of fields), found {}",
            describe_json_type(&other)
        ))),
    }
}

/// Reads every document of a multi-document text (`---` separated); empty documents are dropped.
pub fn documents_from_yaml(text: &str) -> Result<Vec<Value>, YamlError> {
    let documents: Vec<Value> = serde_saphyr::from_multiple(text).map_err(|error| parse_error(&error))?;
    Ok(documents.into_iter().filter(|d| !d.is_null()).collect())
}

fn parse_error(error: &serde_saphyr::Error) -> YamlError {
    let location = error.location().filter(|location| location.line() > 0);
    let inner = error.without_snippet();
    let message = match inner {
        serde_saphyr::Error::MultipleDocuments { .. } => {
            "only one object can be edited at a time: remove the `---` separator and the documents after it".to_string()
        }
        _ => one_line(&UserMessageFormatter.format_message(inner)),
    };
    YamlError {
        line: location.and_then(|l| usize::try_from(l.line()).ok()),
        column: location
            .and_then(|l| usize::try_from(l.column()).ok())
            .filter(|c| *c > 0),
        message,
    }
}

/// The first line of `message` without control characters (the library's text may carry a snippet).
fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    first
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

fn describe_json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests;
