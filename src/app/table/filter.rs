//! The `/` filter: plain text (case-insensitive substring), a regular expression, or a
//! label selector after `-l` (`app=web,tier!=db,canary,!legacy`).

use crate::model::invalid::Invalid;
use regex::{Regex, RegexBuilder};

use crate::model::rows::Row;

/// A parsed filter.
#[derive(Debug, Clone, Default)]
pub enum Filter {
    #[default]
    All,
    Text(String),
    Pattern(Regex),
    Labels(Vec<LabelTerm>),
}

/// One term of a label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelTerm {
    Equals(String, String),
    NotEquals(String, String),
    Exists(String),
    Absent(String),
}

impl Filter {
    /// Parses what the operator typed after `/`.
    pub fn parse(input: &str) -> Result<Filter, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Ok(Filter::All);
        }
        if let Some(selector) = input.strip_prefix("-l") {
            return parse_labels(selector.trim()).map(Filter::Labels);
        }
        if input.contains(['*', '+', '?', '^', '$', '[', '(', '|', '\\', '{']) {
            return RegexBuilder::new(input)
                .case_insensitive(true)
                .build()
                .map(Filter::Pattern)
                .map_err(|e| Invalid::FilterPattern {
                    why: e.to_string().lines().last().unwrap_or_default().to_string(),
                });
        }
        Ok(Filter::Text(input.to_lowercase()))
    }

    /// Whether `row` passes.
    pub fn matches(&self, row: &Row) -> bool {
        match self {
            Filter::All => true,
            Filter::Text(needle) => searchable(row).any(|s| contains_ignore_case(s, needle)),
            Filter::Pattern(regex) => searchable(row).any(|s| regex.is_match(s)),
            Filter::Labels(terms) => terms.iter().all(|t| t.matches(&row.labels)),
        }
    }

    pub fn is_active(&self) -> bool {
        !matches!(self, Filter::All)
    }
}

fn searchable(row: &Row) -> impl Iterator<Item = &str> {
    [row.key.name.as_str(), row.key.namespace.as_str()]
        .into_iter()
        .chain(row.cells.iter().map(String::as_str))
}

fn contains_ignore_case(haystack: &str, lowercase_needle: &str) -> bool {
    if haystack.is_ascii() {
        haystack
            .as_bytes()
            .windows(lowercase_needle.len().max(1))
            .any(|w| w.eq_ignore_ascii_case(lowercase_needle.as_bytes()))
            || lowercase_needle.is_empty()
    } else {
        haystack.to_lowercase().contains(lowercase_needle)
    }
}

fn parse_labels(selector: &str) -> Result<Vec<LabelTerm>, Invalid> {
    if selector.is_empty() {
        return Err(Invalid::SelectorRequired);
    }
    selector
        .split(',')
        .map(str::trim)
        .map(|term| {
            let term_of = |key: &str, value: &str, equal: bool| {
                let (key, value) = (key.trim().to_string(), value.trim().to_string());
                if key.is_empty() {
                    return Err(Invalid::LabelNoKey { term: term.into() });
                }
                Ok(if equal {
                    LabelTerm::Equals(key, value)
                } else {
                    LabelTerm::NotEquals(key, value)
                })
            };
            if let Some((k, v)) = term.split_once("!=") {
                term_of(k, v, false)
            } else if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
                term_of(k, v, true)
            } else if let Some(key) = term.strip_prefix('!') {
                match key.trim() {
                    "" => Err(Invalid::LabelNoKey { term: term.into() }),
                    key => Ok(LabelTerm::Absent(key.to_string())),
                }
            } else if term.is_empty() {
                Err(Invalid::LabelEmptyTerm)
            } else {
                Ok(LabelTerm::Exists(term.to_string()))
            }
        })
        .collect()
}

