//! TOML config files read with positions, so that every warning can name the file and
//! line it is about: `<path>:<line>: <problem>; valid: <choices>`.

use std::borrow::Cow;
use std::fmt::Display;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A key of a TOML table, with where it was written.
pub type Key<'i> = Spanned<Cow<'i, str>>;
/// A value of a TOML table, with where it was written.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// The text of one config file and the path warnings call it by.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'t> {
    path: &'t str,
    text: &'t str,
}

impl<'t> Doc<'t> {
    pub fn new(path: &'t str, text: &'t str) -> Doc<'t> {
        Doc { path, text }
    }

    /// Parses the whole file, or gives the one warning that says why it is not TOML.
    pub fn parse(&self) -> Result<DeTable<'t>, String> {
        DeTable::parse(self.text).map(Spanned::into_inner).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            let message = error.message().trim().replace('\n', "; ");
            self.warn(offset, format!("not valid TOML, file ignored: {message}"), &[])
        })
    }

    /// The 1-based line of a byte offset in the file.
    pub fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// A one-line warning about what is at `offset`, listing the valid choices if there are any.
    pub fn warn(&self, offset: usize, problem: impl Display, valid: &[&str]) -> String {
        self.warn_line(self.line(offset), problem, valid)
    }

    /// A one-line warning about a line of the file.
    pub fn warn_line(&self, line: usize, problem: impl Display, valid: &[&str]) -> String {
        let mut warning = format!("{}:{line}: {problem}", self.path);
        if !valid.is_empty() {
            warning.push_str("; valid: ");
            warning.push_str(&valid.join(", "));
        }
        warning
    }

    /// A warning that `value` has the wrong type.
    pub fn wrong_type(&self, value: &Value<'_>, what: &str, expected: &str) -> String {
        let found = value.get_ref().type_str();
        self.warn(
            value.span().start,
            format!("{what} must be {expected}, not {found}"),
            &[],
        )
    }
}

/// The entries of a table in the order they appear in the file.
pub fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a Key<'i>, &'a Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    use super::*;

    /// Text shaped like a config file (tables, `name = value` lines with strings, arrays,
    /// inline tables, numbers, comments), with `names` and `strings` among random ones and
    /// broken lines between: what a hand-edited file may hold.
    pub(crate) fn config_like(names: Vec<&'static str>, strings: Vec<&'static str>) -> impl Strategy<Value = String> {
        let name = prop_oneof![
            4 => prop::sample::select(names).prop_map(String::from),
            1 => "[a-z_]{1,8}",
            1 => "\"[a-z. -]{0,6}\"",
        ];
        let string = prop_oneof![
            3 => prop::sample::select(strings).prop_map(|s| format!("{s:?}")),
            1 => "\"[ -~&&[^\"\\\\]]{0,8}\"",
        ];
        let value = prop_oneof![
            3 => string.clone(),
            2 => prop::collection::vec(string.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
            1 => (name.clone(), string).prop_map(|(k, v)| format!("{{ {k} = {v} }}")),
            1 => prop::sample::select(vec!["1", "-3.5", "true", "[]", "{}", "1979-05-27", "[1, \"a\"]"]).prop_map(String::from),
        ];
        let line = prop_oneof![
            2 => name.clone().prop_map(|n| format!("[{n}]")),
            6 => (name, value).prop_map(|(n, v)| format!("{n} = {v}")),
            1 => Just("# a comment".to_string()),
            1 => Just(String::new()),
            1 => "\\PC{0,16}",
        ];
        prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
    }

    /// Arbitrary bytes, as a file read lossily would hold them.
    pub(crate) fn any_bytes_text() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<u8>(), 0..160).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Every warning is one line `<path>:<line>: …` naming a line of `text`.
    pub(crate) fn check_warnings(path: &str, text: &str, warnings: &[String]) -> Result<(), TestCaseError> {
        let last_line = text.matches('\n').count() + 1;
        for warning in warnings {
            prop_assert!(!warning.contains(['\n', '\r']), "{:?}", warning);
            let line = warning
                .strip_prefix(path)
                .and_then(|rest| rest.strip_prefix(':'))
                .and_then(|rest| rest.split_once(": "))
                .and_then(|(line, _)| line.parse::<usize>().ok());
            prop_assert!(
                line.is_some_and(|line| (1..=last_line).contains(&line)),
                "{:?}",
                warning
            );
        }
        Ok(())
    }

    #[test]
    fn lines_count_from_one() {
        let doc = Doc::new("f.toml", "a = 1\nb = 2\n");
        assert_eq!(doc.line(0), 1);
        assert_eq!(doc.line(6), 2);
        assert_eq!(doc.line(1000), 3);
    }

    #[test]
    fn warnings_name_file_line_and_choices() {
        let doc = Doc::new("f.toml", "a = 1\nb = 2\n");
        assert_eq!(doc.warn(6, "bad b", &["x", "y"]), "f.toml:2: bad b; valid: x, y");
        assert_eq!(doc.warn(0, "bad a", &[]), "f.toml:1: bad a");
    }

    #[test]
    fn invalid_toml_is_one_warning_with_the_parser_line() {
        let doc = Doc::new("f.toml", "a = 1\n\nb = = 2\n");
        let warning = doc.parse().err().unwrap_or_default();
        assert!(
            warning.starts_with("f.toml:3: not valid TOML, file ignored: "),
            "{warning}"
        );
        assert!(!warning.contains('\n'));
    }

    #[test]
    fn entries_come_in_file_order() {
        let doc = Doc::new("f.toml", "zeta = 1\nalpha = 2\n[mid]\n");
        let table = doc.parse().unwrap_or_default();
        let names: Vec<&str> = entries(&table).iter().map(|(k, _)| k.get_ref().as_ref()).collect();
        assert_eq!(names, ["zeta", "alpha", "mid"]);
    }
}
