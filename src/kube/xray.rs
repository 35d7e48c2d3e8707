//! The watches of the owner tree (`:xray`): one per kind the tree is built from, in the
//! tree's project, through the session's own client (so the API server decides what the
//! user may list). Each object becomes its table row and its owners' uids.

use ::kube::core::DynamicObject;

use super::connect::Connection;
use super::tables::{TableWatch, watch_with};
use crate::model::cluster::{RowEvent, Scope};
use crate::model::resource::ResourceKind;
use crate::model::rows::{LeanDeployment, LeanKind, LeanPod, LeanReplicaSet, LeanService, project, project_lean};
use crate::model::xray::{TreeItem, TreeKind};

/// Starts watching `kind` (the served kind of `tree_kind`) in `namespace` (`None`: every
/// namespace) for a tree; `sink` receives every event.
pub fn watch_tree<F>(
    connection: &Connection,
    tree_kind: TreeKind,
    kind: &ResourceKind,
    namespace: Option<String>,
    sink: F,
) -> TableWatch
where
    F: Fn(RowEvent<TreeItem>) + Send + 'static,
{
    let scope = Scope {
        namespace,
        ..Scope::default()
    };
    let lean = kind.version == "v1";
    match tree_kind {
        TreeKind::Pod if lean => lean_tree::<LeanPod, F>(connection, tree_kind, kind, &scope, sink),
        TreeKind::Deployment if lean => lean_tree::<LeanDeployment, F>(connection, tree_kind, kind, &scope, sink),
        TreeKind::ReplicaSet | TreeKind::StatefulSet if lean => {
            lean_tree::<LeanReplicaSet, F>(connection, tree_kind, kind, &scope, sink)
        }
        TreeKind::Service if lean => lean_tree::<LeanService, F>(connection, tree_kind, kind, &scope, sink),
        _ => {
            let generic = kind.clone();
            let item =
                move |object: &DynamicObject| TreeItem::new(tree_kind, project(&generic, object), &object.metadata);
            watch_with(connection, kind, &scope, item, sink)
        }
    }
}

fn lean_tree<K: LeanKind, F>(
    connection: &Connection,
    tree_kind: TreeKind,
    kind: &ResourceKind,
    scope: &Scope,
    sink: F,
) -> TableWatch
where
    F: Fn(RowEvent<TreeItem>) + Send + 'static,
{
    let item = move |object: &K| TreeItem::new(tree_kind, project_lean(object), object.meta());
    watch_with(connection, kind, scope, item, sink)
}
