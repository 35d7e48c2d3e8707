//! The owner tree (`:xray KIND`, `x` on a row): which objects stand under which — a
//! KUBIC app over its deployments and services, a deployment over its replica sets, a
//! set or a job over its pods, a service over the pods it selects — as pure data built
//! from watched rows, so the tree is the same whoever draws it and is unit-testable.

mod build;
mod store;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::resource::Known;
use super::rows::{Health, Row, RowKey};

pub use build::{TreeLine, build};
pub use store::{KindFeed, TreeStore};

/// A kind that takes part in a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TreeKind {
    App,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    Job,
    Service,
    Pod,
}

impl TreeKind {
    /// Every kind, in the order siblings are listed.
    pub const ALL: [TreeKind; 8] = [
        TreeKind::App,
        TreeKind::Deployment,
        TreeKind::StatefulSet,
        TreeKind::DaemonSet,
        TreeKind::ReplicaSet,
        TreeKind::Job,
        TreeKind::Service,
        TreeKind::Pod,
    ];

    pub fn known(self) -> Known {
        match self {
            TreeKind::App => Known::App,
            TreeKind::Deployment => Known::Deployment,
            TreeKind::StatefulSet => Known::StatefulSet,
            TreeKind::DaemonSet => Known::DaemonSet,
            TreeKind::ReplicaSet => Known::ReplicaSet,
            TreeKind::Job => Known::Job,
            TreeKind::Service => Known::Service,
            TreeKind::Pod => Known::Pod,
        }
    }

    /// The kind of `known`, if it takes part in trees.
    pub fn of(known: Known) -> Option<TreeKind> {
        TreeKind::ALL.into_iter().find(|kind| kind.known() == known)
    }

    /// The kind a tree can start from (a pod has nothing under it).
    pub fn root_of(known: Known) -> Option<TreeKind> {
        TreeKind::of(known).filter(|kind| *kind != TreeKind::Pod)
    }

    /// The kinds whose objects a tree of roots of this kind is built from: itself and
    /// every kind that can stand under it.
    pub fn watched(self) -> &'static [TreeKind] {
        match self {
            TreeKind::App => &TreeKind::ALL,
            TreeKind::Deployment => &[TreeKind::Deployment, TreeKind::ReplicaSet, TreeKind::Pod],
            TreeKind::StatefulSet => &[TreeKind::StatefulSet, TreeKind::Pod],
            TreeKind::DaemonSet => &[TreeKind::DaemonSet, TreeKind::Pod],
            TreeKind::ReplicaSet => &[TreeKind::ReplicaSet, TreeKind::Pod],
            TreeKind::Job => &[TreeKind::Job, TreeKind::Pod],
            TreeKind::Service => &[TreeKind::Service, TreeKind::Pod],
            TreeKind::Pod => &[TreeKind::Pod],
        }
    }
}

/// One watched object as the tree needs it: its row (the same a table shows) and
/// who owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeItem {
    pub kind: TreeKind,
    pub row: Row,
    pub uid: String,
    /// The uids of its owners (`metadata.ownerReferences`).
    pub owners: Vec<String>,
}

impl TreeItem {
    /// The item of an object of `kind` projected into `row`, with its metadata.
    pub fn new(kind: TreeKind, row: Row, meta: &ObjectMeta) -> TreeItem {
        let owners = meta.owner_references.iter().flatten();
        TreeItem {
            kind,
            row,
            uid: meta.uid.clone().unwrap_or_default(),
            owners: owners.map(|owner| owner.uid.clone()).collect(),
        }
    }

    pub fn key(&self) -> &RowKey {
        &self.row.key
    }

    pub fn health(&self) -> Health {
        self.row.health
    }
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
