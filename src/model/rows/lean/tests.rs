//! The lean, typed projection gives the row the generic one gives, object by object, on
//! lists read from the local cluster plus odd objects (init containers, terminating
//! pods, pods without status, `null`s, cordoned and half-known nodes, Services with node
//! ports, Deployments without status…).

use kube::core::DynamicObject;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::*;
use crate::model::resource::{Known, Registry};
use crate::model::rows::{Drill, Health, Row, project};

#[derive(Deserialize)]
struct List<K> {
    items: Vec<K>,
}

/// Every object of the fixture list, projected generically and leanly.
fn both<K: LeanKind>(known: Known, list: &str) -> Vec<(Row, Row)> {
    let registry = Registry::builtin();
    let kind = registry.known(known).expect("a builtin kind");
    let generic: List<DynamicObject> = serde_json::from_str(list).expect("the list as DynamicObjects");
    let lean: List<K> = serde_json::from_str(list).expect("the list in its lean form");
    assert_eq!(generic.items.len(), lean.items.len());
    assert!(!lean.items.is_empty(), "a fixture with objects");
    let generic = generic.items.iter().map(|object| project(kind, object));
    generic.zip(lean.items.iter().map(project_lean)).collect()
}

/// Asserts both projections agree and returns the rows by name.
fn same<K: LeanKind>(known: Known, list: &str) -> Vec<Row> {
    both::<K>(known, list)
        .into_iter()
        .map(|(generic, lean)| {
            assert_eq!(lean, generic, "{known:?} {}", generic.key.name);
            lean
        })
        .collect()
}

fn named<'a>(rows: &'a [Row], name: &str) -> &'a Row {
    rows.iter().find(|row| row.key.name == name).expect(name)
}

fn fixture<K: DeserializeOwned>(list: &str) -> Vec<K> {
    serde_json::from_str::<List<K>>(list).expect("a list").items
}

const PODS: &str = include_str!("fixtures/pods.json");

#[test]
fn pods_project_the_same_both_ways_odd_ones_included() {
    let rows = same::<LeanPod>(Known::Pod, PODS);
    assert_eq!(rows.len(), 16);
    let cells = |name: &str| named(&rows, name).cells.clone();
    assert_eq!(cells("init-running")[..3], ["0/1", "PodInitializing", "0"]);
    let terminating = named(&rows, "terminating");
    assert_eq!(
        (terminating.cells[1].as_str(), terminating.health),
        ("Terminating", Health::Deleting)
    );
    let unused = ["", "", "", "", "", ""];
    let pending =
        |ready: &'static str| -> Vec<&'static str> { [&[ready, "Pending", "0"][..], &unused, &["-", "-"]].concat() };
    assert_eq!(cells("no-status"), pending("0/1"));
    assert_eq!(cells("nulls"), pending("0/1"));
    assert_eq!(named(&rows, "nulls").labels, "");
    assert_eq!(cells("evicted")[1], "Evicted");
    assert_eq!(cells("crash-loop")[..3], ["1/2", "CrashLoopBackOff", "8"]);
    assert_eq!(named(&rows, "crash-loop").health, Health::Error);
    assert_eq!(cells("completed")[1], "Completed");
    assert_eq!(named(&rows, "labels").labels, "a.b=2,a=1,tier=front end,z=");
    assert_eq!(cells("bare"), pending("0/0"));
    assert_eq!(cells("waiting-without-reason")[1], "OOMKilled");
    let agent = named(&rows, "kubic-node-agent-rxs4p");
    assert_eq!((agent.cells[1].as_str(), agent.health), ("Running", Health::Ok));
    assert!(agent.created.is_some());
}

#[test]
fn requests_and_limits_read_the_same_both_ways_and_only_pods_that_set_them_carry_them() {
    let list = r#"{"items": [
        {"metadata": {"name": "sized", "namespace": "demo"},
         "spec": {"containers": [
            {"name": "a", "image": "x", "resources": {"requests": {"cpu": "250m", "memory": "64Mi"},
                                                      "limits": {"cpu": "1", "memory": "128Mi"}}},
            {"name": "b", "resources": {"requests": {"cpu": "0.25", "memory": null, "ephemeral-storage": "1Gi"},
                                        "limits": {"memory": "1G", "nvidia.com/gpu": "1"}}}]}},
        {"metadata": {"name": "bare", "namespace": "demo"},
         "spec": {"containers": [{"name": "a", "resources": {}}, {"name": "b", "resources": null}]}},
        {"metadata": {"name": "odd", "namespace": "demo"},
         "spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "lots", "memory": 5}}}]}}
    ]}"#;
    let rows = same::<LeanPod>(Known::Pod, list);
    let sized = named(&rows, "sized").facts.pod().copied().expect("resources");
    assert_eq!(
        (sized.cpu_request, sized.cpu_limit),
        (Some(500), None),
        "b has no CPU limit"
    );
    let mi = 1024 * 1024;
    assert_eq!(sized.memory_request, Some(64 * mi));
    assert_eq!(sized.memory_limit, Some(128 * mi + 1_000_000_000));
    assert_eq!(named(&rows, "bare").facts, RowFacts::None);
    assert_eq!(
        named(&rows, "odd").facts,
        RowFacts::None,
        "what cannot be read counts as not set"
    );
}

