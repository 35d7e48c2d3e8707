//! The KUBIC walkthrough against the local cluster, through kubic's own kube layer:
//! register IPs → create a project → create the bind catalog → create an app → run →
//! scale → rolling update and rollback → re-load-balance → halt → delete, with every
//! refusal KUBIC makes along the way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Service;
use kube::Api;

use kubic::kube::KubeError;
use kubic::kube::install::install;
use kubic::kube::kubic::apps::{self};
use kubic::kube::kubic::{catalogs, ippools, projects};
use kubic::model::cluster::NewApp;
use kubic::model::crd::{App, AppPhase, AppPort};
use support::fixtures::bind_spec;
use support::{connection, eventually, unique};

const LONG: Duration = Duration::from_secs(90);

fn test_ip(n: u32) -> String {
    let id = std::process::id();
    format!("198.18.{}.{}", id % 250, (id / 250 % 50) * 5 + n)
}

fn assert_invalid(result: Result<impl std::fmt::Debug, KubeError>, expected: &str) {
    match result {
        Err(KubeError::Invalid(why)) => {
            let message = why.to_string();
            assert!(message.contains(expected), "{message:?} lacks {expected:?}");
        }
        other => panic!("expected a refusal containing {expected:?}, got {other:?}"),
    }
}

async fn wait_phase(conn: &kubic::kube::Connection, project: &str, name: &str, phase: AppPhase, pods: usize) {
    let what = format!("app {name} to be {phase:?} with {pods} pods");
    eventually(&what, LONG, || async {
        let report = apps::refresh_status(conn, project, name).await.ok()?;
        (report.phase == phase && report.pods.len() == pods).then_some(())
    })
    .await;
}

async fn deployment_image(conn: &kubic::kube::Connection, project: &str, name: &str) -> String {
    let deployment = Api::<Deployment>::namespaced(conn.client.clone(), project)
        .get(name)
        .await
        .unwrap();
    deployment.spec.unwrap().template.spec.unwrap().containers[0]
        .image
        .clone()
        .unwrap()
}

