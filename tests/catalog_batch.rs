//! Batch commands over a catalog against the local cluster: two apps made from one
//! catalog, one pod that cannot run the command; every pod's output and exit code come
//! back, failures first, and the command never goes through a local shell.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;

use kubic::app::detail::reports::batch_report as report;
use kubic::config::i18n::Lang;
use kubic::kube::batch::{CONCURRENCY, catalog_pods, run_everywhere};
use kubic::kube::kubic::catalogs;
use support::connection;
use support::fixtures::two_apps_and_a_stuck_pod;

#[tokio::test]
async fn a_batch_runs_in_every_pod_of_two_apps_and_reports_the_failing_pod_first() {
    let conn = connection().await;
    let (project, catalog) = two_apps_and_a_stuck_pod(&conn, "batch").await;

    let targets = catalog_pods(&conn, &catalog).await.expect("the catalog's pods");
    assert_eq!(targets.len(), 3, "{targets:?}");
    // `$((…))` and `>&2` are the remote sh's business: no local shell sees them.
    let argv: Vec<String> = ["sh", "-c", "echo hello-$((40+2)); echo to-stderr >&2"]
        .map(String::from)
        .to_vec();
    let results = run_everywhere(&conn, targets.clone(), &argv, CONCURRENCY).await;
    assert_eq!(results.len(), 3);
    assert_eq!(
        results[0].target.pod, "dns2-stuck",
        "the failure comes first: {results:#?}"
    );
    assert!(results[0].failed());
    assert!(!results[0].output.is_empty(), "the failure says why");
    for ok in &results[1..] {
        assert_eq!(ok.code, Some(0), "{ok:#?}");
        assert!(ok.output.contains("hello-42"), "{ok:#?}");
        assert!(ok.output.contains("to-stderr"), "{ok:#?}");
    }
    let apps_seen: Vec<&str> = results[1..].iter().map(|r| r.target.app.as_str()).collect();
    assert_eq!(apps_seen, ["dns", "dns2"]);
    let text = report(Lang::En, &argv, &results);
    assert!(text.contains("pods: 3  succeeded: 2  failed: 1"), "{text}");

    let exit3: Vec<String> = ["sh", "-c", "exit 3"].map(String::from).to_vec();
    let results = run_everywhere(&conn, targets, &exit3, 1).await;
    assert!(results.iter().all(|r| r.failed()), "every pod failed: {results:#?}");
    let codes: Vec<(&str, Option<i32>)> = results.iter().map(|r| (r.target.pod.as_str(), r.code)).collect();
    assert_eq!(
        codes.iter().filter(|(_, code)| *code == Some(3)).count(),
        2,
        "{codes:?}"
    );
    assert!(codes.contains(&("dns2-stuck", None)), "{codes:?}");

    Api::<Pod>::namespaced(conn.client.clone(), &project)
        .delete("dns2-stuck", &Default::default())
        .await
        .expect("delete the stuck pod");
    catalogs::delete_catalog(&conn, &catalog, true)
        .await
        .expect("delete catalog and apps");
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
