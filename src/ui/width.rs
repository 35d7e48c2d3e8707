//! Text measured in terminal cells, not bytes or chars: a Hangul syllable takes two cells,
//! so columns are measured and padded by display width.

use unicode_width::UnicodeWidthStr;

/// The cells `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces on the right to `cells` cells (as is, when wider).
pub fn pad(text: &str, cells: usize) -> String {
    crate::model::wrap::pad(text, cells)
}

/// `text` in lines of at most `cells` cells, broken between words (a word wider than a
/// line is cut).
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let Some(line) = lines.last_mut() else {
            break;
        };
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&joined) <= cells {
            *line = joined;
            continue;
        }
        let mut rest = word;
        while !rest.is_empty() {
            let mut end = rest.len();
            while width(&rest[..end]) > cells {
                end = rest[..end].char_indices().last().map_or(0, |(i, _)| i);
            }
            let end = if end == 0 {
                rest.chars().next().map_or(rest.len(), char::len_utf8)
            } else {
                end
            };
            lines.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    lines.retain(|line| !line.is_empty());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_by_cells() {
        assert_eq!(
            wrap("no choices (registry unreachable)", 12),
            ["no choices", "(registry", "unreachable)"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("호스트 선택지", 6), ["호스트", "선택지"]);
    }

    #[test]
    fn hangul_takes_two_cells() {
        assert_eq!(width("호스트"), 6);
        assert_eq!(width("IP POOL"), 7);
        assert_eq!(width("앱 a"), 4);
        assert_eq!("호스트".len(), 9, "bytes would overcount");
        assert_eq!("호스트".chars().count(), 3, "chars would undercount");
    }

    #[test]
    fn padding_counts_cells() {
        assert_eq!(pad("이름", 6), "이름  ");
        assert_eq!(pad("NAME", 6), "NAME  ");
        assert_eq!(pad("프로젝트", 4), "프로젝트");
        assert_eq!(width(&pad("상태", 9)), 9);
    }
}
