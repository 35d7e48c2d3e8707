//! The catalogs against the sources: every key a `t!` names (and every command and column
//! title) is in both catalogs with the same placeholders as the call fills, and no
//! catalog holds a key nothing uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::catalog::{Catalog, placeholders};
use super::*;

/// A `t!` call found in the sources: its key and the names it fills.
#[derive(Debug)]
struct Use {
    key: String,
    names: BTreeSet<String>,
    at: String,
}

fn catalog(lang: Lang) -> Catalog {
    let text = SHIPPED.iter().find(|(l, _)| *l == lang).map(|(_, text)| *text).unwrap();
    let (catalog, problems) = Catalog::parse(text);
    assert!(problems.is_empty(), "{}: {problems:?}", lang.name());
    catalog
}

/// Every `.rs` file under `dir` but tests, with its path.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if name != "tests" {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && !name.contains("tests") && name != "test_support.rs" {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The inside of the parenthesis that opens at `text[0]`, strings and nesting respected.
fn inside(text: &str) -> Option<&str> {
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[1..i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The arguments of a call, split at top-level commas.
fn arguments(inner: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut in_string, mut escaped, mut start) = (Vec::new(), 0, false, false, 0);
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' | '[' | '{' | '<' if !in_string => depth += 1,
            ')' | ']' | '}' | '>' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                parts.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].trim());
    parts.retain(|part| !part.is_empty());
    parts
}

fn uses() -> Vec<Use> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut found = Vec::new();
    for (path, text) in &files {
        for (at, _) in text.match_indices("t!(") {
            let before = text[..at].chars().next_back();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let comment = text[line_start..at].trim_start().starts_with("//");
            if comment || before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(inner) = inside(&text[at + 2..]) else {
                continue;
            };
            let args = arguments(inner);
            let Some(key) = args
                .get(1)
                .and_then(|k| k.strip_prefix('"'))
                .and_then(|k| k.strip_suffix('"'))
            else {
                if !args.get(1).is_some_and(|k| k.starts_with('$')) {
                    panic!("{path}: a t! whose key is not a literal: t!({inner})");
                }
                continue;
            };
            let names = args[2..]
                .iter()
                .map(|arg| arg.split('=').next().unwrap_or("").trim().to_string())
                .collect();
            let line = text[..at].matches('\n').count() + 1;
            found.push(Use {
                key: key.to_string(),
                names,
                at: format!("{path}:{line}"),
            });
        }
    }
    found
}

/// The keys used through a family rather than a literal: commands and column titles.
fn family_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for command in Command::ALL {
        keys.insert(format!("command.{}", command.name()));
        keys.insert(format!("hint.{}", command.name()));
    }
    for title in crate::model::rows::all_column_titles() {
        keys.insert(format!("column.{}", column_key(title)));
    }
    keys
}

