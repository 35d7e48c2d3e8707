//! One key as keymap files write it (`q`, `G`, `ctrl-d`, `shift-tab`, `f5`) and as crossterm
//! reports it, normalised so that both compare equal however the terminal reports SHIFT.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Named keys, by the name keymap files use.
const NAMED: &[(&str, KeyCode)] = &[
    ("esc", KeyCode::Esc),
    ("enter", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

/// Modifier prefixes, in the order `format_key` writes them.
const PREFIXES: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

/// What a key may be written as, for warnings.
pub const KEY_SYNTAX: &[&str] = &[
    "a single character",
    "esc",
    "enter",
    "tab",
    "backtab",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    "space",
    "f1..f12",
    "each optionally after ctrl-, alt-, shift-",
];

/// A key with its modifiers, normalised: a character carries its case instead of SHIFT
/// (`G`, never `shift-g`), and shift-tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        match code {
            KeyCode::Char(c) if shift => Key::unshifted(KeyCode::Char(c.to_uppercase().next().unwrap_or(c)), modifiers),
            KeyCode::Tab if shift => Key::unshifted(KeyCode::BackTab, modifiers),
            KeyCode::BackTab => Key::unshifted(code, modifiers),
            _ => Key { code, modifiers },
        }
    }

    fn unshifted(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key {
            code,
            modifiers: modifiers - KeyModifiers::SHIFT,
        }
    }

    /// The key a crossterm event reports.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

/// Reads a key as keymap files write it.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text;
    let mut modifiers = KeyModifiers::NONE;
    while let Some((prefix, modifier)) = prefix_of(rest) {
        rest = &rest[prefix.len()..];
        modifiers |= modifier;
    }
    let code = parse_code(rest).ok_or_else(|| format!("bad key {text:?}"))?;
    if let KeyCode::Char(c) = code
        && modifiers.contains(KeyModifiers::SHIFT)
        && !c.is_alphabetic()
    {
        return Err(format!(
            "bad key {text:?}: write the shifted character itself instead of shift-"
        ));
    }
    Ok(Key::new(code, modifiers))
}

/// The modifier prefix `text` starts with, if a key follows it.
fn prefix_of(text: &str) -> Option<(&'static str, KeyModifiers)> {
    PREFIXES.iter().copied().find(|(prefix, _)| {
        text.len() > prefix.len()
            && text
                .get(..prefix.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    })
}

fn parse_code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = text.to_ascii_lowercase();
    if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
        return Some(*code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&number).then_some(KeyCode::F(number))
}

