//! Taints as operators type them (`key=value:Effect` adds, `key:Effect-` or `key-`
//! removes), validated as Kubernetes would before anything is sent.

/// The effects Kubernetes accepts.
pub const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// One taint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: Option<String>,
    pub effect: String,
}

impl Taint {
    /// `key=value:Effect` as kubectl prints it.
    pub fn text(&self) -> String {
        match &self.value {
            Some(value) => format!("{}={value}:{}", self.key, self.effect),
            None => format!("{}:{}", self.key, self.effect),
        }
    }
}

use crate::model::invalid::{Invalid, Part};

/// A change of a host's taints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaintChange {
    Add(Taint),
    /// Removes the taints with `key` (only those with `effect` when given).
    Remove {
        key: String,
        effect: Option<String>,
    },
}

/// Parses what the operator typed, or says what is wrong with it.
pub fn parse(text: &str) -> Result<TaintChange, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Invalid::TaintUsage);
    }
    if let Some(removal) = text.strip_suffix('-') {
        let (key, effect) = match removal.split_once(':') {
            Some((key, effect)) => (key, Some(effect_of(effect)?)),
            None => (removal, None),
        };
        check_key(key)?;
        return Ok(TaintChange::Remove {
            key: key.into(),
            effect,
        });
    }
    let (pair, effect) = text.rsplit_once(':').ok_or(Invalid::TaintEffectMissing)?;
    let effect = effect_of(effect)?;
    let (key, value) = match pair.split_once('=') {
        Some((key, value)) => (key, Some(value)),
        None => (pair, None),
    };
    check_key(key)?;
    if let Some(value) = value {
        check_value(value)?;
    }
    Ok(TaintChange::Add(Taint {
        key: key.into(),
        value: value.filter(|v| !v.is_empty()).map(String::from),
        effect,
    }))
}

fn effect_of(text: &str) -> Result<String, Invalid> {
    EFFECTS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(text))
        .map(|e| e.to_string())
        .ok_or_else(|| Invalid::TaintEffect { text: text.into() })
}

/// A qualified name: an optional DNS subdomain prefix and `/`, then a name of at most 63
/// characters of letters, digits, `-`, `_` and `.`, starting and ending alphanumeric.
fn check_key(key: &str) -> Result<(), Invalid> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        let valid = !prefix.is_empty()
            && prefix.len() <= 253
            && prefix
                .split('.')
                .all(|label| crate::model::validate::dns1123_label(label).is_ok());
        if !valid {
            return Err(Invalid::KeyPrefix { prefix: prefix.into() });
        }
    }
    if name.is_empty() {
        return Err(Invalid::KeyRequired);
    }
    name_part(name).map_err(|e| e.of(Part::TaintKey))
}

fn check_value(value: &str) -> Result<(), Invalid> {
    if value.is_empty() {
        return Ok(());
    }
    name_part(value).map_err(|e| e.of(Part::TaintValue))
}

fn name_part(text: &str) -> Result<(), Invalid> {
    if text.len() > 63 {
        return Err(Invalid::NameTooLong { typed: text.len() });
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(Invalid::QualifiedChar { bad });
    }
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !edge_ok(text.chars().next()) || !edge_ok(text.chars().last()) {
        return Err(Invalid::QualifiedEdges);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_parse_with_or_without_a_value() {
        let change = parse("dedicated=db:NoSchedule").unwrap();
        let TaintChange::Add(taint) = &change else {
            panic!("{change:?}")
        };
        assert_eq!(taint.text(), "dedicated=db:NoSchedule");
        assert_eq!(
            parse("example.com/gpu:noexecute"),
            Ok(TaintChange::Add(Taint {
                key: "example.com/gpu".into(),
                value: None,
                effect: "NoExecute".into()
            }))
        );
    }

    #[test]
    fn removals_parse_with_or_without_an_effect() {
        assert_eq!(
            parse("dedicated:NoSchedule-"),
            Ok(TaintChange::Remove {
                key: "dedicated".into(),
                effect: Some("NoSchedule".into())
            })
        );
        assert_eq!(
            parse("dedicated-"),
            Ok(TaintChange::Remove {
                key: "dedicated".into(),
                effect: None
            })
        );
    }

    #[test]
    fn invalid_input_says_what_is_wrong_while_typing() {
        assert!(parse("").unwrap_err().to_string().contains("key=value:Effect"));
        assert!(
            parse("dedicated=db")
                .unwrap_err()
                .to_string()
                .contains("add the effect")
        );
        assert!(
            parse("dedicated=db:Never")
                .unwrap_err()
                .to_string()
                .contains("effect \"Never\"")
        );
        assert!(
            parse("bad key=x:NoSchedule")
                .unwrap_err()
                .to_string()
                .contains("' ' is not allowed")
        );
        assert!(parse("k=-x:NoSchedule").unwrap_err().to_string().starts_with("value:"));
        assert!(
            parse("Bad_Prefix/k:NoSchedule")
                .unwrap_err()
                .to_string()
                .contains("DNS subdomain")
        );
        assert!(
            parse(&format!("{}:NoSchedule", "k".repeat(64)))
                .unwrap_err()
                .to_string()
                .contains("63")
        );
        assert!(
            parse(":NoSchedule-")
                .unwrap_err()
                .to_string()
                .contains("key is required")
        );
    }

    mod props {
        use proptest::prelude::*;

        use super::*;

        /// A qualified name part: 1 to 63 characters, alphanumeric at both ends.
        fn name() -> impl Strategy<Value = String> {
            "[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?"
        }

        /// A key: a name, optionally after a DNS subdomain and `/`.
        fn key() -> impl Strategy<Value = String> {
            let label = "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?";
            (prop::option::of(prop::collection::vec(label, 1..4)), name()).prop_map(|(prefix, name)| match prefix {
                Some(labels) => format!("{}/{name}", labels.join(".")),
                None => name,
            })
        }

        fn effect() -> impl Strategy<Value = String> {
            prop::sample::select(EFFECTS.to_vec()).prop_map(String::from)
        }

        fn taint() -> impl Strategy<Value = Taint> {
            (key(), prop::option::of(name()), effect()).prop_map(|(key, value, effect)| Taint { key, value, effect })
        }

        proptest! {
            #[test]
            fn any_text_parses_or_says_why_without_a_panic(text in "\\PC{0,40}", near in "[a-z=:/.-]{0,12}") {
                for text in [&text, &near] {
                    if let Err(reason) = parse(text) {
                        prop_assert!(!reason.to_string().is_empty());
                    }
                }
            }

            #[test]
            fn a_taint_as_kubectl_prints_it_parses_back(taint in taint(), upper in any::<bool>()) {
                let text = taint.text();
                let text = match upper {
                    true => format!("{}{}", &text[..text.len() - taint.effect.len()], taint.effect.to_uppercase()),
                    false => text,
                };
                prop_assert_eq!(parse(&format!(" {text} ")), Ok(TaintChange::Add(taint)));
            }

            #[test]
            fn a_removal_parses_back(key in key(), effect in prop::option::of(effect())) {
                let text = match &effect {
                    Some(effect) => format!("{key}:{effect}-"),
                    None => format!("{key}-"),
                };
                prop_assert_eq!(parse(&text), Ok(TaintChange::Remove { key, effect }));
            }

            #[test]
            fn a_value_longer_than_63_is_refused(key in key(), value in "[a-z]{64,80}", effect in effect()) {
                let reason = parse(&format!("{key}={value}:{effect}")).unwrap_err();
                let reason = reason.to_string();
                prop_assert!(reason.starts_with("value:") && reason.contains("63"), "{}", reason);
            }
        }
    }
}
