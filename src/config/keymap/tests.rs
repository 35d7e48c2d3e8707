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
    assert!(position(Command::RevealSecrets) < position(Command::Help), "{help:?}");
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
        ["keymap.toml:3: key \"x\" in [table] was bound to reveal_secrets; now it runs delete"]
    );
    assert_eq!(keymap.lookup(Section::Table, &char_key('x')), Some(Command::Delete));
    assert_eq!(
        keymap.keys_for(Section::Table, Command::RevealSecrets),
        Vec::<String>::new()
    );
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
        "keymap.toml:8: unknown section \"viewr\"; valid: global, table, viewer, logs, console"
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
