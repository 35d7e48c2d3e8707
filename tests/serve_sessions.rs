//! An admin's view of `kubic serve` itself, end to end through the real OpenSSH client:
//! `:sessions` shows who is logged in from where and on which screen, and ends a session;
//! `:audit` and the JSON audit log hold every change a session made, as its user.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kubic::model::user::UserRole;
use serde_json::Value;
use support::access::{create_pod, installed};
use support::pty::KubicTerminal;
use support::serve::{Server, add_user};

const WAIT: Duration = Duration::from_secs(30);

fn shows(terminal: &KubicTerminal, what: &str) {
    terminal.wait_for(what, WAIT, |screen| screen.contains(what));
}

/// The audit entries of `user` with `action`.
fn entries<'a>(audit: &'a [Value], user: &str, action: &str) -> Vec<&'a Value> {
    audit
        .iter()
        .filter(|entry| entry["user"] == user && entry["action"] == action)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_sees_the_sessions_and_their_changes_and_ends_one() {
    let admin = installed().await;
    let project = support::unique("audit");
    kubic::kube::kubic::projects::create_project(&admin, &project)
        .await
        .expect("create the project");
    let pod = format!("pod-of-{project}");
    create_pod(&admin, &project, &pod).await;
    let (root, alice) = (support::unique("root"), support::unique("alice"));
    add_user(&admin, &root, UserRole::Admin, &[], "the admin's password").await;
    add_user(&admin, &alice, UserRole::User, &[&project], "alice's password").await;
    let server = Server::start(&[]);

    // alice deletes a pod of her project, and may not look at the server's screens.
    let mut session = server.login(&alice, "alice's password", 160, 40);
    session.type_keys(":sessions\r");
    shows(&session, "only an admin");
    session.type_keys(&format!(":pods {project}\r"));
    shows(&session, &pod);
    session.type_keys("\x04");
    shows(&session, "Delete");
    session.type_keys("y");
    let pods: Api<Pod> = Api::namespaced(admin.client.clone(), &project);
    support::eventually("the pod deleted by alice", WAIT, || async {
        let found = pods.get_opt(&pod).await.unwrap();
        found
            .is_none_or(|p| p.metadata.deletion_timestamp.is_some())
            .then_some(())
    })
    .await;

    // The admin sees her session, where she is, and what she changed.
    let mut console = server.login(&root, "the admin's password", 160, 40);
    console.type_keys(":sessions\r");
    console.wait_for("alice's session on her pods", WAIT, |screen| {
        screen.lines().any(|line| {
            line.contains(&alice) && line.contains("127.0.0.1:") && line.contains(&format!("pods({project})"))
        })
    });
    console.type_keys(":audit\r");
    console.wait_for("alice's delete in the trail", WAIT, |screen| {
        screen.lines().any(|line| {
            line.contains(&alice) && line.contains("delete") && line.contains(&format!("pods/{project}/{pod}"))
        })
    });

    // The admin ends alice's session (the first listed: she logged in first).
    console.type_keys(":sessions\r");
    shows(&console, &alice);
    console.type_keys("\x04");
    shows(&console, "End session");
    console.type_keys("y");
    assert!(session.wait_exit(WAIT), "alice's ssh ends");
    assert!(
        session.contents().contains(&format!("session ended: ended by {root}")),
        "{}",
        session.contents()
    );
    console.wait_for("only the admin's session left", WAIT, |screen| {
        screen.contains("sessions (1)") && !screen.contains(&alice)
    });

    // The JSON trail holds it all, each change as the session's user, from its address.
    let audit = server.audit();
    let deleted = entries(&audit, &alice, "delete");
    assert_eq!(deleted.len(), 1, "{audit:#?}");
    assert_eq!(deleted[0]["object"], format!("pods/{project}/{pod}"));
    assert_eq!(deleted[0]["result"], "ok");
    assert!(deleted[0]["source"].as_str().unwrap().starts_with("127.0.0.1:"));
    assert!(deleted[0]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(entries(&audit, &alice, "session-start").len(), 1);
    let ended = entries(&audit, &alice, "session-end");
    assert_eq!(ended.len(), 1, "{audit:#?}");
    assert_eq!(ended[0]["result"], "failed");
    assert!(
        ended[0]["reason"]
            .as_str()
            .unwrap()
            .contains(&format!("ended by {root}"))
    );
    let by_admin = entries(&audit, &root, "end-session");
    assert_eq!(by_admin.len(), 1, "{audit:#?}");
    assert_eq!(by_admin[0]["result"], "ok");
    assert!(
        !audit.iter().any(|entry| entry.to_string().contains("password")),
        "no password in the trail"
    );
}
