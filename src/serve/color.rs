//! How many colours a far terminal shows, told by the `TERM` of its pty request, and
//! each colour of a frame brought down to the nearest one it can show.

use ratatui::style::Color;

/// The colours a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorDepth {
    /// Any RGB colour (`38;2;r;g;b`).
    #[default]
    TrueColor,
    /// The xterm palette of 256: the 16 ANSI colours, a 6×6×6 cube and a grey ramp.
    Indexed256,
    /// The 16 ANSI colours.
    Ansi16,
}

/// Terminals that show RGB colours whatever their `TERM` says of it.
const TRUE_COLOR_TERMS: [&str; 5] = ["xterm-kitty", "alacritty", "wezterm", "xterm-ghostty", "foot"];

impl ColorDepth {
    /// The depth a terminal of this `TERM` shows: `*-direct`, `*truecolor*`, `*24bit*`
    /// (and terminals known to show RGB) → true colour; `*256color*` → 256; anything
    /// else (`xterm`, `vt100`, `screen`, `linux`, empty) → the 16 ANSI colours.
    pub fn from_term(term: &str) -> ColorDepth {
        let term = term.to_ascii_lowercase();
        if term.ends_with("-direct")
            || term.contains("truecolor")
            || term.contains("24bit")
            || TRUE_COLOR_TERMS.iter().any(|known| term.starts_with(known))
        {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Indexed256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// The colour a terminal of `depth` shows for `color`: an RGB colour becomes the nearest
/// of the palette, a palette colour past the 16 the nearest ANSI one at 16 colours.
pub fn reduce(color: Color, depth: ColorDepth) -> Color {
    match (depth, color) {
        (ColorDepth::TrueColor, _) => color,
        (ColorDepth::Indexed256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_indexed([r, g, b])),
        (ColorDepth::Indexed256, _) => color,
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_ansi([r, g, b]),
        (ColorDepth::Ansi16, Color::Indexed(index)) => nearest_ansi(indexed_rgb(index)),
        (ColorDepth::Ansi16, _) => color,
    }
}

/// The 16 ANSI colours, in palette order, with xterm's default values.
const ANSI: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0, 0, 0]),
    (Color::Red, [205, 0, 0]),
    (Color::Green, [0, 205, 0]),
    (Color::Yellow, [205, 205, 0]),
    (Color::Blue, [0, 0, 238]),
    (Color::Magenta, [205, 0, 205]),
    (Color::Cyan, [0, 205, 205]),
    (Color::Gray, [229, 229, 229]),
    (Color::DarkGray, [127, 127, 127]),
    (Color::LightRed, [255, 0, 0]),
    (Color::LightGreen, [0, 255, 0]),
    (Color::LightYellow, [255, 255, 0]),
    (Color::LightBlue, [92, 92, 255]),
    (Color::LightMagenta, [255, 0, 255]),
    (Color::LightCyan, [0, 255, 255]),
    (Color::White, [255, 255, 255]),
];

/// The six levels of each channel in the colour cube (indices 16–231).
const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
const CUBE_START: u8 = 16;
const GREY_START: u8 = 232;

/// The nearest colour of the cube or the grey ramp (the first 16 are left out: their
/// values differ from one terminal to the next).
fn nearest_indexed(rgb: [u8; 3]) -> u8 {
    let levels = rgb.map(nearest_cube_level);
    let cube_index = CUBE_START + 36 * levels[0] + 6 * levels[1] + levels[2];
    let average = rgb.iter().map(|&channel| u32::from(channel)).sum::<u32>() / 3;
    let grey_step = u8::try_from(average.saturating_sub(3) / 10).map_or(23, |step| step.min(23));
    let grey_index = GREY_START + grey_step;
    if distance(rgb, indexed_rgb(grey_index)) < distance(rgb, indexed_rgb(cube_index)) {
        grey_index
    } else {
        cube_index
    }
}

/// The index (0–5) of the cube level nearest to `channel`.
fn nearest_cube_level(channel: u8) -> u8 {
    (0u8..6)
        .min_by_key(|&level| channel.abs_diff(CUBE_LEVELS[usize::from(level)]))
        .unwrap_or(0)
}

