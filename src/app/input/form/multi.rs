//! A field holding a comma list picked from known choices (a user's projects): typed
//! freely and checked item by item against the choices, or built with `←`/`→` to point
//! at a choice and space to add or remove it.

use super::{Field, split};

impl Field {
    /// A multi field of `choices`; while they are unknown (empty), any valid item goes.
    pub(in crate::app) fn multi(mut self, choices: Vec<String>) -> Field {
        self.multi = true;
        self.choices = choices;
        self
    }

    /// The items of the comma list, trimmed, each once.
    pub fn items(&self) -> Vec<String> {
        let mut items: Vec<String> = Vec::new();
        for item in split(&self.value) {
            if !items.iter().any(|i| i == item) {
                items.push(item.to_string());
            }
        }
        items
    }

    pub(super) fn multi_error(&self) -> Option<String> {
        split(&self.value).find_map(|item| {
            if let Err(error) = (self.check)(item) {
                return Some(format!("{item:?}: {error}"));
            }
            let unknown = !self.choices.is_empty() && !self.choices.iter().any(|c| c == item);
            unknown.then(|| format!("no project {item:?}; known: {}", self.choices.join(", ")))
        })
    }

    /// The choices, the one `←`/`→` points at in brackets (first: a narrow form cuts the tail).
    pub(super) fn multi_hint(&self) -> String {
        if self.choices.is_empty() {
            return format!("{} (comma-separated)", self.hint);
        }
        let choices: Vec<String> = self
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| if i == self.cursor { format!("[{c}]") } else { c.clone() })
            .collect();
        format!(
            "{}  (←/→ points, space adds or removes; or type a comma list)",
            choices.join(" ")
        )
    }

    pub(super) fn move_cursor(&mut self, delta: isize) {
        let Ok(count) = isize::try_from(self.choices.len()) else {
            return;
        };
        if count == 0 {
            return;
        }
        let at = isize::try_from(self.cursor).unwrap_or(0);
        self.cursor = usize::try_from((at + delta).rem_euclid(count)).unwrap_or(0);
    }

    /// Space on a multi field: the choice pointed at joins the list, or leaves it.
    pub fn toggle(&mut self) {
        let Some(choice) = self.choices.get(self.cursor).cloned() else {
            return;
        };
        let mut items = self.items();
        match items.iter().position(|i| *i == choice) {
            Some(at) => {
                items.remove(at);
            }
            None => items.push(choice),
        }
        self.value = items.join(", ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projects(value: &str, choices: &[&str]) -> Field {
        let mut field = Field::new("projects", value, "the user's projects", |v| {
            crate::model::validate::dns1123_label(v)
        })
        .multi(choices.iter().map(|c| c.to_string()).collect());
        field.value = value.into();
        field
    }

    #[test]
    fn a_typed_list_is_checked_item_by_item_against_the_known_projects() {
        assert_eq!(projects("demo, web", &["demo", "web"]).error(), None);
        assert_eq!(projects("", &["demo"]).error(), None, "no project is a choice too");
        assert_eq!(
            projects("demo, prod", &["demo", "web"]).error().as_deref(),
            Some("no project \"prod\"; known: demo, web")
        );
        let bad = projects("Demo", &[]).error().unwrap();
        assert!(bad.starts_with("\"Demo\": "), "{bad}");
        assert_eq!(projects("x, y", &[]).error(), None, "unknown choices: any valid name");
        assert_eq!(projects("demo, web, demo", &[]).items(), ["demo", "web"]);
    }

    #[test]
    fn arrows_point_at_a_project_and_space_adds_or_removes_it() {
        let mut field = projects("", &["demo", "web", "prod"]);
        assert!(
            field.hint_text().starts_with("[demo] web prod  (←/→"),
            "{}",
            field.hint_text()
        );
        field.cycle(1);
        field.toggle();
        assert_eq!(field.value, "web");
        field.cycle(-2);
        assert!(
            field.hint_text().starts_with("demo web [prod]  "),
            "{}",
            field.hint_text()
        );
        field.toggle();
        assert_eq!(field.value, "web, prod");
        field.cycle(-1);
        field.toggle();
        assert_eq!(field.value, "prod");
    }
}
