//! Registries and image builds on the local cluster, through kubic's kube layer:
//! registration with credentials in a Secret, browsing through the registered record,
//! the tag list the forms use, and the whole build flow kubic owns (Job, ImageBuild,
//! phase following the pod, the log ending with the completion line, a failed build,
//! delete with the image in the registry).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::io::Write as _;
use std::time::Duration;

use ::kube::Api;
use ::kube::api::{DeleteParams, Patch, PatchParams, PostParams};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret};
use kubic::kube::Connection;
use kubic::kube::install::install;
use kubic::kube::kubic::build_log::follow_build;
use kubic::kube::kubic::builds::{self, BUILDER_CONFIG_MAP, COMPLETE_LINE};
use kubic::kube::kubic::registries::{self};
use kubic::model::build_line::BuildLine;
use kubic::model::cluster::NewBuild;
use kubic::model::cluster::NewRegistry;
use kubic::model::cluster::SYSTEM_NAMESPACE;
use kubic::model::crd::BUILD_LABEL;
use kubic::model::crd::{BuildRecipe, BuildRecipeSpec, Catalog, ImageBuild, Registry};
use kubic::oci::{RegistryClient, RegistryError};
use serde_json::json;
use support::registry::{Options, PASSWORD, TestRegistry, USER};
use support::{connection, container_log_file, eventually, unique};

async fn installed() -> Connection {
    let conn = connection().await;
    install(&conn).await.expect("kubic install");
    conn
}

fn new_registry(name: &str, host: &str, user: &str, password: &str) -> NewRegistry {
    NewRegistry {
        name: name.into(),
        url: host.into(),
        description: "test registry".into(),
        insecure: true,
        username: user.into(),
        password: password.into(),
    }
}

