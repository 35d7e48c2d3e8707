//! Colour sequences in log lines: a line's text without any escape or control character
//! (what is searched, measured and copied), and the SGR styles of its runs, so the log
//! pane draws colours instead of `[31m` debris and a log can never write its own
//! sequences (titles, cursor moves, OSC) to the operator's terminal.

/// A colour an SGR sequence names: one of the 256 indexed colours (0–15 the basic and
/// bright ones), or a 24-bit colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnsiColor {
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The look SGR sequences gave a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnsiStyle {
    pub fg: Option<AnsiColor>,
    pub bg: Option<AnsiColor>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

/// A styled run: bytes `start..end` of [`AnsiText::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyledRun {
    pub start: usize,
    pub end: usize,
    pub style: AnsiStyle,
}

/// A log line read: its printable text and its styled runs (none for a plain line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnsiText {
    pub text: String,
    pub runs: Vec<StyledRun>,
}

const ESC: char = '\u{1b}';
const TAB_STOP: usize = 8;

/// Reads `raw`: SGR sequences become runs; every other escape sequence and control
/// character is dropped, and a tab becomes spaces to the next multiple of eight.
pub fn parse_ansi(raw: &str) -> AnsiText {
    let mut out = AnsiText::default();
    let mut style = AnsiStyle::default();
    let mut chars = raw.chars().peekable();
    let mut columns = 0;
    while let Some(c) = chars.next() {
        match c {
            ESC => match chars.next() {
                Some('[') => {
                    let (params, last) = read_csi(&mut chars);
                    if last == Some('m') {
                        style = apply_sgr(style, &params);
                    }
                }
                Some(']') => skip_string(&mut chars),
                Some('P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // `ESC ( B` and the like: intermediate bytes, then one final byte.
                Some(' '..='/') => {
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next();
                }
                _ => {}
            },
            '\t' => {
                let spaces = TAB_STOP - columns % TAB_STOP;
                push(&mut out, &" ".repeat(spaces), style);
                columns += spaces;
            }
            c if c.is_control() => {}
            c => {
                push(&mut out, c.encode_utf8(&mut [0; 4]), style);
                columns += 1;
            }
        }
    }
    out
}

/// Appends `piece` in `style`, growing the last run when the style is the same.
fn push(out: &mut AnsiText, piece: &str, style: AnsiStyle) {
    let start = out.text.len();
    out.text.push_str(piece);
    let end = out.text.len();
    if style == AnsiStyle::default() {
        return;
    }
    match out.runs.last_mut() {
        Some(last) if last.end == start && last.style == style => last.end = end,
        _ => out.runs.push(StyledRun { start, end, style }),
    }
}

/// The parameter bytes and final byte of a CSI sequence (after `ESC [`).
fn read_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> (String, Option<char>) {
    let mut params = String::new();
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return (params, Some(c));
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            return (params, None);
        }
        params.push(c);
    }
    (params, None)
}

/// Skips an OSC, DCS, SOS, PM or APC string up to BEL or `ESC \`.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || (c == ESC && chars.next_if_eq(&'\\').is_some()) {
            return;
        }
    }
}

/// `style` after the SGR parameters `params` (`1;31`, `38;5;208`, `48;2;0;0;255`, ``).
fn apply_sgr(mut style: AnsiStyle, params: &str) -> AnsiStyle {
    if params.bytes().any(|b| !b.is_ascii_digit() && b != b';' && b != b':') {
        return style;
    }
    let numbers: Vec<u16> = params.split([';', ':']).map(|n| n.parse().unwrap_or(0)).collect();
    let mut i = 0;
    while i < numbers.len() {
        let n = numbers[i];
        i += 1;
        match n {
            0 => style = AnsiStyle::default(),
            1 => style.bold = true,
            2 => style.dim = true,
            3 => style.italic = true,
            4 => style.underline = true,
            7 => style.reverse = true,
            22 => (style.bold, style.dim) = (false, false),
            23 => style.italic = false,
            24 => style.underline = false,
            27 => style.reverse = false,
            30..=37 => style.fg = Some(AnsiColor::Indexed((n - 30) as u8)),
            90..=97 => style.fg = Some(AnsiColor::Indexed((n - 90 + 8) as u8)),
            40..=47 => style.bg = Some(AnsiColor::Indexed((n - 40) as u8)),
            100..=107 => style.bg = Some(AnsiColor::Indexed((n - 100 + 8) as u8)),
            39 => style.fg = None,
            49 => style.bg = None,
            38 | 48 => {
                let (color, used) = extended_color(&numbers[i..]);
                i += used;
                if n == 38 {
                    style.fg = color.or(style.fg);
                } else {
                    style.bg = color.or(style.bg);
                }
            }
            _ => {}
        }
    }
    style
}

/// `5;N` or `2;R;G;B` after a 38 or 48, and how many numbers it took.
fn extended_color(rest: &[u16]) -> (Option<AnsiColor>, usize) {
    let byte = |n: u16| u8::try_from(n).ok();
    match rest {
        [5, n, ..] => (byte(*n).map(AnsiColor::Indexed), 2),
        [2, r, g, b, ..] => match (byte(*r), byte(*g), byte(*b)) {
            (Some(r), Some(g), Some(b)) => (Some(AnsiColor::Rgb(r, g, b)), 4),
            _ => (None, 4),
        },
        _ => (None, rest.len()),
    }
}

#[cfg(test)]
mod tests;
