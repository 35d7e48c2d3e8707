//! A rolling update that stalls, on the local cluster: the app is reported Failed with
//! the stalled rollout and the reason its new pods fail, the old pod keeps serving, and
//! a rollback to the earlier revision brings the app back to Running.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;

use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use kubic::model::crd::AppPhase;
use support::fixtures::{bind_spec, delete_project_when_empty, small_dns_app};
use support::{connection, eventually, unique};

const LONG: Duration = Duration::from_secs(120);

/// The bind catalog, except that tag `broken` asks for a host that does not exist and
/// rollouts give up after ten seconds.
fn catalog_with_a_broken_tag() -> kubic::model::crd::CatalogSpec {
    let mut spec = bind_spec();
    let replicas = "  replicas: {{ replicas }}\n";
    let host = "      {% if host %}\n";
    assert!(spec.template.contains(replicas) && spec.template.contains(host));
    spec.template = spec
        .template
        .replace(replicas, &format!("{replicas}  progressDeadlineSeconds: 10\n"))
        .replace(
            host,
            "      {% if tag == \"broken\" %}\n      nodeSelector:\n        kubic.io/no-such-host: \"yes\"\n      {% elif host %}\n",
        );
    spec
}

async fn deployment_image(conn: &kubic::kube::Connection, project: &str) -> String {
    let deployment = Api::<Deployment>::namespaced(conn.client.clone(), project)
        .get("dns")
        .await
        .expect("the app's deployment");
    let containers = deployment.spec.and_then(|s| s.template.spec).map(|s| s.containers);
    containers.and_then(|c| c.first()?.image.clone()).unwrap_or_default()
}

#[tokio::test]
async fn a_stalled_rollout_is_reported_and_rolled_back() {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    let project = unique("stall");
    projects::create_project(&conn, &project).await.expect("create project");
    let catalog = unique("bind");
    catalogs::save_catalog(&conn, &catalog, catalog_with_a_broken_tag())
        .await
        .expect("save the catalog");
    apps::create_app(&conn, small_dns_app(&project, &catalog))
        .await
        .expect("create the app");
    apps::run_app(&conn, &project, "dns").await.expect("run");
    eventually("the app to run", LONG, || async {
        let report = apps::refresh_status(&conn, &project, "dns").await.ok()?;
        (report.phase == AppPhase::Running).then_some(())
    })
    .await;

    apps::update_tag(&conn, &project, "dns", "broken")
        .await
        .expect("the update itself is accepted");
    let report = eventually("the stalled rollout to be reported", LONG, || async {
        let report = apps::refresh_status(&conn, &project, "dns").await.ok()?;
        (report.phase == AppPhase::Failed && report.message.starts_with("rollout stalled")).then_some(report)
    })
    .await;
    assert!(
        report.message.contains("Unschedulable") && report.message.contains("node affinity/selector"),
        "the failing pod's reason is named: {}",
        report.message
    );
    let serving = report.pods.iter().filter(|p| p.status == "Running").count();
    assert_eq!(
        serving, 1,
        "the old pod keeps serving during the stalled rollout: {report:?}"
    );

    let app = apps::rollback(&conn, &project, "dns", 1).await.expect("rollback");
    assert_eq!(app.spec.tag, "9.18");
    assert_eq!(app.spec.revision, 3, "a rollback is a new forward revision");
    eventually("the app to run again after the rollback", LONG, || async {
        let report = apps::refresh_status(&conn, &project, "dns").await.ok()?;
        (report.phase == AppPhase::Running && report.pods.len() == 1).then_some(())
    })
    .await;
    assert!(deployment_image(&conn, &project).await.ends_with(":9.18"));

    apps::halt_app(&conn, &project, "dns").await.expect("halt");
    apps::delete_app(&conn, &project, "dns").await.expect("delete");
    catalogs::delete_catalog(&conn, &catalog, true)
        .await
        .expect("delete the catalog");
    delete_project_when_empty(&conn, &project).await;
}
