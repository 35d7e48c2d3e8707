//! Picking a field's value from its choices: `←`/`→` cycle through them and a key opens
//! a small list of them; how binding the choices are, where they stand while they load,
//! and choices that follow another field (an app's service IPs follow its host).

use std::collections::BTreeMap;

use super::{Field, Form};
use crate::config::i18n::{Lang, t};

/// How many choices a refusal names before it says how many more there are.
const NAMED: usize = 6;

/// How binding a field's choices are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The value must be one of the choices (once they are known).
    Strict,
    /// One of the choices, or nothing (an optional field).
    Optional,
    /// The choices are suggestions: any value the field's own check takes goes.
    Free,
}

/// Where a field's choices stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// Given with the form (or none): nothing to load.
    Fixed,
    /// Being loaded from the cluster or a registry.
    Loading,
    /// Loaded: the choices are all there is, maybe nothing.
    Loaded,
    /// Could not be loaded, and why: the field takes typed text, checked as usual.
    Failed(String),
    /// The choices follow the field with this label, which has no value yet.
    Needs(&'static str),
}

/// The open list of the focused field's choices: the one highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickList {
    pub cursor: usize,
}

/// What a key does in an open list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    Move(isize),
    /// The highlighted choice becomes the value (joins a multi field's list); the list closes.
    Pick,
    /// A multi field: the highlighted choice joins or leaves the list, which stays open.
    Toggle,
    Close,
}

/// Why the list key opens no list on `field`: its choices are loading, could not be
/// loaded, follow a field that has no value yet, or there are none.
pub fn nothing_to_list(field: &Field, lang: Lang) -> String {
    match &field.offer {
        Offer::Loading => t!(lang, "picker.loading").to_string(),
        Offer::Failed(reason) => t!(lang, "picker.failed", reason = reason),
        Offer::Needs(leader) => t!(lang, "picker.needs", field = leader),
        Offer::Fixed | Offer::Loaded => t!(lang, "picker.none").to_string(),
    }
}

impl Field {
    /// Whether `value` (trimmed) is acceptable as far as the choices go.
    pub(super) fn takes(&self, value: &str) -> bool {
        match self.pick {
            Pick::Free => true,
            Pick::Optional if value.is_empty() => true,
            _ if self.choices.is_empty() => self.offer != Offer::Loaded,
            _ => self.choices.iter().any(|c| c == value),
        }
    }

    /// The first few choices, and how many more there are.
    pub fn choices_text(&self) -> String {
        if self.choices.is_empty() {
            return "none".into();
        }
        let named = self.choices.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", ");
        match self.choices.len().saturating_sub(NAMED) {
            0 => named,
            more => format!("{named} … ({more} more)"),
        }
    }

    /// The choices loaded: they are what the field offers now.
    pub fn offer_choices(&mut self, choices: Vec<String>) {
        self.choices = choices;
        self.offer = Offer::Loaded;
        self.cursor = self.cursor.min(self.choices.len().saturating_sub(1));
    }

    /// The choices could not be loaded: the field says why and takes typed text.
    pub fn choices_failed(&mut self, reason: String) {
        self.choices.clear();
        self.offer = Offer::Failed(reason);
    }

    /// `←`/`→` on a pick field: the previous or next choice.
    pub fn cycle(&mut self, delta: isize) {
        if self.multi {
            return self.move_cursor(delta);
        }
        let Some(count) = isize::try_from(self.choices.len()).ok().filter(|c| *c > 0) else {
            return;
        };
        let next = match self.choices.iter().position(|c| c == self.value.trim()) {
            Some(i) => (isize::try_from(i).unwrap_or(0) + delta).rem_euclid(count),
            None if delta < 0 => count - 1,
            None => 0,
        };
        if let Some(choice) = usize::try_from(next).ok().and_then(|i| self.choices.get(i)) {
            self.value = choice.clone();
        }
    }

    /// Where a list of the choices opens: at the value (a multi field: at its pointer).
    fn list_start(&self) -> usize {
        if self.multi {
            return self.cursor;
        }
        self.choices.iter().position(|c| c == self.value.trim()).unwrap_or(0)
    }
}

impl Form {
    /// Opens the list of the focused field's choices; `false` when it has none.
    pub fn open_list(&mut self) -> bool {
        let field = self.focused();
        if field.choices.is_empty() {
            return false;
        }
        let cursor = field.list_start();
        self.list = Some(PickList { cursor });
        true
    }

    /// A key in the open list.
    pub fn list_key(&mut self, key: ListKey) {
        let Some(PickList { cursor }) = self.list else {
            return;
        };
        let field = self.focused();
        let last = field.choices.len().saturating_sub(1);
        let cursor = cursor.min(last);
        let choice = field.choices.get(cursor).cloned();
        match key {
            ListKey::Move(delta) => {
                let moved = isize::try_from(cursor).unwrap_or(0).saturating_add(delta);
                let cursor = usize::try_from(moved.max(0)).unwrap_or(0).min(last);
                self.list = Some(PickList { cursor });
            }
            ListKey::Toggle if field.multi => {
                field.cursor = cursor;
                field.toggle();
            }
            ListKey::Toggle => {}
            ListKey::Pick => {
                if let Some(choice) = choice {
                    if field.multi {
                        if !field.items().contains(&choice) {
                            field.cursor = cursor;
                            field.toggle();
                        }
                    } else {
                        field.value = choice;
                    }
                }
                self.list = None;
            }
            ListKey::Close => self.list = None,
        }
        self.follow();
    }

    /// Choices that follow another field's value: a follower of an empty leader needs it
    /// first; one whose choices are still loading or failed stays so.
    pub fn follow(&mut self) {
        for index in 0..self.fields.len() {
            let Some(leader) = self.fields[index].follows else {
                continue;
            };
            let key = self.value(leader);
            // Said by the leader's name in the session's language.
            let leader = self.fields.iter().find(|f| f.key == leader).map_or(leader, |f| f.label);
            let field = &mut self.fields[index];
            if matches!(field.offer, Offer::Loading | Offer::Failed(_)) {
                continue;
            }
            field.choices = field.by_leader.get(&key).cloned().unwrap_or_default();
            field.offer = if key.is_empty() {
                Offer::Needs(leader)
            } else {
                Offer::Loaded
            };
            field.cursor = field.cursor.min(field.choices.len().saturating_sub(1));
        }
    }

    /// The choices of the field `key` follows, for each value of its leader.
    pub fn offer_by_leader(&mut self, key: &str, choices: BTreeMap<String, Vec<String>>) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.key == key) {
            field.by_leader = choices;
            field.offer = Offer::Loaded;
        }
        self.follow();
    }
}

#[cfg(test)]
#[path = "picker_tests.rs"]
mod tests;
