//! Tests of keymap files: shipped keymaps bind everything, user files patch, lookups fall
//! back to global, and every bad entry is a warning with its line.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn char_key(c: char) -> KeyEvent {
    press(KeyCode::Char(c), KeyModifiers::NONE)
}

fn shipped(name: &str) -> Keymap {
    Keymap::shipped(name).unwrap_or_default()
}

fn patched(base: &str, text: &str) -> (Keymap, Vec<String>) {
    let mut keymap = shipped(base);
    let (patch, mut warnings) = parse_keymap("keymap.toml", text);
    warnings.extend(keymap.apply(&patch));
    (keymap, warnings)
}

#[test]
fn every_shipped_keymap_binds_every_command_without_warnings() {
    for name in Keymap::shipped_names() {
        let (_, text) = SHIPPED
            .iter()
            .find(|(shipped, _)| *shipped == name)
            .copied()
            .unwrap_or_default();
        let (patch, warnings) = parse_keymap(name, text);
        assert_eq!(warnings, Vec::<String>::new(), "keymap {name}");
        let mut keymap = Keymap::default();
        assert_eq!(keymap.apply(&patch), Vec::<String>::new(), "keymap {name}");
        let unbound: Vec<_> = Command::ALL
            .iter()
            .filter(|c| !keymap.bound_commands().contains(c))
            .collect();
        assert!(unbound.is_empty(), "keymap {name} leaves {unbound:?} unbound");
    }
    assert_eq!(Keymap::shipped("emacs"), None);
}

#[test]
fn lookup_prefers_the_section_then_falls_back_to_global() {
    let keymap = shipped("default");
    assert_eq!(keymap.lookup(Section::Table, &char_key('q')), Some(Command::Quit));
    assert_eq!(keymap.lookup(Section::Table, &char_key('j')), Some(Command::Down));
    assert_eq!(keymap.lookup(Section::Table, &char_key('?')), Some(Command::Help));
    assert_eq!(
        keymap.lookup(Section::Viewer, &press(KeyCode::Esc, KeyModifiers::NONE)),
        Some(Command::Back)
    );
    assert_eq!(keymap.lookup(Section::Global, &char_key('q')), None);
    assert_eq!(
        keymap.lookup(Section::Table, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Command::Quit)
    );
    assert_eq!(
        keymap.lookup(Section::Table, &press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Some(Command::Delete)
    );
    assert_eq!(keymap.lookup(Section::Table, &char_key('z')), None);
    let mut release = char_key('q');
    release.kind = KeyEventKind::Release;
    assert_eq!(keymap.lookup(Section::Table, &release), None);
}

#[test]
fn shifted_characters_match_with_or_without_shift() {
    let default = shipped("default");
    for modifiers in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
        assert_eq!(
            default.lookup(Section::Table, &press(KeyCode::Char('G'), modifiers)),
            Some(Command::Bottom)
        );
        assert_eq!(
            default.lookup(Section::Table, &press(KeyCode::Char('?'), modifiers)),
            Some(Command::Help)
        );
    }
    let vim = shipped("vim");
    let shift_d = press(KeyCode::Char('D'), KeyModifiers::SHIFT);
    assert_eq!(vim.lookup(Section::Table, &shift_d), Some(Command::Delete));
    let ctrl_d = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(vim.lookup(Section::Table, &ctrl_d), Some(Command::PageDown));
}

#[test]
fn help_lists_section_bindings_then_unshadowed_global_ones() {
    let help = shipped("default").help(Section::Table);
    let quit = help.iter().find(|(_, command)| *command == Command::Quit);
    assert_eq!(quit, Some(&("q, ctrl-c".to_string(), Command::Quit)));
    assert_eq!(help.first().map(|(_, command)| *command), Some(Command::Quit));
    let position = |wanted: Command| help.iter().position(|(_, command)| *command == wanted);
    assert!(position(Command::Xray) < position(Command::Help), "{help:?}");
    assert!(position(Command::Help) < position(Command::CommandLine), "{help:?}");
    assert_eq!(shipped("default").help(Section::Global).len(), 4);

    let (keymap, _) = patched("default", "[table]\nfilter = [\"?\"]\n");
    let help = keymap.help(Section::Table);
    assert!(!help.iter().any(|(_, command)| *command == Command::Help), "{help:?}");
    assert_eq!(keymap.keys_for(Section::Table, Command::Filter), ["?"]);
}

#[test]
fn keys_for_spells_the_keys() {
    let keymap = shipped("default");
    assert_eq!(keymap.keys_for(Section::Table, Command::Bottom), ["G", "end"]);
    assert_eq!(keymap.keys_for(Section::Viewer, Command::Quit), ["q", "ctrl-c"]);
    assert_eq!(keymap.keys_for(Section::Global, Command::Quit), ["ctrl-c"]);
    assert_eq!(
        keymap.keys_for(Section::Viewer, Command::Describe),
        Vec::<String>::new()
    );
}

