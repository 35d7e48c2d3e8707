//! Catalog files against the local cluster: the files volume is created on demand and
//! mounted in a files pod, its files are streamed with tar over exec into every pod of
//! two apps made from the catalog (one pod cannot take them and is reported first), the
//! files pod is removed, and the offered rolling restart restarts both apps.
//!
//! The local cluster has no storage provisioner, so the test binds the claim to a
//! hostPath volume made for it; and its exec runs commands on this machine, so the test
//! copies between two scratch directories instead of the pods' `/data`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use serde_json::json;

use kubic::kube::Connection;
use kubic::kube::catalog_files::claim_name;
use kubic::kube::file_deploy::{deploy_files, restart_apps};
use kubic::kube::kubic::catalogs;
use kubic::model::cluster::SYSTEM_NAMESPACE as NAMESPACE;
use support::connection;
use support::fixtures::two_apps_and_a_stuck_pod;

/// A hostPath volume reserved for the catalog's files claim (the local cluster provisions none).
async fn volume_for(conn: &Connection, catalog: &str, dir: &std::path::Path) -> String {
    let name = format!("pv-{catalog}");
    let volume: PersistentVolume = serde_json::from_value(json!({
        "metadata": {"name": name},
        "spec": {
            "capacity": {"storage": "1Gi"},
            "accessModes": ["ReadWriteOnce"],
            "hostPath": {"path": dir.to_str().unwrap()},
            "claimRef": {"namespace": NAMESPACE, "name": claim_name(catalog)},
            "persistentVolumeReclaimPolicy": "Retain"
        }
    }))
    .unwrap();
    Api::<PersistentVolume>::all(conn.client.clone())
        .create(&PostParams::default(), &volume)
        .await
        .expect("create the files volume");
    name
}

#[tokio::test]
async fn files_are_deployed_into_every_pod_of_two_apps_and_the_apps_restart() {
    let conn = connection().await;
    let (project, catalog) = two_apps_and_a_stuck_pod(&conn, "files").await;

    let scratch = tempfile::tempdir().expect("a scratch directory");
    let source = scratch.path().join("files");
    std::fs::create_dir_all(source.join("conf")).unwrap();
    std::fs::write(
        source.join("conf/named.conf"),
        "options { directory \"/var/named\"; };\n",
    )
    .unwrap();
    let dest = scratch.path().join("deployed");
    let volume = volume_for(&conn, &catalog, &source).await;

    let results = deploy_files(
        &conn,
        &catalog,
        "busybox:1.37",
        (source.to_str().unwrap(), dest.to_str().unwrap()),
    )
    .await
    .expect("the deploy runs");
    assert_eq!(results.len(), 3, "{results:#?}");
    assert_eq!(results[0].target.pod, "dns2-stuck", "the failure first: {results:#?}");
    assert!(results[0].failed() && !results[0].output.is_empty());
    for ok in &results[1..] {
        assert_eq!(ok.code, Some(0), "{ok:#?}");
        assert!(ok.output.contains("bytes copied"), "{ok:#?}");
    }
    assert_eq!(
        std::fs::read_to_string(dest.join("conf/named.conf")).expect("the file arrived"),
        "options { directory \"/var/named\"; };\n"
    );

    let claims: Api<PersistentVolumeClaim> = Api::namespaced(conn.client.clone(), NAMESPACE);
    let claim = claims
        .get(&claim_name(&catalog))
        .await
        .expect("the files volume claim was created");
    assert_eq!(claim.spec.unwrap().volume_name.as_deref(), Some(volume.as_str()));
    let leftovers = Api::<Pod>::namespaced(conn.client.clone(), NAMESPACE)
        .list(&ListParams::default().labels("kubic.io/console=true"))
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .count();
    assert_eq!(leftovers, 0, "the files pod is removed");

    let apps = [
        (project.clone(), "dns".to_string()),
        (project.clone(), "dns2".to_string()),
    ];
    assert_eq!(restart_apps(&conn, &apps).await.expect("rolling restart"), 2);
    let deployments: Api<Deployment> = Api::namespaced(conn.client.clone(), &project);
    for deployment in deployments.list(&ListParams::default()).await.unwrap().items {
        let annotations = deployment
            .spec
            .unwrap()
            .template
            .metadata
            .unwrap()
            .annotations
            .unwrap_or_default();
        assert!(annotations.contains_key("kubectl.kubernetes.io/restartedAt"));
    }

    Api::<Pod>::namespaced(conn.client.clone(), &project)
        .delete("dns2-stuck", &DeleteParams::default())
        .await
        .unwrap();
    catalogs::delete_catalog(&conn, &catalog, true)
        .await
        .expect("delete catalog and apps");
    claims
        .delete(&claim_name(&catalog), &DeleteParams::default())
        .await
        .unwrap();
    Api::<PersistentVolume>::all(conn.client.clone())
        .delete(&volume, &DeleteParams::default())
        .await
        .unwrap();
    support::fixtures::delete_project_when_empty(&conn, &project).await;
}
