//! A field holding a comma list picked from known choices (a user's projects, an app's
//! service IPs): typed freely and checked item by item against the choices, or built with
//! `←`/`→` to point at a choice and space to add or remove it.

use super::{Field, split};
use crate::config::i18n::{Lang, t};

impl Field {
    /// A multi field of `choices` (each item a `noun`); while they are unknown (empty),
    /// any valid item goes.
    pub(in crate::app) fn multi(mut self, noun: &'static str, choices: Vec<String>) -> Field {
        self.multi = true;
        self.noun = noun;
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

    pub(super) fn multi_error(&self, lang: Lang) -> Option<String> {
        split(&self.value).find_map(|item| {
            if let Err(error) = (self.check)(item) {
                return Some(lang.invalid(&error.item(item)));
            }
            let unknown = !self.takes(item);
            unknown.then(|| {
                let item = format!("{item:?}");
                t!(
                    lang,
                    "form.unknown_item",
                    noun = self.noun,
                    item = item,
                    known = self.choices_text()
                )
            })
        })
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
        .multi("project", choices.iter().map(|c| c.to_string()).collect());
        field.value = value.into();
        field
    }

    #[test]
    fn a_typed_list_is_checked_item_by_item_against_the_known_projects() {
        assert_eq!(projects("demo, web", &["demo", "web"]).error(Lang::En), None);
        assert_eq!(
            projects("", &["demo"]).error(Lang::En),
            None,
            "no project is a choice too"
        );
        assert_eq!(
            projects("demo, prod", &["demo", "web"]).error(Lang::En).as_deref(),
            Some("no project \"prod\"; known: demo, web")
        );
        let bad = projects("Demo", &[]).error(Lang::En).unwrap();
        assert!(bad.starts_with("\"Demo\": "), "{bad}");
        assert_eq!(
            projects("x, y", &[]).error(Lang::En),
            None,
            "unknown choices: any valid name"
        );
        assert_eq!(projects("demo, web, demo", &[]).items(), ["demo", "web"]);
    }

    #[test]
    fn arrows_point_at_a_project_and_space_adds_or_removes_it() {
        let mut field = projects("", &["demo", "web", "prod"]);
        assert_eq!(field.cursor, 0);
        field.cycle(1);
        field.toggle();
        assert_eq!(field.value, "web");
        field.cycle(-2);
        assert_eq!(field.cursor, 2, "← from the first wraps to the last");
        field.toggle();
        assert_eq!(field.value, "web, prod");
        field.cycle(-1);
        field.toggle();
        assert_eq!(field.value, "prod");
    }
}
