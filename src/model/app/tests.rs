//! Unit tests of app decoration, phases and IP holders.

use super::*;
use crate::model::crd::{AppSpec, DesiredState};

fn app(desired: DesiredState, ips: &[&str]) -> App {
    let mut app = App::new(
        "dns",
        AppSpec {
            catalog: "bind".into(),
            tag: "9.18".into(),
            replicas: 2,
            cpu_millis: None,
            memory: None,
            ports: vec![],
            host: None,
            service_ips: ips.iter().map(|s| s.to_string()).collect(),
            desired,
            revision: 1,
        },
    );
    app.metadata.namespace = Some("demo".into());
    app
}

fn workload(desired: i32, ready: i32, updated: i32) -> WorkloadState {
    WorkloadState {
        desired,
        ready,
        updated,
        ..WorkloadState::default()
    }
}

fn pod(name: &str, status: &str) -> PodState {
    PodState {
        name: name.into(),
        status: status.into(),
        restarts: 0,
    }
}

#[test]
fn a_halted_app_applies_zero_replicas_with_labels_owner_and_namespace() {
    let mut objects = vec![
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "dns"},
               "spec": {"replicas": 5, "template": {"metadata": {"labels": {"app": "dns"}}}}}),
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "dns"}, "spec": {}}),
    ];
    decorate(&mut objects, &app(DesiredState::Halted, &[]), Some("uid-1"));
    assert_eq!(objects[0]["spec"]["replicas"], 0);
    assert_eq!(objects[0]["metadata"]["namespace"], "demo");
    assert_eq!(objects[0]["metadata"]["labels"]["kubic.io/app"], "dns");
    assert_eq!(
        objects[0]["spec"]["template"]["metadata"]["labels"]["kubic.io/app"],
        "dns"
    );
    assert_eq!(objects[0]["spec"]["template"]["metadata"]["labels"]["app"], "dns");
    assert_eq!(objects[1]["metadata"]["ownerReferences"][0]["uid"], "uid-1");
    assert_eq!(objects[1]["metadata"]["ownerReferences"][0]["kind"], "App");
    assert!(
        objects[1]["spec"].get("replicas").is_none(),
        "a Service has no replicas"
    );
}

#[test]
fn a_running_app_applies_its_replicas() {
    let mut objects = vec![json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "dns"}})];
    decorate(&mut objects, &app(DesiredState::Running, &[]), None);
    assert_eq!(objects[0]["spec"]["replicas"], 2);
    assert!(objects[0]["metadata"].get("ownerReferences").is_none());
}

#[test]
fn phases_follow_the_workloads_and_pods() {
    use AppPhase::*;
    let halted = DesiredState::Halted;
    let running = DesiredState::Running;
    assert_eq!(phase(halted, &[workload(0, 0, 0)], &[]).0, Halted);
    assert_eq!(phase(halted, &[workload(0, 0, 0)], &[pod("a", "Running")]).0, Updating);
    assert_eq!(
        phase(
            running,
            &[workload(2, 2, 2)],
            &[pod("a", "Running"), pod("b", "Running")]
        )
        .0,
        Running
    );
    assert_eq!(
        phase(
            running,
            &[workload(2, 1, 2)],
            &[pod("a", "Running"), pod("b", "Pending")]
        )
        .0,
        Pending
    );
    let (updating, progress) = phase(running, &[workload(2, 1, 1)], &[pod("a", "Running")]);
    assert_eq!(updating, Updating);
    assert_eq!(progress, "rolling: 1 updated, 1 ready, 0 available of 2");
    let (failed, reason) = phase(running, &[workload(2, 1, 2)], &[pod("a", "CrashLoopBackOff")]);
    assert_eq!(failed, Failed);
    assert_eq!(reason, "a: CrashLoopBackOff");
    let mut stalled = workload(2, 1, 1);
    stalled.stalled = Some("ReplicaSet \"dns-x\" has timed out progressing.".into());
    let (phase_, reason) = phase(running, &[stalled], &[pod("b", "ImagePullBackOff")]);
    assert_eq!(phase_, Failed);
    assert!(
        reason.starts_with("rollout stalled") && reason.contains("b: ImagePullBackOff"),
        "{reason}"
    );
    let unplaced = pod("c", "Unschedulable (0/2 nodes are available)");
    let (phase_, reason) = phase(running, &[workload(1, 0, 1)], &[unplaced]);
    assert_eq!(phase_, Failed);
    assert_eq!(reason, "c: Unschedulable (0/2 nodes are available)");
}

#[test]
fn ip_holders_name_the_project_and_app() {
    let holders = ip_holders(&[app(DesiredState::Running, &["192.0.2.10", "192.0.2.11"])]);
    assert_eq!(holders.get("192.0.2.11").map(String::as_str), Some("demo/dns"));
    assert_eq!(holders.len(), 2);
    let mut leaving = app(DesiredState::Halted, &["192.0.2.12"]);
    leaving.metadata.deletion_timestamp = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
        k8s_openapi::jiff::Timestamp::UNIX_EPOCH,
    ));
    assert!(ip_holders(&[leaving]).is_empty(), "an app being deleted holds no IP");
}
