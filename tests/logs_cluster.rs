//! The live log feed against the local cluster: a followed pod shows appended lines,
//! an app's feed takes in the pods of a scale-up, and a stream that ends reconnects
//! with a marker without repeating what it showed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use kubic::kube::Connection;
use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use kubic::kube::log_follow::{LogFollow, LogSource, follow, source_of};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::model::cluster::ObjectRef;
use kubic::model::cluster::{LogEvent, LogOptions};
use kubic::model::resource::{Known, Registry};
use support::fixtures::{bind_spec, small_dns_app};
use support::{connection, unique};

const LONG: Duration = Duration::from_secs(90);

/// A running feed and what it has said so far.
struct Feed {
    _follow: LogFollow,
    events: mpsc::UnboundedReceiver<LogEvent>,
    seen: Vec<LogEvent>,
}

impl Feed {
    fn start(conn: &Connection, source: LogSource, options: LogOptions) -> Feed {
        let (tx, events) = mpsc::unbounded_channel();
        let sink = Arc::new(move |event| {
            let _ = tx.send(event);
        });
        Feed {
            _follow: follow(conn, source, options, sink),
            events,
            seen: Vec::new(),
        }
    }

    /// Reads events until `done` holds for everything seen.
    async fn until(&mut self, what: &str, done: impl Fn(&[LogEvent]) -> bool) {
        let wait = async {
            while !done(&self.seen) {
                match self.events.recv().await {
                    Some(event) => self.seen.push(event),
                    None => panic!("the feed stopped while waiting for {what}"),
                }
            }
        };
        if tokio::time::timeout(LONG, wait).await.is_err() {
            panic!("timed out waiting for {what}; seen: {:#?}", self.seen);
        }
    }
}

/// How many times `text` was shown, by pod.
fn shown(events: &[LogEvent], text: &str) -> Vec<String> {
    let mut pods = Vec::new();
    for event in events {
        if let LogEvent::Lines { pod, lines, .. } = event {
            pods.extend(lines.iter().filter(|l| l.text == text).map(|_| pod.clone()));
        }
    }
    pods
}

#[tokio::test]
async fn a_followed_deployment_shows_appended_lines_once() {
    let conn = connection().await;
    let ns = unique("kubic-logs");
    create_namespace(&conn, &ns).await.expect("create the test namespace");
    support::fixtures::create_deployment(&conn, &ns, "chatty", 1).await;
    let object = ObjectRef {
        kind: Registry::builtin().known(Known::Deployment).unwrap().clone(),
        namespace: ns.clone(),
        name: "chatty".into(),
    };
    let source = source_of(&conn, &object).await.expect("the deployment's selector");
    assert_eq!(
        source,
        LogSource::Selector {
            namespace: ns.clone(),
            selector: "app=chatty".into()
        }
    );
    let options = LogOptions {
        follow: true,
        tail_lines: Some(5),
        ..LogOptions::default()
    };
    let mut feed = Feed::start(&conn, source, options);
    feed.until("the pod's first lines", |seen| {
        seen.iter().any(|e| matches!(e, LogEvent::Lines { .. }))
    })
    .await;
    let marker = unique("followed-line");
    support::append_container_log(&marker);
    feed.until("the appended line", |seen| !shown(seen, &marker).is_empty())
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    while let Ok(event) = feed.events.try_recv() {
        feed.seen.push(event);
    }
    assert_eq!(shown(&feed.seen, &marker).len(), 1, "shown once: {:#?}", feed.seen);
    delete_namespace(&conn, &ns).await.expect("delete the test namespace");
}

#[tokio::test]
async fn a_stream_that_ends_reconnects_with_a_marker_and_no_repeats() {
    let conn = connection().await;
    let ns = unique("kubic-logs");
    create_namespace(&conn, &ns).await.expect("create the test namespace");
    support::fixtures::create_deployment(&conn, &ns, "ending", 1).await;
    let source = LogSource::Selector {
        namespace: ns.clone(),
        selector: "app=ending".into(),
    };
    let before = unique("before-reconnect");
    support::append_container_log(&before);
    // Without follow each pass ends at the end of the log: the reconnect path every time.
    let mut feed = Feed::start(&conn, source, LogOptions::default());
    feed.until("a reconnect marker", |seen| {
        seen.iter()
            .any(|e| matches!(e, LogEvent::Marker { text, .. } if text.contains("reconnecting")))
    })
    .await;
    let after = unique("after-reconnect");
    support::append_container_log(&after);
    feed.until("the line appended after the stream ended", |seen| {
        !shown(seen, &after).is_empty()
    })
    .await;
    // Let a few more passes replay the whole file.
    tokio::time::sleep(Duration::from_secs(4)).await;
    while let Ok(event) = feed.events.try_recv() {
        feed.seen.push(event);
    }
    let markers = feed
        .seen
        .iter()
        .filter(|e| matches!(e, LogEvent::Marker { .. }))
        .count();
    assert!(
        markers >= 2,
        "a marker for each reconnect that brought lines: {:#?}",
        feed.seen
    );
    assert_eq!(shown(&feed.seen, &before).len(), 1, "{:#?}", feed.seen);
    assert_eq!(shown(&feed.seen, &after).len(), 1, "{:#?}", feed.seen);
    delete_namespace(&conn, &ns).await.expect("delete the test namespace");
}

#[tokio::test]
async fn an_app_feed_takes_in_the_pods_of_a_scale_up() {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    let project = unique("logs");
    projects::create_project(&conn, &project).await.expect("create project");
    let catalog = unique("bind");
    catalogs::save_catalog(&conn, &catalog, bind_spec())
        .await
        .expect("save catalog");
    apps::create_app(&conn, small_dns_app(&project, &catalog))
        .await
        .expect("create app");
    apps::run_app(&conn, &project, "dns").await.expect("run app");
    let object = ObjectRef {
        kind: Registry::builtin().known(Known::App).unwrap().clone(),
        namespace: project.clone(),
        name: "dns".into(),
    };
    let source = source_of(&conn, &object).await.expect("the app's pods");
    let options = LogOptions {
        follow: true,
        ..LogOptions::default()
    };
    let mut feed = Feed::start(&conn, source, options);
    let pods_speaking = |seen: &[LogEvent]| {
        let mut pods: Vec<String> = seen
            .iter()
            .filter_map(|e| match e {
                LogEvent::Lines { pod, .. } => Some(pod.clone()),
                _ => None,
            })
            .collect();
        pods.sort();
        pods.dedup();
        pods.len()
    };
    feed.until("the first pod's lines", |seen| pods_speaking(seen) == 1)
        .await;
    apps::scale_app(&conn, &project, "dns", 2).await.expect("scale to 2");
    feed.until("the new pod's lines", |seen| pods_speaking(seen) == 2).await;
    let marker = unique("both-pods");
    support::append_container_log(&marker);
    feed.until("the appended line from both pods", |seen| {
        shown(seen, &marker).len() == 2
    })
    .await;
    let mut by = shown(&feed.seen, &marker);
    by.dedup();
    assert_eq!(by.len(), 2, "each pod shows the line once: {by:?}");
    drop(feed);
    catalogs::delete_catalog(&conn, &catalog, true)
        .await
        .expect("delete catalog and app");
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
