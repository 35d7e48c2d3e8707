//! One object of every kind kubic has a screen for, made by the admin for a test that
//! presses keys on each (a project with a deployment's pod, a Service, a ConfigMap and a
//! Secret; a running app from a catalog; an IP in a host's pool; a registry with one tag,
//! a recipe, an image build with its pod running, a user), and removed again.

use std::time::Duration;

use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret, Service};
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use serde_json::json;

use kubic::kube::Connection;
use kubic::kube::kubic::{apps, catalogs, ippools, projects, registries};
use kubic::kube::namespaces::delete_namespace;
use kubic::kube::users::{create_user, delete_user};
use kubic::model::cluster::{NewRegistry, SYSTEM_NAMESPACE};
use kubic::model::crd::{BUILD_LABEL, BuildRecipe, BuildRecipeSpec, ImageBuild, ImageBuildSpec};
use kubic::model::password::hash_password;
use kubic::model::user::{NewUser, UserRole};

use super::registry::{Options, TestRegistry};
use super::{eventually, unique};

/// The host whose pool gets an IP.
pub const HOST: &str = "kube-minion1";
/// The repository and tag pushed to the test registry.
pub const REPOSITORY: &str = "readonly-repo";
pub const TAG: &str = "1.0";

/// The names of what [`make`] made.
pub struct Objects {
    pub project: String,
    pub catalog: String,
    pub ip: String,
    pub registry: String,
    pub recipe: String,
    pub build: String,
    pub user: String,
    /// The registry itself: its access log shows whether a tag delete reached it.
    pub served: TestRegistry,
}

fn object<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a valid object")
}

/// Makes one object of each kind; the workloads' names are `web`, `web-config`,
/// `web-secret` and the app `dns`.
pub async fn make(admin: &Connection) -> Objects {
    // What needs no cluster first: a machine without docker-registry leaves nothing behind.
    let served = TestRegistry::start(Options {
        deletes: true,
        ..Options::default()
    });
    served
        .push_image(REPOSITORY, TAG, "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let project = unique("kubic-readonly");
    projects::create_project(admin, &project)
        .await
        .expect("create the project");
    super::fixtures::create_deployment(admin, &project, "web", 1).await;
    let client = admin.client.clone();
    let service = object(json!({"metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}));
    Api::<Service>::namespaced(client.clone(), &project)
        .create(&PostParams::default(), &service)
        .await
        .expect("create the service");
    let config = object(json!({"metadata": {"name": "web-config"}, "data": {"a": "1"}}));
    Api::<ConfigMap>::namespaced(client.clone(), &project)
        .create(&PostParams::default(), &config)
        .await
        .expect("create the config map");
    let secret = object(json!({"metadata": {"name": "web-secret"}, "stringData": {"token": "x"}}));
    Api::<Secret>::namespaced(client.clone(), &project)
        .create(&PostParams::default(), &secret)
        .await
        .expect("create the secret");
    let pods: Api<Pod> = Api::namespaced(client.clone(), &project);
    eventually("the deployment's pod", Duration::from_secs(60), || async {
        let list = pods.list(&ListParams::default().labels("app=web")).await.ok()?;
        (!list.items.is_empty()).then_some(())
    })
    .await;

    let catalog = unique("bind");
    catalogs::save_catalog(admin, &catalog, super::fixtures::bind_spec())
        .await
        .expect("save the catalog");
    apps::create_app(admin, super::fixtures::small_dns_app(&project, &catalog))
        .await
        .expect("create the app");
    // Running, so that its pods are there for kubic to follow (and re-record).
    apps::run_app(admin, &project, "dns").await.expect("run the app");
    super::fixtures::running_pods(admin, &project, "dns", 1).await;

    let ip = format!("203.0.113.{}", std::process::id() % 250 + 1);
    ippools::add_ip(admin, HOST, &ip).await.expect("add an IP to the pool");

    let registry = unique("reg");
    let new = NewRegistry {
        name: registry.clone(),
        url: served.host.clone(),
        description: String::new(),
        insecure: true,
        username: String::new(),
        password: String::new(),
    };
    registries::save_registry(admin, &new)
        .await
        .expect("register the registry");

    let recipe = unique("recipe");
    let spec = BuildRecipeSpec {
        image: REPOSITORY.into(),
        description: String::new(),
        dockerfile: "FROM scratch\n".into(),
        files: Default::default(),
    };
    Api::<BuildRecipe>::all(client.clone())
        .create(&PostParams::default(), &BuildRecipe::new(&recipe, spec))
        .await
        .expect("create the recipe");
    let build = unique("build");
    let spec = ImageBuildSpec {
        recipe: recipe.clone(),
        version: TAG.into(),
        registry: registry.clone(),
        image: format!("{REPOSITORY}:{TAG}"),
    };
    Api::<ImageBuild>::all(client)
        .create(&PostParams::default(), &ImageBuild::new(&build, spec))
        .await
        .expect("create the image build");

    // The build's pod, running: a build kubic would follow (and re-record).
    let pod = object(json!({"metadata": {"name": build, "labels": {BUILD_LABEL: build}},
        "spec": {"containers": [{"name": "build", "image": "registry.local/builder:1"}]}}));
    Api::<Pod>::namespaced(admin.client.clone(), SYSTEM_NAMESPACE)
        .create(&PostParams::default(), &pod)
        .await
        .expect("create the build's pod");

    let user = unique("user");
    let new = NewUser {
        name: user.clone(),
        role: UserRole::User,
        projects: vec![project.clone()],
        description: "pressed on in read-only mode".into(),
        password_hash: hash_password("a long enough password").expect("hash"),
    };
    create_user(admin, &new).await.expect("create the user");
    Objects {
        project,
        catalog,
        ip,
        registry,
        recipe,
        build,
        user,
        served,
    }
}

/// Removes what [`make`] made.
pub async fn remove(admin: &Connection, objects: &Objects) {
    let client = admin.client.clone();
    delete_user(admin, &objects.user).await.expect("delete the user");
    Api::<ImageBuild>::all(client.clone())
        .delete(&objects.build, &DeleteParams::default())
        .await
        .expect("delete the image build");
    Api::<Pod>::namespaced(client.clone(), SYSTEM_NAMESPACE)
        .delete(&objects.build, &DeleteParams::default())
        .await
        .expect("delete the build's pod");
    Api::<BuildRecipe>::all(client)
        .delete(&objects.recipe, &DeleteParams::default())
        .await
        .expect("delete the recipe");
    registries::delete_registry(admin, &objects.registry)
        .await
        .expect("delete the registry");
    ippools::remove_ip(admin, HOST, &objects.ip)
        .await
        .expect("remove the IP");
    catalogs::delete_catalog(admin, &objects.catalog, true)
        .await
        .expect("delete the catalog and its app");
    delete_namespace(admin, &objects.project)
        .await
        .expect("delete the project");
}
