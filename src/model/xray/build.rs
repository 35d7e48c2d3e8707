//! Builds the lines of a tree from a store: each root of the chosen kind, then what it
//! owns (by owner uid) or, for a service, the pods its selector picks, depth first,
//! with the glyphs that draw the branches and each line's ready count, status,
//! restarts and creation time.

use std::collections::{HashMap, HashSet};

use super::{TreeItem, TreeKind, TreeStore};
use crate::model::rows::{Drill, Health, RowKey, known_columns};

/// One line of a drawn tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeLine {
    /// 0 for a root.
    pub depth: usize,
    /// What is drawn before the name: `│  ├─ `, empty for a root.
    pub glyphs: String,
    pub kind: TreeKind,
    pub key: RowKey,
    /// `ready/desired` (pods: containers; a service: its ready pods of those it selects).
    pub ready: String,
    /// A pod's or a job's status, an app's state, a service's type; empty for sets.
    pub status: String,
    /// A pod's restarts; the sum over the pods a workload or service has, if any.
    pub restarts: Option<i64>,
    /// Creation time in seconds since the epoch.
    pub created: Option<i64>,
    pub health: Health,
}

/// The tree of every object of kind `root` in `store` (only the one at `only`, when
/// given), roots sorted by namespace and name.
pub fn build(store: &TreeStore, root: TreeKind, only: Option<&RowKey>) -> Vec<TreeLine> {
    let tree = Tree::new(store);
    let mut roots: Vec<&TreeItem> = store
        .of(root)
        .filter(|item| only.is_none_or(|key| item.key() == key))
        .collect();
    roots.sort_by(|a, b| a.key().cmp(b.key()));
    let mut lines = Vec::new();
    for item in roots {
        tree.push(item, &Place::root(), &mut lines, &mut HashSet::new());
    }
    lines
}

/// Where a line goes: its depth, the glyphs its ancestors leave, whether it is the
/// last of its siblings.
struct Place {
    depth: usize,
    lead: String,
    last: bool,
}

impl Place {
    fn root() -> Place {
        Place {
            depth: 0,
            lead: String::new(),
            last: true,
        }
    }

    fn glyphs(&self) -> String {
        match self.depth {
            0 => String::new(),
            _ if self.last => format!("{}└─ ", self.lead),
            _ => format!("{}├─ ", self.lead),
        }
    }

    /// The place of the `index`th of `count` children.
    fn child(&self, index: usize, count: usize) -> Place {
        let lead = match self.depth {
            0 => String::new(),
            _ if self.last => format!("{}   ", self.lead),
            _ => format!("{}│  ", self.lead),
        };
        Place {
            depth: self.depth + 1,
            lead,
            last: index + 1 == count,
        }
    }
}

/// The store indexed for walking: children by owner uid, pods by namespace.
struct Tree<'a> {
    owned: HashMap<&'a str, Vec<&'a TreeItem>>,
    pods: HashMap<&'a str, Vec<&'a TreeItem>>,
}

impl<'a> Tree<'a> {
    fn new(store: &'a TreeStore) -> Tree<'a> {
        let mut owned: HashMap<&str, Vec<&TreeItem>> = HashMap::new();
        for item in TreeKind::ALL.into_iter().flat_map(|kind| store.of(kind)) {
            for owner in item.owners.iter().filter(|uid| !uid.is_empty()) {
                owned.entry(owner.as_str()).or_default().push(item);
            }
        }
        let mut pods: HashMap<&str, Vec<&TreeItem>> = HashMap::new();
        for pod in store.of(TreeKind::Pod) {
            pods.entry(pod.key().namespace.as_str()).or_default().push(pod);
        }
        let by_kind_and_name = |a: &&TreeItem, b: &&TreeItem| (a.kind, a.key()).cmp(&(b.kind, b.key()));
        owned
            .values_mut()
            .for_each(|children| children.sort_by(by_kind_and_name));
        pods.values_mut().for_each(|pods| pods.sort_by(by_kind_and_name));
        Tree { owned, pods }
    }

    /// What stands under `item`: what it owns, or the pods a service selects.
    fn children(&self, item: &TreeItem) -> Vec<&'a TreeItem> {
        if item.kind == TreeKind::Service {
            return self.selected_pods(item);
        }
        match item.uid.as_str() {
            "" => Vec::new(),
            uid => self.owned.get(uid).cloned().unwrap_or_default(),
        }
    }