/// The RGB value of a palette colour (xterm's defaults for the first 16).
fn indexed_rgb(index: u8) -> [u8; 3] {
    match index {
        0..CUBE_START => ANSI[usize::from(index)].1,
        CUBE_START..GREY_START => {
            let cube = index - CUBE_START;
            [cube / 36, (cube / 6) % 6, cube % 6].map(|level| CUBE_LEVELS[usize::from(level)])
        }
        GREY_START.. => [8 + 10 * (index - GREY_START); 3],
    }
}

fn nearest_ansi(rgb: [u8; 3]) -> Color {
    ANSI.iter()
        .min_by_key(|(_, ansi)| distance(rgb, *ansi))
        .map_or(Color::Reset, |(color, _)| *color)
}

/// The squared distance between two colours.
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter().zip(b).map(|(&x, y)| u32::from(x.abs_diff(y)).pow(2)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_depth_follows_the_term() {
        for (term, depth) in [
            ("xterm-direct", ColorDepth::TrueColor),
            ("xterm-truecolor", ColorDepth::TrueColor),
            ("konsole-24bit", ColorDepth::TrueColor),
            ("xterm-kitty", ColorDepth::TrueColor),
            ("xterm-256color", ColorDepth::Indexed256),
            ("tmux-256color", ColorDepth::Indexed256),
            ("screen.xterm-256color", ColorDepth::Indexed256),
            ("xterm", ColorDepth::Ansi16),
            ("vt100", ColorDepth::Ansi16),
            ("screen", ColorDepth::Ansi16),
            ("linux", ColorDepth::Ansi16),
            ("", ColorDepth::Ansi16),
        ] {
            assert_eq!(ColorDepth::from_term(term), depth, "TERM={term}");
        }
    }

    #[test]
    fn true_colour_keeps_every_colour() {
        for color in [Color::Rgb(1, 2, 3), Color::Indexed(200), Color::Red, Color::Reset] {
            assert_eq!(reduce(color, ColorDepth::TrueColor), color);
        }
    }

    #[test]
    fn rgb_becomes_the_nearest_of_the_cube_or_the_grey_ramp() {
        let at_256 = |r, g, b| reduce(Color::Rgb(r, g, b), ColorDepth::Indexed256);
        assert_eq!(at_256(255, 0, 0), Color::Indexed(196));
        assert_eq!(at_256(0, 0, 0), Color::Indexed(16));
        assert_eq!(at_256(255, 255, 255), Color::Indexed(231));
        assert_eq!(at_256(95, 135, 175), Color::Indexed(67));
        assert_eq!(at_256(128, 128, 128), Color::Indexed(244));
        assert_eq!(at_256(30, 30, 32), Color::Indexed(234));
        assert_eq!(at_256(250, 120, 0), Color::Indexed(208));
    }

    #[test]
    fn palette_and_named_colours_stay_at_256() {
        for color in [Color::Indexed(42), Color::Cyan, Color::Reset] {
            assert_eq!(reduce(color, ColorDepth::Indexed256), color);
        }
    }

    #[test]
    fn at_16_colours_rgb_and_the_wider_palette_become_the_nearest_ansi_colour() {
        let at_16 = |color| reduce(color, ColorDepth::Ansi16);
        assert_eq!(at_16(Color::Rgb(250, 10, 10)), Color::LightRed);
        assert_eq!(at_16(Color::Rgb(180, 20, 10)), Color::Red);
        assert_eq!(at_16(Color::Rgb(10, 10, 20)), Color::Black);
        assert_eq!(at_16(Color::Rgb(120, 130, 125)), Color::DarkGray);
        assert_eq!(at_16(Color::Indexed(196)), Color::LightRed);
        assert_eq!(at_16(Color::Indexed(244)), Color::DarkGray);
        assert_eq!(at_16(Color::Indexed(1)), Color::Red);
        assert_eq!(at_16(Color::Indexed(15)), Color::White);
        assert_eq!(at_16(Color::Green), Color::Green);
        assert_eq!(at_16(Color::Reset), Color::Reset);
    }
}
