//! The tables `kubic serve` shares among its sessions, end to end through the real
//! OpenSSH client: one watch of a table for every session that shows it, each user seeing
//! only the projects they may list there — and what they may list followed live, without
//! logging in again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::PostParams;
use kubic::kube::users::update_user;
use kubic::model::user::{UserEdit, UserRole};
use support::access::{create_pod, installed};
use support::serve::{Server, add_user};

const WAIT: Duration = Duration::from_secs(30);
/// What the issue asks: a change of projects shows within this.
const FOLLOWED: Duration = Duration::from_secs(10);
/// metrics-server has a new pod's use after two of its scrapes (10 s apart here), on a
/// busy machine later.
const METRICS_WAIT: Duration = Duration::from_secs(90);

#[tokio::test(flavor = "multi_thread")]
async fn users_share_one_watch_and_see_only_their_projects_as_they_change() {
    let admin = installed().await;
    let (a, b) = (support::unique("shared-a"), support::unique("shared-b"));
    for project in [&a, &b] {
        kubic::kube::kubic::projects::create_project(&admin, project)
            .await
            .expect("create the project");
        create_pod(&admin, project, &format!("pod-of-{project}")).await;
    }
    let (alice, bob) = (support::unique("alice"), support::unique("bob"));
    add_user(&admin, &alice, UserRole::User, &[&a], "alice's password").await;
    add_user(&admin, &bob, UserRole::User, &[&b], "bob's password").await;
    let server = Server::start(&["--idle-timeout", "600"]);
    let (pod_a, pod_b) = (format!("pod-of-{a}"), format!("pod-of-{b}"));

    // Both on the pods of every project: each sees their own project's pod only.
    let mut alices = server.login(&alice, "alice's password", 160, 40);
    alices.type_keys(":pods all\r");
    alices.wait_for("alice's pod", WAIT, |screen| screen.contains(&pod_a));
    let mut bobs = server.login(&bob, "bob's password", 160, 40);
    bobs.type_keys(":pods all\r");
    bobs.wait_for("bob's pod", WAIT, |screen| screen.contains(&pod_b));
    assert!(!alices.contents().contains(&pod_b), "{}", alices.contents());
    assert!(!bobs.contents().contains(&pod_a), "{}", bobs.contents());
    // Alice's own project: served from the same watch, her project's rows only.
    alices.type_keys(&format!(":pods {a}\r"));
    alices.wait_for("alice's project's pods with their use", METRICS_WAIT, |screen| {
        screen.contains(&format!("pods({a}) [1]")) && screen.lines().any(|l| l.contains(&pod_a) && l.contains("Mi "))
    });
    alices.type_keys(":pods all\r");
    alices.wait_for("alice's pod of every project", WAIT, |screen| {
        screen.contains("pods(all)") && screen.contains(&pod_a)
    });
    let log = server.log();
    assert_eq!(
        log.matches("shared watch of pods in all projects starts").count(),
        1,
        "one watch, from the server's start, for both sessions:\n{log}"
    );
    assert!(
        !log.contains(&format!("shared watch of pods in {a} starts")),
        "a project's table is served from the watch of all:\n{log}"
    );
    assert!(
        log.contains(&format!("shared pod metrics poll of {a} starts")),
        "the project's pod metrics are listed by the server:\n{log}"
    );

    // Project b is added to alice: her pods show it without logging in again.
    let with_b = UserEdit {
        description: String::new(),
        role: UserRole::User,
        projects: vec![a.clone(), b.clone()],
    };
    update_user(&admin, &alice, &with_b)
        .await
        .expect("add project b to alice");
    alices.wait_for("project b's pod on alice's screen", FOLLOWED, |screen| {
        screen.contains(&pod_b) && screen.contains(&pod_a)
    });

    // And removed again: it goes.
    let only_a = UserEdit {
        projects: vec![a.clone()],
        ..with_b
    };
    update_user(&admin, &alice, &only_a)
        .await
        .expect("remove project b from alice");
    alices.wait_for("project b's pod gone from alice's screen", FOLLOWED, |screen| {
        !screen.contains(&pod_b) && screen.contains(&pod_a)
    });

    // A new pod in b reaches bob through the shared watch, and never alice.
    create_pod(&admin, &b, "second-pod").await;
    bobs.wait_for("bob's new pod", WAIT, |screen| screen.contains("second-pod"));
    std::thread::sleep(Duration::from_secs(1));
    assert!(!alices.contents().contains("second-pod"), "{}", alices.contents());

    // Users may list no secrets: a shared table of them shows alice none, not even in her
    // own project.
    let secrets: Api<Secret> = Api::namespaced(admin.client.clone(), &a);
    let secret = Secret {
        metadata: ObjectMeta {
            name: Some("secret-of-a".into()),
            ..ObjectMeta::default()
        },
        ..Secret::default()
    };
    secrets.create(&PostParams::default(), &secret).await.unwrap();
    alices.type_keys(":secrets all\r");
    alices.wait_for("an empty secrets table", WAIT, |screen| {
        screen.contains("secrets(all) [0]") && screen.contains("Nothing here.")
    });
    std::thread::sleep(Duration::from_secs(2));
    assert!(!alices.contents().contains("secret-of-a"), "{}", alices.contents());
}
