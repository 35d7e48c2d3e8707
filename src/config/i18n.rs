//! Message catalogs: the texts kubic shows, per language, kept as data in `locales/` like
//! the themes. There is no process-wide language: each session's state carries its
//! [`Lang`], and the state machine and the panes ask it for their texts with [`t!`]. A key
//! the chosen catalog lacks falls back to English; `i18n/tests.rs` fails when a catalog
//! misses a key the sources use, holds one they no longer use, or a placeholder differs.

mod catalog;
mod invalid;
mod refusal;

use std::fmt::Display;
use std::sync::LazyLock;

use catalog::Catalog;

use super::command::Command;

/// A language kubic speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

/// The catalogs kubic ships; the files in `locales/` are the only definition of them.
const SHIPPED: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../../locales/en.toml")),
    (Lang::Ko, include_str!("../../locales/ko.toml")),
];

static CATALOGS: LazyLock<Vec<(Lang, Catalog)>> = LazyLock::new(|| {
    SHIPPED
        .iter()
        .map(|&(lang, text)| (lang, Catalog::parse(text).0))
        .collect()
});

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The name `config.toml`'s `lang` uses.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Lang::ALL.iter().map(|lang| lang.name()).collect()
    }

    pub fn from_name(name: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.name() == name)
    }

    /// The language a POSIX locale value names (`ko_KR.UTF-8`, `ko`, `en_US`); `None`
    /// for one kubic has no catalog of (`C`, `POSIX`, `fr_FR`) or an empty value.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let language = value.split(['_', '.', '@', '-']).next()?;
        Lang::from_name(&language.to_ascii_lowercase())
    }

    /// The language of the environment, as POSIX decides the messages' locale: the first
    /// set, non-empty one of `LC_ALL`, `LC_MESSAGES`, `LANG`; `None` if that one names a
    /// language kubic has no catalog of.
    pub fn from_env() -> Option<Lang> {
        let var = |name: &str| std::env::var(name).ok();
        Lang::from_env_values(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    }

    /// [`Lang::from_env`] from given values.
    pub fn from_env_values(lc_all: Option<String>, lc_messages: Option<String>, lang: Option<String>) -> Option<Lang> {
        let chosen = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())?;
        Lang::from_locale(&chosen)
    }

    /// The text of `key`: this language's, else English, else the key itself (a key no
    /// catalog has is a bug the catalog tests catch).
    pub fn text(self, key: &'static str) -> &'static str {
        self.lookup(key).unwrap_or(key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn format(self, key: &'static str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(key), args)
    }

    /// What `?` says `command` does.
    pub fn command(self, command: Command) -> &'static str {
        self.family("command", command.name()).unwrap_or(command.name())
    }

    /// The word the footer's key hints and a narrow help use for `command`.
    pub fn hint(self, command: Command) -> &'static str {
        self.family("hint", command.name()).unwrap_or(command.name())
    }

    /// A table column's title, from the name kubic knows it by (`NAME`, `SERVICE-IPS`).
    pub fn column(self, title: &'static str) -> &'static str {
        self.family("column", &column_key(title)).unwrap_or(title)
    }

    fn family(self, table: &str, name: &str) -> Option<&'static str> {
        self.lookup(&format!("{table}.{name}"))
    }

    fn lookup(self, key: &str) -> Option<&'static str> {
        let find = |lang: Lang| {
            CATALOGS
                .iter()
                .find(|(l, _)| *l == lang)
                .and_then(|(_, catalog)| catalog.get(key))
        };
        find(self).or_else(|| find(Lang::En))
    }
}

/// The catalog key of a column title: lower case, `%` as `pct`, words joined by `_`
/// (`CPU%` is `cpu_pct`, `%CPU/R` is `pct_cpu_r`).
pub fn column_key(title: &str) -> String {
    let spelled = title.to_ascii_lowercase().replace('%', " pct ");
    let words = spelled.split(['-', ' ', '/']).filter(|word| !word.is_empty());
    words.collect::<Vec<&str>>().join("_")
}

/// `template` with each `{name}` that `args` names replaced by its value; any other
/// brace is kept as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|arg| (close, arg.1))
        });
        match value {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a catalog key in a language: `t!(lang, "key")` is a `&'static str`;
/// `t!(lang, "key", name = value, …)` a `String` with each `{name}` filled in.
macro_rules! t {
    ($lang:expr, $key:literal) => {
        $lang.text($key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $lang.format($key, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),+])
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests;