#[test]
fn the_census_reads_readiness_and_the_end_of_a_pod() {
    let pods: Vec<LeanPod> = fixture(PODS);
    let pod = |name: &str| {
        pods.iter()
            .find(|p| p.metadata.name.as_deref() == Some(name))
            .expect(name)
    };
    assert!(pod("shell").is_ready());
    let agent = pod("kubic-node-agent-rxs4p");
    assert!(
        !agent.is_ready(),
        "its Ready condition is False, though its container is ready"
    );
    assert!(!pod("no-status").is_ready() && !pod("no-status").is_finished());
    assert!(pod("evicted").is_finished() && pod("completed").is_finished());
    assert_eq!(
        pod("kubic-node-agent-rxs4p").spec.node_name.as_deref(),
        Some("kube-minion1")
    );
    assert!(
        pods.iter().all(|p| p.metadata.managed_fields.is_none()),
        "managed fields are skipped"
    );
}

#[test]
fn nodes_project_the_same_both_ways() {
    let rows = same::<LeanNode>(Known::Node, include_str!("fixtures/nodes.json"));
    let cordoned = named(&rows, "cordoned-host");
    assert_eq!(cordoned.cells[0], "Unknown,SchedulingDisabled");
    assert_eq!(
        cordoned.cells[6],
        "dedicated=db:NoSchedule,node.kubernetes.io/unschedulable:NoSchedule,empty:NoExecute"
    );
    assert_eq!(cordoned.cells[7], "control-plane,worker");
    let new = named(&rows, "new-host");
    assert_eq!(new.cells[4..], ["-/-", "-/1Gi", "<none>", "<none>", "-", "-"]);
    assert_eq!(new.drill, Some(Drill::NodePods("new-host".into())));
    assert_eq!(named(&rows, "kube-minion1").health, Health::Ok);
}

#[test]
fn workloads_project_the_same_both_ways() {
    let deployments = same::<LeanDeployment>(Known::Deployment, include_str!("fixtures/deployments.json"));
    assert_eq!(named(&deployments, "scaled-null").cells, ["0/1", "0", "0"]);
    assert_eq!(named(&deployments, "no-selector").drill, None);
    same::<LeanReplicaSet>(Known::ReplicaSet, include_str!("fixtures/replicasets.json"));
    let sets = same::<LeanReplicaSet>(Known::StatefulSet, include_str!("fixtures/statefulsets.json"));
    assert_eq!(named(&sets, "db").cells, ["3", "3", "2"]);
    assert_eq!(named(&sets, "empty").drill, None);
}

#[test]
fn services_events_and_namespaces_project_the_same_both_ways() {
    let services = same::<LeanService>(Known::Service, include_str!("fixtures/services.json"));
    let web = named(&services, "web");
    assert_eq!(web.cells[2..], ["192.0.2.10,192.0.2.11", "80:30080/TCP,53/TCP"]);
    assert_eq!(named(&services, "headless").cells, ["-", "None", "<none>", "<none>"]);
    let events = same::<LeanEvent>(Known::Event, include_str!("fixtures/events.json"));
    assert_eq!(
        named(&events, "web.warn").cells,
        [
            "Warning",
            "BackOff",
            "pod/web-1",
            "Back-off restarting failed container"
        ]
    );
    assert_eq!(named(&events, "bare.event").cells, ["-", "-", "-/-", "-"]);
    let namespaces = same::<LeanNamespace>(Known::Namespace, include_str!("fixtures/namespaces.json"));
    assert_eq!(named(&namespaces, "going").health, Health::Deleting);
    assert_eq!(named(&namespaces, "no-status").cells, ["-"]);
}

#[test]
fn the_lean_forms_keep_the_owners_uids_the_owner_tree_needs() {
    use crate::model::xray::{TreeItem, TreeKind};
    let registry = Registry::builtin();
    let owners = |kind: TreeKind, list: &str, lean: Vec<ObjectMeta>| {
        let generic: List<DynamicObject> = serde_json::from_str(list).expect("the list as DynamicObjects");
        let served = registry.known(kind.known()).expect("a builtin kind");
        let generic = generic
            .items
            .iter()
            .map(|o| TreeItem::new(kind, project(served, o), &o.metadata).owners);
        let lean: Vec<Vec<String>> = lean
            .iter()
            .map(|meta| meta.owner_references.iter().flatten().map(|o| o.uid.clone()).collect())
            .collect();
        assert_eq!(generic.collect::<Vec<_>>(), lean, "{kind:?}");
        lean
    };
    let metas = |list: Vec<LeanPod>| list.into_iter().map(|p| p.metadata).collect();
    let pods = owners(TreeKind::Pod, PODS, metas(fixture(PODS)));
    assert!(
        pods.iter().any(|uids| !uids.is_empty()),
        "some fixture pod has an owner"
    );
    let sets = include_str!("fixtures/replicasets.json");
    let set_metas = fixture::<LeanReplicaSet>(sets)
        .into_iter()
        .map(|s| s.metadata)
        .collect();
    let sets = owners(TreeKind::ReplicaSet, sets, set_metas);
    assert!(
        sets.iter().any(|uids| !uids.is_empty()),
        "some fixture set has an owner"
    );
}
