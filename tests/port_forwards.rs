//! A session's port-forwards (the runner's `Forwards`, as `shift-f` starts them) against
//! the local cluster, with real TCP exchanges (KWOK's port-forward echoes, port 80
//! answers HTTP): a pod's forward moves to the pod its ReplicaSet makes when the pod is
//! deleted and keeps working, an app goes through its deployment, a forward recovers
//! after the API server was cut off, and a user's impersonating client reaches only
//! their project.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::net::TcpStream;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::DeleteParams;
use kubic::app::Action;
use kubic::kube::Connection;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::model::forward::parse_forward;
use kubic::model::forward::session::{ForwardRequest, ForwardState, ForwardStatus};
use kubic::tui::forwards::Forwards;
use support::forward::exchange;
use support::serve::free_port;
use tokio::sync::mpsc::{self, UnboundedReceiver};

const WAIT: Duration = Duration::from_secs(60);

/// The deployment `web` in `ns` (see `support::forward`); its running pod's name.
async fn web(conn: &Connection, ns: &str) -> String {
    support::forward::create_web(conn, ns).await;
    running_pod(conn, ns, None).await
}

async fn running_pod(conn: &Connection, ns: &str, not: Option<&str>) -> String {
    support::forward::running_web_pod(conn, ns, not).await
}

fn request(id: u64, target: &str, port: u32, local_port: u16) -> ForwardRequest {
    ForwardRequest {
        id,
        target: parse_forward(target, port, "default").unwrap(),
        address: "127.0.0.1".parse().unwrap(),
        local_port,
    }
}

/// The reports of forward `id` until one fits `wanted`; that one.
async fn report_where(
    reports: &mut UnboundedReceiver<Action>,
    id: u64,
    what: &str,
    wanted: impl Fn(&ForwardStatus) -> bool,
) -> ForwardStatus {
    let mut seen = Vec::new();
    let found = tokio::time::timeout(WAIT, async {
        while let Some(action) = reports.recv().await {
            if let Action::ForwardUpdate { id: from, status } = action
                && from == id
            {
                if wanted(&status) {
                    return Some(status);
                }
                seen.push(status.state);
            }
        }
        None
    })
    .await;
    match found {
        Ok(Some(status)) => status,
        _ => panic!("no report of {what}; seen: {seen:?}"),
    }
}

fn active_pod(status: &ForwardStatus) -> Option<&str> {
    match &status.state {
        ForwardState::Active { pod, .. } => Some(pod),
        _ => None,
    }
}

