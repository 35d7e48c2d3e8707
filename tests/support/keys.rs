//! Keys typed into kubic in a pty as its keymap names them, and the screens they are
//! pressed on: a table opened and filtered to one row, a key answered in the footer.

use std::time::{Duration, Instant};

use kubic::config::Keymap;
use kubic::config::command::{Command, Section};
use kubic::model::resource::{Registry, ResourceKind};

use super::pty::KubicTerminal;

/// How long a table may take to load.
pub const WAIT: Duration = Duration::from_secs(60);
/// How long a refused key may take to say so: it is answered without a request.
pub const ANSWER: Duration = Duration::from_secs(10);

pub fn kind(name: &str) -> ResourceKind {
    Registry::builtin().resolve(name).cloned().expect("a kind kubic knows")
}

/// What a keymap key is typed as on a terminal.
pub fn typed(key: &str) -> String {
    match key {
        "enter" => "\r".into(),
        "esc" => "\x1b".into(),
        "tab" => "\t".into(),
        _ => match key.strip_prefix("ctrl-") {
            Some(letter) if letter.len() == 1 => {
                let c = letter.chars().next().unwrap().to_ascii_lowercase();
                char::from(c as u8 - b'a' + 1).to_string()
            }
            _ if key.chars().count() == 1 => key.into(),
            _ => panic!("no way to type the key {key:?} here"),
        },
    }
}

/// The keys of `command` on a table, as typed (the default keymap's first key).
pub fn table_key(command: Command) -> String {
    let keymap = Keymap::shipped("default").unwrap();
    let keys = keymap.keys_for(Section::Table, command);
    typed(
        keys.first()
            .unwrap_or_else(|| panic!("{command:?} has no key on a table")),
    )
}

/// Presses `keys` (after a `:ctx` that leaves another message, so the answer is this
/// key's) and waits for `expected` in the footer. `false` when it did not come: then
/// whatever the key opened is confirmed (`y`, `enter`) for the audit log to judge.
pub fn press(term: &mut KubicTerminal, keys: &str, expected: &str, clear: bool) -> bool {
    if clear {
        term.type_keys(":ctx\r");
        term.wait_for("the footer cleared", ANSWER, |_| term.footer().contains("contexts:"));
    }
    term.type_keys(keys);
    let deadline = Instant::now() + ANSWER;
    while Instant::now() < deadline {
        if term.footer().contains(expected) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    term.type_keys("y");
    std::thread::sleep(Duration::from_millis(500));
    term.type_keys("\r");
    std::thread::sleep(Duration::from_secs(2));
    term.press_esc();
    term.press_esc();
    false
}

/// Opens `:name` in `project` and filters it to `row`.
pub fn open(term: &mut KubicTerminal, name: &str, row: &str, project: &str) {
    let kind = kind(name);
    let crumb = if kind.namespaced {
        format!("{}({project}) [1/", kind.plural)
    } else {
        format!("{} [1/", kind.plural)
    };
    term.type_keys(&format!(":{name}\r"));
    term.type_keys(&format!("/{row}\r"));
    let filter = format!("</{row}>");
    term.wait_for(&format!("{name} filtered to {row}"), WAIT, |s| {
        s.contains(&crumb) && s.contains(&filter) && !s.contains("loading…")
    });
}
