//! What the TUI asks before it shows a key, against the local cluster: a user bound
//! only to `kubic-viewer` gets rules that refuse deleting pods and exec and allow
//! reading them; a session as that user leaves `delete` out of the pods table's footer,
//! and `ctrl-d` is answered at once without the pod being touched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::time::Duration;

use clap::Parser as _;
use crossterm::event::{KeyCode, KeyModifiers};
use futures::channel::mpsc::unbounded;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use tokio::sync::oneshot;

use kubic::cli::Cli;
use kubic::config::Config;
use kubic::kube::access::{review, rules_in};
use kubic::kube::install::roles::VIEWER;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::{ConnectOptions, connect};
use kubic::model::access::Check;
use kubic::tui::{Session, SessionEnd, SessionSettings, StreamTerminal};
use support::access::{create_pod, installed, unbind_cluster_wide, user_bound_to};
use support::frames::{WAIT, press, text_where};
use support::unique;

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_may_read_pods_but_not_delete_or_exec_them() {
    let admin = installed().await;
    let user = unique("kubic-access-viewer");
    let ns = unique("kubic-access");
    create_namespace(&admin, &ns).await.unwrap();
    let (binding, conn) = user_bound_to(&admin, &user, VIEWER).await;

    let rules = rules_in(&conn, &ns).await.unwrap();
    assert!(rules.complete, "RBAC answers in full: {rules:?}");
    for verb in ["get", "list", "watch"] {
        assert!(rules.allows(verb, "", "pods", None), "{verb} pods");
    }
    assert!(rules.allows("get", "", "pods/log", Some("web")));
    assert!(!rules.allows("delete", "", "pods", Some("web")));
    assert!(!rules.allows("create", "", "pods/exec", Some("web")));
    assert!(!rules.allows("get", "", "secrets", None));

    let checks = [Check::new("patch", "", "nodes"), Check::new("list", "", "nodes")];
    let cluster = review(&conn, None, &checks).await.unwrap();
    assert_eq!(cluster.decide("patch", "", "nodes", Some("kube-minion1")), Some(false));
    assert_eq!(cluster.decide("list", "", "nodes", None), Some(true));

    unbind_cluster_wide(&admin, &binding).await;
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_as_a_viewer_hides_delete_and_refuses_ctrl_d_without_sending_it() {
    let admin = installed().await;
    let user = unique("kubic-access-session");
    let ns = unique("kubic-access");
    create_namespace(&admin, &ns).await.unwrap();
    create_pod(&admin, &ns, "access-web").await;
    let (binding, _) = user_bound_to(&admin, &user, VIEWER).await;
    let options = ConnectOptions {
        kubeconfig: Some(support::kubeconfig().to_path_buf()),
        namespace: Some(ns.clone()),
        as_user: Some(user.clone()),
        ..ConnectOptions::default()
    };
    let connection = connect(&options).await.unwrap();
    let cli = Cli::try_parse_from(["kubic", "--start", "pods"]).unwrap();
    let session = Session::new(
        connection,
        Some(options),
        Config::default(),
        &[],
        &SessionSettings::from_cli(&cli),
    );
    let (keys, events) = unbounded();
    let mut terminal = StreamTerminal::new(TestBackend::new(120, 40), Size::new(120, 40), events).unwrap();
    let mut frames = terminal.frames();
    let (end, end_signal) = oneshot::channel::<()>();
    let running = tokio::spawn(async move {
        session
            .run(&mut terminal, async {
                let _ = end_signal.await;
            })
            .await
    });

    let footer = text_where(&mut frames, "the pods with delete left out of the footer", |s| {
        let footer = s.lines().last().unwrap_or_default();
        s.contains("access-web") && footer.contains("<d> describe") && !footer.contains("delete")
    })
    .await;
    assert!(!footer.contains("<e> edit"), "a viewer may not edit either:\n{footer}");

    press(&keys, KeyCode::Char('d'), KeyModifiers::CONTROL);
    let refusal = format!("not allowed for {user}: delete pods in {ns}");
    let refused = text_where(&mut frames, "ctrl-d answered at once", |s| s.contains(&refusal)).await;
    assert!(!refused.contains("confirm"), "no confirmation is asked:\n{refused}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    let pod = Api::<Pod>::namespaced(admin.client.clone(), &ns)
        .get("access-web")
        .await;
    assert!(
        pod.is_ok_and(|p| p.metadata.deletion_timestamp.is_none()),
        "the pod is still there"
    );

    end.send(()).unwrap();
    let ended = tokio::time::timeout(WAIT, running).await.unwrap().unwrap().unwrap();
    assert_eq!(ended, SessionEnd::Quit);
    unbind_cluster_wide(&admin, &binding).await;
    delete_namespace(&admin, &ns).await.unwrap();
}