/// Writes a key the way keymap files and the help screen spell it.
pub fn format_key(key: &Key) -> String {
    let mut text = String::new();
    for (prefix, modifier) in PREFIXES {
        if key.modifiers.contains(*modifier) {
            text.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::Char(' ') => text.push_str("space"),
        KeyCode::Char(c) => text.push(c),
        KeyCode::F(n) => text.push_str(&format!("f{n}")),
        code => match NAMED.iter().find(|(_, named)| *named == code) {
            Some((name, _)) => text.push_str(name),
            None => text.push_str(&format!("{code:?}").to_ascii_lowercase()),
        },
    }
    text
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Any key a keymap file can write (a character, a named key, f1..f12, with any
    /// modifiers), normalised as `Key::new` does.
    pub(crate) fn any_key() -> impl Strategy<Value = Key> {
        let code = prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            "[a-z0-9:?/-]".prop_map(|c| KeyCode::Char(c.chars().next().unwrap_or('a'))),
            prop::sample::select(NAMED.iter().map(|(_, code)| *code).collect::<Vec<_>>()),
            (1u8..=12).prop_map(KeyCode::F),
        ];
        let modifiers = prop::sample::subsequence(PREFIXES.iter().map(|(_, m)| *m).collect::<Vec<_>>(), 0..=3)
            .prop_map(|chosen| chosen.into_iter().fold(KeyModifiers::NONE, |all, m| all | m));
        (code, modifiers).prop_map(|(code, modifiers)| Key::new(code, modifiers))
    }

    proptest! {
        #[test]
        fn any_text_is_a_key_or_a_reason_and_a_key_formats_back_to_itself(text in "\\PC{0,12}", near in "(?i)(ctrl-|alt-|shift-){0,3}[a-z0-9-]{0,9}") {
            for text in [&text, &near] {
                match parse_key(text) {
                    Ok(key) => prop_assert_eq!(parse_key(&format_key(&key)), Ok(key)),
                    Err(reason) => prop_assert!(reason.contains("bad key"), "{}", reason),
                }
            }
        }

        #[test]
        fn every_key_formats_and_parses_back(key in any_key()) {
            prop_assert_eq!(parse_key(&format_key(&key)), Ok(key), "{}", format_key(&key));
        }

        #[test]
        fn an_event_reads_as_the_key_it_normalises_to(key in any_key(), shift in any::<bool>()) {
            let modifiers = if shift { key.modifiers | KeyModifiers::SHIFT } else { key.modifiers };
            if let KeyCode::Char(c) = key.code && c.is_alphabetic() && c.is_uppercase() {
                prop_assert_eq!(Key::from_event(&KeyEvent::new(key.code, modifiers)), key);
            }
        }
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn characters_named_keys_and_modifiers() {
        assert_eq!(parse_key("q"), Ok(key(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert_eq!(parse_key("G"), Ok(key(KeyCode::Char('G'), KeyModifiers::NONE)));
        assert_eq!(parse_key(":"), Ok(key(KeyCode::Char(':'), KeyModifiers::NONE)));
        assert_eq!(parse_key("-"), Ok(key(KeyCode::Char('-'), KeyModifiers::NONE)));
        assert_eq!(parse_key("Esc"), Ok(key(KeyCode::Esc, KeyModifiers::NONE)));
        assert_eq!(parse_key("pagedown"), Ok(key(KeyCode::PageDown, KeyModifiers::NONE)));
        assert_eq!(parse_key("f12"), Ok(key(KeyCode::F(12), KeyModifiers::NONE)));
        assert_eq!(parse_key("ctrl-d"), Ok(key(KeyCode::Char('d'), KeyModifiers::CONTROL)));
        assert_eq!(parse_key("ctrl--"), Ok(key(KeyCode::Char('-'), KeyModifiers::CONTROL)));
        let ctrl_alt = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(parse_key("alt-ctrl-up"), Ok(key(KeyCode::Up, ctrl_alt)));
        assert_eq!(parse_key("shift-up"), Ok(key(KeyCode::Up, KeyModifiers::SHIFT)));
    }

    #[test]
    fn shift_is_folded_into_characters_and_tab() {
        assert_eq!(parse_key("shift-g"), parse_key("G"));
        assert_eq!(parse_key("shift-tab"), parse_key("backtab"));
        assert_eq!(
            parse_key("ctrl-shift-d"),
            Ok(key(KeyCode::Char('D'), KeyModifiers::CONTROL))
        );
    }

    #[test]
    fn bad_keys() {
        for bad in ["", "ctrl-", "escape", "f0", "f13", "qq", "shift-1", "hyper-x"] {
            assert!(parse_key(bad).is_err(), "{bad:?} parsed");
        }
        assert_eq!(parse_key("escape"), Err("bad key \"escape\"".to_string()));
    }

    #[test]
    fn format_round_trips() {
        for text in [
            "q",
            "G",
            "?",
            "ctrl-d",
            "alt-x",
            "ctrl-alt-shift-up",
            "backtab",
            "space",
            "f5",
            "pageup",
            "-",
        ] {
            let parsed = parse_key(text).unwrap();
            assert_eq!(format_key(&parsed), text);
            assert_eq!(parse_key(&format_key(&parsed)), Ok(parsed));
        }
        assert_eq!(
            parse_key("shift-tab").map(|k| format_key(&k)),
            Ok("backtab".to_string())
        );
    }

    #[test]
    fn events_match_however_shift_is_reported() {
        let g = parse_key("G");
        let with_shift = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let without_shift = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE);
        let lower_with_shift = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::SHIFT);
        for event in [with_shift, without_shift, lower_with_shift] {
            assert_eq!(Ok(Key::from_event(&event)), g, "{event:?}");
        }
        let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(Ok(Key::from_event(&question)), parse_key("?"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Ok(Key::from_event(&backtab)), parse_key("shift-tab"));
        let lower = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
        assert_ne!(Ok(Key::from_event(&lower)), g);
    }
}
