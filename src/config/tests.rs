//! Tests of loading a whole user config directory: choices, patches, warnings, NO_COLOR.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use super::*;
use crate::config::command::{Command, Section};

/// A fresh directory under `target/` holding `files`.
fn config_dir(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-config/unit")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn no_directory_or_empty_directory_gives_the_defaults() {
    let (config, warnings) = load_with(None, false);
    assert!(warnings.is_empty());
    assert_eq!(config, Config::default());
    assert_eq!(
        (config.theme_name.as_str(), config.keymap_name.as_str(), config.readonly),
        ("dark", "default", false)
    );
    assert_eq!(config.theme, Theme::default());

    let dir = config_dir("empty", &[]);
    assert_eq!(load_with(Some(&dir), false), (Config::default(), vec![]));
}

#[test]
fn config_toml_chooses_theme_keymap_and_readonly() {
    let dir = config_dir(
        "choices",
        &[("config.toml", "theme = \"light\"\nkeymap = \"vim\"\nreadonly = true\n")],
    );
    let (config, warnings) = load_with(Some(&dir), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        (config.theme_name.as_str(), config.keymap_name.as_str(), config.readonly),
        ("light", "vim", true)
    );
    assert_eq!(Some(config.theme), Theme::shipped("light"));
    assert_eq!(Some(config.keymap), Keymap::shipped("vim"));
}

#[test]
fn user_files_patch_the_chosen_theme_and_keymap() {
    let dir = config_dir(
        "patches",
        &[
            ("config.toml", "keymap = \"vim\"\n"),
            (
                "theme.toml",
                "[styles]\ntitle = { fg = \"red\" }\nborder = { fg = \"nope\" }\n",
            ),
            ("keymap.toml", "[table]\nquit = [\"Q\"]\n"),
        ],
    );
    let (config, warnings) = load_with(Some(&dir), false);
    let theme_path = dir.join("theme.toml").display().to_string();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with(&format!("{theme_path}:3: unknown colour \"nope\"; valid: black,")));
    assert_eq!(config.theme.style(Role::Title).fg, Some(Color::Red));
    assert_eq!(config.theme.style(Role::Border), Theme::default().style(Role::Border));
    let quit = |c| {
        config
            .keymap
            .lookup(Section::Table, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    };
    assert_eq!((quit('Q'), quit('q')), (Some(Command::Quit), None));
    assert_eq!(quit('D'), Some(Command::Delete));
}

#[test]
fn a_bad_config_toml_still_loads_the_other_files() {
    let dir = config_dir(
        "bad-config",
        &[
            ("config.toml", "theme = \n"),
            ("keymap.toml", "[global]\nhelp = [\"h\"]\n"),
        ],
    );
    let (config, warnings) = load_with(Some(&dir), false);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("config.toml:1: not valid TOML, file ignored: "),
        "{warnings:?}"
    );
    assert_eq!(config.theme_name, "dark");
    assert_eq!(config.keymap.keys_for(Section::Global, Command::Help), ["h"]);
}

#[test]
fn an_unreadable_file_is_a_warning() {
    let dir = config_dir("unreadable", &[]);
    std::fs::create_dir_all(dir.join("theme.toml")).unwrap();
    let (config, warnings) = load_with(Some(&dir), false);
    assert_eq!(config, Config::default());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with(&format!("{}: cannot read", dir.join("theme.toml").display())));
}

#[test]
fn no_color_drops_colours_after_patching_but_keeps_modifiers() {
    let dir = config_dir(
        "no-color",
        &[(
            "theme.toml",
            "[styles]\ntitle = { fg = \"red\", modifiers = [\"italic\"] }\n",
        )],
    );
    let (config, warnings) = load_with(Some(&dir), true);
    assert!(warnings.is_empty(), "{warnings:?}");
    let title = config.theme.style(Role::Title);
    assert_eq!(
        (title.fg, title.bg, title.add_modifier),
        (Some(Color::Reset), Some(Color::Reset), Modifier::ITALIC)
    );
    let header = config.theme.style(Role::HeaderValue);
    assert!(header.add_modifier.contains(Modifier::BOLD));
    assert_eq!(header.fg, Some(Color::Reset));
}

#[test]
fn the_config_directory_follows_xdg_then_home() {
    let some = |s: &str| Some(OsString::from(s));
    assert_eq!(
        config_dir_from(some("/x"), some("/home/u")),
        Some(PathBuf::from("/x/kubic"))
    );
    assert_eq!(
        config_dir_from(None, some("/home/u")),
        Some(PathBuf::from("/home/u/.config/kubic"))
    );
    assert_eq!(
        config_dir_from(some(""), some("/home/u")),
        Some(PathBuf::from("/home/u/.config/kubic"))
    );
    assert_eq!(
        config_dir_from(some("rel"), some("/home/u")),
        Some(PathBuf::from("/home/u/.config/kubic"))
    );
    assert_eq!(config_dir_from(None, None), None);
}

#[test]
fn lang_comes_from_config_toml_else_the_environment_else_english() {
    use crate::config::i18n::Lang;
    assert_eq!(load_in(None, false, None).0.lang, Lang::En);
    assert_eq!(load_in(None, false, Some(Lang::Ko)).0.lang, Lang::Ko);
    let dir = config_dir("lang", &[("config.toml", "lang = \"ko\"\n")]);
    assert_eq!(
        load_in(Some(&dir), false, None),
        (
            Config {
                lang: Lang::Ko,
                ..Config::default()
            },
            vec![]
        )
    );
    let dir = config_dir("lang-en", &[("config.toml", "lang = \"en\"\n")]);
    assert_eq!(load_in(Some(&dir), false, Some(Lang::Ko)).0.lang, Lang::En);
    let dir = config_dir("lang-bad", &[("config.toml", "lang = \"fr\"\n")]);
    let (config, warnings) = load_in(Some(&dir), false, Some(Lang::Ko));
    assert_eq!(config.lang, Lang::Ko, "a bad lang leaves the environment's");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].ends_with("config.toml:1: unknown lang \"fr\"; valid: en, ko"),
        "{warnings:?}"
    );
}
