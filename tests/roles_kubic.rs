//! kubic through its own kube layer as the users of its roles (`--as`): the viewer lists
//! pods and reads a pod, and is refused Secrets and registry credentials in words that
//! name it; the admin runs the KUBIC walkthrough's actions with nothing but kubic-admin.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use kubic::kube::census::Census;
use kubic::kube::install::roles::{ADMIN, VIEWER};
use kubic::kube::kubic::{apps, catalogs, ippools, projects, registries};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::objects;
use kubic::model::cluster::{NewRegistry, SYSTEM_NAMESPACE};
use kubic::model::resource::Known;
use support::access::{assert_refused_for, create_pod, installed, object, unbind_cluster_wide, user_bound_to};
use support::fixtures::{bind_spec, small_dns_app};
use support::unique;

#[tokio::test]
async fn the_viewer_lists_and_reads_pods_and_is_refused_secrets_by_name() {
    let admin = installed().await;
    let project = unique("kubic-roles-read");
    create_namespace(&admin, &project).await.expect("create the project");
    create_pod(&admin, &project, "web").await;
    let user = unique("viewer");
    let (binding, viewer) = user_bound_to(&admin, &user, VIEWER).await;

    // Through kubic's own kube layer: the dashboard's census and a pod's YAML work, a
    // Secret is refused in words that name the viewer.
    let census = Census::start(&viewer).unwrap().view().await;
    assert!(census.pods.expect("the viewer lists and watches pods").total >= 1);
    assert!(census.hosts.expect("the viewer lists and watches hosts").len() >= 2);
    let pod = objects::get(&viewer, &object(Known::Pod, &project, "web")).await;
    assert_eq!(pod.expect("the viewer reads a pod")["metadata"]["name"], "web");
    let secret = objects::get(&viewer, &object(Known::Secret, SYSTEM_NAMESPACE, "kubic-registry-any")).await;
    assert_refused_for(secret, &user);

    unbind_cluster_wide(&admin, &binding).await;
    delete_namespace(&admin, &project).await.expect("delete the project");
}

#[tokio::test]
async fn the_admin_role_is_enough_for_kubics_own_actions() {
    let admin = installed().await;
    let user = unique("operator");
    let (binding, operator) = user_bound_to(&admin, &user, ADMIN).await;
    let ip = format!("198.19.{}.{}", std::process::id() % 250, std::process::id() / 250 % 250);

    ippools::add_ip(&operator, "kube-minion2", &ip)
        .await
        .expect("register an IP");
    let project = unique("kubic-roles-run");
    projects::create_project(&operator, &project)
        .await
        .expect("create a project");
    let catalog = unique("bind");
    catalogs::save_catalog(&operator, &catalog, bind_spec())
        .await
        .expect("save a catalog");
    let mut new_app = small_dns_app(&project, &catalog);
    new_app.host = Some("kube-minion2".into());
    new_app.service_ips = vec![ip.clone()];
    apps::create_app(&operator, new_app).await.expect("create an app");
    apps::run_app(&operator, &project, "dns").await.expect("run the app");
    apps::scale_app(&operator, &project, "dns", 2)
        .await
        .expect("scale the app");
    apps::update_tag(&operator, &project, "dns", "9.20")
        .await
        .expect("a rolling update");
    apps::halt_app(&operator, &project, "dns").await.expect("halt the app");
    apps::delete_app_forced(&operator, &project, "dns")
        .await
        .expect("delete the app");
    let registry = NewRegistry {
        name: unique("private"),
        url: "127.0.0.1:5999".into(),
        description: "roles test".into(),
        insecure: true,
        username: "builder".into(),
        password: "s3cret".into(),
    };
    registries::save_registry(&operator, &registry)
        .await
        .expect("register a registry with credentials");
    registries::endpoint(&operator, &registry.name)
        .await
        .expect("the admin reads the credentials");

    // The viewer sees the registry but not its credentials.
    let viewer_name = unique("viewer");
    let (viewer_binding, viewer) = user_bound_to(&admin, &viewer_name, VIEWER).await;
    match registries::endpoint(&viewer, &registry.name).await {
        Err(error) => assert!(
            error
                .to_string()
                .starts_with(&format!("not allowed for {viewer_name}:")),
            "{error}"
        ),
        Ok(_) => panic!("the viewer read a registry's credentials"),
    }

    registries::delete_registry(&operator, &registry.name)
        .await
        .expect("delete the registry");
    // The app goes once the garbage collector has removed what it owns (foreground).
    support::eventually("the app to be gone", std::time::Duration::from_secs(60), || async {
        catalogs::apps_of(&operator, &catalog)
            .await
            .ok()?
            .is_empty()
            .then_some(())
    })
    .await;
    catalogs::delete_catalog(&operator, &catalog, false)
        .await
        .expect("delete the catalog");
    ippools::remove_ip(&operator, "kube-minion2", &ip)
        .await
        .expect("remove the IP");
    support::fixtures::delete_project_when_empty(&operator, &project).await;
    unbind_cluster_wide(&admin, &viewer_binding).await;
    unbind_cluster_wide(&admin, &binding).await;
}
