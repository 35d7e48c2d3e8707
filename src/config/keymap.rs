//! Key bindings as data: keymap files bind keys to `Command`s per `Section`, and the
//! resolved `Keymap` answers which command a key press means and what `?` lists.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyEvent, KeyEventKind};
use toml::de::DeValue;

pub use super::key::{Key, format_key, parse_key};

use super::doc::{Doc, Value, entries};
use super::key::KEY_SYNTAX;
use crate::config::command::{Command, Section, may_share};

mod lookup;

/// The keymaps kubic ships, by name; the files in `keymaps/` are the only definition of them.
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", include_str!("../../keymaps/default.toml")),
    ("vim", include_str!("../../keymaps/vim.toml")),
];

/// The keymap used when the configuration names none.
pub const DEFAULT_KEYMAP: &str = "default";

/// One `command = [keys]` line of a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub section: Section,
    pub command: Command,
    pub keys: Vec<Key>,
    /// Where the binding is written, for warnings.
    pub line: usize,
}

/// The bindings one keymap file makes, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeymapPatch {
    path: String,
    bindings: Vec<Binding>,
}

impl KeymapPatch {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }
}

/// Reads a keymap file. Bad entries are skipped with a warning; the rest applies.
pub fn parse_keymap(path: &str, text: &str) -> (KeymapPatch, Vec<String>) {
    let doc = Doc::new(path, text);
    let mut patch = KeymapPatch {
        path: path.to_string(),
        bindings: Vec::new(),
    };
    let mut warnings = Vec::new();
    match doc.parse() {
        Ok(table) => {
            for (name, value) in entries(&table) {
                match (Section::from_name(name.get_ref()), value.get_ref()) {
                    (Some(section), DeValue::Table(commands)) => {
                        for (command, keys) in entries(commands) {
                            match parse_binding(&doc, section, command, keys) {
                                Ok(binding) => patch.bindings.push(binding),
                                Err(warning) => warnings.push(warning),
                            }
                        }
                    }
                    (Some(section), _) => warnings.push(doc.wrong_type(value, section.name(), "a table")),
                    (None, _) => {
                        let problem = format!("unknown section {:?}", name.get_ref());
                        warnings.push(doc.warn(name.span().start, problem, &Section::ALL.map(Section::name)));
                    }
                }
            }
        }
        Err(warning) => warnings.push(warning),
    }
    drop_duplicate_keys(&doc, &mut patch.bindings, &mut warnings);
    (patch, warnings)
}

fn parse_binding(
    doc: &Doc<'_>,
    section: Section,
    command: &super::doc::Key<'_>,
    keys: &Value<'_>,
) -> Result<Binding, String> {
    let Some(found) = Command::from_name(command.get_ref()) else {
        let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
        return Err(doc.warn(
            command.span().start,
            format!("unknown command {:?}", command.get_ref()),
            &names,
        ));
    };
    let keys = match keys.get_ref() {
        DeValue::String(_) => vec![parse_one_key(doc, keys)?],
        DeValue::Array(items) => items
            .iter()
            .map(|item| parse_one_key(doc, item))
            .collect::<Result<_, _>>()?,
        _ => return Err(doc.wrong_type(keys, "keys", "an array of strings like [\"j\", \"down\"]")),
    };
    let line = doc.line(command.span().start);
    Ok(Binding {
        section,
        command: found,
        keys,
        line,
    })
}

fn parse_one_key(doc: &Doc<'_>, value: &Value<'_>) -> Result<Key, String> {
    let Some(text) = value.get_ref().as_str() else {
        return Err(doc.wrong_type(value, "a key", "a string"));
    };
    parse_key(text).map_err(|problem| doc.warn(value.span().start, problem, KEY_SYNTAX))
}

