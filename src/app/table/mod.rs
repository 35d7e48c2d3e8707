//! A live table's state: its rows (fed by watch events), the filter and sort the
//! operator chose, and the selection, which follows the selected object as rows move.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::app::table::filter::Filter;
use crate::model::age::format_age;
use crate::model::cluster::RowEvent;
use crate::model::metrics::pods::{PodUsages, usage_cells};
use crate::model::rows::{POD_USAGE_CELL, Row, RowKey, USAGE_COLUMNS};
use k8s_openapi::jiff::Timestamp;

pub mod applicable;
pub mod filter;
mod keys;
pub mod permits;
pub mod pod_usage;
pub mod view;

/// Whether a table has data yet, and whether that data is still live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feed {
    Loading,
    Live,
    /// The watch broke: the rows are the last known ones.
    Stale(Stale),
}

/// Why a table is stale and when its watch tries again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub reason: String,
    pub next_try: Timestamp,
}

impl Stale {
    /// In how many whole seconds (rounded up) the watch tries again; `None` once the
    /// time has come. The title shows it: `retry in 2s`, `retrying`.
    pub fn retry_in_seconds(&self, now: Timestamp) -> Option<i64> {
        let wait = self.next_try.as_millisecond() - now.as_millisecond();
        (wait > 0).then(|| (wait + 999) / 1000)
    }
}

/// Which column sorts the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

/// The rows of one table and how they are shown.
#[derive(Debug, Clone)]
pub struct TableModel {
    /// Column titles, including NAMESPACE (when shown), NAME and AGE.
    pub columns: Vec<&'static str>,
    show_namespace: bool,
    /// Shared with the watch that fed them (and every other table it feeds).
    rows: Vec<Arc<Row>>,
    /// Where each row is in `rows`, keyed by the row itself (no copy of its key).
    index: HashMap<ByKey, usize>,
    /// The pods table's use figures (`None` until a list answered), joined to the rows
    /// as they are drawn rather than written into the shared rows.
    pod_usage: Option<Arc<PodUsages>>,
    pub feed: Feed,
    pub filter_text: String,
    filter: Filter,
    pub sort: Sort,
    /// Indices into `rows` of the rows that pass the filter, in sort order.
    visible: Vec<usize>,
    selected: Option<RowKey>,
    pub cursor: usize,
    /// The first visible row on screen.
    pub offset: usize,
    dirty: bool,
}

