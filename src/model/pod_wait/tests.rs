use k8s_openapi::api::core::v1::{Event, Pod};
use serde_json::json;

use super::*;

fn pending_pod() -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": "kubic-console-1-ab"},
        "status": {
            "phase": "Pending",
            "conditions": [
                {"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                 "message": "0/2 nodes are available:\n 2 node(s) didn't match Pod's node affinity/selector."},
                {"type": "Initialized", "status": "True"}
            ]
        }
    }))
    .unwrap()
}

fn event(reason: &str, kind: &str, second: i64, count: Option<i32>) -> Event {
    let at = Timestamp::from_second(second).unwrap();
    serde_json::from_value(json!({
        "metadata": {"name": format!("e-{reason}-{second}")},
        "involvedObject": {"kind": "Pod", "name": "kubic-console-1-ab"},
        "reason": reason,
        "type": kind,
        "message": format!("{reason} happened"),
        "count": count,
        "lastTimestamp": at.to_string()
    }))
    .unwrap()
}

#[test]
fn an_unschedulable_pod_says_the_schedulers_reason_on_one_line() {
    let wait = PodWait::read(&pending_pod(), &[]);
    assert_eq!(wait.pod, "kubic-console-1-ab");
    assert_eq!(wait.phase, "Pending");
    assert_eq!(wait.conditions.len(), 1, "only the conditions not true");
    assert_eq!(
        wait.reason().as_deref(),
        Some("Unschedulable: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.")
    );
}

#[test]
fn a_container_that_cannot_pull_its_image_comes_before_the_scheduler() {
    let mut pod = pending_pod();
    pod.status.as_mut().unwrap().container_statuses = Some(vec![
        serde_json::from_value(json!({
            "name": "toolbox", "image": "nope:1", "imageID": "", "ready": false, "restartCount": 0,
            "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image \"nope:1\""}}
        }))
        .unwrap(),
    ]);
    let wait = PodWait::read(&pod, &[]);
    assert_eq!(
        wait.reason().as_deref(),
        Some("ImagePullBackOff: Back-off pulling image \"nope:1\"")
    );
}

#[test]
fn only_the_newest_events_are_kept_oldest_first() {
    let events: Vec<Event> = (0..6)
        .rev()
        .map(|i| event(&format!("R{i}"), "Normal", 100 + i, None))
        .collect();
    let wait = PodWait::read(&pending_pod(), &events);
    let reasons: Vec<&str> = wait.events.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["R2", "R3", "R4", "R5"]);
    assert_eq!(wait.events[0].count, 1, "an event without a count happened once");
}

#[test]
fn without_a_condition_the_newest_warning_is_the_reason() {
    let mut pod = pending_pod();
    pod.status.as_mut().unwrap().conditions = None;
    let events = [
        event("FailedMount", "Warning", 10, Some(3)),
        event("Scheduled", "Normal", 20, None),
    ];
    let wait = PodWait::read(&pod, &events);
    assert_eq!(wait.reason().as_deref(), Some("FailedMount: FailedMount happened"));
    assert_eq!(wait.events[0].count, 3);
    assert_eq!(PodWait::read(&Pod::default(), &[]).reason(), None);
}
