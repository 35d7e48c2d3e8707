//! Catalog templates: minijinja (jinja syntax) that renders an app's values into one or
//! more Kubernetes YAML documents. Rendering is pure; applying lives in the kube layer.

mod values;

pub use values::{AppValues, sample_values};

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior};
use serde_json::Value;

use crate::model::yaml::documents_from_yaml;

/// Where and why a template failed: in the template itself, or in what it rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// `template` or `rendered manifest`.
    pub place: &'static str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}, line {line}, column {column}: {}", self.place, self.message),
            (Some(line), None) => write!(f, "{}, line {line}: {}", self.place, self.message),
            _ => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

/// Renders `template` with `values` into Kubernetes objects, checking each has an
/// apiVersion, a kind and a name.
pub fn render(template: &str, values: &AppValues) -> Result<Vec<Value>, RenderError> {
    let text = render_text(template, values)?;
    let objects = documents_from_yaml(&text).map_err(|e| RenderError {
        place: "rendered manifest",
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    if objects.is_empty() {
        return Err(manifest_error("the template renders no Kubernetes object"));
    }
    for (index, object) in objects.iter().enumerate() {
        check_object(index + 1, object)?;
    }
    Ok(objects)
}

/// Renders the template to text only (for showing the manifest an app would get).
pub fn render_text(template: &str, values: &AppValues) -> Result<String, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| template_error(template, &e))?;
    env.set_syntax(syntax);
    let compiled = env
        .template_from_str(template)
        .map_err(|e| template_error(template, &e))?;
    compiled
        .render(minijinja::value::Serde(values))
        .map_err(|e| template_error(template, &e))
}

/// Checks a template the way saving a catalog does: renders it with sample values and
/// parses the result. Returns how many objects it makes.
pub fn check_template(template: &str) -> Result<usize, RenderError> {
    render(template, &sample_values()).map(|objects| objects.len())
}

fn template_error(template: &str, error: &minijinja::Error) -> RenderError {
    let column = error.range().map(|range| column_at(template, range.start));
    let message = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    RenderError {
        place: "template",
        line: error.line(),
        column,
        message,
    }
}

/// The 1-based column, in characters as an editor counts them, of byte `offset`.
fn column_at(text: &str, offset: usize) -> usize {
    let offset = (0..=offset.min(text.len()))
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    before[line_start..].chars().count() + 1
}

fn manifest_error(message: impl Into<String>) -> RenderError {
    RenderError {
        place: "rendered manifest",
        line: None,
        column: None,
        message: message.into(),
    }
}

fn check_object(index: usize, object: &Value) -> Result<(), RenderError> {
    let field = |pointer: &str| {
        object
            .pointer(pointer)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let missing = ["/apiVersion", "/kind", "/metadata/name"]
        .into_iter()
        .filter(|p| field(p).is_none())
        .map(|p| p.trim_start_matches('/').replace('/', "."))
        .collect::<Vec<_>>();
    if !object.is_object() {
        return Err(manifest_error(format!("document {index} is not a Kubernetes object")));
    }
    if !missing.is_empty() {
        return Err(manifest_error(format!(
            "document {index} has no {}",
            missing.join(", ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
