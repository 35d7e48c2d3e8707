//! Text measured in terminal cells, not bytes or chars: a Hangul syllable takes two cells,
//! so columns are measured and padded by display width.

use unicode_width::UnicodeWidthStr;

/// The cells `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces on the right to `cells` cells (as is, when wider).
pub fn pad(text: &str, cells: usize) -> String {
    let mut padded = text.to_string();
    padded.extend(std::iter::repeat_n(' ', cells.saturating_sub(width(text))));
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

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
