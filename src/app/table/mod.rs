//! A live table's state: its rows (fed by watch events), the filter and sort the
//! operator chose, and the selection, which follows the selected object as rows move.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::app::table::filter::Filter;
use crate::app::table::order::{Order, SortKey};
use crate::model::age::format_age;
use crate::model::cluster::RowEvent;
use crate::model::failure::Failure;
use crate::model::invalid::Invalid;
use crate::model::metrics::pods::{PodUsages, usage_cells};
use crate::model::rows::{POD_USAGE_CELL, Row, RowKey, USAGE_COLUMNS};
use k8s_openapi::jiff::Timestamp;

pub mod applicable;
pub mod filter;
mod keys;
mod order;
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
    /// Said in the session's language as it is drawn.
    pub failure: Failure,
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
    /// `visible` must be filtered and sorted again from every row.
    dirty: bool,
    /// `visible` is up to date, but rows came, went or moved: the cursor must find its
    /// object again.
    moved: bool,
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
            moved: false,
        }
    }

    /// Applies one watch event. A row that comes, goes or moves is placed among the
    /// sorted rows at once (a binary search), so churn never sorts every row again.
    pub fn apply(&mut self, event: RowEvent) {
        let failed = matches!(event, RowEvent::Failed { .. });
        match event {
            RowEvent::Reset(rows) => {
                self.index = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (ByKey(Arc::clone(r)), i))
                    .collect();
                self.rows = rows;
                self.feed = Feed::Live;
                self.dirty = true;
            }
            RowEvent::Upsert(row) => self.upsert(row),
            RowEvent::Remove(key) => self.remove(&key),
            RowEvent::Failed { failure, next_try } => self.feed = Feed::Stale(Stale { failure, next_try }),
        }
        // The watcher resumes from where it broke without a new list: news means live again.
        if !failed && matches!(self.feed, Feed::Stale(_)) {
            self.feed = Feed::Live;
        }
    }

    fn upsert(&mut self, row: Arc<Row>) {
        // The index holds the new row, not the one it replaces (which it would keep alive).
        let at = self.index.remove(&row.key).unwrap_or(self.rows.len());
        self.index.insert(ByKey(Arc::clone(&row)), at);
        let in_place = self.rows.get(at).is_some_and(|old| self.keeps_place(old, &row));
        if !in_place {
            self.hide(at);
        }
        match self.rows.get_mut(at) {
            Some(old) => *old = row,
            None => self.rows.push(row),
        }
        if !in_place {
            self.show(at);
        }
    }

    fn remove(&mut self, key: &RowKey) {
        let Some(i) = self.index.remove(key) else {
            return;
        };
        self.hide(i);
        let last = self.rows.len() - 1;
        self.rows.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.index.insert(ByKey(Arc::clone(moved)), i);
            if !self.dirty
                && let Some(shown) = self.visible.iter_mut().find(|shown| **shown == last)
            {
                *shown = i;
            }
        }
    }

    /// Takes row `i` out of the visible rows (while they are sorted).
    fn hide(&mut self, i: usize) {
        if self.dirty {
            return;
        }
        if let Some(at) = self.visible.iter().position(|&shown| shown == i) {
            self.visible.remove(at);
        }
        self.moved = true;
    }

    /// Puts row `i` in its place among the visible rows if it passes the filter.
    fn show(&mut self, i: usize) {
        if self.dirty || !self.filter.matches(&self.rows[i]) {
            return;
        }
        let at = self.place_of(i);
        self.visible.insert(at, i);
        self.moved = true;
    }

    /// Where row `i` belongs among the sorted visible rows (where it is, if shown).
    fn place_of(&self, i: usize) -> usize {
        let (order, row) = (self.order(), self.rows[i].as_ref());
        let key = self.sort_key(row);
        self.visible.partition_point(|&shown| {
            let other = self.rows[shown].as_ref();
            order.compare((other, &self.sort_key(other)), (row, &key)) == Ordering::Less
        })
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
        // The filter reads no figure: only a sort by one needs the rows sorted again.
        let sorted_by_figures = self.is_joined(self.sort.column);
        self.pod_usage = usage;
        self.dirty |= sorted_by_figures || self.is_joined(self.sort.column);
    }

    /// Sets the filter from what the operator typed; an invalid one is refused with the reason.
    pub fn set_filter(&mut self, text: &str) -> Result<(), Invalid> {
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
        if self.dirty {
            self.dirty = false;
            self.visible = self.sorted_visible();
        } else if !self.moved {
            return;
        }
        self.moved = false;
        self.cursor = self
            .selected
            .as_ref()
            .and_then(|key| self.position_of(key))
            .unwrap_or(self.cursor);
        self.clamp_cursor();
        self.selected = self.selected_row().map(|r| r.key.clone());
    }

    /// The rows that pass the filter, sorted, each row's sort cell read once.
    fn sorted_visible(&self) -> Vec<usize> {
        let (order, rows) = (self.order(), &self.rows);
        let mut keyed: Vec<(usize, SortKey)> = (0..rows.len())
            .filter(|&i| self.filter.matches(&rows[i]))
            .map(|i| (i, self.sort_key(&rows[i])))
            .collect();
        keyed.sort_by(|a, b| order.compare((&rows[a.0], &a.1), (&rows[b.0], &b.1)));
        keyed.into_iter().map(|(i, _)| i).collect()
    }

    /// Where the row with this key is among the visible rows.
    fn position_of(&self, key: &RowKey) -> Option<usize> {
        let &i = self.index.get(key)?;
        let at = self.place_of(i);
        (self.visible.get(at) == Some(&i)).then_some(at)
    }

    fn order(&self) -> Order {
        Order {
            age: self.sort.column == self.columns.len() - 1,
            descending: self.sort.descending,
        }
    }

    /// How `row` sorts on the sort column (the AGE column sorts by time, not by text).
    fn sort_key<'a>(&self, row: &'a Row) -> SortKey<'a> {
        if self.sort.column == self.columns.len() - 1 {
            return SortKey::of(Cow::Borrowed(""));
        }
        SortKey::of(self.raw_cell(row, self.sort.column))
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
    fn a_change_is_placed_among_the_sorted_rows_without_sorting_them_all_again() {
        let mut table = TableModel::new(COLUMNS, false);
        table.apply(RowEvent::rows(vec![row("a", "0", 1), row("b", "0", 2)]));
        table.sort.column = 3;
        table.dirty = true;
        table.refresh();
        table.apply(RowEvent::row(row("b", "0", 9)));
        assert!(!table.moved, "same restarts, same filter: no row moves");
        assert_eq!(
            table.visible_rows().nth(1).unwrap().created,
            Some(9),
            "the new row shows"
        );
        table.apply(RowEvent::row(row("a", "7", 1)));
        assert!(!table.dirty, "the sort cell changed: the row moves, nothing else");
        assert_eq!(names(&table), ["b", "a"]);
        table.set_filter("-l app=b").unwrap();
        table.refresh();
        assert_eq!(names(&table), ["b"]);
        table.apply(RowEvent::row(Row {
            labels: "app=c".into(),
            ..row("b", "0", 9)
        }));
        assert!(names(&table).is_empty(), "the row left the filter");
        table.apply(RowEvent::row(row("c", "0", 9)));
        table.apply(RowEvent::row(Row {
            labels: "app=b".into(),
            ..row("c", "0", 9)
        }));
        assert_eq!(names(&table), ["c"], "a row that comes into the filter shows");
        assert!(!table.dirty);
    }

    /// Rows named by letter, with their restarts and whether they are `app=web`.
    fn letters(spec: &[(u8, u8, bool)]) -> Vec<Row> {
        spec.iter()
            .map(|&(name, restarts, web)| Row {
                labels: if web { "app=web" } else { "app=db" }.into(),
                ..row(
                    &char::from(b'a' + name % 12).to_string(),
                    &restarts.to_string(),
                    i64::from(name % 5),
                )
            })
            .collect()
    }

    proptest::proptest! {
        /// Whatever comes, goes or changes, the rows placed one by one are in the very
        /// order a full sort gives, and the selection stays on its object.
        #[test]
        fn rows_placed_one_by_one_are_in_the_order_a_full_sort_gives(
            start in proptest::collection::btree_map(0u8..12, (0u8..4, proptest::bool::ANY), 0..10),
            events in proptest::collection::vec((0u8..12, 0u8..4, proptest::bool::ANY, 0u8..4), 0..30),
            column in 0usize..5,
            descending in proptest::bool::ANY,
            filtered in proptest::bool::ANY,
        ) {
            let mut table = TableModel::new(COLUMNS, true);
            table.sort = Sort { column, descending };
            if filtered {
                table.set_filter("-l app=web").unwrap();
            }
            let start: Vec<_> = start.into_iter().map(|(name, (restarts, web))| (name, restarts, web)).collect();
            table.apply(RowEvent::rows(letters(&start)));
            table.refresh();
            table.move_cursor(2);
            for (name, restarts, web, what) in events {
                let changed = letters(&[(name, restarts, web)]).remove(0);
                let selected = table.selected_row().map(|r| r.key.clone());
                if what == 0 {
                    table.apply(RowEvent::Remove(changed.key.clone()));
                } else {
                    table.apply(RowEvent::row(changed.clone()));
                }
                table.refresh();
                let mut fresh = table.clone();
                fresh.dirty = true;
                fresh.refresh();
                proptest::prop_assert_eq!(names(&table), names(&fresh));
                let shown: Vec<usize> = table.visible.clone();
                proptest::prop_assert!(shown.iter().all(|&i| i < table.rows.len()));
                if let Some(key) = selected.filter(|key| table.visible_rows().any(|r| &r.key == key)) {
                    proptest::prop_assert_eq!(table.selected_row().map(|r| &r.key), Some(&key));
                }
            }
        }
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
                failure: crate::model::failure::Failure::new(
                    crate::model::failure::FailureKind::Unreachable,
                    "connection refused"
                ),
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
            failure: crate::model::failure::Failure::other(""),
            next_try: Timestamp::from_millisecond(1_000_000 + ms).unwrap(),
        };
        assert_eq!(stale(2_400).retry_in_seconds(now), Some(3));
        assert_eq!(stale(1).retry_in_seconds(now), Some(1));
        assert_eq!(stale(0).retry_in_seconds(now), None);
        assert_eq!(stale(-5_000).retry_in_seconds(now), None);
    }
}