impl TableModel {
    pub fn new(kind_columns: &'static [&'static str], show_namespace: bool) -> Self {
        let mut columns = Vec::with_capacity(kind_columns.len() + 3);
        if show_namespace {
            columns.push("NAMESPACE");
        }
        columns.push("NAME");
        columns.extend_from_slice(kind_columns);
        columns.push("AGE");
        let sort = Sort {
            column: usize::from(show_namespace),
            descending: false,
        };
        TableModel {
            columns,
            show_namespace,
            rows: Vec::new(),
            index: HashMap::new(),
            pod_usage: None,
            feed: Feed::Loading,
            filter_text: String::new(),
            filter: Filter::All,
            sort,
            visible: Vec::new(),
            selected: None,
            cursor: 0,
            offset: 0,
            dirty: false,
        }
    }

    /// Applies one watch event.
    pub fn apply(&mut self, event: RowEvent) {
        let failed = matches!(event, RowEvent::Failed { .. });
        let mut reorder = true;
        match event {
            RowEvent::Reset(rows) => {
                self.index = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (ByKey(Arc::clone(r)), i))
                    .collect();
                self.rows = rows;
                self.feed = Feed::Live;
            }
            RowEvent::Upsert(row) => {
                // The index holds the new row, not the one it replaces (which it would keep alive).
                let at = self.index.remove(&row.key).unwrap_or(self.rows.len());
                self.index.insert(ByKey(Arc::clone(&row)), at);
                let in_place = self.rows.get(at).is_some_and(|old| self.keeps_place(old, &row));
                match self.rows.get_mut(at) {
                    Some(old) => *old = row,
                    None => self.rows.push(row),
                }
                reorder = !in_place;
            }
            RowEvent::Remove(key) => {
                if let Some(i) = self.index.remove(&key) {
                    self.rows.swap_remove(i);
                    if let Some(moved) = self.rows.get(i) {
                        self.index.insert(ByKey(Arc::clone(moved)), i);
                    }
                }
            }
            RowEvent::Failed { failure, next_try } => {
                self.feed = Feed::Stale(Stale {
                    reason: failure.message,
                    next_try,
                })
            }
        }
        // The watcher resumes from where it broke without a new list: news means live again.
        if !failed && matches!(self.feed, Feed::Stale(_)) {
            self.feed = Feed::Live;
        }
        self.dirty |= reorder;
    }

    /// Whether `new`, replacing `old`, leaves the visible rows as they are: both pass the
    /// filter or neither, and both sort alike (same key, same sort cell), so the frame
    /// need not filter and sort every row again — what keeps a big table cheap under churn.
    fn keeps_place(&self, old: &Row, new: &Row) -> bool {
        if self.dirty || self.filter.matches(old) != self.filter.matches(new) {
            return false;
        }
        let column = self.sort.column;
        if column == self.columns.len() - 1 {
            return old.created == new.created;
        }
        self.raw_cell(old, column) == self.raw_cell(new, column)
    }

    /// Changes rows in place (live figures joined to the watched objects): a row shared
    /// with another table is copied first. For small tables (hosts, users); the pods
    /// table's figures stay beside its rows ([`set_pod_usage`](Self::set_pod_usage)).
    pub fn update_rows(&mut self, mut change: impl FnMut(&mut Row)) {
        for row in &mut self.rows {
            change(Arc::make_mut(row));
        }
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (ByKey(Arc::clone(r)), i))
            .collect();
        self.dirty = true;
    }

    /// Whether the table shows these very figures already.
    pub fn shows_pod_usage(&self, usage: &Arc<PodUsages>) -> bool {
        self.pod_usage.as_ref().is_some_and(|shown| Arc::ptr_eq(shown, usage))
    }

    /// The use figures the pods table's CPU and memory cells show (`None`: no list has
    /// answered yet, the cells stay empty; a pod without a figure shows `n/a`).
    pub fn set_pod_usage(&mut self, usage: Option<Arc<PodUsages>>) {
        self.pod_usage = usage;
        self.dirty = true;
    }

    /// Sets the filter from what the operator typed; an invalid one is refused with the reason.
    pub fn set_filter(&mut self, text: &str) -> Result<(), String> {
        self.filter = Filter::parse(text)?;
        self.filter_text = text.trim().to_string();
        self.dirty = true;
        Ok(())
    }

    pub fn sort_next(&mut self) {
        self.sort.column = (self.sort.column + 1) % self.columns.len();
        self.dirty = true;
    }

    pub fn sort_reverse(&mut self) {
        self.sort.descending = !self.sort.descending;
        self.dirty = true;
    }

    /// Recomputes the visible rows if anything changed; called once per frame at most.
    pub fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let filter = &self.filter;
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| filter.matches(&self.rows[i]))
            .collect();
        let (column, rows) = (self.sort.column, &self.rows);
        let age_column = self.columns.len() - 1;
        let descending = self.sort.descending;
        // Figures joined as drawn are worked out once for the sort, not at each comparison.
        let joined: Option<Vec<Cow<'_, str>>> = self
            .is_joined(column)
            .then(|| rows.iter().map(|row| self.raw_cell(row, column)).collect());
        let cell = |i: usize| match &joined {
            Some(cells) => Cow::Borrowed(cells[i].as_ref()),
            None => self.raw_cell(&rows[i], column),
        };
        // A cell without a figure (`n/a`, `-`) sorts last whichever the direction.
        let missing = |i: usize| column != age_column && is_missing(&cell(i));
        visible.sort_by(|&a, &b| {
            let order = if column == age_column {
                rows[b].created.cmp(&rows[a].created)
            } else {
                natural_cmp(&cell(a), &cell(b))
            };
            let order = order.then_with(|| rows[a].key.cmp(&rows[b].key));
            let order = if descending { order.reverse() } else { order };
            missing(a).cmp(&missing(b)).then(order)
        });
        self.visible = visible;
        self.cursor = match &self.selected {
            Some(key) => self
                .visible
                .iter()
                .position(|&i| &self.rows[i].key == key)
                .unwrap_or(self.cursor),
            None => self.cursor,
        };
        self.clamp_cursor();
        self.selected = self.selected_row().map(|r| r.key.clone());
    }

    fn raw_cell<'a>(&self, row: &'a Row, column: usize) -> Cow<'a, str> {
        let offset = usize::from(self.show_namespace);
        match column {
            0 if self.show_namespace => Cow::Borrowed(&row.key.namespace),
            c if c == offset => Cow::Borrowed(&row.key.name),
            c => match (&self.pod_usage, self.usage_cell(c)) {
                (Some(usage), Some(at)) => {
                    let cells = usage_cells(usage.get(&row.key), row.facts.pod());
                    Cow::Owned(cells.into_iter().nth(at).unwrap_or_default())
                }
                _ => Cow::Borrowed(row.cells.get(c - offset - 1).map(String::as_str).unwrap_or("")),
            },
        }
    }

    /// Which of the use cells `column` is, on a table that has use figures.
    fn usage_cell(&self, column: usize) -> Option<usize> {
        let cell = column.checked_sub(usize::from(self.show_namespace) + 1)?;
        let at = cell.checked_sub(POD_USAGE_CELL)?;
        (self.pod_usage.is_some() && at < USAGE_COLUMNS.len()).then_some(at)
    }

    /// Whether `column`'s cells are joined as drawn rather than kept in the rows.
    fn is_joined(&self, column: usize) -> bool {
        self.usage_cell(column).is_some()
    }

    /// The text of `column` for `row`, with the age as of `now`.
    pub fn cell(&self, row: &Row, column: usize, now: Timestamp) -> String {
        if column == self.columns.len() - 1 {
            let created = row.created.and_then(|s| Timestamp::from_second(s).ok());
            return format_age(created, now);
        }
        self.raw_cell(row, column).into_owned()
    }

    /// The rows that pass the filter, in order (valid after [`refresh`]).
    pub fn visible_rows(&self) -> impl ExactSizeIterator<Item = &Row> {
        self.visible.iter().map(|&i| self.rows[i].as_ref())
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn total_len(&self) -> usize {
        self.rows.len()
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.rows.get(i))
            .map(Arc::as_ref)
    }

    /// Moves the selection by `delta` rows (negative is up).
    pub fn move_cursor(&mut self, delta: isize) {
        let target = self.cursor as isize + delta;
        self.select_index(target.max(0) as usize);
    }

    pub fn select_index(&mut self, index: usize) {
        self.cursor = index;
        self.clamp_cursor();
        self.selected = self.selected_row().map(|r| r.key.clone());
    }

    /// Scrolls so that the cursor is within `height` rows from the offset.
    pub fn keep_visible(&mut self, height: usize) {
        self.offset = window_offset(self.cursor, self.offset, self.visible.len(), height);
    }

    fn clamp_cursor(&mut self) {
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }
}

