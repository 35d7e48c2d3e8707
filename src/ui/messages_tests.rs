//! Snapshots of messages that do not fit one line: wrapped in the footer up to three
//! lines, cut with a marker past that, and read whole in the `:messages` history.

use crossterm::event::KeyCode;

use super::test_support::{screen, snap};
use super::tests::{app, feed, pods};
use crate::app::test_support::{command, press};
use crate::app::{Action, App};
use crate::model::cluster::{ObjectRef, RowEvent};
use crate::model::failure::{Failure, FailureKind};
use crate::model::resource::Known;

/// The app answered that deleting project `demo-web` was refused, for `reason`.
fn refused_delete(app: &mut App, reason: &str) {
    let kind = app.registry.known(Known::Namespace).cloned().expect("namespaces");
    let object = ObjectRef {
        kind,
        namespace: String::new(),
        name: "demo-web".into(),
    };
    let result = Err(Failure::new(FailureKind::Invalid, reason));
    app.update(Action::Deleted { object, result });
}

const STILL_RUNNING: &str = "project demo-web still runs pods: web-7887448d46-lktb2, web-7887448d46-twtpw, \
                             web-7887448d46-x9k2m (halt its apps first)";

#[test]
fn a_long_message_wraps_in_the_footer() {
    let mut app = app(None);
    feed(&mut app, RowEvent::rows(pods()));
    refused_delete(&mut app, STILL_RUNNING);
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.ends_with("web-7887448d46-x9k2m (halt its apps\nfirst)"),
        "{shown}"
    );
    snap!("footer_wrapped_80x24", shown);
}

#[test]
fn a_message_longer_than_three_lines_is_cut_and_messages_shows_it_whole() {
    let mut app = app(None);
    feed(&mut app, RowEvent::rows(pods()));
    app.update(Action::Resized { width: 80, height: 24 });
    command(&mut app, "nosuchkind");
    let pods: Vec<String> = (1..=12).map(|i| format!("web-7887448d46-pod{i:02}")).collect();
    let reason = format!(
        "project demo-web still runs pods: {} (halt its apps first)",
        pods.join(", ")
    );
    refused_delete(&mut app, &reason);
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("(:messages shows all)"), "{shown}");
    snap!("footer_cut_80x24", shown);
    command(&mut app, "messages");
    let history = screen(&mut app, 80, 24);
    assert!(history.contains("web-7887448d46-pod12 (halt its apps"), "{history}");
    assert!(
        !history.contains(":messages shows all"),
        "the footer leaves the history its room"
    );
    snap!("messages_80x24", history);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, crate::app::Mode::Normal));
}
