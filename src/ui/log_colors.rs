//! A log line's own colours (its SGR runs) under the pane's search highlights: the text
//! cut at every run and match edge, each piece styled by the row, its run, then its match.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::model::ansi::{AnsiColor, AnsiStyle, StyledRun};

/// The pieces of `text` with `runs` over `base` (their colours only when `colors`), and
/// `marks` (byte ranges with their highlight) over both.
pub fn styled_pieces<'a>(
    text: &'a str,
    runs: &[StyledRun],
    marks: &[(usize, usize, Style)],
    base: Style,
    colors: bool,
) -> Vec<Span<'a>> {
    let mut edges: Vec<usize> = vec![0, text.len()];
    edges.extend(runs.iter().flat_map(|run| [run.start, run.end]));
    edges.extend(marks.iter().flat_map(|(start, end, _)| [*start, *end]));
    edges.retain(|edge| *edge <= text.len() && text.is_char_boundary(*edge));
    edges.sort_unstable();
    edges.dedup();
    edges
        .windows(2)
        .map(|pair| {
            let (start, end) = (pair[0], pair[1]);
            let mut style = base;
            if let Some(run) = runs.iter().find(|run| run.start <= start && end <= run.end) {
                style = style.patch(ratatui_style(run.style, colors));
            }
            if let Some((_, _, mark)) = marks.iter().find(|(s, e, _)| *s <= start && end <= *e) {
                style = style.patch(*mark);
            }
            Span::styled(&text[start..end], style)
        })
        .collect()
}

fn ratatui_style(ansi: AnsiStyle, colors: bool) -> Style {
    let mut style = Style::new();
    if colors {
        if let Some(fg) = ansi.fg {
            style = style.fg(color(fg));
        }
        if let Some(bg) = ansi.bg {
            style = style.bg(color(bg));
        }
    }
    for (on, modifier) in [
        (ansi.bold, Modifier::BOLD),
        (ansi.dim, Modifier::DIM),
        (ansi.italic, Modifier::ITALIC),
        (ansi.underline, Modifier::UNDERLINED),
        (ansi.reverse, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    style
}

fn color(ansi: AnsiColor) -> Color {
    match ansi {
        AnsiColor::Indexed(index) => Color::Indexed(index),
        AnsiColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ansi::parse_ansi;

    #[test]
    fn a_match_inside_a_coloured_run_keeps_the_colour_and_adds_its_mark() {
        let line = parse_ansi("ok \u{1b}[31mdisk error\u{1b}[0m end");
        let mark = Style::new().add_modifier(Modifier::REVERSED);
        let at = line.text.find("error").unwrap();
        let pieces = styled_pieces(&line.text, &line.runs, &[(at, at + 5, mark)], Style::new(), true);
        let texts: Vec<&str> = pieces.iter().map(|span| span.content.as_ref()).collect();
        assert_eq!(texts, ["ok ", "disk ", "error", " end"]);
        assert_eq!(pieces[1].style.fg, Some(Color::Indexed(1)));
        assert_eq!(pieces[2].style.fg, Some(Color::Indexed(1)));
        assert!(pieces[2].style.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(pieces[3].style.fg, None);
    }

    #[test]
    fn without_colours_a_run_keeps_its_attributes_only() {
        let line = parse_ansi("\u{1b}[1;32mready\u{1b}[0m");
        let pieces = styled_pieces(&line.text, &line.runs, &[], Style::new(), false);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].style.fg, None);
        assert!(pieces[0].style.add_modifier.contains(Modifier::BOLD));
    }
}
