//! The text of a Secret's decoded view: its type and keys, each value masked until
//! revealed, then as text (a value of several lines indented under its key), as
//! `<binary, N bytes>`, or marked as not base64.

use serde_json::Value;

use crate::config::i18n::{Lang, t};
use crate::model::secret::{MASK, Shown, entries, secret_type};

/// The viewer's text of `object`, a Secret.
pub fn secret_text(object: &Value, revealed: bool, lang: Lang) -> String {
    let entries = entries(object);
    let mut lines = vec![
        t!(lang, "secret.header", kind = secret_type(object), count = entries.len()),
        String::new(),
    ];
    if entries.is_empty() {
        lines.push(t!(lang, "secret.empty").to_string());
    }
    for entry in &entries {
        let key = &entry.key;
        match entry.shown(revealed) {
            Shown::Masked => lines.push(format!("{key}: {MASK}")),
            Shown::Text(text) if text.trim_end_matches('\n').contains('\n') => {
                lines.push(format!("{key}:"));
                lines.extend(text.lines().map(|line| format!("  {}", untabbed(line))));
            }
            Shown::Text(text) => lines.push(format!("{key}: {}", untabbed(text.trim_end_matches('\n')))),
            Shown::Binary(bytes) => lines.push(format!("{key}: {}", t!(lang, "secret.binary", bytes = bytes))),
            Shown::Invalid => lines.push(format!("{key}: {}", t!(lang, "secret.invalid"))),
        }
    }
    lines.join("\n")
}

/// Tabs as spaces: a cell holds one character, and a tab would leave the columns.
fn untabbed(text: &str) -> String {
    text.replace('\t', "    ")
}