#[test]
fn the_scanner_finds_keys_and_names() {
    let args = arguments(r#"app.lang, "a.b", name = f(x, y), what = "c,d""#);
    assert_eq!(args, ["app.lang", "\"a.b\"", "name = f(x, y)", "what = \"c,d\""]);
    assert_eq!(inside("(a, (b), \")\") rest"), Some("a, (b), \")\""));
    assert!(
        uses().iter().any(|u| u.key == "footer.editor"),
        "the scanner sees t! calls"
    );
}

#[test]
fn every_key_used_is_in_both_catalogs_with_the_placeholders_the_call_fills() {
    let (en, ko) = (catalog(Lang::En), catalog(Lang::Ko));
    let mut problems = Vec::new();
    for found in uses() {
        let Some(text) = en.get(&found.key) else {
            problems.push(format!("{}: {:?} is not in locales/en.toml", found.at, found.key));
            continue;
        };
        let wanted: BTreeSet<String> = placeholders(text).into_iter().map(String::from).collect();
        if wanted != found.names {
            problems.push(format!(
                "{}: {:?} fills {:?}, the text has {wanted:?}",
                found.at, found.key, found.names
            ));
        }
    }
    for key in family_keys() {
        if en.get(&key).is_none() {
            problems.push(format!("{key:?} is not in locales/en.toml"));
        }
    }
    for key in en.keys() {
        if ko.get(key).is_none() {
            problems.push(format!("{key:?} is not in locales/ko.toml"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_catalog_holds_a_key_nothing_uses() {
    let mut used: BTreeSet<String> = uses().into_iter().map(|u| u.key).collect();
    used.extend(family_keys());
    let mut unused = BTreeMap::new();
    for lang in Lang::ALL {
        let catalog = catalog(lang);
        let stale: Vec<String> = catalog
            .keys()
            .filter(|k| !used.contains(*k))
            .map(String::from)
            .collect();
        if !stale.is_empty() {
            unused.insert(lang.name(), stale);
        }
    }
    assert!(unused.is_empty(), "keys no source uses: {unused:?}");
}

#[test]
fn placeholders_match_between_english_and_korean() {
    let (en, ko) = (catalog(Lang::En), catalog(Lang::Ko));
    let differ: Vec<String> = en
        .keys()
        .filter_map(|key| {
            let korean = ko.get(key)?;
            let (a, b) = (placeholders(en.get(key)?), placeholders(korean));
            (a != b).then(|| format!("{key}: en {a:?}, ko {b:?}"))
        })
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
}

#[test]
fn a_missing_korean_entry_falls_back_to_english_and_an_unknown_key_to_itself() {
    assert_eq!(Lang::Ko.lookup("no.such.key"), None);
    assert_eq!(Lang::Ko.text("no.such.key"), "no.such.key");
    let (en, ko) = (
        Catalog::parse("[a]\nb = \"B {n}\"\nc = \"C\"\n").0,
        Catalog::parse("[a]\nc = \"씨\"\n").0,
    );
    let find = |key: &str| ko.get(key).or_else(|| en.get(key));
    assert_eq!((find("a.b"), find("a.c")), (Some("B {n}"), Some("씨")));
    assert_eq!(
        Lang::Ko.text("footer.editor"),
        catalog(Lang::Ko).get("footer.editor").unwrap()
    );
    assert_ne!(Lang::Ko.text("footer.editor"), Lang::En.text("footer.editor"));
}

#[test]
fn placeholders_are_filled_by_name_and_other_braces_stay() {
    assert_eq!(fill("{a} of {b} {a}", &[("a", &1), ("b", &"x")]), "1 of x 1");
    assert_eq!(fill("{unknown} {x", &[("a", &1)]), "{unknown} {x");
    assert_eq!(placeholders("{a} {b_2} {C} {}"), BTreeSet::from(["a", "b_2"]));
    assert_eq!(t!(Lang::En, "footer.editor"), "ctrl-s save  esc cancel");
}

#[test]
fn a_bad_entry_is_a_problem_and_the_rest_applies() {
    let (catalog, problems) = Catalog::parse("[a]\nb = 1\nc = \"C\"\n");
    assert_eq!(catalog.get("a.c"), Some("C"));
    assert_eq!(problems, ["catalog:2: a.b must be a string, not integer"]);
    assert_eq!(Catalog::parse("a = ").1.len(), 1);
}

#[test]
fn locales_name_languages() {
    let some = |s: &str| Some(s.to_string());
    assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Some(Lang::Ko));
    assert_eq!(Lang::from_locale("ko"), Some(Lang::Ko));
    assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
    assert_eq!(Lang::from_locale("C.UTF-8"), None);
    assert_eq!(Lang::from_locale(""), None);
    assert_eq!(
        Lang::from_env_values(some("ko_KR.UTF-8"), None, some("en_US")),
        Some(Lang::Ko)
    );
    assert_eq!(
        Lang::from_env_values(some(""), some("ko_KR"), some("en_US")),
        Some(Lang::Ko)
    );
    assert_eq!(Lang::from_env_values(None, None, some("ko_KR.UTF-8")), Some(Lang::Ko));
    assert_eq!(Lang::from_env_values(some("C"), None, some("ko_KR.UTF-8")), None);
    assert_eq!(Lang::from_env_values(None, None, None), None);
}

#[test]
fn families_fall_back_to_the_name_kubic_knows() {
    assert_eq!(Lang::En.column("SERVICE-IPS"), "SERVICE-IPS");
    assert_eq!(Lang::Ko.column("NO-SUCH-COLUMN"), "NO-SUCH-COLUMN");
    assert_eq!(Lang::En.hint(Command::Quit), "quit");
    assert_eq!(column_key("LAST LOGIN"), "last_login");
    assert_eq!(column_key("CPU%"), "cpu_pct");
    assert_eq!(column_key("%MEM/L"), "pct_mem_l");
}

#[test]
fn every_file_in_locales_is_a_shipped_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    let shipped: Vec<String> = Lang::ALL.iter().map(|lang| format!("{}.toml", lang.name())).collect();
    assert_eq!(files, shipped);
    assert_eq!(SHIPPED.len(), Lang::ALL.len());
}
