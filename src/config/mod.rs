//! User configuration: which shipped theme and keymap kubic starts from, the user's patches
//! to them, the language, and read-only mode — read once at start, never fatal: whatever is wrong becomes
//! a one-line warning and kubic starts with the defaults for it.

pub mod command;
mod doc;
pub mod i18n;
pub mod key;
pub mod keymap;
pub mod settings;
mod style;
pub mod theme;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use keymap::{Keymap, KeymapPatch, format_key, parse_key, parse_keymap};
pub use theme::{Role, Theme, ThemePatch, parse_theme};

use i18n::Lang;
use settings::{Choices, Settings, parse_settings};

/// The files read from the user config directory.
pub const CONFIG_FILE: &str = "config.toml";
pub const THEME_FILE: &str = "theme.toml";
pub const KEYMAP_FILE: &str = "keymap.toml";

/// Everything kubic's configuration decides, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    pub keymap: Keymap,
    pub readonly: bool,
    /// Whether the copy keys write to the terminal's clipboard (OSC 52): `clipboard`.
    pub clipboard: bool,
    /// The language of every text: `lang` in `config.toml`, else the environment's.
    pub lang: Lang,
    /// The shipped theme `theme` started from.
    pub theme_name: String,
    /// The shipped keymap `keymap` started from.
    pub keymap_name: String,
}

impl Default for Config {
    fn default() -> Config {
        Config::from_settings(&Settings::default(), None)
    }
}

impl Config {
    fn from_settings(settings: &Settings, env_lang: Option<Lang>) -> Config {
        let theme_name = settings.theme.as_deref().unwrap_or(theme::DEFAULT_THEME);
        let keymap_name = settings.keymap.as_deref().unwrap_or(keymap::DEFAULT_KEYMAP);
        Config {
            theme: Theme::shipped(theme_name).unwrap_or_default(),
            keymap: Keymap::shipped(keymap_name).unwrap_or_default(),
            readonly: settings.readonly.unwrap_or(false),
            clipboard: settings.clipboard.unwrap_or(true),
            lang: (settings.lang.as_deref().and_then(Lang::from_name))
                .or(env_lang)
                .unwrap_or_default(),
            theme_name: theme_name.to_string(),
            keymap_name: keymap_name.to_string(),
        }
    }
}

/// Loads the configuration from `dir` (see [`user_config_dir`]), honouring `NO_COLOR` and,
/// when `config.toml` names no `lang`, `LC_ALL`/`LC_MESSAGES`/`LANG`.
/// Returns the warnings to show: one line each, `<path>:<line>: <problem>; valid: …`.
pub fn load(dir: Option<&Path>) -> (Config, Vec<String>) {
    load_in(dir, no_color_requested(), Lang::from_env())
}

/// [`load`] with `NO_COLOR` decided by the caller and the environment's language ignored.
pub fn load_with(dir: Option<&Path>, no_color: bool) -> (Config, Vec<String>) {
    load_in(dir, no_color, None)
}

/// [`load`] with `NO_COLOR` and the environment's language decided by the caller.
pub fn load_in(dir: Option<&Path>, no_color: bool, env_lang: Option<Lang>) -> (Config, Vec<String>) {
    let mut warnings = Vec::new();
    let mut read = |name: &str| dir.and_then(|dir| read_optional(&dir.join(name), &mut warnings));
    let (config_file, theme_file, keymap_file) = (read(CONFIG_FILE), read(THEME_FILE), read(KEYMAP_FILE));

    let settings = match config_file {
        Some((path, text)) => {
            let choices = Choices {
                themes: &Theme::shipped_names(),
                keymaps: &Keymap::shipped_names(),
                langs: &Lang::names(),
            };
            let (settings, problems) = parse_settings(&path, &text, choices);
            warnings.extend(problems);
            settings
        }
        None => Settings::default(),
    };
    let mut config = Config::from_settings(&settings, env_lang);
    if let Some((path, text)) = theme_file {
        let (patch, problems) = parse_theme(&path, &text);
        warnings.extend(problems);
        config.theme.apply(&patch);
    }
    if let Some((path, text)) = keymap_file {
        let (patch, problems) = parse_keymap(&path, &text);
        warnings.extend(problems);
        warnings.extend(config.keymap.apply(&patch));
    }
    if no_color {
        config.theme = config.theme.without_colors();
    }
    (config, warnings)
}

/// A file's path (as warnings name it) and text; `None`, silently, if it does not exist.
fn read_optional(path: &Path, warnings: &mut Vec<String>) -> Option<(String, String)> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some((path.display().to_string(), text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            warnings.push(format!("{}: cannot read, file ignored: {error}", path.display()));
            None
        }
    }
}

/// Whether the environment asks for no colours (<https://no-color.org>): `NO_COLOR` set
/// and not empty.
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The user config directory: `$XDG_CONFIG_HOME/kubic`, else `$HOME/.config/kubic`.
pub fn user_config_dir() -> Option<PathBuf> {
    config_dir_from(std::env::var_os("XDG_CONFIG_HOME"), std::env::var_os("HOME"))
}

/// [`user_config_dir`] from given values of `XDG_CONFIG_HOME` and `HOME`. Empty or
/// relative values are ignored, as the XDG base directory specification says.
pub fn config_dir_from(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let absolute = |value: Option<OsString>| value.map(PathBuf::from).filter(|path| path.is_absolute());
    let base = absolute(xdg_config_home).or_else(|| absolute(home).map(|home| home.join(".config")))?;
    Some(base.join("kubic"))
}

#[cfg(test)]
mod tests;
