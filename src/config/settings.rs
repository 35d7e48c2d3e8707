//! `config.toml`: which shipped theme and keymap to start from, which language kubic
//! speaks, whether it is read-only and whether it copies to the terminal's clipboard. Bad entries are warnings; whatever is fine still applies.

use super::doc::{Doc, Value, entries};

/// The keys `config.toml` may set.
pub const KEYS: &[&str] = &["theme", "keymap", "lang", "readonly", "clipboard"];

/// What `config.toml` sets; `None` where it says nothing (or nothing valid).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub theme: Option<String>,
    pub keymap: Option<String>,
    pub lang: Option<String>,
    pub readonly: Option<bool>,
    /// `false`: the copy keys send nothing to the terminal (OSC 52 off).
    pub clipboard: Option<bool>,
}

/// The shipped names `config.toml` may choose from.
#[derive(Debug, Clone, Copy)]
pub struct Choices<'a> {
    pub themes: &'a [&'a str],
    pub keymaps: &'a [&'a str],
    pub langs: &'a [&'a str],
}

/// Reads `config.toml`, given the shipped theme, keymap and language names it may choose from.
pub fn parse_settings(path: &str, text: &str, choices: Choices<'_>) -> (Settings, Vec<String>) {
    let doc = Doc::new(path, text);
    let mut settings = Settings::default();
    let mut warnings = Vec::new();
    let table = match doc.parse() {
        Ok(table) => table,
        Err(warning) => return (settings, vec![warning]),
    };
    for (key, value) in entries(&table) {
        let result = match key.get_ref().as_ref() {
            "theme" => choice(&doc, value, "theme", choices.themes).map(|name| settings.theme = Some(name)),
            "keymap" => choice(&doc, value, "keymap", choices.keymaps).map(|name| settings.keymap = Some(name)),
            "lang" => choice(&doc, value, "lang", choices.langs).map(|name| settings.lang = Some(name)),
            "readonly" => (value.get_ref().as_bool())
                .ok_or_else(|| doc.wrong_type(value, "readonly", "true or false"))
                .map(|readonly| settings.readonly = Some(readonly)),
            "clipboard" => (value.get_ref().as_bool())
                .ok_or_else(|| doc.wrong_type(value, "clipboard", "true or false"))
                .map(|clipboard| settings.clipboard = Some(clipboard)),
            other => Err(doc.warn(key.span().start, format!("unknown key {other:?}"), KEYS)),
        };
        if let Err(warning) = result {
            warnings.push(warning);
        }
    }
    (settings, warnings)
}

/// A string that must be one of `valid`.
fn choice(doc: &Doc<'_>, value: &Value<'_>, what: &str, valid: &[&str]) -> Result<String, String> {
    match value.get_ref().as_str() {
        Some(name) if valid.contains(&name) => Ok(name.to_string()),
        Some(name) => Err(doc.warn(value.span().start, format!("unknown {what} {name:?}"), valid)),
        None => {
            let problem = format!("{what} must be a string, not {}", value.get_ref().type_str());
            Err(doc.warn(value.span().start, problem, valid))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Settings, Vec<String>) {
        let choices = Choices {
            themes: &["dark", "light", "16"],
            keymaps: &["default", "vim"],
            langs: &["en", "ko"],
        };
        parse_settings("config.toml", text, choices)
    }

    #[test]
    fn all_keys() {
        let (settings, warnings) =
            parse("theme = \"light\"\nkeymap = \"vim\"\nlang = \"ko\"\nreadonly = true\nclipboard = false\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        let expected = Settings {
            theme: Some("light".into()),
            keymap: Some("vim".into()),
            lang: Some("ko".into()),
            readonly: Some(true),
            clipboard: Some(false),
        };
        assert_eq!(settings, expected);
        assert_eq!(parse(""), (Settings::default(), vec![]));
    }

    #[test]
    fn bad_entries_warn_with_line_and_choices_and_the_rest_applies() {
        let (settings, warnings) = parse(
            "# mine\ntheme = \"solarized\"\nkeymap = \"vim\"\nreadonly = \"yes\"\ncolour = 1\nkeymap2 = 3\nlang = \"fr\"\n",
        );
        assert_eq!(
            settings,
            Settings {
                keymap: Some("vim".into()),
                ..Settings::default()
            }
        );
        assert_eq!(
            warnings,
            [
                "config.toml:2: unknown theme \"solarized\"; valid: dark, light, 16",
                "config.toml:4: readonly must be true or false, not string",
                "config.toml:5: unknown key \"colour\"; valid: theme, keymap, lang, readonly, clipboard",
                "config.toml:6: unknown key \"keymap2\"; valid: theme, keymap, lang, readonly, clipboard",
                "config.toml:7: unknown lang \"fr\"; valid: en, ko",
            ]
        );
        let (_, warnings) = parse("keymap = 1\n");
        assert_eq!(
            warnings,
            ["config.toml:1: keymap must be a string, not integer; valid: default, vim"]
        );
        let (_, warnings) = parse("clipboard = \"off\"\n");
        assert_eq!(warnings, ["config.toml:1: clipboard must be true or false, not string"]);
    }

    #[test]
    fn invalid_toml_is_one_warning() {
        let (settings, warnings) = parse("theme = \"light\"\nreadonly = tru\n");
        assert_eq!(settings, Settings::default());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("config.toml:2: not valid TOML, file ignored: "),
            "{warnings:?}"
        );
    }

    mod props {
        use proptest::prelude::*;

        use super::*;
        use crate::config::doc::tests::{any_bytes_text, check_warnings, config_like};

        proptest! {
            #[test]
            fn any_bytes_are_read_without_a_panic_and_warn_in_lines(text in any_bytes_text()) {
                let (_, warnings) = parse(&text);
                check_warnings("config.toml", &text, &warnings)?;
            }

            #[test]
            fn a_hand_edited_file_is_read_without_a_panic_and_warns_in_lines(
                text in config_like(KEYS.to_vec(), vec!["dark", "light", "16", "default", "vim", "emacs", "en", "ko"])
            ) {
                let (_, warnings) = parse(&text);
                check_warnings("config.toml", &text, &warnings)?;
            }

            #[test]
            fn written_settings_read_back(
                theme in prop::option::of(prop::sample::select(vec!["dark", "light", "16"])),
                keymap in prop::option::of(prop::sample::select(vec!["default", "vim"])),
                lang in prop::option::of(prop::sample::select(vec!["en", "ko"])),
                readonly in prop::option::of(any::<bool>()),
                clipboard in prop::option::of(any::<bool>()),
                order in Just(KEYS.to_vec()).prop_shuffle(),
            ) {
                let mut text = String::new();
                for key in order {
                    let value = match key {
                        "theme" => theme.map(|t| format!("{t:?}")),
                        "keymap" => keymap.map(|k| format!("{k:?}")),
                        "lang" => lang.map(|l| format!("{l:?}")),
                        "readonly" => readonly.map(|r| r.to_string()),
                        _ => clipboard.map(|c| c.to_string()),
                    };
                    if let Some(value) = value {
                        text.push_str(&format!("{key} = {value}\n"));
                    }
                }
                let expected = Settings {
                    theme: theme.map(String::from),
                    keymap: keymap.map(String::from),
                    lang: lang.map(String::from),
                    readonly,
                    clipboard,
                };
                prop_assert_eq!(parse(&text), (expected, Vec::<String>::new()), "{}", text);
            }
        }
    }
}
