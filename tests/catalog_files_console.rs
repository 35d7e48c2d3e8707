//! The files console through the real binary in a pty: `f` on a catalog creates its
//! files volume claim on first use, runs a toolbox pod with it mounted at /data, and
//! removes the pod (keeping the volume) when the shell exits.
//!
//! The local cluster provisions no volumes, so the test reserves a hostPath volume for
//! the claim kubic is about to create.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use serde_json::json;

use kubic::kube::catalog_files::claim_name;
use kubic::kube::install::install;
use kubic::kube::kubic::catalogs;
use kubic::model::cluster::SYSTEM_NAMESPACE as NAMESPACE;
use support::fixtures::bind_spec;
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn f_on_a_catalog_opens_a_shell_with_its_files_volume_at_data() {
    let conn = support::connection().await;
    install(&conn).await.expect("kubic install");
    let catalog = support::unique("files");
    catalogs::save_catalog(&conn, &catalog, bind_spec())
        .await
        .expect("save catalog");
    let scratch = tempfile::tempdir().unwrap();
    let volume_name = format!("pv-{catalog}");
    let volume: PersistentVolume = serde_json::from_value(json!({
        "metadata": {"name": volume_name},
        "spec": {
            "capacity": {"storage": "1Gi"},
            "accessModes": ["ReadWriteOnce"],
            "hostPath": {"path": scratch.path().to_str().unwrap()},
            "claimRef": {"namespace": NAMESPACE, "name": claim_name(&catalog)},
            "persistentVolumeReclaimPolicy": "Retain"
        }
    }))
    .unwrap();
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
    term.wait_for("the files console", WAIT, |s| {
        s.contains(&format!("Console files of catalog {catalog} (/data)"))
    });

    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), NAMESPACE);
    let pod = support::eventually("the files pod running", WAIT, || async {
        let list = pods
            .list(&ListParams::default().labels("kubic.io/console=true"))
            .await
            .ok()?;
        list.items.into_iter().find(|p| {
            let spec = p.spec.as_ref();
            let claim = spec
                .and_then(|s| s.volumes.as_ref())
                .and_then(|v| v.first())
                .and_then(|v| v.persistent_volume_claim.as_ref())
                .map(|c| c.claim_name.clone());
            claim == Some(claim_name(&catalog)) && p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running")
        })
    })
    .await;
    let mount = &pod.spec.as_ref().unwrap().containers[0].volume_mounts.as_ref().unwrap()[0];
    assert_eq!(mount.mount_path, "/data");
    let claims: Api<PersistentVolumeClaim> = Api::namespaced(conn.client.clone(), NAMESPACE);
    let claim = claims
        .get(&claim_name(&catalog))
        .await
        .expect("the claim was created on demand");
    assert_eq!(claim.spec.unwrap().volume_name.as_deref(), Some(volume_name.as_str()));

    std::thread::sleep(Duration::from_millis(500));
    term.type_keys("echo files-$((20+22))\r");
    term.wait_for("a command's output", WAIT, |s| s.contains("files-42"));
    term.type_keys("exit\r");
    term.wait_for("the pod removed", WAIT, |s| s.contains("toolbox pod removed"));
    let name = pod.metadata.name.unwrap();
    support::eventually("the files pod gone", WAIT, || async {
        match pods.get_opt(&name).await.ok()? {
            Some(p) if p.metadata.deletion_timestamp.is_none() => None,
            _ => Some(()),
        }
    })
    .await;
    assert!(
        claims.get_opt(&claim_name(&catalog)).await.unwrap().is_some(),
        "the volume stays"
    );
    term.type_keys("x");
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    claims
        .delete(&claim_name(&catalog), &DeleteParams::default())
        .await
        .unwrap();
    volumes.delete(&volume_name, &DeleteParams::default()).await.unwrap();
    catalogs::delete_catalog(&conn, &catalog, false).await.unwrap();
}