impl LabelTerm {
    fn matches(&self, labels: &str) -> bool {
        let value_of = |key: &str| {
            labels
                .split(',')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
        };
        match self {
            LabelTerm::Equals(k, v) => value_of(k) == Some(v.as_str()),
            LabelTerm::NotEquals(k, v) => value_of(k) != Some(v.as_str()),
            LabelTerm::Exists(k) => value_of(k).is_some(),
            LabelTerm::Absent(k) => value_of(k).is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, labels: &str, cells: &[&str]) -> Row {
        Row {
            labels: labels.into(),
            ..crate::app::test_support::row("demo", name, cells)
        }
    }

    #[test]
    fn text_matches_any_cell_ignoring_case() {
        let filter = Filter::parse("CRASH").unwrap();
        assert!(filter.matches(&row("web-1", "", &["0/1", "CrashLoopBackOff"])));
        assert!(!filter.matches(&row("web-2", "", &["1/1", "Running"])));
    }

    #[test]
    fn a_pattern_is_a_case_insensitive_regex() {
        let filter = Filter::parse("^WEB-[0-9]$").unwrap();
        assert!(filter.matches(&row("web-1", "", &[])));
        assert!(!filter.matches(&row("web-10", "", &[])));
        assert!(
            Filter::parse("web-(")
                .unwrap_err()
                .to_string()
                .contains("not a valid pattern")
        );
    }

    #[test]
    fn label_selectors_support_equality_inequality_and_existence() {
        let r = row("a", "app=web,tier=front", &[]);
        assert!(Filter::parse("-l app=web").unwrap().matches(&r));
        assert!(Filter::parse("-l app==web,tier!=db").unwrap().matches(&r));
        assert!(Filter::parse("-l tier,!legacy").unwrap().matches(&r));
        assert!(!Filter::parse("-l app=db").unwrap().matches(&r));
        assert!(!Filter::parse("-l !tier").unwrap().matches(&r));
        assert!(Filter::parse("-l").is_err());
        assert!(Filter::parse("-l =x").is_err());
    }

    #[test]
    fn a_bare_not_has_no_label_key() {
        assert_eq!(
            Filter::parse("-l app=web, !").unwrap_err().to_string(),
            "\"!\" has no label key"
        );
    }

    mod props {
        use std::collections::BTreeMap;

        use proptest::prelude::*;

        use super::*;

        /// A label key as Kubernetes allows it: an optional DNS prefix, then a name.
        fn key() -> impl Strategy<Value = String> {
            "([a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?"
        }

        fn value() -> impl Strategy<Value = String> {
            "([A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?)?"
        }

        fn term() -> impl Strategy<Value = LabelTerm> {
            prop_oneof![
                (key(), value()).prop_map(|(k, v)| LabelTerm::Equals(k, v)),
                (key(), value()).prop_map(|(k, v)| LabelTerm::NotEquals(k, v)),
                key().prop_map(LabelTerm::Exists),
                key().prop_map(LabelTerm::Absent),
            ]
        }

        /// A term as an operator may type it, `==` or `=`, spaces around or not.
        fn typed(term: &LabelTerm, double: bool, space: &str) -> String {
            match term {
                LabelTerm::Equals(k, v) if double => format!("{space}{k}{space}=={space}{v}{space}"),
                LabelTerm::Equals(k, v) => format!("{space}{k}={v}{space}"),
                LabelTerm::NotEquals(k, v) => format!("{k}{space}!={space}{v}"),
                LabelTerm::Exists(k) => format!("{space}{k}"),
                LabelTerm::Absent(k) => format!("!{space}{k}{space}"),
            }
        }

        fn holds(term: &LabelTerm, labels: &BTreeMap<String, String>) -> bool {
            match term {
                LabelTerm::Equals(k, v) => labels.get(k) == Some(v),
                LabelTerm::NotEquals(k, v) => labels.get(k) != Some(v),
                LabelTerm::Exists(k) => labels.contains_key(k),
                LabelTerm::Absent(k) => !labels.contains_key(k),
            }
        }

        proptest! {
            #[test]
            fn any_input_parses_or_says_why_without_a_panic(input in "\\PC{0,40}", labels in "\\PC{0,30}") {
                for typed in [input.clone(), format!("-l {input}")] {
                    if let Ok(filter) = Filter::parse(&typed) {
                        let _ = filter.matches(&row("r", &labels, &[input.as_str()]));
                    }
                }
            }

            #[test]
            fn a_typed_selector_parses_to_its_terms(
                terms in prop::collection::vec((term(), any::<bool>(), prop::sample::select(vec!["", " "])), 1..5)
            ) {
                let typed: Vec<String> = terms.iter().map(|(t, double, space)| typed(t, *double, space)).collect();
                let selector = format!("-l {}", typed.join(","));
                let parsed = Filter::parse(&selector);
                let expected: Vec<LabelTerm> = terms.into_iter().map(|(t, _, _)| t).collect();
                prop_assert!(matches!(&parsed, Ok(Filter::Labels(got)) if *got == expected), "{selector:?}: {parsed:?}");
            }

            #[test]
            fn a_selector_matches_exactly_the_rows_whose_labels_satisfy_it(
                terms in prop::collection::vec(term(), 1..4),
                labels in prop::collection::btree_map(key(), value(), 0..4),
                shared in prop::collection::vec((any::<prop::sample::Index>(), value()), 0..3),
            ) {
                let mut labels = labels;
                // Some labels the terms name, so that matches are likely.
                for (index, value) in shared {
                    let term = index.get(&terms);
                    let (LabelTerm::Equals(k, _) | LabelTerm::NotEquals(k, _) | LabelTerm::Exists(k) | LabelTerm::Absent(k)) = term;
                    labels.insert(k.clone(), value);
                }
                let text: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
                let selector: Vec<String> = terms.iter().map(|t| typed(t, false, "")).collect();
                let filter = Filter::parse(&format!("-l {}", selector.join(","))).unwrap();
                let expected = terms.iter().all(|t| holds(t, &labels));
                prop_assert_eq!(filter.matches(&row("r", &text.join(","), &[])), expected);
            }

            #[test]
            fn text_matches_what_contains_it_ignoring_case(name in "\\PC{0,12}", needle in "[a-zA-Z0-9é][a-zA-Z0-9é-]{0,2}") {
                let filter = Filter::parse(&needle).unwrap();
                let lowered = needle.trim().to_lowercase();
                prop_assert_eq!(filter.matches(&row(&name, "", &[])), name.to_lowercase().contains(&lowered) || "demo".contains(&lowered));
            }
        }
    }
}
