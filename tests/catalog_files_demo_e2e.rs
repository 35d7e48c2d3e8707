//! The demo's files through the real binary in a pty: the local cluster binds a
//! catalog's files claim to the volume `devcluster/files-volume.yaml` reserves for it
//! (as `./dev demo` does for catalog bind), `f` opens the files console, a file written
//! in /data there is deployed with `F` into both pods of an app made from the catalog,
//! and each pod then holds it.
//!
//! The simulated containers' exec runs on this machine, so every pod's /data is this
//! machine's /data: the test writes into a directory of its own there and removes it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use tokio::io::AsyncReadExt;

use kubic::kube::catalog_files::claim_name;
use kubic::kube::exec::exec;
use kubic::kube::install::install;
use kubic::kube::kubic::{apps, catalogs, projects};
use kubic::model::cluster::{ExecRequest, SYSTEM_NAMESPACE};
use support::fixtures::{bind_spec, running_pods, small_dns_app};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

/// The volume the devcluster reserves for `catalog`'s files claim, from its template.
fn files_volume(catalog: &str, path: &str) -> PersistentVolume {
    let template = include_str!("../devcluster/files-volume.yaml");
    let text = template.replace("@CATALOG@", catalog).replace("@PATH@", path);
    serde_saphyr::from_str(&text).expect("devcluster/files-volume.yaml is a PersistentVolume")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_written_in_the_files_console_is_deployed_into_the_apps_pods() {
    let conn = support::connection().await;
    install(&conn).await.expect("kubic install");
    let project = support::unique("files-demo");
    projects::create_project(&conn, &project).await.unwrap();
    let catalog = support::unique("bind");
    catalogs::save_catalog(&conn, &catalog, bind_spec()).await.unwrap();
    let mut app = small_dns_app(&project, &catalog);
    app.replicas = 2;
    apps::create_app(&conn, app).await.unwrap();
    apps::run_app(&conn, &project, "dns").await.unwrap();
    running_pods(&conn, &project, "dns", 2).await;
    let scratch = tempfile::tempdir().unwrap();
    let volume = files_volume(&catalog, scratch.path().to_str().unwrap());
    let volume_name = volume.metadata.name.clone().unwrap();
    let volumes: Api<PersistentVolume> = Api::all(conn.client.clone());
    volumes.create(&PostParams::default(), &volume).await.unwrap();

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(
        &["--kubeconfig", &kubeconfig, "-A", "--console-image", "busybox:1.37"],
        120,
        32,
    );
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(all)"));
    term.type_keys(":catalogs\r");
    term.wait_for("the catalogs", WAIT, |s| s.contains(&catalog));
    term.type_keys(&format!("/{catalog}\r"));
    term.wait_for("only our catalog", WAIT, |s| s.contains("[1/"));
    term.type_keys("f");
    term.wait_for("the files console with its pod running", WAIT, |s| {
        s.contains(&format!("Console files of catalog {catalog} (/data)")) && !s.contains("esc cancel")
    });
    let claims: Api<PersistentVolumeClaim> = Api::namespaced(conn.client.clone(), SYSTEM_NAMESPACE);
    let claim = claims.get(&claim_name(&catalog)).await.expect("the claim kubic made");
    assert_eq!(claim.spec.unwrap().volume_name.as_deref(), Some(volume_name.as_str()));
    assert_eq!(claim.status.unwrap().phase.as_deref(), Some("Bound"));

    let dir = format!("/data/{catalog}");
    let content = format!("zone \"{catalog}.example\" {{ type master; }};");
    std::thread::sleep(Duration::from_millis(500));
    term.type_keys(&format!(
        "mkdir -p {dir} && echo '{content}' > {dir}/named.conf && echo written-$((40+2))\r"
    ));
    term.wait_for("the file written", WAIT, |s| s.contains("written-42"));
    term.type_keys("exit\r");
    term.wait_for("the files pod removed", WAIT, |s| s.contains("toolbox pod removed"));
    term.type_keys("x");
    term.wait_for("back on the catalogs", WAIT, |s| {
        s.contains(&catalog) && !s.contains("Console files")
    });

    term.type_keys("F");
    term.wait_for("the restart offer after the deploy", WAIT, |s| {
        s.contains("Rolling restart of 1 app(s)")
    });
    term.type_keys("n");
    term.wait_for("the per-pod report: both pods got the files", WAIT, |s| {
        s.matches("bytes copied into /data").count() == 2
    });

    let pods = Api::<Pod>::namespaced(conn.client.clone(), &project)
        .list(&ListParams::default().labels("kubic.io/app=dns"))
        .await
        .unwrap();
    assert_eq!(pods.items.len(), 2);
    for pod in pods.items {
        let request = ExecRequest {
            namespace: project.clone(),
            pod: pod.metadata.name.unwrap(),
            container: None,
            command: vec!["cat".into(), format!("{dir}/named.conf")],
            tty: false,
        };
        let mut session = exec(&conn, &request).await.unwrap();
        let mut out = String::new();
        session.stdout().unwrap().read_to_string(&mut out).await.unwrap();
        assert_eq!(out.trim(), content, "the file in pod {}", request.pod);
    }
    term.press_esc();
    term.wait_for("the report closed", WAIT, |s| !s.contains("bytes copied"));
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    std::fs::remove_dir_all(&dir).unwrap();
    catalogs::delete_catalog(&conn, &catalog, true).await.unwrap();
    claims
        .delete(&claim_name(&catalog), &DeleteParams::default())
        .await
        .unwrap();
    volumes.delete(&volume_name, &DeleteParams::default()).await.unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
