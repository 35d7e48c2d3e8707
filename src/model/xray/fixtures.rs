//! What the owner tree's tests share (the model's, the state machine's and the panes'):
//! items of each kind in project `demo`, and an app's whole tree.

use super::{TreeItem, TreeKind, TreeStore};
use crate::model::cluster::RowEvent;
use crate::model::rows::{Drill, Health, Row, RowFacts, RowKey};

/// An item of `kind` in `demo`, with these cells, created at second 100, owned by
/// `owner` (`Kind/name`, as its uid is made up here).
pub fn item(kind: TreeKind, name: &str, cells: &[&str], owner: Option<&str>) -> TreeItem {
    TreeItem {
        kind,
        row: Row {
            key: RowKey {
                namespace: "demo".into(),
                name: name.into(),
            },
            cells: cells.iter().map(|c| c.to_string()).collect(),
            created: Some(100),
            labels: String::new(),
            health: Health::Ok,
            drill: None,
            facts: RowFacts::None,
        },
        uid: format!("{kind:?}/{name}"),
        owners: owner.map(String::from).into_iter().collect(),
    }
}

/// A pod owned by `owner` (`Kind/name`); ready unless its status is other than `Running`.
pub fn pod(name: &str, owner: &str, status: &str, restarts: &str, labels: &str) -> TreeItem {
    let mut pod = item(
        TreeKind::Pod,
        name,
        &["1/1", status, restarts, "10.0.0.1", "kube-minion1"],
        Some(owner),
    );
    pod.row.labels = labels.into();
    if status != "Running" {
        pod.row.health = Health::Pending;
    }
    pod
}

/// A ClusterIP service selecting `selector`.
pub fn service(name: &str, selector: &str, owner: Option<&str>) -> TreeItem {
    let mut service = item(
        TreeKind::Service,
        name,
        &["ClusterIP", "10.96.0.10", "<none>", "53/UDP"],
        owner,
    );
    service.row.health = Health::Neutral;
    service.row.drill = Some(Drill::SelectedPods {
        namespace: "demo".into(),
        selector: selector.into(),
    });
    service
}

/// The events of app `dns`'s tree: the app, its deployment and service, the
/// deployment's current and old replica sets, two pods (one crash-looping), each item
/// created `age` seconds before `now`.
pub fn dns_app(now: i64) -> Vec<(TreeKind, RowEvent<TreeItem>)> {
    let labels = "app=dns,kubic.io/app=dns";
    let app_cells = ["bind", "9.18", "Running", "1/2", "2", "1", "2", "192.0.2.10", "3"];
    let mut crashing = pod(
        "dns-69b56869f6-x9k2m",
        "ReplicaSet/dns-69b56869f6",
        "CrashLoopBackOff",
        "14",
        labels,
    );
    crashing.row.cells[0] = "0/1".into();
    crashing.row.health = Health::Error;
    let mut items = [
        item(TreeKind::App, "dns", &app_cells, None),
        item(TreeKind::Deployment, "dns", &["1/2", "2", "1"], Some("App/dns")),
        item(
            TreeKind::ReplicaSet,
            "dns-69b56869f6",
            &["2", "2", "1"],
            Some("Deployment/dns"),
        ),
        item(
            TreeKind::ReplicaSet,
            "dns-5d8f7c9b4",
            &["0", "0", "0"],
            Some("Deployment/dns"),
        ),
        pod(
            "dns-69b56869f6-kkdt7",
            "ReplicaSet/dns-69b56869f6",
            "Running",
            "0",
            labels,
        ),
        crashing,
        service("dns", "app=dns", Some("App/dns")),
    ];
    let ages = [7200, 7200, 300, 7200, 290, 280, 7200];
    for (item, age) in items.iter_mut().zip(ages) {
        item.row.created = Some(now - age);
    }
    let mut events: Vec<(TreeKind, RowEvent<TreeItem>)> = TreeKind::ALL
        .into_iter()
        .map(|kind| (kind, RowEvent::Reset(Vec::new())))
        .collect();
    for item in items {
        events.push((item.kind, RowEvent::Upsert(item)));
    }
    events
}

/// A store holding app `dns`'s tree.
pub fn dns_store(now: i64) -> TreeStore {
    let mut store = TreeStore::new(TreeKind::App.watched());
    for (kind, event) in dns_app(now) {
        store.apply(kind, event);
    }
    store
}