#[tokio::test]
async fn a_registry_is_registered_with_credentials_browsed_edited_and_deleted() {
    let conn = installed().await;
    let registry = TestRegistry::start(Options {
        auth: true,
        deletes: true,
        ..Options::default()
    });
    registry
        .push_image("bind", "9.18", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    registry
        .push_image("bind", "9.20", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let name = unique("reg");
    registries::save_registry(&conn, &new_registry(&name, &registry.host, USER, PASSWORD))
        .await
        .unwrap();

    let record = Api::<Registry>::all(conn.client.clone()).get(&name).await.unwrap();
    assert_eq!(record.spec.url, registry.host);
    assert!(record.spec.insecure);
    let secret_name = record.spec.credentials_secret.clone().expect("a credentials Secret");
    let secret = Api::<Secret>::namespaced(conn.client.clone(), SYSTEM_NAMESPACE)
        .get(&secret_name)
        .await
        .unwrap();
    assert_eq!(secret.type_.as_deref(), Some("kubernetes.io/dockerconfigjson"));

    let endpoint = registries::endpoint(&conn, &name).await.unwrap();
    assert_eq!(endpoint.credentials, Some((USER.to_string(), PASSWORD.to_string())));
    let client = RegistryClient::new(endpoint).unwrap();
    assert_eq!(client.repositories(10).await.unwrap(), ["bind"]);

    // The forms' tag list: a catalog naming the registry's address.
    let catalog = unique("cat");
    let mut spec = support::fixtures::bind_spec();
    spec.registry = registry.host.clone();
    spec.image = "bind".into();
    let catalogs: Api<Catalog> = Api::all(conn.client.clone());
    catalogs
        .create(&PostParams::default(), &Catalog::new(&catalog, spec))
        .await
        .unwrap();
    assert_eq!(
        registries::catalog_tags(&conn, &catalog).await.unwrap(),
        ["9.18", "9.20"]
    );
    catalogs.delete(&catalog, &DeleteParams::default()).await.unwrap();

    // Editing the description keeps the credentials; a wrong password is named.
    let mut edit = new_registry(&name, &registry.host, "", "");
    edit.description = "Private(Local repository)".into();
    registries::save_registry(&conn, &edit).await.unwrap();
    let record = Api::<Registry>::all(conn.client.clone()).get(&name).await.unwrap();
    assert_eq!(record.spec.description, "Private(Local repository)");
    assert_eq!(record.spec.credentials_secret.as_deref(), Some(secret_name.as_str()));
    // A new address without the credentials again would silently lose them: refused.
    let moved = new_registry(&name, "192.0.2.1:5000", "", "");
    let refused = registries::save_registry(&conn, &moved).await.unwrap_err().to_string();
    assert!(refused.contains("type the user and password again"), "{refused}");
    registries::save_registry(&conn, &new_registry(&name, &registry.host, USER, "wrong"))
        .await
        .unwrap();
    let wrong = RegistryClient::new(registries::endpoint(&conn, &name).await.unwrap()).unwrap();
    let error = wrong.tags("bind", 10).await.unwrap_err();
    assert!(matches!(error, RegistryError::Unauthorized { .. }), "{error}");

    registries::delete_registry(&conn, &name).await.unwrap();
    assert!(
        Api::<Registry>::all(conn.client.clone())
            .get_opt(&name)
            .await
            .unwrap()
            .is_none()
    );
    let secrets: Api<Secret> = Api::namespaced(conn.client.clone(), SYSTEM_NAMESPACE);
    assert!(secrets.get_opt(&secret_name).await.unwrap().is_none());
    let missing = registries::endpoint(&conn, &name).await.unwrap_err();
    assert!(missing.to_string().contains("no registry"), "{missing}");
}

fn append_log(lines: &[&str]) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(container_log_file())
        .unwrap();
    for line in lines {
        let now = k8s_openapi::jiff::Timestamp::now();
        writeln!(file, "{now} stdout F {line}").unwrap();
    }
}

async fn recipe(conn: &Connection, image: &str) -> String {
    let name = unique("recipe");
    let spec = BuildRecipeSpec {
        image: image.into(),
        description: "bind from source".into(),
        dockerfile: "FROM debian:bookworm-slim\nRUN echo building bind {{ version }}\n".into(),
        files: [("named.conf".to_string(), "options {};\n".to_string())].into(),
    };
    Api::<BuildRecipe>::all(conn.client.clone())
        .create(&PostParams::default(), &BuildRecipe::new(&name, spec))
        .await
        .unwrap();
    name
}

async fn phase(conn: &Connection, name: &str) -> String {
    let build = Api::<ImageBuild>::all(conn.client.clone()).get(name).await.unwrap();
    build.status.map(|s| s.phase).unwrap_or_default()
}

/// One test, in order: the failing build changes the builder configuration.
#[tokio::test]
async fn image_builds_run_as_jobs_follow_their_pods_and_are_deleted_with_their_image() {
    let conn = installed().await;
    let target = TestRegistry::start(Options {
        deletes: true,
        auth: false,
        ..Options::default()
    });
    let registry = unique("reg");
    registries::save_registry(&conn, &new_registry(&registry, &target.host, "", ""))
        .await
        .unwrap();
    let image = unique("bind");
    let recipe = recipe(&conn, &image).await;

    // A build: the record, the Job with the default builder, the rendered context.
    let marker = unique("compiling-bind");
    append_log(&[&marker]);
    let new = NewBuild {
        recipe: recipe.clone(),
        version: "9.18.24".into(),
        registry: registry.clone(),
    };
    let name = builds::create_build(&conn, &new).await.unwrap();
    let job = Api::<Job>::namespaced(conn.client.clone(), SYSTEM_NAMESPACE)
        .get(&name)
        .await
        .unwrap();
    let pod_spec = job.spec.unwrap().template.spec.unwrap();
    let container = &pod_spec.containers[0];
    assert_eq!(
        container.image.as_deref(),
        Some(builds::default_builder().unwrap().image.as_str())
    );
    let args = container.args.clone().unwrap_or_default().join(" ");
    assert!(
        args.contains(&format!("name={}/{image}:9.18.24", target.host)),
        "{args}"
    );
    assert!(args.contains("registry.insecure=true"), "{args}");
    let context = Api::<ConfigMap>::namespaced(conn.client.clone(), SYSTEM_NAMESPACE)
        .get(&name)
        .await
        .unwrap();
    let data = context.data.unwrap();
    assert!(data["Dockerfile"].contains("building bind 9.18.24"));
    assert!(data.contains_key("named.conf"));

    // Its phase follows the pod (as the :images screen keeps it); the log ends with the
    // completion line and is kept.
    eventually(
        "the build's phase to follow its pod",
        Duration::from_secs(30),
        || async {
            builds::sync_unfinished(&conn).await.unwrap();
            (phase(&conn, &name).await == "Succeeded").then_some(())
        },
    )
    .await;
    let lines = follow_build(&conn, &name, |_| {}).await.unwrap();
    assert_eq!(lines.last().map(String::as_str), Some(COMPLETE_LINE), "{lines:?}");
    assert!(lines.contains(&marker), "the log misses {marker}: {lines:?}");
    assert_eq!(phase(&conn, &name).await, "Succeeded");
    let kept = Api::<ImageBuild>::all(conn.client.clone())
        .get(&name)
        .await
        .unwrap()
        .status
        .unwrap()
        .last_log_lines;
    assert_eq!(kept.last().map(String::as_str), Some(COMPLETE_LINE));
    assert!(kept.len() <= builds::KEPT_LINES);
    // Once the pod is gone, the log is what the record kept.
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), SYSTEM_NAMESPACE);
    let selector = ::kube::api::ListParams::default().labels(&format!("{BUILD_LABEL}={name}"));
    pods.delete_collection(&DeleteParams::default(), &selector)
        .await
        .unwrap();
    eventually("the build pod to go", Duration::from_secs(30), || async {
        pods.list(&selector).await.unwrap().items.is_empty().then_some(())
    })
    .await;
    assert_eq!(follow_build(&conn, &name, |_| {}).await.unwrap(), kept);

    // A failed build: a builder that cannot be placed, whose pod then fails.
    let maps: Api<ConfigMap> = Api::namespaced(conn.client.clone(), SYSTEM_NAMESPACE);
    let builder = "image: example.org/builder:1\nargs: [\"--push={{ image }}\"]\nnodeSelector:\n  kubic.io/no-such-node: \"true\"\n";
    let config = json!({"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": BUILDER_CONFIG_MAP, "namespace": SYSTEM_NAMESPACE},
                        "data": {"builder.yaml": builder}});
    maps.patch(
        BUILDER_CONFIG_MAP,
        &PatchParams::apply("kubic-tests").force(),
        &Patch::Apply(&config),
    )
    .await
    .unwrap();
    let failing = builds::create_build(
        &conn,
        &NewBuild {
            version: "9.99".into(),
            ..new.clone()
        },
    )
    .await;
    maps.delete(BUILDER_CONFIG_MAP, &DeleteParams::default()).await.unwrap();
    let failing = failing.unwrap();
    let pod = eventually("the failing build's pod", Duration::from_secs(30), || async {
        let list = pods
            .list(&::kube::api::ListParams::default().labels(&format!("{BUILD_LABEL}={failing}")))
            .await
            .unwrap();
        list.items.into_iter().next()
    })
    .await;
    let pod_name = pod.metadata.name.unwrap();
    assert_eq!(
        pod.spec.unwrap().containers[0].image.as_deref(),
        Some("example.org/builder:1")
    );
    assert_eq!(builds::sync_build(&conn, &failing).await.unwrap().phase, "Pending");
    let failed = json!({"status": {"phase": "Failed", "reason": "BuildFailed", "message": "make: *** [all] Error 2"}});
    // While its pod waits, the followed build says why: no host has the builder's node label.
    let (said, mut heard) = tokio::sync::mpsc::unbounded_channel();
    let follow = tokio::spawn({
        let (conn, failing) = (conn.clone(), failing.clone());
        async move { follow_build(&conn, &failing, move |line| drop(said.send(line))).await }
    });
    let waiting = tokio::time::timeout(Duration::from_secs(30), heard.recv()).await;
    let waiting = waiting.expect("a line while the build pod waits").unwrap();
    assert!(
        matches!(&waiting, BuildLine::PodWaits(why) if why.starts_with("Unschedulable: 0/")),
        "{waiting:?}"
    );
    pods.patch_status(&pod_name, &PatchParams::default(), &Patch::Merge(&failed))
        .await
        .unwrap();
    let lines = follow.await.unwrap().unwrap();
    assert_eq!(
        lines.last().map(String::as_str),
        Some("*** Build Failed: make: *** [all] Error 2 ***"),
        "{lines:?}"
    );
    assert_eq!(phase(&conn, &failing).await, "Failed");

    // Delete: the image goes from the registry with the record and its Job.
    let digest = target
        .push_image(&image, "9.18.24", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let note = builds::delete_build(&conn, &name).await.unwrap();
    assert!(
        note.contains("deleted from registry") && note.contains(&digest[..19]),
        "{note}"
    );
    let client = RegistryClient::new(registries::endpoint(&conn, &registry).await.unwrap()).unwrap();
    assert!(client.tags(&image, 10).await.unwrap().is_empty());
    let builds_api: Api<ImageBuild> = Api::all(conn.client.clone());
    eventually("the build record to go", Duration::from_secs(30), || async {
        builds_api.get_opt(&name).await.unwrap().is_none().then_some(())
    })
    .await;
    let jobs: Api<Job> = Api::namespaced(conn.client.clone(), SYSTEM_NAMESPACE);
    eventually("the build Job to go", Duration::from_secs(30), || async {
        jobs.get_opt(&name).await.unwrap().is_none().then_some(())
    })
    .await;

    // A registry that refuses deletes: the record goes, the note says why the image stays.
    let locked = TestRegistry::start(Options::default());
    locked
        .push_image(&image, "9.99", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    registries::save_registry(&conn, &new_registry(&registry, &locked.host, "", ""))
        .await
        .unwrap();
    // (Only a build that pushed its image deletes it: this one is recorded as done.)
    let pushed = json!({"status": {"phase": "Succeeded", "reason": "pushed"}});
    builds_api
        .patch_status(&failing, &PatchParams::default(), &Patch::Merge(&pushed))
        .await
        .unwrap();
    let note = builds::delete_build(&conn, &failing).await.unwrap();
    assert!(note.contains("does not allow deletes"), "{note}");

    Api::<BuildRecipe>::all(conn.client.clone())
        .delete(&recipe, &DeleteParams::default())
        .await
        .unwrap();
    registries::delete_registry(&conn, &registry).await.unwrap();
}

#[tokio::test]
async fn the_bind_recipe_sample_loads() {
    let conn = installed().await;
    let recipe: BuildRecipe = serde_saphyr::from_str(include_str!("../catalogs/bind-recipe.yaml")).unwrap();
    let recipes: Api<BuildRecipe> = Api::all(conn.client.clone());
    recipes
        .patch(
            "bind",
            &PatchParams::apply("kubic-test").force(),
            &Patch::Apply(&recipe),
        )
        .await
        .expect("the schema accepts the bind recipe");
    let stored = recipes.get("bind").await.unwrap();
    assert_eq!(stored.spec.image, "bind");
    assert!(stored.spec.dockerfile.contains("{{ version }}"));
}
