use super::fixtures::{item, pod, service};
use super::*;
use crate::model::cluster::RowEvent;
use crate::model::failure::Failure;

/// A store of an app `dns` owning a deployment and a service, the deployment two
/// replica sets (one old and empty), the new one two pods; and a stray pod.
fn store() -> TreeStore {
    let mut store = TreeStore::new(TreeKind::App.watched());
    let app = item(
        TreeKind::App,
        "dns",
        &["bind", "9.18", "Running", "2/2", "2", "2", "2", "<none>", "3"],
        None,
    );
    let deployment = item(TreeKind::Deployment, "dns", &["2/2", "2", "2"], Some("App/dns"));
    let new_set = item(
        TreeKind::ReplicaSet,
        "dns-new",
        &["2", "2", "2"],
        Some("Deployment/dns"),
    );
    let old_set = item(
        TreeKind::ReplicaSet,
        "dns-old",
        &["0", "0", "0"],
        Some("Deployment/dns"),
    );
    let pods = vec![
        pod(
            "dns-new-a",
            "ReplicaSet/dns-new",
            "Running",
            "1",
            "app=dns,kubic.io/app=dns",
        ),
        pod(
            "dns-new-b",
            "ReplicaSet/dns-new",
            "Pending",
            "2",
            "app=dns,kubic.io/app=dns",
        ),
        pod("stray", "ReplicaSet/nobody", "Running", "0", "app=other"),
    ];
    let reset = |items: Vec<TreeItem>| RowEvent::Reset(items);
    store.apply(TreeKind::App, reset(vec![app]));
    store.apply(TreeKind::Deployment, reset(vec![deployment]));
    store.apply(TreeKind::ReplicaSet, reset(vec![old_set, new_set]));
    store.apply(TreeKind::Pod, reset(pods));
    store.apply(
        TreeKind::Service,
        reset(vec![service("dns", "app=dns", Some("App/dns"))]),
    );
    store
}

/// Each line as `glyphs kind name ready status restarts`.
fn text(lines: &[TreeLine]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let restarts = l.restarts.map(|r| r.to_string()).unwrap_or_default();
            format!(
                "{}{:?} {} {} {} {restarts}",
                l.glyphs, l.kind, l.key.name, l.ready, l.status
            )
            .trim_end()
            .to_string()
        })
        .collect()
}

#[test]
fn an_app_stands_over_its_deployment_replica_sets_pods_and_service() {
    let lines = build(&store(), TreeKind::App, None);
    assert_eq!(
        text(&lines),
        [
            "App dns 2/2 Running 3",
            "├─ Deployment dns 2/2  3",
            "│  ├─ ReplicaSet dns-new 2/2  3",
            "│  │  ├─ Pod dns-new-a 1/1 Running 1",
            "│  │  └─ Pod dns-new-b 1/1 Pending 2",
            "│  └─ ReplicaSet dns-old 0/0",
            "└─ Service dns 1/2 ClusterIP 3",
            "   ├─ Pod dns-new-a 1/1 Running 1",
            "   └─ Pod dns-new-b 1/1 Pending 2",
        ]
    );
    assert_eq!(lines.iter().map(|l| l.depth).max(), Some(3));
    // The service's pods are counted once in the app's restarts (its deployment's).
    assert_eq!(lines[0].restarts, Some(3));
    assert_eq!(
        lines[6].health,
        Health::Pending,
        "one of the service's two pods is not ready"
    );
}

#[test]
fn a_deployment_tree_starts_at_the_deployments() {
    let lines = build(&store(), TreeKind::Deployment, None);
    assert_eq!(lines[0].glyphs, "");
    assert_eq!(
        (lines[0].kind, lines[0].key.name.as_str()),
        (TreeKind::Deployment, "dns")
    );
    assert_eq!(lines.len(), 5);
    assert!(
        lines
            .iter()
            .all(|l| l.kind != TreeKind::Service && l.key.name != "stray")
    );
}

