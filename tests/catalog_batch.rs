//! Batch commands over a catalog against the local cluster: two apps made from one
//! catalog, one pod that cannot run the command; every pod's output and exit code come
//! back, failures first, and the command never goes through a local shell.

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, PostParams};
use serde_json::json;

use kubic::kube::Connection;
use kubic::kube::batch::{CONCURRENCY, catalog_pods, report, run_everywhere};
use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use support::fixtures::{bind_spec, small_dns_app};
use support::{connection, eventually, unique};

const LONG: Duration = Duration::from_secs(90);

async fn running_pods(conn: &Connection, ns: &str, app: &str, count: usize) {
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), ns);
    eventually(&format!("{count} running pods of {app}"), LONG, || async {
        let list = pods
            .list(&ListParams::default().labels(&format!("kubic.io/app={app}")))
            .await
            .ok()?;
        let running = list
            .items
            .iter()
            .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
            .count();
        (running == count).then_some(())
    })
    .await
}

#[tokio::test]
async fn a_batch_runs_in_every_pod_of_two_apps_and_reports_the_failing_pod_first() {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    let project = unique("batch");
    projects::create_project(&conn, &project).await.expect("create project");
    let catalog = unique("bind");
    catalogs::save_catalog(&conn, &catalog, bind_spec())
        .await
        .expect("save catalog");
    for name in ["dns", "dns2"] {
        let mut app = small_dns_app(&project, &catalog);
        app.name = name.into();
        apps::create_app(&conn, app).await.expect("create app");
        apps::run_app(&conn, &project, name).await.expect("run app");
        running_pods(&conn, &project, name, 1).await;
    }
    // A pod of the second app that no node can take: the command cannot run there.
    let stuck: Pod = serde_json::from_value(json!({
        "metadata": {"name": "dns2-stuck", "labels": {"kubic.io/app": "dns2"}},
        "spec": {"nodeSelector": {"kubic.io/no-such-node": "true"},
                 "containers": [{"name": "main", "image": "registry.local/bind:9.18"}]}
    }))
    .unwrap();
    Api::<Pod>::namespaced(conn.client.clone(), &project)
        .create(&PostParams::default(), &stuck)
        .await
        .expect("create the stuck pod");

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
    let text = report(&argv, &results);
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
