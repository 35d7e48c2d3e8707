//! The theme and keymap files on disk: every shipped file loads without a warning and is
//! complete, and a user config directory patches only what it names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::fs;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kubic::config::command::{Command, Section};
use kubic::config::{self, Keymap, Role, Theme, parse_keymap, parse_theme};
use ratatui::style::Color;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.toml` file in a directory of the crate, by name and text.
fn toml_files(dir: &str) -> Vec<(String, PathBuf, String)> {
    let mut files: Vec<_> = fs::read_dir(manifest_dir().join(dir))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            (name, path, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_theme_file_loads_cleanly_styles_every_role_and_is_shipped() {
    let files = toml_files("themes");
    assert!(files.len() >= 3, "{files:?}");
    for (name, path, text) in files {
        let (patch, warnings) = parse_theme(&path.display().to_string(), &text);
        assert_eq!(warnings, Vec::<String>::new());
        for role in Role::ALL {
            assert!(
                patch.roles().any(|named| named == *role),
                "{} has no {}",
                path.display(),
                role.name()
            );
        }
        let mut theme = Theme::plain();
        theme.apply(&patch);
        assert_eq!(
            Theme::shipped(&name),
            Some(theme),
            "{} is not embedded as {name:?}",
            path.display()
        );
    }
}

#[test]
fn every_keymap_file_loads_cleanly_binds_every_command_and_is_shipped() {
    let files = toml_files("keymaps");
    assert!(files.len() >= 2, "{files:?}");
    for (name, path, text) in files {
        let (patch, warnings) = parse_keymap(&path.display().to_string(), &text);
        assert_eq!(warnings, Vec::<String>::new());
        let mut keymap = Keymap::default();
        assert_eq!(keymap.apply(&patch), Vec::<String>::new());
        let bound = keymap.bound_commands();
        let unbound: Vec<_> = Command::ALL.iter().filter(|command| !bound.contains(command)).collect();
        assert!(unbound.is_empty(), "{} leaves {unbound:?} unbound", path.display());
        assert_eq!(
            Keymap::shipped(&name),
            Some(keymap),
            "{} is not embedded as {name:?}",
            path.display()
        );
    }
}

/// A fresh user config directory under `target/` holding `files`.
fn user_dir(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = manifest_dir().join("target/test-config/integration").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn table_command(keymap: &Keymap, c: char) -> Option<Command> {
    keymap.lookup(Section::Table, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_user_directory_patches_only_what_it_names_and_reports_bad_lines() {
    let theme = "\
# my tweaks
[styles]
row_selected = { fg = \"white\", bg = \"#005f87\" }
title = { fg = \"bluish\" }
";
    let dir = user_dir(
        "override",
        &[
            ("config.toml", "theme = \"light\"\nkeymap = \"vim\"\n"),
            ("theme.toml", theme),
            ("keymap.toml", "[table]\ndelete = [\"ctrl-x\"]\n"),
        ],
    );
    let (config, warnings) = config::load_with(Some(&dir), false);

    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let expected = format!(
        "{}:4: unknown colour \"bluish\"; valid: black, red,",
        dir.join("theme.toml").display()
    );
    assert!(warnings[0].starts_with(&expected), "{warnings:?}");

    let light = Theme::shipped("light").unwrap();
    let selected = config.theme.style(Role::RowSelected);
    assert_eq!(
        (selected.fg, selected.bg),
        (Some(Color::White), Some(Color::Rgb(0, 0x5f, 0x87)))
    );
    for role in Role::ALL.iter().filter(|role| **role != Role::RowSelected) {
        assert_eq!(config.theme.style(*role), light.style(*role), "{}", role.name());
    }

    let vim = Keymap::shipped("vim").unwrap();
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(config.keymap.lookup(Section::Table, &ctrl_x), Some(Command::Delete));
    assert_eq!(table_command(&config.keymap, 'D'), None);
    for command in Command::ALL.iter().filter(|command| **command != Command::Delete) {
        for section in Section::ALL {
            assert_eq!(
                config.keymap.keys_for(section, *command),
                vim.keys_for(section, *command)
            );
        }
    }
    assert_eq!(
        (config.theme_name.as_str(), config.keymap_name.as_str()),
        ("light", "vim")
    );
}
