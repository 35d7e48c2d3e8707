//! `kubic serve` end to end: the real OpenSSH client, in a pty, logs in to the server on
//! 127.0.0.1 as users made in the local cluster; each session acts as its user.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kubic::kube::users;
use kubic::model::password::hash_password;
use kubic::model::user::UserRole;
use support::access::{create_pod, installed};
use support::pty::KubicTerminal;
use support::serve::{LOGIN, Server, add_user, give_key};

const WAIT: Duration = Duration::from_secs(30);

/// Two fresh projects with a pod each.
async fn two_projects(admin: &kubic::kube::Connection) -> (String, String) {
    let (a, b) = (support::unique("serve-a"), support::unique("serve-b"));
    for project in [&a, &b] {
        kubic::kube::kubic::projects::create_project(admin, project)
            .await
            .expect("create the project");
        create_pod(admin, project, &format!("pod-of-{project}")).await;
    }
    (a, b)
}

fn shows(terminal: &KubicTerminal, what: &str) {
    terminal.wait_for(what, WAIT, |screen| screen.contains(what));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_sees_and_acts_only_in_their_project_and_refusals_name_them() {
    let admin = installed().await;
    let (a, b) = two_projects(&admin).await;
    let (root, alice) = (support::unique("root"), support::unique("alice"));
    add_user(&admin, &root, UserRole::Admin, &[], "the first admin's password").await;
    let server = Server::start(&[]);

    // The admin creates alice, a user of project a, on the users screen.
    let mut console = server.login(&root, "the first admin's password", 160, 40);
    console.type_keys(":users\r");
    shows(&console, &root);
    console.type_keys("n");
    shows(&console, "create a user");
    console.type_keys(&format!(
        "{alice}\t\t{a}\truns project a\tcorrect horse battery\tcorrect horse battery\r"
    ));
    console.wait_for("alice in the users table", WAIT, |screen| {
        screen
            .lines()
            .any(|line| line.contains(&alice) && line.contains(&a) && line.contains("never"))
    });
    let users: Api<kubic::model::crd::User> = Api::all(admin.client.clone());
    assert_eq!(users.get(&alice).await.unwrap().spec.projects, vec![a.clone()]);

    let mut session = server.login(&alice, "correct horse battery", 160, 40);
    console.wait_for("alice's live session counted", WAIT, |screen| {
        screen.lines().any(|line| line.contains(&alice) && line.contains(" 1 "))
    });

    session.type_keys(":pods\r");
    shows(&session, &format!("pod-of-{a}"));
    session.type_keys(&format!(":ns {b}\r"));
    session.wait_for("the refusal of another project", WAIT, |screen| {
        screen.contains(&format!("not allowed for kubic:{alice}"))
    });

    // An action in her project is hers to take: the pod is deleted as kubic:alice.
    session.type_keys(&format!(":ns {a}\r"));
    shows(&session, &format!("pod-of-{a}"));
    session.type_keys("\x04");
    shows(&session, "Delete");
    session.type_keys("y");
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &a);
    support::eventually("the pod deleted by alice", WAIT, || async {
        let pod = pods.get_opt(&format!("pod-of-{a}")).await.unwrap();
        pod.is_none_or(|p| p.metadata.deletion_timestamp.is_some())
            .then_some(())
    })
    .await;

    session.type_keys(":logout\r");
    assert!(session.wait_exit(WAIT), "ssh ends cleanly after :logout");
    assert!(
        !session.on_alternate_screen(),
        "the client's terminal is back to its own screen"
    );
    assert!(session.contents().contains(&format!("kubic: {alice} logged out")));
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_passwords_are_throttled_and_a_changed_password_stops_the_old_one() {
    let admin = installed().await;
    let (a, _) = two_projects(&admin).await;
    let bob = support::unique("bob");
    add_user(&admin, &bob, UserRole::User, &[&a], "first password 1").await;
    let server = Server::start(&[]);

    let refused = |password: &str| {
        let mut terminal = server.ssh(&bob, 100, 30);
        terminal.wait_for("the password prompt", LOGIN, |screen| screen.contains("password:"));
        let started = Instant::now();
        terminal.type_keys(&format!("{password}\r"));
        terminal.wait_exit(LOGIN);
        (terminal.contents().contains("Permission denied"), started.elapsed())
    };
    let (denied, took) = refused("not the password");
    assert!(denied, "a wrong password is refused");
    assert!(
        took >= Duration::from_millis(900),
        "a refusal is padded to the rejection time: {took:?}"
    );

    users::set_password_hash(&admin, &bob, &hash_password("second password 2").unwrap())
        .await
        .unwrap();
    assert!(refused("first password 1").0, "the old password stopped working");
    let session = server.login(&bob, "second password 2", 100, 30);
    drop(session);

    for _ in 0..6 {
        refused("still not it");
    }
    assert!(
        refused("second password 2").0,
        "after repeated failures even the right password waits"
    );
    assert!(server.log().contains("too many failures"), "{}", server.log());
    assert!(
        !server.log().contains("second password 2"),
        "passwords are never logged"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn deleting_a_user_ends_their_session_within_seconds() {
    let admin = installed().await;
    let (a, _) = two_projects(&admin).await;
    let carol = support::unique("carol");
    add_user(&admin, &carol, UserRole::User, &[&a], "carol's password").await;
    let server = Server::start(&[]);
    let mut session = server.login(&carol, "carol's password", 120, 30);
    users::delete_user(&admin, &carol).await.unwrap();
    assert!(session.wait_exit(Duration::from_secs(15)), "the session ended");
    assert!(
        session.contents().contains("your user was deleted"),
        "{}",
        session.contents()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sessions_are_independent_a_stalled_client_slows_no_other_and_a_resize_arrives() {
    let admin = installed().await;
    let (a, b) = two_projects(&admin).await;
    let (dave, erin) = (support::unique("dave"), support::unique("erin"));
    add_user(&admin, &dave, UserRole::User, &[&a], "dave's password").await;
    add_user(&admin, &erin, UserRole::Admin, &[&b], "erin's password").await;
    let server = Server::start(&[]);
    let mut stalled = server.login(&dave, "dave's password", 200, 60);
    let mut other = server.login(&erin, "erin's password", 120, 40);

    // Dave's client stops reading while his session keeps drawing whole screens (each
    // size change is a full redraw), until the server says his frames are dropped.
    stalled.pause_reading(true);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut width = 200;
    while !server.log().contains(&format!("{dave}'s client reads slowly")) {
        assert!(
            Instant::now() < deadline,
            "dave's output never backed up:\n{}",
            server.log()
        );
        width = if width == 200 { 199 } else { 200 };
        stalled.resize(width, 60);
        std::thread::sleep(Duration::from_millis(15));
    }
    let started = Instant::now();
    other.type_keys(&format!(":pods {a}\r"));
    shows(&other, &format!("pod-of-{a}"));
    other.type_keys(":hosts\r");
    shows(&other, "kube-minion1");
    let answered = started.elapsed();
    assert!(
        answered < Duration::from_secs(10),
        "the other session answered in {answered:?}"
    );

    // A resize reaches the session: the frame is drawn at the new width.
    other.resize(100, 30);
    other.wait_for("a frame 100 columns wide", WAIT, |screen| {
        screen
            .lines()
            .any(|line| line.chars().count() == 100 && line.ends_with('┐'))
    });

    // Once Dave's client reads again, his screen is whole and current.
    stalled.pause_reading(false);
    stalled.type_keys(":pods\r");
    shows(&stalled, &format!("pod-of-{a}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_key_logs_in_and_a_session_without_a_pty_gets_one_line() {
    let admin = installed().await;
    let (a, _) = two_projects(&admin).await;
    let frank = support::unique("frank");
    add_user(&admin, &frank, UserRole::User, &[&a], "frank's password").await;
    let dir = tempfile::tempdir().unwrap();
    let key = give_key(&admin, &frank, dir.path()).await;
    let server = Server::start(&[]);
    let (said, ok) = server.ssh_without_pty(&frank, &key);
    assert!(!ok, "a session without a pty does not run");
    assert!(said.contains("kubic needs a terminal"), "{said}");
    assert!(
        server
            .log()
            .contains(&format!("{frank} logged in from 127.0.0.1 (public key)"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn logs_and_consoles_work_in_a_session_and_the_external_editor_is_refused() {
    let admin = installed().await;
    let project = support::unique("serve-console");
    kubic::kube::kubic::projects::create_project(&admin, &project)
        .await
        .unwrap();
    support::fixtures::create_deployment(&admin, &project, "web", 1).await;
    let gina = support::unique("gina");
    add_user(&admin, &gina, UserRole::User, &[&project], "gina's password").await;
    let server = Server::start(&[]);
    let mut session = server.login(&gina, "gina's password", 120, 32);
    session.type_keys(":pods\r");
    session.wait_for("the pod running", WAIT, |s| s.contains("web-") && s.contains("Running"));

    session.type_keys("l");
    let marker = support::unique("served-log-line");
    session.wait_for("the log pane", WAIT, |s| s.contains("Logs"));
    support::append_container_log(&marker);
    shows(&session, &marker);
    session.press_esc();

    session.type_keys("s");
    shows(&session, "Console pod/web-");
    session.type_keys("echo served-$((6*7))\r");
    shows(&session, "served-42");
    session.type_keys("exit 0\r");
    shows(&session, "exited with status 0");
    session.type_keys("x");

    session.type_keys("E");
    shows(&session, "$EDITOR is not available in this session");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_session_limit_holds_and_an_idle_session_closes() {
    let admin = installed().await;
    let (a, _) = two_projects(&admin).await;
    let hana = support::unique("hana");
    add_user(&admin, &hana, UserRole::User, &[&a], "hana's password").await;
    let server = Server::start(&["--sessions-per-user", "1", "--idle-timeout", "8"]);
    let mut first = server.login(&hana, "hana's password", 100, 30);

    let mut second = server.ssh(&hana, 100, 30);
    second.wait_for("the password prompt", LOGIN, |screen| screen.contains("password:"));
    second.type_keys("hana's password\r");
    second.wait_for("the refusal of a second session", WAIT, |screen| {
        screen.contains("already has 1 sessions open (the limit is 1)")
    });
    assert!(
        !second.wait_exit(WAIT),
        "the refused session ends with a failure status"
    );

    assert!(first.wait_exit(Duration::from_secs(30)), "the idle session closed");
    assert!(
        first
            .contents()
            .contains("session closed after 8 seconds without input"),
        "{}",
        first.contents()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn replicas_starting_at_once_keep_one_host_key_in_the_cluster() {
    use k8s_openapi::api::core::v1::Secret;
    let admin = installed().await;
    let secrets: Api<Secret> = Api::namespaced(admin.client.clone(), "kubic-system");
    let _ = secrets
        .delete(kubic::kube::ssh_host_key::SECRET, &Default::default())
        .await;
    let (one, two) = tokio::join!(
        kubic::serve::host_key::from_cluster(&admin),
        kubic::serve::host_key::from_cluster(&admin)
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.public_key(), two.public_key(), "both replicas present the same key");
    let again = kubic::serve::host_key::from_cluster(&admin).await.unwrap();
    assert_eq!(again.public_key(), one.public_key(), "the key is kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admins_own_password_change_ends_the_session_and_only_the_new_one_opens() {
    let admin = installed().await;
    let (a, _) = two_projects(&admin).await;
    let ivan = support::unique("ivan");
    add_user(&admin, &ivan, UserRole::Admin, &[&a], "ivan's old password").await;
    let server = Server::start(&[]);
    let mut session = server.login(&ivan, "ivan's old password", 120, 32);
    session.type_keys(":password\r");
    shows(&session, &format!("change your password ({ivan})"));
    session.type_keys("ivan's old password\tivan's new password\tivan's new password\r");
    assert!(
        session.wait_exit(WAIT),
        "the admin is logged out after changing their password"
    );
    assert!(!session.on_alternate_screen());

    let mut old = server.ssh(&ivan, 100, 30);
    old.wait_for("the password prompt", LOGIN, |screen| screen.contains("password:"));
    old.type_keys("ivan's old password\r");
    old.wait_for("the old password refused", LOGIN, |screen| {
        screen.contains("Permission denied")
    });
    let session = server.login(&ivan, "ivan's new password", 100, 30);
    drop(session);
}
