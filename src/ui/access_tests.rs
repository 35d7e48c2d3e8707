//! Snapshots of a table for an identity the API server lets read but not change: the
//! keys it would refuse are left out of the footer and of the help.

use crossterm::event::KeyCode;

use super::test_support::{NOW, app_at, screen, snap};
use crate::app::App;
use crate::app::test_support::{feed, pod_row, press};
use crate::model::access::{AccessRules, ResourceRule};
use crate::model::rows::Row;

fn rule(verbs: &[&str], resources: &[&str]) -> ResourceRule {
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    ResourceRule {
        verbs: owned(verbs),
        groups: owned(&[""]),
        resources: owned(resources),
        names: Vec::new(),
    }
}

/// The pods of `demo` for someone who may read and follow logs, and update pods, but
/// may not delete them or exec into them.
fn reader() -> App {
    let mut app = app_at("https://127.0.0.1:32764", Some("demo"), "pods");
    let pods = ["web-7887448d46-lktb2", "db-0"].map(|name| Row {
        created: Some(NOW - 300),
        ..pod_row(name, None)
    });
    feed(&mut app, pods.to_vec());
    let rules = AccessRules::complete(vec![
        rule(&["get", "list", "watch", "update"], &["pods"]),
        rule(&["get"], &["pods/log"]),
    ]);
    let now = app.now;
    app.access.remember(Some("demo".into()), Some(rules), now);
    app
}

#[test]
fn help_and_footer_leave_out_what_the_api_server_refuses() {
    let mut app = reader();
    let table = screen(&mut app, 120, 40);
    let footer = table.lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("<e> edit") && !footer.contains("delete"), "{footer}");
    press(&mut app, KeyCode::Char('?'));
    snap!("help_refused_delete_exec_120x40", screen(&mut app, 120, 40));
}
