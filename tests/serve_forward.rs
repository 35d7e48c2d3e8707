//! Port-forwards over SSH: `ssh -N -L` through `kubic serve` reaches a pod, a service
//! and a deployment of the user's project with a real TCP exchange (KWOK's port-forward
//! echoes, port 80 answers HTTP), made as the user; a project that is not theirs is
//! refused by the API server and the SSH client is told why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use k8s_openapi::api::core::v1::Service;
use kube::Api;
use kube::api::PostParams;
use kubic::model::user::UserRole;
use serde_json::json;
use support::access::{create_pod, installed};
use support::forward::exchange;
use support::serve::{Server, add_user, free_port, give_key};

/// A deployment `web` (its container's port 80 named `http`) and a service `web` with
/// port 8080 to `http` and port 7 to 7007, in `project`; the running pod's name.
async fn web(admin: &kubic::kube::Connection, project: &str) -> String {
    support::forward::create_web(admin, project).await;
    let service: Service = serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"},
                 "ports": [{"name": "http", "port": 8080, "targetPort": "http"},
                           {"name": "echo", "port": 7, "targetPort": 7007}]}
    }))
    .unwrap();
    Api::<Service>::namespaced(admin.client.clone(), project)
        .create(&PostParams::default(), &service)
        .await
        .unwrap();
    support::forward::running_web_pod(admin, project, None).await
}

#[tokio::test(flavor = "multi_thread")]
async fn ssh_forwards_reach_a_pod_a_service_and_a_deployment_as_the_user_and_nothing_else() {
    let admin = installed().await;
    let (mine, theirs) = (support::unique("fwd-a"), support::unique("fwd-b"));
    for project in [&mine, &theirs] {
        kubic::kube::kubic::projects::create_project(&admin, project)
            .await
            .unwrap();
    }
    let pod = web(&admin, &mine).await;
    create_pod(&admin, &theirs, "not-yours").await;
    let alice = support::unique("alice");
    add_user(&admin, &alice, UserRole::User, &[&mine], "alice's password").await;
    let dir = tempfile::tempdir().unwrap();
    let key = give_key(&admin, &alice, dir.path()).await;
    let server = Server::start(&[]);

    let ports: Vec<u16> = (0..6).map(|_| free_port()).collect();
    let to_pod = format!("pod/{mine}/{pod}:5000");
    let to_service = format!("service/{mine}/web:8080");
    let to_service_echo = format!("svc/{mine}/web:7");
    let to_theirs = format!("pod/{theirs}/not-yours:80");
    let forwards = [
        (ports[0], to_pod.as_str()),
        (ports[1], to_service.as_str()),
        (ports[2], "deployment/web:9"),
        (ports[3], to_service_echo.as_str()),
        (ports[4], to_theirs.as_str()),
        (ports[5], "node/kube-minion1:22"),
    ];
    let forwarding = server.forward(&alice, &key, &forwards);

    let echoed = exchange(ports[0], "hello through pod\n", "hello through pod\n");
    assert_eq!(echoed, "hello through pod\n", "{}\n{}", forwarding.said(), server.log());
    let answer = exchange(ports[1], "GET / HTTP/1.1\r\nHost: web\r\n\r\n", "simulated pod\n");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer:?}");
    assert!(
        answer.contains("kubic devcluster: port 80 of a simulated pod"),
        "{answer:?}"
    );
    let big = "x".repeat(200_000) + "\n";
    assert_eq!(
        exchange(ports[2], &big, "\n").len(),
        big.len(),
        "the deployment's pod echoes it all"
    );
    assert_eq!(exchange(ports[3], "seven\n", "seven\n"), "seven\n");

    assert_eq!(
        exchange(ports[4], "let me in\n", "\n"),
        "",
        "another project's pod is not reached"
    );
    assert_eq!(exchange(ports[5], "hi\n", "\n"), "", "a node is not a forward");
    std::thread::sleep(Duration::from_secs(1));
    let said = forwarding.said();
    assert!(
        said.contains("kubic: not allowed for kubic:") && said.contains("kubic: \"node/kube-minion1\""),
        "{said}"
    );

    let log = server.log();
    assert!(
        log.contains(&format!("{alice} forwards"))
            && log.contains(&format!("to service/{mine}/web:8080 (pod {pod}, port 80)")),
        "{log}"
    );
    assert!(
        log.contains(&format!("{alice}'s forward to {to_theirs} refused")),
        "{log}"
    );
    let forwarded: Vec<_> = support::audit::requests_of(&format!("kubic:{alice}"))
        .into_iter()
        .filter(|request| request.subresource == "portforward")
        .collect();
    assert!(
        forwarded.iter().any(|r| r.namespace == mine && r.code < 400),
        "{forwarded:?}"
    );
    assert!(forwarded.iter().all(|r| r.namespace == mine), "{forwarded:?}");
}
