//! The one-line inputs: the `:` command line (with completion) and the `/` filter.

use crate::app::kubic::ops::InputPurpose;

/// Which input is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Command,
    Filter,
    /// A value a KUBIC action needs (replicas, a tag, a project name…).
    Input(InputPurpose),
    /// The command a batch runs in every pod of the catalog's apps.
    Batch {
        catalog: String,
    },
}

/// A line being typed; nothing typed is lost until it is submitted or cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// For the filter: what was there before, restored on `esc`.
    pub previous: String,
    /// Completion candidates for the word being typed.
    pub suggestions: Vec<String>,
    /// Why the input is not valid yet (KUBIC inputs validate while typing).
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind, initial: &str) -> Prompt {
        Prompt {
            kind,
            input: initial.to_string(),
            cursor: initial.chars().count(),
            previous: initial.to_string(),
            suggestions: Vec::new(),
            error: None,
        }
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_index();
        self.input.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = self.byte_index();
        self.input.remove(at);
    }

    pub fn delete(&mut self) {
        let at = self.byte_index();
        if at < self.input.len() {
            self.input.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.input.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.input.chars().count();
    }

    /// Removes the word before the cursor (ctrl-w).
    pub fn delete_word(&mut self) {
        let before: String = self.input.chars().take(self.cursor).collect();
        let kept = before.trim_end().rfind(' ').map_or(0, |i| i + 1);
        let after: String = self.input.chars().skip(self.cursor).collect();
        self.input = format!("{}{after}", &before[..kept]);
        self.cursor = before[..kept].chars().count();
    }

    /// Replaces the last word with `word` (tab completion).
    pub fn complete_with(&mut self, word: &str) {
        let kept = self.input.rfind(' ').map_or(0, |i| i + 1);
        self.input.truncate(kept);
        self.input.push_str(word);
        self.end();
    }

    /// The word being typed (after the last space).
    pub fn last_word(&self) -> &str {
        self.input.rsplit(' ').next().unwrap_or_default()
    }

    fn byte_index(&self) -> usize {
        self.input
            .char_indices()
            .nth(self.cursor)
            .map_or(self.input.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keys_work_on_characters_not_bytes() {
        let mut p = Prompt::new(PromptKind::Filter, "né");
        p.insert('x');
        assert_eq!(p.input, "néx");
        p.left();
        p.left();
        p.backspace();
        assert_eq!(p.input, "éx");
        p.delete();
        assert_eq!(p.input, "x");
    }

    #[test]
    fn completion_replaces_the_last_word_and_ctrl_w_removes_it() {
        let mut p = Prompt::new(PromptKind::Command, "ns de");
        assert_eq!(p.last_word(), "de");
        p.complete_with("demo-web");
        assert_eq!(p.input, "ns demo-web");
        p.delete_word();
        assert_eq!(p.input, "ns ");
    }
}
