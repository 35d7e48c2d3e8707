//! Turns key presses and pastes into the bytes a terminal sends (xterm conventions), so
//! a remote shell or full-screen program in a console receives exactly what it expects.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the remote terminal asked for that changes how keys are sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermModes {
    /// DECCKM: arrows send `ESC O A` instead of `ESC [ A`.
    pub application_cursor: bool,
    /// Pastes are wrapped in `ESC [200~` … `ESC [201~`.
    pub bracketed_paste: bool,
}

/// The bytes for one key press; empty for keys a terminal does not send.
pub fn encode_key(key: &KeyEvent, modes: TermModes) -> Vec<u8> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let mut bytes = match key.code {
        KeyCode::Char(c) if ctrl => control_char(c).map(|b| vec![b]).unwrap_or_default(),
        KeyCode::Char(c) => c.to_string().into_bytes(),
        KeyCode::Enter => vec![b'\r'],
        KeyCode::Tab => vec![b'\t'],
        KeyCode::BackTab => b"\x1b[Z".to_vec(),
        KeyCode::Backspace => vec![0x7f],
        KeyCode::Esc => vec![0x1b],
        KeyCode::Up | KeyCode::Down | KeyCode::Right | KeyCode::Left | KeyCode::Home | KeyCode::End => {
            return cursor_key(key.code, key.modifiers, modes);
        }
        // Alt is in the modifier parameter of these: no ESC before them.
        KeyCode::Insert => return tilde(2, key.modifiers),
        KeyCode::Delete => return tilde(3, key.modifiers),
        KeyCode::PageUp => return tilde(5, key.modifiers),
        KeyCode::PageDown => return tilde(6, key.modifiers),
        KeyCode::F(n) => return function_key(n, key.modifiers),
        _ => Vec::new(),
    };
    if alt && !bytes.is_empty() {
        bytes.insert(0, 0x1b);
    }
    bytes
}

/// A paste, bracketed when the program asked for it (so an editor does not auto-indent it).
pub fn encode_paste(text: &str, modes: TermModes) -> Vec<u8> {
    let text = text.replace("\r\n", "\r").replace('\n', "\r");
    if modes.bracketed_paste {
        // Escapes inside a bracketed paste could end it early and run the rest as keys.
        let text = text.replace('\x1b', "");
        [b"\x1b[200~".as_slice(), text.as_bytes(), b"\x1b[201~"].concat()
    } else {
        text.into_bytes()
    }
}

/// ctrl-a … ctrl-z are 1 … 26; ctrl-@ [ \ ] ^ _ and ctrl-space follow ASCII.
fn control_char(c: char) -> Option<u8> {
    match c.to_ascii_lowercase() {
        c @ 'a'..='z' => Some(c as u8 - b'a' + 1),
        '@' | ' ' | '2' => Some(0),
        '[' | '3' => Some(0x1b),
        '\\' | '4' => Some(0x1c),
        ']' | '5' => Some(0x1d),
        '^' | '6' => Some(0x1e),
        '_' | '7' | '-' => Some(0x1f),
        '?' | '8' => Some(0x7f),
        _ => None,
    }
}

/// xterm's modifier parameter: 1 + shift + 2·alt + 4·ctrl; `None` without modifiers.
fn modifier_param(modifiers: KeyModifiers) -> Option<u8> {
    let mut value = 0;
    if modifiers.contains(KeyModifiers::SHIFT) {
        value += 1;
    }
    if modifiers.contains(KeyModifiers::ALT) {
        value += 2;
    }
    if modifiers.contains(KeyModifiers::CONTROL) {
        value += 4;
    }
    (value > 0).then_some(value + 1)
}

fn cursor_key(code: KeyCode, modifiers: KeyModifiers, modes: TermModes) -> Vec<u8> {
    let letter = match code {
        KeyCode::Up => 'A',
        KeyCode::Down => 'B',
        KeyCode::Right => 'C',
        KeyCode::Left => 'D',
        KeyCode::Home => 'H',
        _ => 'F',
    };
    match modifier_param(modifiers) {
        Some(m) => format!("\x1b[1;{m}{letter}").into_bytes(),
        None if modes.application_cursor => format!("\x1bO{letter}").into_bytes(),
        None => format!("\x1b[{letter}").into_bytes(),
    }
}

fn tilde(number: u8, modifiers: KeyModifiers) -> Vec<u8> {
    match modifier_param(modifiers) {
        Some(m) => format!("\x1b[{number};{m}~").into_bytes(),
        None => format!("\x1b[{number}~").into_bytes(),
    }
}

fn function_key(n: u8, modifiers: KeyModifiers) -> Vec<u8> {
    let ss3 = |letter: char| match modifier_param(modifiers) {
        Some(m) => format!("\x1b[1;{m}{letter}").into_bytes(),
        None => format!("\x1bO{letter}").into_bytes(),
    };
    match n {
        1 => ss3('P'),
        2 => ss3('Q'),
        3 => ss3('R'),
        4 => ss3('S'),
        5 => tilde(15, modifiers),
        6 => tilde(17, modifiers),
        7 => tilde(18, modifiers),
        8 => tilde(19, modifiers),
        9 => tilde(20, modifiers),
        10 => tilde(21, modifiers),
        11 => tilde(23, modifiers),
        12 => tilde(24, modifiers),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