/// Within one file, the first command to claim a key in a section keeps it.
fn drop_duplicate_keys(doc: &Doc<'_>, bindings: &mut [Binding], warnings: &mut Vec<String>) {
    let mut claimed: HashMap<(Section, Key), (Command, usize)> = HashMap::new();
    for binding in bindings.iter_mut() {
        let mut kept = Vec::new();
        for key in &binding.keys {
            match claimed.get(&(binding.section, *key)) {
                Some((owner, _)) if *owner == binding.command => {}
                Some((owner, _)) if may_share(*owner, binding.command) => {
                    if !kept.contains(key) {
                        kept.push(*key);
                    }
                }
                Some((owner, line)) => warnings.push(duplicate(doc, binding, key, *owner, *line)),
                None => {
                    claimed.insert((binding.section, *key), (binding.command, binding.line));
                    kept.push(*key);
                }
            }
        }
        binding.keys = kept;
    }
}

fn duplicate(doc: &Doc<'_>, binding: &Binding, key: &Key, owner: Command, line: usize) -> String {
    let (key, section) = (format_key(key), binding.section.name());
    let problem = format!(
        "key {key:?} in [{section}] is already bound to {} on line {line}; ignored here",
        owner.name()
    );
    doc.warn_line(binding.line, problem, &[])
}

/// Which keys run which command, per section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    sections: BTreeMap<Section, BTreeMap<Command, Vec<Key>>>,
}

impl Keymap {
    /// The names of the shipped keymaps.
    pub fn shipped_names() -> Vec<&'static str> {
        SHIPPED.iter().map(|(name, _)| *name).collect()
    }

    /// A shipped keymap by name.
    pub fn shipped(name: &str) -> Option<Keymap> {
        let (_, text) = SHIPPED.iter().find(|(shipped, _)| *shipped == name)?;
        let (patch, _) = parse_keymap(&format!("keymaps/{name}.toml"), text);
        let mut keymap = Keymap::default();
        keymap.apply(&patch);
        Some(keymap)
    }

    /// Each binding replaces its command's keys in its section. A key taken from another
    /// command of the section is taken away from it, with a warning.
    pub fn apply(&mut self, patch: &KeymapPatch) -> Vec<String> {
        for binding in &patch.bindings {
            let section = self.sections.entry(binding.section).or_default();
            section.insert(binding.command, binding.keys.clone());
        }
        let mut warnings = Vec::new();
        for binding in &patch.bindings {
            for key in &binding.keys {
                for loser in self.take_key(binding, key) {
                    let (key, section) = (format_key(key), binding.section.name());
                    let problem = format!(
                        "key {key:?} in [{section}] was bound to {}; now it runs {}",
                        loser.name(),
                        binding.command.name()
                    );
                    warnings.push(format!("{}:{}: {problem}", patch.path, binding.line));
                }
            }
        }
        warnings
    }

    /// Removes `key` from every command of the binding's section but the binding's own.
    fn take_key(&mut self, binding: &Binding, key: &Key) -> Vec<Command> {
        let Some(section) = self.sections.get_mut(&binding.section) else {
            return Vec::new();
        };
        let mut losers = Vec::new();
        let others = section
            .iter_mut()
            .filter(|(command, _)| **command != binding.command && !may_share(**command, binding.command));
        for (command, keys) in others {
            if keys.contains(key) {
                keys.retain(|bound| bound != key);
                losers.push(*command);
            }
        }
        losers
    }

    /// The command a key press means on a screen of `section`: the section's own binding,
    /// else the global one. Key releases mean nothing.
    pub fn lookup(&self, section: Section, event: &KeyEvent) -> Option<Command> {
        self.lookup_where(section, event, |_| true)
    }

    /// [`Keymap::lookup`] for a key that several commands share (see
    /// [`SHARED_KEYS`](crate::config::command::SHARED_KEYS)): the first of them that
    /// `fits` the screen, else the first of them.
    pub fn lookup_where(&self, section: Section, event: &KeyEvent, fits: impl Fn(Command) -> bool) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        let bound = self.commands_for(section, &key);
        bound
            .iter()
            .copied()
            .find(|command| fits(*command))
            .or_else(|| bound.first().copied())
            .or_else(|| self.command_for(Section::Global, &key))
    }
}

#[cfg(test)]
mod tests;