#[tokio::test]
async fn the_kubic_walkthrough_with_every_refusal() {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    let (ip1, ip2) = (test_ip(1), test_ip(2));

    // IP pool.
    ippools::add_ip(&conn, "kube-minion1", &ip1)
        .await
        .expect("register ip1");
    ippools::add_ip(&conn, "kube-minion1", &ip2)
        .await
        .expect("register ip2");
    assert_invalid(
        ippools::add_ip(&conn, "kube-minion1", "300.1.1.1").await,
        "not an IP address",
    );
    assert_invalid(ippools::add_ip(&conn, "no-such-host", &test_ip(3)).await, "no host");
    assert_invalid(
        ippools::add_ip(&conn, "kube-minion2", &ip1).await,
        "already registered for host kube-minion1",
    );

    // Project.
    let project = unique("walk");
    assert_invalid(projects::create_project(&conn, "Bad_Name").await, "project name");
    projects::create_project(&conn, &project).await.expect("create project");

    // Catalog.
    let catalog = unique("bind");
    let mut broken = bind_spec();
    broken.template = "kind: Deployment\nmetadata:\n  name: {{ name }\n".into();
    assert_invalid(catalogs::save_catalog(&conn, &catalog, broken).await, "line 3");
    catalogs::save_catalog(&conn, &catalog, bind_spec())
        .await
        .expect("save the bind catalog");

    // App creation and its refusals.
    let new_app = NewApp {
        project: project.clone(),
        name: "dns".into(),
        catalog: catalog.clone(),
        tag: "9.18".into(),
        replicas: 1,
        cpu_millis: Some(200),
        memory: Some("128Mi".into()),
        ports: vec![
            AppPort {
                port: 53,
                protocol: "TCP".into(),
            },
            AppPort {
                port: 53,
                protocol: "UDP".into(),
            },
        ],
        host: Some("kube-minion1".into()),
        service_ips: vec![ip1.clone()],
    };
    let mut bad = new_app.clone();
    bad.service_ips = vec!["203.0.113.99".into()];
    assert_invalid(apps::create_app(&conn, bad).await, "not in the IP pool");
    let mut bad = new_app.clone();
    bad.memory = Some("lots".into());
    assert_invalid(apps::create_app(&conn, bad).await, "memory");
    let mut bad = new_app.clone();
    bad.name = "DNS".into();
    assert_invalid(apps::create_app(&conn, bad).await, "app name");
    let created = apps::create_app(&conn, new_app.clone()).await.expect("create the app");
    assert_eq!(created.spec.revision, 1);
    wait_phase(&conn, &project, "dns", AppPhase::Halted, 0).await;
    let service = Api::<Service>::namespaced(conn.client.clone(), &project)
        .get("dns")
        .await
        .unwrap();
    assert_eq!(service.spec.unwrap().external_ips, Some(vec![ip1.clone()]));
    assert_eq!(
        deployment_image(&conn, &project, "dns").await,
        "127.0.0.1:5000/bind:9.18"
    );
    assert_invalid(ippools::remove_ip(&conn, "kube-minion1", &ip1).await, "used by app");
    let pool = ippools::pool_holders(&conn, "kube-minion1").await.unwrap();
    assert!(
        pool.contains(&(ip1.clone(), Some(format!("{project}/dns")))),
        "{pool:?}"
    );
    assert!(pool.contains(&(ip2.clone(), None)), "{pool:?}");

    // A template that renders an invalid object is stopped by the dry run; nothing is left.
    let invalid_catalog = unique("broken");
    let mut spec = bind_spec();
    spec.template = spec
        .template
        .replace("replicas: {{ replicas }}", "replicas: {{ replicas }}\n  paused: maybe");
    catalogs::save_catalog(&conn, &invalid_catalog, spec)
        .await
        .expect("the template itself renders");
    let mut bad = new_app.clone();
    bad.name = "broken".into();
    bad.catalog = invalid_catalog.clone();
    bad.service_ips.clear();
    let refused = apps::create_app(&conn, bad).await.expect_err("the dry run must refuse");
    assert!(matches!(refused, KubeError::Refused { .. }), "{refused:?}");
    let leftover = Api::<App>::namespaced(conn.client.clone(), &project)
        .get_opt("broken")
        .await
        .unwrap();
    assert!(leftover.is_none(), "a refused app leaves nothing behind");

    // Run, and the refusals a running app brings.
    apps::run_app(&conn, &project, "dns").await.expect("run");
    wait_phase(&conn, &project, "dns", AppPhase::Running, 1).await;
    assert_invalid(apps::delete_app(&conn, &project, "dns").await, "halt it first");
    assert_invalid(projects::delete_project(&conn, &project).await, "still runs 1 pod");

    // Scale, rolling update, rollback.
    apps::scale_app(&conn, &project, "dns", 2).await.expect("scale to 2");
    wait_phase(&conn, &project, "dns", AppPhase::Running, 2).await;
    let updated = apps::update_tag(&conn, &project, "dns", "9.20")
        .await
        .expect("rolling update");
    assert_eq!(updated.spec.revision, 2);
    assert_eq!(
        deployment_image(&conn, &project, "dns").await,
        "127.0.0.1:5000/bind:9.20"
    );
    wait_phase(&conn, &project, "dns", AppPhase::Running, 2).await;
    assert_invalid(
        apps::update_tag(&conn, &project, "dns", "9.20").await,
        "already runs tag",
    );
    let rolled = apps::rollback(&conn, &project, "dns", 1)
        .await
        .expect("rollback to revision 1");
    assert_eq!(rolled.spec.revision, 3, "a rollback is a new forward revision");
    assert_eq!(rolled.spec.tag, "9.18");
    assert_eq!(rolled.spec.replicas, 2, "a rollback keeps the current size");
    assert_eq!(
        deployment_image(&conn, &project, "dns").await,
        "127.0.0.1:5000/bind:9.18"
    );
    let history: Vec<u32> = apps::revisions(&conn, &project, "dns")
        .await
        .unwrap()
        .iter()
        .map(|r| r.spec.revision)
        .collect();
    assert_eq!(history, [1, 2, 3]);

    // Re-load-balance.
    apps::set_service_ips(&conn, &project, "dns", &[ip1.clone(), ip2.clone()])
        .await
        .expect("re-load-balance");
    let service = Api::<Service>::namespaced(conn.client.clone(), &project)
        .get("dns")
        .await
        .unwrap();
    assert_eq!(service.spec.unwrap().external_ips, Some(vec![ip1.clone(), ip2.clone()]));

    // Catalog deletion is refused while apps exist.
    assert_invalid(
        catalogs::delete_catalog(&conn, &catalog, false).await,
        "apps were made from catalog",
    );

    // Halt, then delete.
    apps::halt_app(&conn, &project, "dns").await.expect("halt");
    wait_phase(&conn, &project, "dns", AppPhase::Halted, 0).await;
    apps::delete_app(&conn, &project, "dns")
        .await
        .expect("delete the halted app");
    eventually("the app and what it created to be gone", LONG, || async {
        let deployments = Api::<Deployment>::namespaced(conn.client.clone(), &project);
        let services = Api::<Service>::namespaced(conn.client.clone(), &project);
        let apps_api = Api::<App>::namespaced(conn.client.clone(), &project);
        let gone = apps_api.get_opt("dns").await.ok()?.is_none()
            && deployments.get_opt("dns").await.ok()?.is_none()
            && services.get_opt("dns").await.ok()?.is_none();
        gone.then_some(())
    })
    .await;
    eventually("the app's revisions to be collected", LONG, || async {
        apps::revisions(&conn, &project, "dns")
            .await
            .ok()?
            .is_empty()
            .then_some(())
    })
    .await;

    // Clean up: IPs are free again, catalogs go, the empty project goes.
    ippools::remove_ip(&conn, "kube-minion1", &ip1)
        .await
        .expect("ip1 is free again");
    ippools::remove_ip(&conn, "kube-minion1", &ip2)
        .await
        .expect("ip2 is free again");
    catalogs::delete_catalog(&conn, &catalog, false)
        .await
        .expect("delete the catalog");
    catalogs::delete_catalog(&conn, &invalid_catalog, false)
        .await
        .expect("delete the broken catalog");
    projects::delete_project(&conn, &project)
        .await
        .expect("delete the empty project");
}

#[tokio::test]
async fn deleting_a_catalog_with_apps_cascades_only_when_asked() {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    let project = unique("cascade");
    projects::create_project(&conn, &project).await.unwrap();
    let catalog = unique("bind");
    catalogs::save_catalog(&conn, &catalog, bind_spec()).await.unwrap();
    let new_app = support::fixtures::small_dns_app(&project, &catalog);
    apps::create_app(&conn, new_app).await.unwrap();
    apps::run_app(&conn, &project, "dns").await.unwrap();
    assert_invalid(
        catalogs::delete_catalog(&conn, &catalog, false).await,
        &format!("{project}/dns"),
    );
    catalogs::delete_catalog(&conn, &catalog, true)
        .await
        .expect("the cascade deletes the app and the catalog");
    eventually("the cascaded app to be gone", LONG, || async {
        let apps_api = Api::<App>::namespaced(conn.client.clone(), &project);
        apps_api.get_opt("dns").await.ok()?.is_none().then_some(())
    })
    .await;
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
