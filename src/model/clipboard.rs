//! OSC 52, the escape sequence that asks a terminal to put text on its clipboard: it
//! travels with the screen's output, so a copy works over SSH, and inside tmux when
//! wrapped in tmux's passthrough (DCS `tmux;` with every ESC doubled).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The most text one copy sends: terminals refuse (or cut) much larger sequences.
pub const MAX_COPY: usize = 512 * 1024;

/// `ESC ] 52 ; c ; BASE64 BEL`: the clipboard set to `text`; wrapped for tmux's
/// passthrough when `tmux` (tmux then hands the inner sequence to the outer terminal).
pub fn osc52(text: &str, tmux: bool) -> Vec<u8> {
    let mut sequence = b"\x1b]52;c;".to_vec();
    sequence.extend_from_slice(STANDARD.encode(text).as_bytes());
    sequence.push(0x07);
    if !tmux {
        return sequence;
    }
    let mut wrapped = b"\x1bPtmux;".to_vec();
    for byte in sequence {
        if byte == 0x1b {
            wrapped.push(0x1b);
        }
        wrapped.push(byte);
    }
    wrapped.extend_from_slice(b"\x1b\\");
    wrapped
}

/// Whether a terminal of type `term` is tmux's (or screen's, whose `TERM` tmux also uses).
pub fn is_tmux_term(term: &str) -> bool {
    term.starts_with("tmux") || term.starts_with("screen")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(osc52("web-1", false), b"\x1b]52;c;d2ViLTE=\x07");
        assert_eq!(osc52("", false), b"\x1b]52;c;\x07");
        let hangul = osc52("호스트", false);
        assert_eq!(hangul, b"\x1b]52;c;7Zi47Iqk7Yq4\x07", "UTF-8, then base64");
    }

    #[test]
    fn inside_tmux_it_is_wrapped_with_every_escape_doubled() {
        assert_eq!(osc52("web-1", true), b"\x1bPtmux;\x1b\x1b]52;c;d2ViLTE=\x07\x1b\\");
    }

    #[test]
    fn tmux_is_known_by_its_terminal_type() {
        assert!(is_tmux_term("tmux-256color") && is_tmux_term("screen"));
        assert!(!is_tmux_term("xterm-256color") && !is_tmux_term(""));
    }

    mod props {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #[test]
            fn any_text_round_trips_and_the_payload_holds_no_control_byte(text in "\\PC{0,200}", tmux in any::<bool>()) {
                let sequence = osc52(&text, tmux);
                let start = if tmux { b"\x1bPtmux;\x1b\x1b]52;c;".len() } else { b"\x1b]52;c;".len() };
                let end = sequence.iter().rposition(|&b| b == 0x07).unwrap();
                let payload = &sequence[start..end];
                prop_assert!(payload.iter().all(|b| b.is_ascii_graphic()));
                prop_assert_eq!(STANDARD.decode(payload).unwrap(), text.as_bytes());
            }
        }
    }
}
