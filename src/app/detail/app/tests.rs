//! Unit tests of the app detail and the current manifest.

use serde_json::json;

use super::*;
use crate::model::app::{PodState, WorkloadState};
use crate::model::crd::{AppPhase, AppRevisionSpec, AppSpec, DesiredState};

fn spec(tag: &str, service_ips: &[&str]) -> AppSpec {
    AppSpec {
        catalog: "bind".into(),
        tag: tag.into(),
        replicas: 2,
        cpu_millis: None,
        memory: None,
        ports: vec![],
        host: None,
        service_ips: service_ips.iter().map(|ip| ip.to_string()).collect(),
        desired: DesiredState::Running,
        revision: 0,
    }
}

fn revision(number: u32, tag: &str, service_ips: &[&str]) -> AppRevision {
    AppRevision::new(
        &format!("dns-{number}"),
        AppRevisionSpec {
            app: "dns".into(),
            revision: number,
            values: spec(tag, service_ips),
            manifest: format!("# manifest of revision {number}\n"),
        },
    )
}

fn app_object(revision: u32) -> Value {
    json!({
        "apiVersion": "kubic.io/v1alpha1", "kind": "App",
        "metadata": {"name": "dns", "namespace": "demo"},
        "spec": {"catalog": "bind", "tag": "9.18", "replicas": 2, "revision": revision}
    })
}

fn report(pods: Vec<PodState>) -> AppReport {
    AppReport {
        phase: AppPhase::Failed,
        message: "dns-0: CrashLoopBackOff".into(),
        workloads: vec![WorkloadState {
            desired: 2,
            ready: 1,
            ..WorkloadState::default()
        }],
        pods,
    }
}

fn now() -> Timestamp {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

#[test]
fn the_detail_shows_state_pods_and_revisions_before_the_description() {
    let pods = vec![
        PodState {
            name: "dns-0".into(),
            status: "CrashLoopBackOff".into(),
            restarts: 7,
        },
        PodState {
            name: "dns-1".into(),
            status: "Running".into(),
            restarts: 0,
        },
    ];
    let revisions = [revision(1, "9.16", &[]), revision(2, "9.18", &["10.0.0.5", "10.0.0.6"])];
    let text = app_detail(&app_object(2), &report(pods), &revisions, now(), Lang::En);

    assert!(
        text.starts_with("State:  Failed (1/2 ready)  dns-0: CrashLoopBackOff\nPods:\n"),
        "{text}"
    );
    let crashing = text.lines().find(|l| l.starts_with("  dns-0 ")).unwrap();
    assert!(
        crashing.contains("CrashLoopBackOff") && crashing.ends_with("restarts 7"),
        "{crashing}"
    );
    let order = [
        "Pods:",
        "  dns-0 ",
        "  dns-1 ",
        "Revisions:",
        "tag 9.16",
        "tag 9.18",
        "Name:",
    ];
    let positions: Vec<usize> = order.iter().map(|part| text.find(part).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order:\n{text}"
    );

    let old = text.lines().find(|l| l.contains("tag 9.16")).unwrap();
    assert!(
        old.contains("service IPs <none>") && !old.contains("(current)"),
        "{old}"
    );
    let current = text.lines().find(|l| l.contains("tag 9.18")).unwrap();
    assert!(
        current.contains("service IPs 10.0.0.5,10.0.0.6") && current.ends_with("(current)"),
        "{current}"
    );
    assert!(
        text.contains("Name:") && text.contains("dns"),
        "the App is described:\n{text}"
    );
}

#[test]
fn an_app_without_pods_says_none_and_a_quiet_state_has_no_message() {
    let mut quiet = report(Vec::new());
    quiet.phase = AppPhase::Halted;
    quiet.message.clear();
    let text = app_detail(&app_object(1), &quiet, &[revision(1, "9.18", &[])], now(), Lang::En);
    assert!(
        text.starts_with("State:  Halted (1/2 ready)\nPods:\n  <none>\nRevisions:\n"),
        "{text}"
    );
}

#[test]
fn the_manifest_is_the_current_revisions_or_a_clear_error() {
    let revisions = vec![revision(1, "9.16", &[]), revision(2, "9.18", &[])];
    assert_eq!(
        current_manifest(&app_object(2), "dns", revisions.clone()),
        Ok("# manifest of revision 2\n".to_string())
    );
    let missing = current_manifest(&app_object(3), "dns", revisions).unwrap_err();
    assert!(missing.is(FailureKind::NotFound));
    assert_eq!(missing.message, "app dns has no revision 3");
    assert_eq!(Lang::Ko.failure(&missing), "앱 dns에 리비전 3이(가) 없습니다");
    assert_eq!(current_revision(&json!({"spec": {}})), 0);
}

#[test]
fn the_detail_speaks_korean_and_keeps_the_description_as_kubectl_shows_it() {
    let pods = vec![PodState {
        name: "dns-0".into(),
        status: "Running".into(),
        restarts: 2,
    }];
    let text = app_detail(
        &app_object(1),
        &report(pods),
        &[revision(1, "9.18", &["10.0.0.5"])],
        now(),
        Lang::Ko,
    );
    assert!(
        text.starts_with("상태:  Failed (1/2 준비)  dns-0: CrashLoopBackOff\n파드:\n"),
        "{text}"
    );
    let pod = text.lines().find(|l| l.starts_with("  dns-0 ")).unwrap();
    assert!(pod.ends_with("재시작 2"), "{pod}");
    let current = text.lines().find(|l| l.contains("9.18 ")).unwrap();
    assert!(
        current.contains("태그 9.18") && current.contains("서비스 IP 10.0.0.5") && current.ends_with("(현재)"),
        "{current}"
    );
    assert!(text.contains("리비전:\n"), "{text}");
    assert!(
        text.contains("Name:"),
        "the description's field names as kubectl shows them:\n{text}"
    );
}
