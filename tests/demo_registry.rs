//! The demo's registry (`devcluster/demo-registry`) on a free port: it starts, refuses
//! loudly when its address is taken, holds bind:9.10.5 and bind:9.11.1 as real OCI
//! images that kubic's own client reads, and stops. On the local cluster, the image
//! form's versions are its tags less the versions a build of the recipe already made.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

use kube::Api;
use kube::api::{DeleteParams, PostParams};

use kubic::kube::kubic::choices;
use kubic::model::crd::{BuildRecipe, BuildRecipeSpec, ImageBuild, ImageBuildSpec, Registry, RegistrySpec};
use kubic::oci::{Endpoint, RegistryClient};

fn free_address() -> String {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    format!("127.0.0.1:{port}")
}

fn script(state: &Path, address: &str, args: &[&str]) -> Output {
    Command::new(support::root().join("devcluster/demo-registry"))
        .args(args)
        .env("KUBIC_DEVCLUSTER_STATE", state)
        .env("KUBIC_DEMO_REGISTRY_ADDR", address)
        .output()
        .expect("run devcluster/demo-registry")
}

fn succeeds(output: Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "demo-registry failed: {stderr}");
    stderr
}

/// The demo registry, stopped when dropped.
struct Demo {
    state: tempfile::TempDir,
    address: String,
}

impl Demo {
    fn start() -> Demo {
        let demo = Demo {
            state: tempfile::tempdir().unwrap(),
            address: free_address(),
        };
        succeeds(script(demo.state.path(), &demo.address, &["start"]));
        succeeds(script(demo.state.path(), &demo.address, &["push"]));
        demo
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = script(self.state.path(), &self.address, &["stop"]);
    }
}

#[tokio::test]
async fn the_demo_registry_serves_two_real_bind_images_and_stops() {
    let demo = Demo::start();
    let again = succeeds(script(demo.state.path(), &demo.address, &["start"]));
    assert!(again.contains("already running"), "{again}");
    succeeds(script(demo.state.path(), &demo.address, &["push"]));

    let client = RegistryClient::new(Endpoint::parse(&demo.address, true).unwrap()).unwrap();
    assert_eq!(client.repositories(100).await.unwrap(), ["bind"]);
    assert_eq!(client.tags("bind", 100).await.unwrap(), ["9.10.5", "9.11.1"]);
    for tag in ["9.10.5", "9.11.1"] {
        let detail = client.tag_detail("bind", tag).await.unwrap();
        assert_eq!(detail.media_type, "application/vnd.oci.image.manifest.v1+json");
        assert_eq!(detail.platforms, ["linux/amd64"]);
        assert_eq!(detail.created.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert!(detail.size > 0 && detail.size < 4096, "a small image: {}", detail.size);
    }

    succeeds(script(demo.state.path(), &demo.address, &["stop"]));
    assert!(
        std::net::TcpStream::connect(&demo.address).is_err(),
        "stopped, nothing listens"
    );
}

#[test]
fn a_taken_address_is_refused_with_the_reason() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let state = tempfile::tempdir().unwrap();
    let output = script(state.path(), &address, &["start"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!("{address} is taken by another process")),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_image_form_offers_the_registry_tags_no_build_made() {
    let demo = Demo::start();
    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let name = support::unique("demo-tags");
    let registries = Api::<Registry>::all(conn.client.clone());
    let registry = RegistrySpec {
        url: demo.address.clone(),
        description: "the demo registry, for a test".into(),
        insecure: true,
        credentials_secret: None,
    };
    registries
        .create(&PostParams::default(), &Registry::new(&name, registry))
        .await
        .unwrap();
    let recipes = Api::<BuildRecipe>::all(conn.client.clone());
    let recipe = BuildRecipeSpec {
        image: "bind".into(),
        description: String::new(),
        dockerfile: "FROM scratch\n".into(),
        files: Default::default(),
    };
    recipes
        .create(&PostParams::default(), &BuildRecipe::new(&name, recipe))
        .await
        .unwrap();
    let builds = Api::<ImageBuild>::all(conn.client.clone());
    let built = ImageBuildSpec {
        recipe: name.clone(),
        version: "9.11.1".into(),
        registry: name.clone(),
        image: "bind:9.11.1".into(),
    };
    builds
        .create(&PostParams::default(), &ImageBuild::new(&name, built))
        .await
        .unwrap();

    let offered = choices::unbuilt_tags(&conn, &name, &name).await;

    let _ = builds.delete(&name, &DeleteParams::default()).await;
    let _ = recipes.delete(&name, &DeleteParams::default()).await;
    let _ = registries.delete(&name, &DeleteParams::default()).await;
    assert_eq!(offered.unwrap(), ["9.10.5"], "9.11.1 has a build");
}
