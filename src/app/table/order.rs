//! How a table's rows sort: each row's sort cell read once into a key (numbers as
//! numbers, a missing figure last), so a full sort compares keys and never parses a
//! cell twice, and one row's place among sorted rows is found by a binary search —
//! what keeps a big table cheap when a row comes, goes or moves.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::model::rows::Row;

/// How one row sorts on the sort column.
#[derive(Debug)]
pub(super) struct SortKey<'a> {
    /// No figure (`n/a`, `-`): last, whichever the direction.
    missing: bool,
    number: Option<f64>,
    text: Cow<'a, str>,
}

impl<'a> SortKey<'a> {
    /// The key of a cell's text (the AGE column passes an empty one: it sorts by time).
    pub(super) fn of(text: Cow<'a, str>) -> SortKey<'a> {
        SortKey {
            missing: is_missing(&text),
            number: numeric_value(&text),
            text,
        }
    }
}

/// The sort column's kind and the direction.
#[derive(Debug, Clone, Copy)]
pub(super) struct Order {
    /// The AGE column: newest first.
    pub age: bool,
    pub descending: bool,
}

impl Order {
    /// How two rows with their keys compare: by the cell, then by the object (so the
    /// order is total and every row has one place), a missing figure last.
    pub(super) fn compare(&self, a: (&Row, &SortKey), b: (&Row, &SortKey)) -> Ordering {
        let order = if self.age {
            b.0.created.cmp(&a.0.created)
        } else {
            compare_keys(a.1, b.1)
        };
        let order = order.then_with(|| a.0.key.cmp(&b.0.key));
        let order = if self.descending { order.reverse() } else { order };
        a.1.missing.cmp(&b.1.missing).then(order)
    }
}

/// Numbers as numbers (`9 < 10`, `3/4 < 10/10`, `8Gi < 16Gi`) and everything else as
/// text, numbers first. Every cell maps to one key, so the order is total (a mixed
/// comparison would make the sort panic).
fn compare_keys(a: &SortKey, b: &SortKey) -> Ordering {
    match (a.number, b.number) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.text.cmp(&b.text)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.text.cmp(&b.text),
    }
}

/// [`compare_keys`] of two cells' texts.
#[cfg(test)]
pub(super) fn natural_cmp(a: &str, b: &str) -> Ordering {
    compare_keys(&SortKey::of(Cow::Borrowed(a)), &SortKey::of(Cow::Borrowed(b)))
}

/// Whether a cell says there is no figure: `n/a` (no metrics), `-` (nothing to tell).
fn is_missing(cell: &str) -> bool {
    matches!(cell, "n/a" | "-")
}

/// The number a cell stands for: `12`, `0.5`, the `3` of `3/4`, a percentage like `42%`,
/// or a quantity like `64Mi` or `250m` (CPU, in cores as `1.5` is).
fn numeric_value(cell: &str) -> Option<f64> {
    if let Some(percent) = cell.strip_suffix('%') {
        return percent.parse().ok().filter(|value: &f64| value.is_finite());
    }
    let head = cell.split('/').next().unwrap_or_default();
    let digits_end = head
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(head.len());
    if digits_end == 0 {
        return None;
    }
    match &head[digits_end..] {
        "" => head.parse().ok(),
        suffix if suffix.len() <= 2 && suffix.chars().all(|c| c.is_ascii_alphabetic()) && head.len() == cell.len() => {
            crate::model::quantity::bytes(head)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_numbers_and_text_sort_in_a_total_order() {
        let mut cells = vec![
            "80/TCP",
            "443/TCP",
            "5432:30432/TCP",
            "nan",
            "inf",
            "16Gi",
            "8Gi",
            "0/3 nodes",
            "x",
        ];
        cells.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            cells,
            [
                "0/3 nodes",
                "80/TCP",
                "443/TCP",
                "8Gi",
                "16Gi",
                "5432:30432/TCP",
                "inf",
                "nan",
                "x"
            ]
        );
    }

    #[test]
    fn use_cells_sort_by_their_figures() {
        let sorted = |mut cells: Vec<&'static str>| {
            cells.sort_by(|a, b| natural_cmp(a, b));
            cells
        };
        assert_eq!(
            sorted(vec!["100%", "9.5%", "25%", "n/a", "-", "0.4%", "NaN%"]),
            ["0.4%", "9.5%", "25%", "100%", "-", "NaN%", "n/a"]
        );
        assert_eq!(
            sorted(vec!["1.5", "250m", "n/a", "3", "0", "5m"]),
            ["0", "5m", "250m", "1.5", "3", "n/a"]
        );
        assert_eq!(sorted(vec!["1Gi", "900Mi", "64Mi"]), ["64Mi", "900Mi", "1Gi"]);
    }
}
