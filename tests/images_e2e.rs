//! The real kubic binary in a pty: a registry registered through the form (with
//! credentials), then browsed from `:registries` into a repository's tags and a tag,
//! and a tag deleted; against a real docker-registry.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use kubic::kube::kubic::registries;
use support::pty::KubicTerminal;
use support::registry::{Options, PASSWORD, TestRegistry, USER};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn a_registry_is_registered_then_browsed_into_a_repositorys_tags() {
    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let registry = TestRegistry::start(Options {
        auth: true,
        deletes: true,
        ..Options::default()
    });
    let digest = registry
        .push_image("bind", "9.18", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    registry
        .push_image("bind", "9.20", "linux/arm64", "2026-01-02T03:04:05Z")
        .await;
    registry
        .push_image("nginx", "1.27", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let name = support::unique("reg");

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "default"], 120, 32);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(default)"));
    term.type_keys(":registries\r");
    term.wait_for("the registries", WAIT, |s| {
        s.contains("registries") && s.contains("CREDENTIALS")
    });
    term.type_keys("n");
    term.wait_for("the registration form", WAIT, |s| {
        s.contains("register a registry") && s.contains("127.0.0.1:5000")
    });
    term.type_keys(&format!(
        "{name}\t\x15{}\tthe test registry\t\t{USER}\t{PASSWORD}\r",
        registry.host
    ));
    term.wait_for("the registry saved", WAIT, |s| s.contains("done: save registry"));
    term.type_keys(&format!("/{name}\r"));
    term.wait_for("the new registry", WAIT, |s| s.contains(&name) && s.contains("[1/"));

    term.type_keys("\r");
    term.wait_for("its repositories", WAIT, |s| {
        s.contains(&format!("registry {name} › repositories")) && s.contains("bind") && s.contains("nginx")
    });
    term.type_keys("\r");
    term.wait_for("the tags of bind", WAIT, |s| {
        s.contains("bind tags") && s.contains("9.18") && s.contains("9.20")
    });
    term.type_keys("\r");
    term.wait_for("the details of bind:9.18", WAIT, |s| {
        s.contains("bind:9.18") && s.contains(&digest) && s.contains("linux/amd64")
    });
    term.press_esc();
    term.wait_for("the tags again", WAIT, |s| s.contains("bind tags"));
    term.type_keys("j\x04");
    term.wait_for("the delete question", WAIT, |s| s.contains("delete bind:9.20"));
    term.type_keys("y");
    term.wait_for("the tag deleted", WAIT, |s| {
        s.contains("deleted bind:9.20") && !s.contains("│9.20")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    let endpoint = registries::endpoint(&conn, &name).await.unwrap();
    let tags = kubic::oci::RegistryClient::new(endpoint)
        .unwrap()
        .tags("bind", 10)
        .await
        .unwrap();
    assert_eq!(tags, ["9.18"]);
    registries::delete_registry(&conn, &name).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_image_is_created_followed_and_deleted_from_the_keyboard() {
    use ::kube::Api;
    use ::kube::api::{DeleteParams, PostParams};
    use kubic::model::crd::{BuildRecipe, BuildRecipeSpec};

    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let target = TestRegistry::start(Options {
        deletes: true,
        auth: false,
        ..Options::default()
    });
    let registry = support::unique("reg");
    let new = kubic::model::cluster::NewRegistry {
        name: registry.clone(),
        url: target.host.clone(),
        description: String::new(),
        insecure: true,
        username: String::new(),
        password: String::new(),
    };
    registries::save_registry(&conn, &new).await.unwrap();
    let recipe = support::unique("recipe");
    let image = support::unique("img");
    let spec = BuildRecipeSpec {
        image: image.clone(),
        description: String::new(),
        dockerfile: "FROM scratch\n".into(),
        files: Default::default(),
    };
    let recipes: Api<BuildRecipe> = Api::all(conn.client.clone());
    recipes
        .create(&PostParams::default(), &BuildRecipe::new(&recipe, spec))
        .await
        .unwrap();

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "kubic-system"], 120, 32);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(kubic-system)"));
    term.type_keys(":images\r");
    term.wait_for("the images", WAIT, |s| s.contains("imagebuilds ["));
    term.type_keys("n");
    term.wait_for("the image form", WAIT, |s| s.contains("create an image"));
    term.type_keys(&format!("\x15{recipe}\t2.0\t\x15{registry}\r"));
    term.wait_for("the build started", WAIT, |s| {
        s.contains("image build") && s.contains("started")
    });
    term.type_keys(&format!("/{recipe}\r"));
    term.wait_for("the build succeeded", WAIT, |s| {
        s.contains(&format!("{image}:2.0")) && s.contains("Succeeded")
    });
    target
        .push_image(&image, "2.0", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    term.type_keys("l");
    term.wait_for("the build log", WAIT, |s| {
        s.contains("log imagebuild") && s.contains("*** Build Complete! ***")
    });
    term.press_esc();
    term.type_keys("\x04");
    term.wait_for("the delete confirmation", WAIT, |s| {
        s.contains("image build") && s.contains("y: yes")
    });
    term.type_keys("y");
    term.wait_for("the image deleted with the build", WAIT, |s| {
        s.contains("deleted from registry")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));

    let endpoint = registries::endpoint(&conn, &registry).await.unwrap();
    let client = kubic::oci::RegistryClient::new(endpoint).unwrap();
    assert!(client.tags(&image, 10).await.unwrap().is_empty());
    recipes.delete(&recipe, &DeleteParams::default()).await.unwrap();
    registries::delete_registry(&conn, &registry).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_registry_says_so_when_browsed() {
    let conn = support::connection().await;
    kubic::kube::install::install(&conn).await.expect("kubic install");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let name = support::unique("reg");
    let new = kubic::model::cluster::NewRegistry {
        name: name.clone(),
        url: format!("127.0.0.1:{port}"),
        description: "nobody listens".into(),
        insecure: true,
        username: String::new(),
        password: String::new(),
    };
    registries::save_registry(&conn, &new).await.unwrap();

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut term = KubicTerminal::spawn(&["--kubeconfig", &kubeconfig, "-n", "default"], 120, 32);
    term.wait_for("the pods view", WAIT, |s| s.contains("pods(default)"));
    term.type_keys(":registries\r");
    term.wait_for("the registries", WAIT, |s| s.contains("CREDENTIALS"));
    term.type_keys(&format!("/{name}\r"));
    term.wait_for("the registry", WAIT, |s| s.contains(&name) && s.contains("[1/"));
    term.type_keys("\r");
    term.wait_for("the one-line reason", WAIT, |s| {
        s.contains(&format!("registry 127.0.0.1:{port} is unreachable")) && s.contains("refused")
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT));
    registries::delete_registry(&conn, &name).await.unwrap();
}
