//! Unit tests of the host detail.

use serde_json::json;

use super::*;

fn now() -> Timestamp {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

fn pod(name: &str, phase: &str, owner: &str) -> HostPod {
    HostPod {
        name: name.into(),
        phase: phase.into(),
        ready: "1/1".into(),
        owner: owner.into(),
    }
}

#[test]
fn a_cordoned_tainted_host_lists_taints_then_pods_then_the_description_and_events() {
    let node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "kube-minion1", "uid": "u-1"},
        "spec": {"unschedulable": true, "taints": [
            {"key": "dedicated", "value": "dns", "effect": "NoSchedule"},
            {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}
        ]}
    });
    let event = json!({"type": "Normal", "reason": "NodeNotSchedulable", "message": "cordoned by kubic",
                       "count": 1, "lastTimestamp": "2025-12-31T23:59:00Z"});
    let pods = Ok(vec![
        pod("demo/dns-0", "Running", "StatefulSet"),
        pod("kube-system/proxy", "Running", "DaemonSet"),
    ]);
    let text = host_detail(&node, &pods, &[event], now(), Lang::En);

    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Schedulable:  no (cordoned: SchedulingDisabled)");
    assert_eq!(lines[1], "Taints:");
    assert_eq!(lines[2], "  dedicated=dns:NoSchedule");
    assert_eq!(
        lines[3], "  node.kubernetes.io/unschedulable:NoSchedule",
        "a taint without value"
    );
    assert_eq!(lines[4], "Pods on this host (2):");
    assert!(
        lines[5].starts_with("  demo/dns-0 ") && lines[5].ends_with(" StatefulSet"),
        "{text}"
    );
    assert!(
        lines[6].contains("kube-system/proxy") && lines[6].contains("Running"),
        "{text}"
    );
    let described = text.find("Name:").unwrap();
    assert!(
        described > text.find("kube-system/proxy").unwrap(),
        "the description comes last:\n{text}"
    );
    assert!(
        text[described..].contains("cordoned by kubic"),
        "the events are shown:\n{text}"
    );
}

#[test]
fn a_schedulable_host_without_taints_still_shows_why_its_pods_are_missing() {
    let node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "kube-minion2"}, "spec": {}});
    let pods = Err(Failure::other("forbidden: pods is not allowed"));
    let text = host_detail(&node, &pods, &[], now(), Lang::En);
    assert!(
        text.starts_with(
            "Schedulable:  yes\nTaints:       <none>\nPods on this host: cannot list them: forbidden: pods is not allowed\n\n"
        ),
        "{text}"
    );
}

#[test]
fn the_host_detail_speaks_korean_with_its_values_in_one_column() {
    let node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "kube-minion2"},
                      "spec": {"unschedulable": true}});
    let text = host_detail(
        &node,
        &Ok(vec![pod("demo/dns-0", "Running", "StatefulSet")]),
        &[],
        now(),
        Lang::Ko,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "스케줄 가능:  아니오 (cordon됨: SchedulingDisabled)");
    assert_eq!(
        lines[1], "테인트:       <none>",
        "the values start in one column of cells"
    );
    assert_eq!(lines[2], "이 호스트의 파드 (1):");
    let refused = host_detail(
        &node,
        &Err(Failure::forbidden("alice", "list pods")),
        &[],
        now(),
        Lang::Ko,
    );
    assert!(
        refused.contains("이 호스트의 파드: 목록을 읽을 수 없습니다: alice에게 허용되지 않습니다: list pods\n"),
        "{refused}"
    );
}