#[test]
fn a_service_stands_over_the_pods_its_selector_picks_in_its_namespace() {
    let mut store = store();
    let mut elsewhere = pod("far", "ReplicaSet/x", "Running", "0", "app=dns");
    elsewhere.row.key.namespace = "other".into();
    store.apply(TreeKind::Pod, RowEvent::Upsert(elsewhere));
    store.apply(
        TreeKind::Service,
        RowEvent::Upsert(service("all-of-it", "app=dns,kubic.io/app=dns", None)),
    );
    let only = RowKey {
        namespace: "demo".into(),
        name: "all-of-it".into(),
    };
    let lines = build(&store, TreeKind::Service, Some(&only));
    assert_eq!(
        text(&lines),
        [
            "Service all-of-it 1/2 ClusterIP 3",
            "├─ Pod dns-new-a 1/1 Running 1",
            "└─ Pod dns-new-b 1/1 Pending 2",
        ]
    );
    let no_selector = item(TreeKind::Service, "headless", &["ClusterIP"], None);
    store.apply(TreeKind::Service, RowEvent::Upsert(no_selector));
    let lines = build(&store, TreeKind::Service, None);
    let headless = lines
        .iter()
        .find(|l| l.key.name == "headless")
        .expect("the headless service");
    assert_eq!((headless.ready.as_str(), headless.health), ("0/0", Health::Neutral));
}

#[test]
fn the_tree_follows_pods_as_they_come_and_go() {
    let mut store = store();
    let gone = RowKey {
        namespace: "demo".into(),
        name: "dns-new-a".into(),
    };
    store.apply(TreeKind::Pod, RowEvent::Remove(gone));
    store.apply(
        TreeKind::Pod,
        RowEvent::Upsert(pod("dns-new-c", "ReplicaSet/dns-new", "Running", "0", "app=dns")),
    );
    let names: Vec<String> = build(&store, TreeKind::Deployment, None)
        .into_iter()
        .filter(|l| l.kind == TreeKind::Pod)
        .map(|l| l.key.name)
        .collect();
    assert_eq!(names, ["dns-new-b", "dns-new-c"]);
}

#[test]
fn a_job_stands_over_its_pods_and_a_loop_of_owners_ends() {
    let mut store = TreeStore::new(TreeKind::Job.watched());
    let job = item(TreeKind::Job, "migrate", &["1/1", "Complete"], Some("Pod/migrate-pod"));
    let pod = pod("migrate-pod", "Job/migrate", "Completed", "0", "");
    store.apply(TreeKind::Job, RowEvent::Reset(vec![job]));
    store.apply(TreeKind::Pod, RowEvent::Reset(vec![pod]));
    assert_eq!(
        text(&build(&store, TreeKind::Job, None)),
        [
            "Job migrate 1/1 Complete 0",
            "└─ Pod migrate-pod 1/1 Completed 0",
            "   └─ Job migrate 1/1 Complete",
        ]
    );
}

#[test]
fn the_store_says_what_is_still_loading_and_what_failed() {
    let mut store = TreeStore::new(TreeKind::Deployment.watched());
    assert!(store.loading());
    store.apply(TreeKind::Deployment, RowEvent::Reset(Vec::new()));
    store.apply(TreeKind::Pod, RowEvent::Reset(Vec::new()));
    assert!(store.loading(), "the replica sets have not listed yet");
    let failure = Failure::other("not allowed for kubic:alice: list replicasets");
    let next_try = k8s_openapi::jiff::Timestamp::UNIX_EPOCH;
    store.apply(TreeKind::ReplicaSet, RowEvent::Failed { failure, next_try });
    assert!(!store.loading());
    assert_eq!(
        store.failures(),
        [(TreeKind::ReplicaSet, "not allowed for kubic:alice: list replicasets")]
    );
    // A kind the tree does not watch is ignored.
    store.apply(
        TreeKind::App,
        RowEvent::Reset(vec![item(TreeKind::App, "x", &[], None)]),
    );
    assert_eq!(store.of(TreeKind::App).count(), 0);
}

#[test]
fn roots_are_every_kind_but_pods() {
    assert_eq!(TreeKind::root_of(Known::Deployment), Some(TreeKind::Deployment));
    assert_eq!(TreeKind::root_of(Known::Pod), None);
    assert_eq!(TreeKind::root_of(Known::Secret), None);
    assert!(TreeKind::App.watched().contains(&TreeKind::ReplicaSet));
    assert_eq!(TreeKind::Job.watched(), [TreeKind::Job, TreeKind::Pod]);
}

#[test]
fn the_shared_fixture_is_one_app_with_its_whole_tree() {
    let lines = build(&fixtures::dns_store(1000), TreeKind::App, None);
    let names: Vec<&str> = lines.iter().map(|l| l.key.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "dns",
            "dns",
            "dns-5d8f7c9b4",
            "dns-69b56869f6",
            "dns-69b56869f6-kkdt7",
            "dns-69b56869f6-x9k2m",
            "dns",
            "dns-69b56869f6-kkdt7",
            "dns-69b56869f6-x9k2m",
        ]
    );
    assert_eq!(lines[0].restarts, Some(14));
    assert_eq!(lines[6].health, Health::Pending);
}
