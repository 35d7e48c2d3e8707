//! Unit tests of the reconnect bookkeeping: no line shown twice, none lost.

use super::*;

const T1: &str = "2026-11-22T04:19:08.104783324Z";
const T2: &str = "2026-11-22T04:19:09Z";

#[test]
fn a_reconnect_skips_what_was_shown_even_with_equal_timestamps() {
    let mut dedupe = Dedupe::default();
    assert!(dedupe.admit(T1));
    assert!(dedupe.admit(T1));
    dedupe.reconnect();
    // The server replays from the start of the file.
    assert!(!dedupe.admit(T1));
    assert!(!dedupe.admit(T1));
    assert!(dedupe.admit(T1), "a third line at the same instant is new");
    assert!(dedupe.admit(T2));
    dedupe.reconnect();
    assert!(!dedupe.admit(T1));
    assert!(!dedupe.admit(T2));
    assert!(dedupe.admit("2026-11-22T04:19:10Z"));
}

#[test]
fn lines_without_a_timestamp_are_always_shown() {
    let mut dedupe = Dedupe::default();
    assert!(dedupe.admit(""));
    assert!(dedupe.admit(""));
}

#[test]
fn a_served_line_splits_into_its_timestamp_and_text() {
    let line = split_timestamp(&format!("{T1} kubic devcluster: serving"));
    assert_eq!(line.timestamp, T1);
    assert_eq!(line.text, "kubic devcluster: serving");
    let bare = split_timestamp("no stamp here");
    assert_eq!(bare.timestamp, "");
    assert_eq!(bare.text, "no stamp here");
}

#[test]
fn a_workload_selector_reads_match_labels() {
    let deployment = serde_json::json!({"spec": {"selector": {"matchLabels": {"app": "web", "tier": "a"}}}});
    assert_eq!(selector_of(&deployment).as_deref(), Some("app=web,tier=a"));
    let job = serde_json::json!({"spec": {}});
    assert_eq!(selector_of(&job), None);
}