    fn selected_pods(&self, service: &TreeItem) -> Vec<&'a TreeItem> {
        let Some(Drill::SelectedPods { selector, .. }) = &service.row.drill else {
            return Vec::new();
        };
        let wanted: Vec<&str> = selector.split(',').filter(|pair| !pair.is_empty()).collect();
        let pods = self.pods.get(service.key().namespace.as_str()).into_iter().flatten();
        pods.filter(|pod| {
            let labels: Vec<&str> = pod.row.labels.split(',').collect();
            wanted.iter().all(|pair| labels.contains(pair))
        })
        .copied()
        .collect()
    }

    /// Pushes the line of `item` and, depth first, those under it; `path` holds the
    /// uids above it (an ownership loop ends there). Returns the restarts of the pods
    /// it owns, directly or not (`None`: it owns none).
    fn push(
        &self,
        item: &TreeItem,
        place: &Place,
        lines: &mut Vec<TreeLine>,
        path: &mut HashSet<String>,
    ) -> Option<i64> {
        let at = lines.len();
        lines.push(line_of(item, place));
        if !item.uid.is_empty() && !path.insert(item.uid.clone()) {
            return None;
        }
        let children = self.children(item);
        let mut restarts = None;
        let (mut ready, count) = (0, children.len());
        for (index, child) in children.iter().enumerate() {
            let below = self.push(child, &place.child(index, count), lines, path);
            ready += usize::from(child.health() == Health::Ok);
            // A service's pods are not the service's own: its parent does not count them.
            if child.kind != TreeKind::Service {
                restarts = sum(restarts, below);
            }
        }
        path.remove(&item.uid);
        let line = &mut lines[at];
        match item.kind {
            TreeKind::Pod => return line.restarts,
            TreeKind::Service => {
                line.ready = format!("{ready}/{count}");
                line.health = service_health(ready, count);
                line.restarts = children.iter().fold(None, |total, pod| sum(total, pod_restarts(pod)));
                return None;
            }
            _ => line.restarts = restarts,
        }
        restarts
    }
}

fn sum(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}

fn service_health(ready: usize, count: usize) -> Health {
    match count {
        0 => Health::Neutral,
        _ if ready == count => Health::Ok,
        _ => Health::Pending,
    }
}

/// The cell of `item`'s row under `title`, as its table shows it.
fn cell<'a>(item: &'a TreeItem, title: &str) -> &'a str {
    let columns = known_columns(Some(item.kind.known()));
    let index = columns.iter().position(|column| *column == title);
    index.and_then(|i| item.row.cells.get(i)).map_or("", String::as_str)
}

fn pod_restarts(pod: &TreeItem) -> Option<i64> {
    cell(pod, "RESTARTS").parse().ok()
}

/// The line of `item` at `place`, before what stands under it is known.
fn line_of(item: &TreeItem, place: &Place) -> TreeLine {
    let (ready, status) = match item.kind {
        TreeKind::Pod => (cell(item, "READY").to_string(), cell(item, "STATUS")),
        TreeKind::Deployment => (cell(item, "READY").to_string(), ""),
        TreeKind::StatefulSet | TreeKind::DaemonSet | TreeKind::ReplicaSet => {
            (format!("{}/{}", cell(item, "READY"), cell(item, "DESIRED")), "")
        }
        TreeKind::Job => (cell(item, "COMPLETIONS").to_string(), cell(item, "STATUS")),
        TreeKind::App => (cell(item, "READY").to_string(), cell(item, "STATE")),
        TreeKind::Service => (String::new(), cell(item, "TYPE")),
    };
    TreeLine {
        depth: place.depth,
        glyphs: place.glyphs(),
        kind: item.kind,
        key: item.key().clone(),
        ready,
        status: status.to_string(),
        restarts: (item.kind == TreeKind::Pod).then(|| pod_restarts(item)).flatten(),
        created: item.row.created,
        health: item.health(),
    }
}
