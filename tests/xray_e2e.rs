//! The owner tree in the real binary against the local cluster: `x` on a deployment
//! shows deployment → replica set → pods, each with its status, and the tree follows a
//! pod that is deleted and replaced; `:xray deployments` shows the project's tree; a
//! KUBIC app stands over its deployment and service; a user who may not list replica
//! sets sees the tree without them and why.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::api::rbac::v1::ClusterRole;
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use support::pty::KubicTerminal;

const WAIT: Duration = Duration::from_secs(90);

/// The names of the running pods of deployment `web` in `ns`, once there are `count`.
async fn running_pods(pods: &Api<Pod>, count: usize) -> Vec<String> {
    support::eventually(&format!("{count} running pods of web"), WAIT, || async {
        let list = pods.list(&ListParams::default().labels("app=web")).await.ok()?;
        let running: Vec<String> = list
            .items
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
            .filter_map(|p| p.metadata.name.clone())
            .collect();
        (running.len() == count).then_some(running)
    })
    .await
}

/// The screen's lines that show a pod of the tree.
fn pod_lines(screen: &str) -> Vec<&str> {
    screen.lines().filter(|line| line.contains("pod/web-")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tree_of_a_deployment_follows_its_pods_as_one_is_replaced() {
    let admin = support::connection().await;
    let ns = support::unique("xray");
    create_namespace(&admin, &ns).await.unwrap();
    support::fixtures::create_deployment(&admin, &ns, "web", 2).await;
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &ns);
    let before = running_pods(&pods, 2).await;

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = ["--kubeconfig", &kubeconfig, "-n", &ns, "--start", "deployments"];
    let mut term = KubicTerminal::spawn(&args, 120, 30);
    term.wait_for("the deployment", WAIT, |s| s.contains("web") && s.contains("2/2"));
    term.type_keys("x");
    term.wait_for("the tree of the deployment", WAIT, |s| {
        s.contains(&format!("xray deployment {ns}/web"))
            && s.contains("deployment/web")
            && s.contains("└─ replicaset/web-")
            && pod_lines(s).iter().filter(|l| l.contains("Running")).count() == 2
    });
    let screen = term.contents();
    for name in &before {
        assert!(screen.contains(&format!("pod/{name}")), "{name} in\n{screen}");
    }
    let replica_set = screen.lines().find(|l| l.contains("replicaset/web-")).unwrap();
    assert!(
        replica_set.contains("2/2"),
        "the replica set's ready count: {replica_set}"
    );
    let pods_drawn = pod_lines(&screen);
    assert!(pods_drawn[0].contains("   ├─ pod/web-"), "{screen}");
    assert!(pods_drawn[1].contains("   └─ pod/web-"), "{screen}");

    let gone = before[0].clone();
    pods.delete(&gone, &DeleteParams::default().grace_period(0))
        .await
        .unwrap();
    let after = support::eventually("the deleted pod replaced", WAIT, || async {
        let now = running_pods(&pods, 2).await;
        (!now.contains(&gone)).then_some(now)
    })
    .await;
    let newcomer = after.iter().find(|name| !before.contains(name)).unwrap().clone();
    term.wait_for("the tree with the new pod and without the old one", WAIT, |s| {
        !s.contains(&gone)
            && s.contains(&format!("pod/{newcomer}"))
            && pod_lines(s).iter().filter(|l| l.contains("Running")).count() == 2
    });

    term.press_esc();
    term.wait_for("the deployments table again", WAIT, |s| {
        s.contains(&format!("deployments({ns})"))
    });
    term.type_keys(":xray deployments\r");
    term.wait_for("the project's tree", WAIT, |s| {
        s.contains(&format!("xray deployments({ns})")) && pod_lines(s).len() == 2
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tree_of_a_kubic_app_stands_over_its_deployment_and_service() {
    use kubic::kube::kubic::{apps, catalogs, projects};
    let admin = support::connection().await;
    kubic::kube::install::install(&admin).await.expect("kubic install");
    let project = support::unique("xray-app");
    projects::create_project(&admin, &project)
        .await
        .expect("create project");
    let catalog = support::unique("bind");
    catalogs::save_catalog(&admin, &catalog, support::fixtures::bind_spec())
        .await
        .expect("save catalog");
    let app = support::fixtures::small_dns_app(&project, &catalog);
    apps::create_app(&admin, app).await.expect("create app");
    apps::run_app(&admin, &project, "dns").await.expect("run app");
    support::fixtures::running_pods(&admin, &project, "dns", 1).await;

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = ["--kubeconfig", &kubeconfig, "-n", &project, "--start", "apps"];
    let mut term = KubicTerminal::spawn(&args, 120, 30);
    term.wait_for("the app", WAIT, |s| s.contains("dns") && s.contains("Running"));
    term.type_keys(":xray apps\r");
    term.wait_for("the app's tree", WAIT, |s| {
        let lines: Vec<&str> = s.lines().collect();
        let at = |needle: &str| lines.iter().position(|l| l.contains(needle));
        let (app, deployment, set, service) = (
            at("│app/dns "),
            at("├─ deployment/dns "),
            at("│  └─ replicaset/dns-"),
            at("└─ service/dns "),
        );
        let pods = lines
            .iter()
            .filter(|l| l.contains("pod/dns-") && l.contains("Running"))
            .count();
        app.is_some() && app < deployment && deployment < set && set < service && pods == 2
    });
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    apps::halt_app(&admin, &project, "dns").await.expect("halt");
    apps::delete_app(&admin, &project, "dns").await.expect("delete");
    catalogs::delete_catalog(&admin, &catalog, true)
        .await
        .expect("delete the catalog");
    support::fixtures::delete_project_when_empty(&admin, &project).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kind_the_user_may_not_list_is_named_under_the_tree_with_the_reason() {
    let admin = support::connection().await;
    let ns = support::unique("xray-rbac");
    create_namespace(&admin, &ns).await.unwrap();
    support::fixtures::create_deployment(&admin, &ns, "web", 1).await;
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &ns);
    running_pods(&pods, 1).await;
    let user = support::unique("xray-reader");
    let role: ClusterRole = serde_json::from_value(serde_json::json!({
        "metadata": {"name": user},
        "rules": [
            {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "watch"]}
        ]
    }))
    .unwrap();
    let roles: Api<ClusterRole> = Api::all(admin.client.clone());
    roles.create(&PostParams::default(), &role).await.unwrap();
    support::access::bind_in_project(&admin, &user, &user, &ns).await;
    let reader = support::access::connect_as(&user).await;
    support::access::wait_bound(&reader, "apps", "deployments", &ns).await;

    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let args = [
        "--kubeconfig",
        &kubeconfig,
        "--as",
        &user,
        "-n",
        &ns,
        "--start",
        "deployments",
    ];
    let mut term = KubicTerminal::spawn(&args, 160, 30);
    term.wait_for("the deployment", WAIT, |s| s.contains("web") && s.contains("1/1"));
    term.type_keys("x");
    let refusal = format!("replicaset: not allowed for {user}");
    term.wait_for("the tree and the refused kind", WAIT, |s| {
        s.contains("deployment/web") && s.contains(&refusal)
    });
    assert!(pod_lines(&term.contents()).is_empty(), "{}", term.contents());
    term.type_keys("q");
    assert!(term.wait_exit(WAIT), "kubic exits cleanly");
    roles.delete(&user, &DeleteParams::default()).await.unwrap();
    delete_namespace(&admin, &ns).await.unwrap();
}
