//! Questions a resolved keymap answers for the screens: which command a key means, which
//! keys run a command, and what `?` lists — always a section's bindings over global ones.

use std::collections::BTreeSet;

use super::{Key, Keymap, format_key};
use crate::config::command::{Command, Section};

impl Keymap {
    /// The command `key` is bound to in `section` itself (no global fallback).
    pub(super) fn command_for(&self, section: Section, key: &Key) -> Option<Command> {
        let commands = self.sections.get(&section)?;
        commands
            .iter()
            .find(|(_, keys)| keys.contains(key))
            .map(|(command, _)| *command)
    }

    /// The command a key press means in `section` itself, with no global fallback: a
    /// form, where every key it does not bind types into the field.
    pub fn lookup_own(&self, section: Section, event: &crossterm::event::KeyEvent) -> Option<Command> {
        if event.kind == crossterm::event::KeyEventKind::Release {
            return None;
        }
        self.command_for(section, &Key::from_event(event))
    }

    /// Every command `key` is bound to in `section` itself, in `Command` order.
    pub(super) fn commands_for(&self, section: Section, key: &Key) -> Vec<Command> {
        self.sections.get(&section).map_or_else(Vec::new, |commands| {
            commands
                .iter()
                .filter(|(_, keys)| keys.contains(key))
                .map(|(command, _)| *command)
                .collect()
        })
    }

    /// The keys `section` binds itself.
    fn own_keys(&self, section: Section, command: Command) -> &[Key] {
        self.sections
            .get(&section)
            .and_then(|commands| commands.get(&command))
            .map_or(&[], Vec::as_slice)
    }

    /// The keys that run `command` on a screen of `section`: its own, then the global ones
    /// the section does not bind to something else.
    fn effective_keys(&self, section: Section, command: Command) -> Vec<Key> {
        let mut keys = self.own_keys(section, command).to_vec();
        if section != Section::Global {
            let global = self.own_keys(Section::Global, command);
            let reachable = global.iter().filter(|key| self.command_for(section, key).is_none());
            for key in reachable {
                if !keys.contains(key) {
                    keys.push(*key);
                }
            }
        }
        keys
    }

    /// The keys that run `command` on a screen of `section`, as the help screen spells them.
    pub fn keys_for(&self, section: Section, command: Command) -> Vec<String> {
        self.effective_keys(section, command).iter().map(format_key).collect()
    }

    /// What `?` lists for `section`: the commands the section binds, then the global ones it
    /// does not, each in `Command` order with its reachable keys joined by ", ".
    pub fn help(&self, section: Section) -> Vec<(String, Command)> {
        let (own, inherited): (Vec<Command>, Vec<Command>) = Command::ALL
            .iter()
            .copied()
            .partition(|command| !self.own_keys(section, *command).is_empty());
        own.into_iter()
            .chain(inherited)
            .filter_map(|command| {
                let keys = self.keys_for(section, command);
                (!keys.is_empty()).then(|| (keys.join(", "), command))
            })
            .collect()
    }

    /// Every command some section binds to at least one key.
    pub fn bound_commands(&self) -> BTreeSet<Command> {
        let all = self.sections.values().flat_map(|commands| commands.iter());
        all.filter(|(_, keys)| !keys.is_empty())
            .map(|(command, _)| *command)
            .collect()
    }
}
