//! A view is one live table on the breadcrumb stack: a kind, the scope it is watched
//! in, and the table state. `enter` pushes a narrower view, `esc` pops back.

use crate::model::cluster::Scope;
use crate::model::resource::ResourceKind;
use crate::model::rows::{Drill, columns};

use crate::app::table::TableModel;

/// One table on the navigation stack.
#[derive(Debug, Clone)]
pub struct View {
    /// Tags the watch events meant for this view; stale events from older watches are ignored.
    pub id: u64,
    pub kind: ResourceKind,
    pub scope: Scope,
    /// What the breadcrumb says beyond the kind, e.g. `demo-web` or `app=web`.
    pub context: String,
    pub table: TableModel,
}

impl View {
    /// A view of `kind` in `namespace` (`None` = all namespaces).
    pub fn new(id: u64, kind: ResourceKind, namespace: Option<String>) -> View {
        let namespace = if kind.namespaced { namespace } else { None };
        let show_namespace = kind.namespaced && namespace.is_none();
        let context = match (&namespace, kind.namespaced) {
            (Some(ns), _) => ns.clone(),
            (None, true) => "all".into(),
            (None, false) => String::new(),
        };
        let table = TableModel::new(columns(&kind), show_namespace);
        View {
            id,
            scope: Scope {
                namespace,
                ..Scope::default()
            },
            kind,
            context,
            table,
        }
    }

    /// The pods view `drill` leads to.
    pub fn drilled(id: u64, pods: ResourceKind, drill: &Drill) -> View {
        match drill {
            Drill::NamespacePods(ns) => View::new(id, pods, Some(ns.clone())),
            Drill::SelectedPods { namespace, selector } => {
                let mut view = View::new(id, pods, Some(namespace.clone()));
                view.scope.label_selector = Some(selector.clone());
                view.context = format!("{namespace} {selector}");
                view
            }
            Drill::NodePods(node) => {
                let mut view = View::new(id, pods, None);
                view.scope.field_selector = Some(format!("spec.nodeName={node}"));
                view.context = format!("on {node}");
                view
            }
        }
    }

    /// `pods(demo-web)` — the view's part of the breadcrumb.
    pub fn crumb(&self) -> String {
        if self.context.is_empty() {
            self.kind.plural.clone()
        } else {
            format!("{}({})", self.kind.plural, self.context)
        }
    }
}