/// [`exchange`] off the async threads.
async fn exchanged(port: u16, line: &str, expect: &str) -> String {
    let (line, expect) = (line.to_string(), expect.to_string());
    tokio::task::spawn_blocking(move || exchange(port, &line, &expect))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pods_forward_moves_to_the_pod_its_replicaset_makes_and_keeps_working() {
    let conn = support::connection().await;
    let ns = support::unique("pf-follow");
    create_namespace(&conn, &ns).await.unwrap();
    let first = web(&conn, &ns).await;
    let (actions, mut reports) = mpsc::unbounded_channel();
    let mut forwards = Forwards::default();
    let local = free_port();
    forwards.start(
        &conn,
        request(1, &format!("pod/{ns}/{first}"), 5000, local),
        false,
        actions.clone(),
    );
    let status = report_where(&mut reports, 1, "the first pod", |s| active_pod(s).is_some()).await;
    assert_eq!(active_pod(&status), Some(first.as_str()));
    let (before, after) = ("before the restart\n", "after the restart\n");
    assert_eq!(exchanged(local, before, "restart\n").await, before);

    Api::<Pod>::namespaced(conn.client.clone(), &ns)
        .delete(&first, &DeleteParams::default())
        .await
        .unwrap();
    let moving = report_where(&mut reports, 1, "re-targeting", |s| {
        matches!(s.state, ForwardState::Retargeting { .. })
    })
    .await;
    let ForwardState::Retargeting { reason } = &moving.state else {
        unreachable!()
    };
    assert!(reason.contains(&first), "{reason}");
    let status = report_where(&mut reports, 1, "the replacement pod", |s| {
        active_pod(s).is_some_and(|pod| pod != first)
    })
    .await;
    let second = active_pod(&status).unwrap().to_string();
    assert_eq!(
        second,
        running_pod(&conn, &ns, Some(&first)).await,
        "the ReplicaSet's new pod"
    );
    assert_eq!(exchanged(local, after, "restart\n").await, after);
    let both = (before.len() + after.len()) as u64;
    let counted = report_where(&mut reports, 1, "the counters of both exchanges", |s| {
        s.counters.total == 2 && s.counters.open == 0 && s.counters.bytes_in == both && s.counters.bytes_out == both
    })
    .await;
    assert_eq!(active_pod(&counted), Some(second.as_str()));

    // The app's forward goes through its deployment; port 80 answers HTTP.
    let app_local = free_port();
    forwards.start(
        &conn,
        request(2, &format!("app/{ns}/web"), 80, app_local),
        false,
        actions,
    );
    report_where(&mut reports, 2, "the app's pod", |s| {
        active_pod(s) == Some(second.as_str())
    })
    .await;
    let answer = exchanged(app_local, "GET / HTTP/1.1\r\nHost: web\r\n\r\n", "simulated pod\n").await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer:?}");

    forwards.stop(1);
    support::eventually("the stopped forward's port closed", WAIT, || async {
        TcpStream::connect(("127.0.0.1", local)).is_err().then_some(())
    })
    .await;
    drop(forwards);
    support::eventually("every forward's port closed with the session", WAIT, || async {
        TcpStream::connect(("127.0.0.1", app_local)).is_err().then_some(())
    })
    .await;
    delete_namespace(&conn, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forward_recovers_after_the_api_server_was_cut_off() {
    let admin = support::connection().await;
    let ns = support::unique("pf-outage");
    create_namespace(&admin, &ns).await.unwrap();
    let pod = web(&admin, &ns).await;
    let proxy = support::proxy::Proxy::start();
    let options = kubic::kube::ConnectOptions {
        kubeconfig: Some(proxy.kubeconfig().to_path_buf()),
        ..kubic::kube::ConnectOptions::default()
    };
    let conn = kubic::kube::connect(&options).await.unwrap();
    let (actions, mut reports) = mpsc::unbounded_channel();
    let mut forwards = Forwards::default();
    let local = free_port();
    forwards.start(
        &conn,
        request(1, &format!("deployment/{ns}/web"), 7, local),
        false,
        actions,
    );
    report_where(&mut reports, 1, "the pod", |s| active_pod(s) == Some(pod.as_str())).await;
    assert_eq!(exchanged(local, "up\n", "up\n").await, "up\n");

    proxy.cut();
    let during = tokio::task::spawn_blocking(move || exchange(local, "through the outage\n", "outage\n"));
    let moving = report_where(&mut reports, 1, "re-targeting while cut off", |s| {
        matches!(s.state, ForwardState::Retargeting { .. })
    })
    .await;
    assert!(matches!(moving.state, ForwardState::Retargeting { .. }));
    proxy.restore();
    report_where(&mut reports, 1, "the pod again", |s| {
        active_pod(s) == Some(pod.as_str())
    })
    .await;
    assert_eq!(
        during.await.unwrap(),
        "through the outage\n",
        "the connection made during the outage waited and went through"
    );
    assert_eq!(exchanged(local, "after\n", "after\n").await, "after\n");
    drop(forwards);
    delete_namespace(&admin, &ns).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_users_forward_reaches_their_project_and_is_refused_elsewhere() {
    let admin = support::access::installed().await;
    let (mine, theirs) = (support::unique("pf-mine"), support::unique("pf-theirs"));
    for ns in [&mine, &theirs] {
        create_namespace(&admin, ns).await.unwrap();
    }
    let pod = web(&admin, &mine).await;
    let other = web(&admin, &theirs).await;
    let user = support::unique("pf-user");
    support::access::bind_in_project(&admin, &user, "kubic-project-user", &mine).await;
    let conn = support::access::connect_as(&user).await;
    support::access::wait_bound(&conn, "", "pods", &mine).await;
    let (actions, mut reports) = mpsc::unbounded_channel();
    let mut forwards = Forwards::default();
    let (local, refused) = (free_port(), free_port());
    forwards.start(
        &conn,
        request(1, &format!("pod/{mine}/{pod}"), 9, local),
        true,
        actions.clone(),
    );
    report_where(&mut reports, 1, "the user's pod", |s| {
        active_pod(s) == Some(pod.as_str())
    })
    .await;
    assert_eq!(exchanged(local, "mine\n", "mine\n").await, "mine\n");
    forwards.start(
        &conn,
        request(2, &format!("pod/{theirs}/{other}"), 9, refused),
        true,
        actions.clone(),
    );
    let failed = report_where(&mut reports, 2, "the refusal", |s| {
        matches!(s.state, ForwardState::Failed { .. })
    })
    .await;
    let ForwardState::Failed { reason } = &failed.state else {
        unreachable!()
    };
    assert!(reason.contains(&format!("not allowed for {user}")), "{reason}");
    let mut wide = request(3, &format!("pod/{mine}/{pod}"), 9, free_port());
    wide.address = "0.0.0.0".parse().unwrap();
    forwards.start(&conn, wide, true, actions);
    let unbound = report_where(&mut reports, 3, "a served session's wide address refused", |s| {
        matches!(s.state, ForwardState::Unbound { .. })
    })
    .await;
    assert!(matches!(&unbound.state, ForwardState::Unbound { reason } if reason.contains("127.0.0.1 only")));
    drop(forwards);
    support::access::unbind_in_project(&admin, &user, &mine).await;
    for ns in [&mine, &theirs] {
        delete_namespace(&admin, ns).await.unwrap();
    }
}