#[test]
fn a_patch_replaces_only_the_commands_it_names() {
    let base = shipped("default");
    let (keymap, warnings) = patched("default", "[table]\ndown = [\"N\"]\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(keymap.lookup(Section::Table, &char_key('N')), Some(Command::Down));
    assert_eq!(keymap.lookup(Section::Table, &char_key('j')), None);
    assert_eq!(keymap.lookup(Section::Viewer, &char_key('j')), Some(Command::Down));
    for command in Command::ALL.iter().filter(|command| **command != Command::Down) {
        assert_eq!(
            keymap.keys_for(Section::Table, *command),
            base.keys_for(Section::Table, *command)
        );
    }
}

#[test]
fn a_patched_key_is_taken_from_the_command_that_had_it() {
    let (keymap, warnings) = patched("default", "\n[table]\ndelete = [\"x\"]\n");
    assert_eq!(
        warnings,
        ["keymap.toml:3: key \"x\" in [table] was bound to xray; now it runs delete"]
    );
    assert_eq!(keymap.lookup(Section::Table, &char_key('x')), Some(Command::Delete));
    assert_eq!(keymap.keys_for(Section::Table, Command::Xray), Vec::<String>::new());
}

#[test]
fn a_key_bound_twice_in_one_file_warns_and_the_first_keeps_it() {
    let (patch, warnings) = parse_keymap(
        "k.toml",
        "[table]\ndown = [\"j\"]\nup = [\"k\", \"j\"]\n[viewer]\nup = [\"j\"]\n",
    );
    assert_eq!(
        warnings,
        ["k.toml:3: key \"j\" in [table] is already bound to down on line 2; ignored here"]
    );
    let keys: Vec<_> = patch
        .bindings()
        .iter()
        .map(|b| b.keys.iter().map(format_key).collect::<Vec<_>>())
        .collect();
    assert_eq!(keys, [vec!["j"], vec!["k"], vec!["j"]]);
}

#[test]
fn commands_of_kinds_that_never_meet_share_a_key_and_the_screen_picks_one() {
    let keymap = shipped("default");
    let f = char_key('F');
    let shift_f = press(KeyCode::Char('f'), KeyModifiers::SHIFT);
    assert_eq!(keymap.lookup(Section::Table, &f), Some(Command::DeployFiles));
    assert_eq!(
        keymap.lookup_where(Section::Table, &shift_f, |c| c == Command::PortForward),
        Some(Command::PortForward)
    );
    assert_eq!(
        keymap.lookup_where(Section::Table, &f, |c| c == Command::Describe),
        Some(Command::DeployFiles),
        "no fitting one: the first"
    );
    let (patched, warnings) = patched("default", "[table]\nport_forward = [\"F\", \"P\"]\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(keymap.keys_for(Section::Table, Command::DeployFiles), ["F"]);
    assert_eq!(
        patched.keys_for(Section::Table, Command::DeployFiles),
        ["F"],
        "not taken away"
    );
    assert_eq!(patched.keys_for(Section::Table, Command::PortForward), ["F", "P"]);
    let (_, warnings) = parse_keymap(
        "k.toml",
        "[table]\ndeploy_files = [\"F\"]\nport_forward = [\"F\"]\nlogs = [\"F\"]\n",
    );
    assert_eq!(
        warnings,
        ["k.toml:4: key \"F\" in [table] is already bound to deploy_files on line 2; ignored here"]
    );
}

#[test]
fn bad_entries_are_skipped_with_their_line_and_the_rest_applies() {
    let text = "\
# user keymap
[table]
dwon = [\"n\"]
up = [\"ctrl-\"]
top = \"t\"
bottom = 7

[viewr]
quit = [\"q\"]
[viewer]
down = [\"n\"]
";
    let (patch, warnings) = parse_keymap("keymap.toml", text);
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(warnings[0].starts_with("keymap.toml:3: unknown command \"dwon\"; valid: quit, help, command,"));
    assert!(warnings[1].starts_with("keymap.toml:4: bad key \"ctrl-\"; valid: a single character, esc,"));
    assert_eq!(
        warnings[2],
        "keymap.toml:6: keys must be an array of strings like [\"j\", \"down\"], not integer"
    );
    assert_eq!(
        warnings[3],
        "keymap.toml:8: unknown section \"viewr\"; valid: global, table, viewer, logs, console, form"
    );
    let bound: Vec<_> = patch
        .bindings()
        .iter()
        .map(|b| (b.section, b.command, b.line))
        .collect();
    assert_eq!(
        bound,
        [(Section::Table, Command::Top, 5), (Section::Viewer, Command::Down, 11)]
    );
}

#[test]
fn invalid_toml_is_ignored_with_one_warning() {
    let (patch, warnings) = parse_keymap("keymap.toml", "[table]\ndown = [\"n\"\n");
    assert_eq!(patch.bindings(), &[]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("keymap.toml:"), "{warnings:?}");
    assert!(warnings[0].contains(": not valid TOML, file ignored: "), "{warnings:?}");
}

mod props {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::config::doc::tests::{any_bytes_text, check_warnings, config_like};
    use crate::config::key::tests::any_key;

    const PATH: &str = "keymap.toml";

    /// `text` as a TOML basic string.
    fn toml_string(text: &str) -> String {
        let mut quoted = String::from('"');
        for c in text.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }

    /// A section of a keymap file: its commands (each once) and their keys.
    type Written = (Section, Vec<(Command, Vec<Key>)>);

    /// Sections (each once), each with commands (each once) and their keys.
    fn sections() -> impl Strategy<Value = Vec<Written>> {
        let commands = prop::sample::subsequence(Command::ALL.to_vec(), 0..6).prop_shuffle();
        let bound = commands.prop_flat_map(|commands| {
            let keys = prop::collection::vec(prop::collection::vec(any_key(), 0..4), commands.len());
            keys.prop_map(move |keys| commands.iter().copied().zip(keys).collect::<Vec<_>>())
        });
        prop::sample::subsequence(Section::ALL.to_vec(), 0..=Section::ALL.len())
            .prop_shuffle()
            .prop_flat_map(move |sections| {
                let bound = prop::collection::vec(bound.clone(), sections.len());
                bound.prop_map(move |bound| sections.iter().copied().zip(bound).collect::<Vec<_>>())
            })
    }

    /// The file that binds `sections`, and its bindings as read: within a section the
    /// first command to claim a key keeps it (a repeat in the same command is dropped
    /// quietly), with the number of keys dropped from another command.
    fn written(sections: &[Written], as_string: bool) -> (String, Vec<Binding>, usize) {
        let (mut text, mut bindings, mut taken) = (String::new(), Vec::new(), 0);
        for (section, commands) in sections {
            text.push_str(&format!("[{}]\n", section.name()));
            let mut claimed: HashMap<Key, Command> = HashMap::new();
            for (command, keys) in commands {
                let spelled: Vec<String> = keys.iter().map(|k| toml_string(&format_key(k))).collect();
                let value = match spelled.as_slice() {
                    [one] if as_string => one.clone(),
                    _ => format!("[{}]", spelled.join(", ")),
                };
                text.push_str(&format!("{} = {value}\n", command.name()));
                let mut kept = Vec::new();
                for key in keys {
                    match claimed.get(key) {
                        Some(owner) if owner == command => {}
                        Some(owner) if crate::config::command::may_share(*owner, *command) => {
                            if !kept.contains(key) {
                                kept.push(*key);
                            }
                        }
                        Some(_) => taken += 1,
                        None => {
                            claimed.insert(*key, *command);
                            kept.push(*key);
                        }
                    }
                }
                let line = text.matches('\n').count();
                bindings.push(Binding {
                    section: *section,
                    command: *command,
                    keys: kept,
                    line,
                });
            }
        }
        (text, bindings, taken)
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_without_a_panic_and_warn_in_lines(text in any_bytes_text()) {
            let (patch, warnings) = parse_keymap(PATH, &text);
            check_warnings(PATH, &text, &warnings)?;
            let mut keymap = shipped("default");
            check_warnings(PATH, &text, &keymap.apply(&patch))?;
        }

        #[test]
        fn a_hand_edited_file_is_read_without_a_panic_and_warns_in_lines(
            text in config_like(
                Section::ALL.iter().map(|s| s.name()).chain(Command::ALL.iter().map(|c| c.name())).collect(),
                vec!["q", "j", "ctrl-d", "shift-tab", "f5", "space", "ctrl-", "qq", "shift-1", "G"],
            )
        ) {
            let (patch, warnings) = parse_keymap(PATH, &text);
            check_warnings(PATH, &text, &warnings)?;
            let mut keymap = shipped("vim");
            check_warnings(PATH, &text, &keymap.apply(&patch))?;
        }

        #[test]
        fn a_written_keymap_reads_back_and_its_keys_run_their_commands(
            sections in sections(),
            as_string in any::<bool>(),
        ) {
            let (text, expected, taken) = written(&sections, as_string);
            let (patch, warnings) = parse_keymap(PATH, &text);
            prop_assert_eq!(patch.bindings(), expected.as_slice(), "{}", text);
            prop_assert_eq!(warnings.len(), taken, "{:?}", warnings);
            check_warnings(PATH, &text, &warnings)?;
            let mut keymap = shipped("default");
            keymap.apply(&patch);
            for binding in patch.bindings() {
                for key in &binding.keys {
                    prop_assert!(keymap.commands_for(binding.section, key).contains(&binding.command));
                }
            }
        }
    }
}
