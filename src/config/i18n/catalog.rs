//! One message catalog read from its TOML file: tables of strings, flattened to dotted
//! keys (`[footer] editor = "…"` is `footer.editor`), and the `{name}` placeholders of a
//! text.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use crate::config::doc::Doc;

/// A catalog: dotted key → text.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: BTreeMap<String, String>,
}

impl Catalog {
    /// Reads a catalog; what is not a table or a string becomes a problem (`<line>: …`),
    /// and the rest still applies.
    pub fn parse(text: &str) -> (Catalog, Vec<String>) {
        let doc = Doc::new("catalog", text);
        let mut catalog = Catalog::default();
        let mut problems = Vec::new();
        match doc.parse() {
            Ok(table) => flatten(&doc, "", &table, &mut catalog.entries, &mut problems),
            Err(problem) => problems.push(problem),
        }
        (catalog, problems)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

fn flatten(
    doc: &Doc<'_>,
    prefix: &str,
    table: &DeTable<'_>,
    out: &mut BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    for (key, value) in table {
        let name = format!("{prefix}{}", key.get_ref());
        match value.get_ref() {
            DeValue::String(text) => {
                out.insert(name, text.to_string());
            }
            DeValue::Table(inner) => flatten(doc, &format!("{name}."), inner, out, problems),
            other => problems.push(doc.warn(
                value.span().start,
                format!("{name} must be a string, not {}", other.type_str()),
                &[],
            )),
        }
    }
}

#[cfg(test)]
/// The `{name}` placeholders of a text (names of lower-case letters, digits and `_`).
pub fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
    let mut found = std::collections::BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                found.insert(name);
                rest = &rest[close + 1..];
            }
        }
    }
    found
}
