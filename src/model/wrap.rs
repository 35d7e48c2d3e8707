//! Text broken into lines of at most a width in terminal cells (a Hangul syllable takes
//! two): at spaces where a line has one, inside a word where it has none, and at every
//! line break of the text itself; and padded to a width. The footer, the `:messages`
//! history and the aligned texts of the app and the subcommands use it.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in lines of at most `width` cells (at least one cell wide); an empty text is
/// one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim_end_matches('\r'), width, &mut lines);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, width: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut cells = 0;
    for word in paragraph.split(' ') {
        let word_cells = cells_of(word);
        let gap = usize::from(!line.is_empty());
        if cells + gap + word_cells <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            cells += gap + word_cells;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            cells = 0;
        }
        // A word wider than the line is cut where the line is full.
        for c in word.chars() {
            let c_cells = c.width().unwrap_or(0);
            if cells + c_cells > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                cells = 0;
            }
            line.push(c);
            cells += c_cells;
        }
    }
    lines.push(line);
}

/// The cells `text` takes.
pub fn cells_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` padded with spaces on the right to `cells` cells (as is, when wider).
pub fn pad(text: &str, cells: usize) -> String {
    let mut padded = text.to_string();
    padded.extend(std::iter::repeat_n(
        ' ',
        cells.saturating_sub(UnicodeWidthStr::width(text)),
    ));
    padded
}

/// `text` cut to at most `width` cells, ending in `marker` when it was cut.
pub fn truncate(text: &str, width: usize, marker: &str) -> String {
    if cells_of(text) <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(cells_of(marker));
    let mut out = String::new();
    let mut cells = 0;
    for c in text.chars() {
        let c_cells = c.width().unwrap_or(0);
        if cells + c_cells > room {
            break;
        }
        out.push(c);
        cells += c_cells;
    }
    out.push_str(marker);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_never_pass_the_width() {
        let text = "cannot delete project demo: pods still run there: web-1, web-2, db-0";
        let lines = wrap(text, 30);
        assert_eq!(
            lines,
            [
                "cannot delete project demo:",
                "pods still run there: web-1,",
                "web-2, db-0"
            ]
        );
        assert!(lines.iter().all(|line| cells_of(line) <= 30));
        assert_eq!(lines.join(" "), text, "nothing is lost");
    }

    #[test]
    fn long_words_are_cut_and_line_breaks_kept() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("one\ntwo three", 20), ["one", "two three"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("x", 0), ["x"]);
    }

    #[test]
    fn hangul_is_measured_in_cells() {
        let lines = wrap("프로젝트 demo 삭제 불가", 10);
        assert_eq!(lines, ["프로젝트", "demo 삭제", "불가"]);
        assert!(lines.iter().all(|line| cells_of(line) <= 10));
        assert_eq!(wrap("호스트호스트", 5), ["호스", "트호", "스트"]);
    }

    #[test]
    fn a_cut_line_ends_in_its_marker_within_the_width() {
        assert_eq!(truncate("short", 10, "…"), "short");
        assert_eq!(truncate("a longer line of text", 10, "…"), "a longer …");
        assert_eq!(cells_of(&truncate("호스트호스트", 7, "…")), 7);
    }
}