/// Whether a cell says there is no figure: `n/a` (no metrics), `-` (nothing to tell).
/// A row in the index, hashed and compared by its key, so the index finds a row by key
/// without keeping a copy of it.
#[derive(Debug, Clone)]
struct ByKey(Arc<Row>);

impl Borrow<RowKey> for ByKey {
    fn borrow(&self) -> &RowKey {
        &self.0.key
    }
}

impl PartialEq for ByKey {
    fn eq(&self, other: &ByKey) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for ByKey {}

impl Hash for ByKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

fn is_missing(cell: &str) -> bool {
    matches!(cell, "n/a" | "-")
}

/// Compares numbers as numbers (`9 < 10`, `3/4 < 10/10`, `8Gi < 16Gi`) and everything
/// else as text, numbers first. Every cell maps to one key, so the order is total
/// (a mixed comparison would make the sort panic).
fn natural_cmp(a: &str, b: &str) -> Ordering {
    match (numeric_value(a), numeric_value(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
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

/// The first of `len` lines a window of `height` lines shows after the cursor moved:
/// it moves only as far as keeps the cursor in view, and never past the last page.
pub fn window_offset(cursor: usize, offset: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let offset = if cursor < offset {
        cursor
    } else if cursor >= offset + height {
        cursor + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rows::Health;

    const COLUMNS: &[&str] = &["READY", "STATUS", "RESTARTS"];

    fn row(name: &str, restarts: &str, created: i64) -> Row {
        Row {
            created: Some(created),
            labels: format!("app={name}"),
            health: Health::Ok,
            ..crate::app::test_support::row("demo", name, &["1/1", "Running", restarts])
        }
    }

    fn names(table: &TableModel) -> Vec<&str> {
        table.visible_rows().map(|r| r.key.name.as_str()).collect()
    }

    #[test]
    fn rows_are_loading_until_the_first_list_then_live_and_sorted_by_name() {
        let mut table = TableModel::new(COLUMNS, false);
        assert_eq!(table.feed, Feed::Loading);
        table.apply(RowEvent::rows(vec![row("b", "0", 1), row("a", "0", 2)]));
        table.refresh();
        assert_eq!(table.feed, Feed::Live);
        assert_eq!(names(&table), ["a", "b"]);
        assert_eq!(table.columns, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    }

    #[test]
    fn a_removal_before_the_next_refresh_never_points_past_the_rows() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("a", "0", 1), row("b", "0", 2)]));
        table.refresh();
        table.move_cursor(1);
        table.apply(RowEvent::Remove(RowKey {
            namespace: "demo".into(),
            name: "b".into(),
        }));
        assert!(table.selected_row().is_none_or(|r| r.key.name == "a"));
        table.refresh();
        assert_eq!(table.selected_row().map(|r| r.key.name.as_str()), Some("a"));
    }

    #[test]
    fn tables_fed_the_same_rows_share_them_and_a_replaced_row_is_let_go() {
        let rows = vec![Arc::new(row("a", "0", 1)), Arc::new(row("b", "0", 2))];
        let (mut one, mut two) = (TableModel::new(COLUMNS, true), TableModel::new(COLUMNS, true));
        one.apply(RowEvent::Reset(rows.clone()));
        two.apply(RowEvent::Reset(rows.clone()));
        one.set_pod_usage(Some(Arc::default()));
        one.refresh();
        two.refresh();
        assert!(Arc::ptr_eq(&one.rows[0], &two.rows[0]), "one row, in both tables");
        assert_eq!(
            Arc::strong_count(&rows[0]),
            5,
            "the test's, and each table's row and index"
        );
        one.apply(RowEvent::row(row("a", "7", 1)));
        two.apply(RowEvent::row(row("a", "7", 1)));
        assert_eq!(Arc::strong_count(&rows[0]), 1, "the replaced row is held by no table");
        assert_eq!(Arc::strong_count(&rows[1]), 5, "the other row is still shared");
    }

    #[test]
    fn updates_and_removals_apply_in_place() {
        let mut table = TableModel::new(COLUMNS, true);
        table.apply(RowEvent::rows(vec![
            row("a", "0", 1),
            row("b", "0", 2),
            row("c", "0", 3),
        ]));
        table.apply(RowEvent::Remove(row("a", "0", 1).key));
        table.apply(RowEvent::row(row("c", "5", 3)));
        table.apply(RowEvent::row(row("d", "0", 4)));
        table.refresh();
        assert_eq!(names(&table), ["b", "c", "d"]);
        assert_eq!(table.visible_rows().nth(1).unwrap().cells[2], "5");
        assert_eq!(table.total_len(), 3);
    }

    #[test]
    fn a_change_that_moves_no_row_is_shown_without_sorting_again_and_one_that_moves_resorts() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("a", "0", 1), row("b", "0", 2)]));
        table.sort.column = 3;
        table.dirty = true;
        table.refresh();
        table.apply(RowEvent::row(row("b", "0", 9)));
        assert!(!table.dirty, "same restarts, same filter: no sort");
        assert_eq!(
            table.visible_rows().nth(1).unwrap().created,
            Some(9),
            "the new row shows"
        );
        table.apply(RowEvent::row(row("a", "7", 1)));
        assert!(table.dirty, "the sort cell changed");
        table.refresh();
        assert_eq!(names(&table), ["b", "a"]);
        table.set_filter("-l app=b").unwrap();
        table.refresh();
        assert_eq!(names(&table), ["b"]);
        table.apply(RowEvent::row(Row {
            labels: "app=c".into(),
            ..row("b", "0", 9)
        }));
        assert!(table.dirty, "the row left the filter");
        table.refresh();
        assert!(names(&table).is_empty());
    }

    #[test]
    fn numbers_sort_numerically_and_age_sorts_newest_first() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![
            row("a", "10", 1),
            row("b", "9", 3),
            row("c", "0", 2),
        ]));
        table.sort.column = 3;
        table.dirty = true;
        table.refresh();
        assert_eq!(names(&table), ["c", "b", "a"]);
        table.sort_next();
        table.refresh();
        assert_eq!(names(&table), ["b", "c", "a"], "AGE: newest first");
        table.sort_reverse();
        table.refresh();
        assert_eq!(names(&table), ["a", "c", "b"]);
    }

    #[test]
    fn the_selection_follows_its_object_when_rows_move() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("b", "0", 1), row("c", "0", 1)]));
        table.refresh();
        table.select_index(1);
        assert_eq!(table.selected_row().unwrap().key.name, "c");
        table.apply(RowEvent::row(row("a", "0", 1)));
        table.refresh();
        assert_eq!(table.selected_row().unwrap().key.name, "c");
        assert_eq!(table.cursor, 2);
    }

    #[test]
    fn a_filter_narrows_rows_and_an_invalid_one_is_refused() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("web-1", "0", 1), row("db-1", "0", 1)]));
        table.set_filter("-l app=db-1").unwrap();
        table.refresh();
        assert_eq!(names(&table), ["db-1"]);
        assert!(table.set_filter("(").is_err());
        assert_eq!(
            table.filter_text, "-l app=db-1",
            "a refused filter keeps the previous one"
        );
    }

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

    #[test]
    fn news_after_a_failure_means_the_watch_is_live_again() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("a", "0", 1)]));
        table.apply(refused_until(Timestamp::UNIX_EPOCH));
        table.apply(RowEvent::row(row("b", "0", 1)));
        assert_eq!(table.feed, Feed::Live);
    }

    #[test]
    fn an_untouched_cursor_stays_on_its_object_when_a_row_arrives_above() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("b", "0", 1)]));
        table.refresh();
        table.apply(RowEvent::row(row("a", "0", 1)));
        table.refresh();
        assert_eq!(table.selected_row().unwrap().key.name, "b");
    }

    #[test]
    fn a_failed_watch_keeps_rows_and_marks_them_stale() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("a", "0", 1)]));
        table.apply(refused_until(Timestamp::UNIX_EPOCH));
        table.refresh();
        assert_eq!(
            table.feed,
            Feed::Stale(Stale {
                reason: "connection refused".into(),
                next_try: Timestamp::UNIX_EPOCH
            })
        );
        assert_eq!(table.visible_len(), 1);
    }

    fn refused_until(next_try: Timestamp) -> RowEvent {
        RowEvent::Failed {
            failure: crate::model::failure::Failure::new(
                crate::model::failure::FailureKind::Unreachable,
                "connection refused",
            ),
            next_try,
        }
    }

    #[test]
    fn a_stale_title_counts_down_to_the_next_try() {
        let now = Timestamp::from_second(1_000).unwrap();
        let stale = |ms: i64| Stale {
            reason: String::new(),
            next_try: Timestamp::from_millisecond(1_000_000 + ms).unwrap(),
        };
        assert_eq!(stale(2_400).retry_in_seconds(now), Some(3));
        assert_eq!(stale(1).retry_in_seconds(now), Some(1));
        assert_eq!(stale(0).retry_in_seconds(now), None);
        assert_eq!(stale(-5_000).retry_in_seconds(now), None);
    }
}
