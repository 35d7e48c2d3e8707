//! Which requests each table command sends, as data: the verbs and resources the API
//! server must allow before a key is worth showing (see `applicable` for which kinds a
//! command works on at all). Reads the table itself needs are not listed.

use crate::config::command::Command;
use crate::model::access::Check;
use crate::model::cluster::SYSTEM_NAMESPACE;
use crate::model::resource::{Known, ResourceKind};

/// Where a request goes, and so whose rules decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Where the selected object lives: its namespace, or the cluster for a
    /// cluster-scoped kind.
    Object,
    /// The current project (an app made from a catalog, a KUBIC console's pod).
    Project,
    /// Every namespace at once (a drain evicts wherever the host's pods are).
    Cluster,
    /// KUBIC's own namespace (the files console's pod, image build jobs).
    System,
}

/// The resource a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum On {
    /// The kind of the table.
    Kind,
    /// `(group, resource)`; a subresource as `pods/exec`.
    Resource(&'static str, &'static str),
}

/// One request a command sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    verb: &'static str,
    on: On,
    pub scope: Scope,
    /// Sent for the selected object by name (a rule naming objects can grant it).
    pub named: bool,
}

/// `verb` on the selected object of the table's kind.
const fn object(verb: &'static str) -> Need {
    Need {
        verb,
        on: On::Kind,
        scope: Scope::Object,
        named: true,
    }
}

/// `verb` on `resource` of `group`, for the selected object, where it lives.
const fn of_object(verb: &'static str, group: &'static str, resource: &'static str) -> Need {
    Need {
        on: On::Resource(group, resource),
        ..object(verb)
    }
}

/// `verb` on `resource` of `group` in `scope`, for no object in particular.
const fn at(scope: Scope, verb: &'static str, group: &'static str, resource: &'static str) -> Need {
    Need {
        verb,
        on: On::Resource(group, resource),
        scope,
        named: false,
    }
}

/// A new object of the table's kind.
const CREATE: Need = Need {
    named: false,
    ..object("create")
};
const EXEC: &str = "pods/exec";
const UPDATE: &[Need] = &[object("update")];

/// `(command, the kind it is for (None: any), the requests it sends)`; the first row
/// that fits a command and kind counts.
const NEEDS: &[(Command, Option<Known>, &[Need])] = &[
    (Command::Delete, None, &[object("delete")]),
    (Command::Edit, None, UPDATE),
    (Command::EditExternal, None, UPDATE),
    (Command::Logs, Some(Known::Pod), &[of_object("get", "", "pods/log")]),
    (
        Command::Logs,
        Some(Known::ImageBuild),
        &[at(Scope::System, "get", "", "pods/log")],
    ),
    (Command::Logs, None, &[at(Scope::Object, "get", "", "pods/log")]),
    (Command::Shell, None, &[of_object("create", "", EXEC)]),
    (
        Command::PortForward,
        None,
        &[at(Scope::Object, "create", "", "pods/portforward")],
    ),
    (
        Command::Console,
        None,
        &[
            at(Scope::Project, "create", "", "pods"),
            at(Scope::Project, "create", "", EXEC),
        ],
    ),
    (
        Command::Files,
        None,
        &[
            at(Scope::System, "create", "", "pods"),
            at(Scope::System, "create", "", EXEC),
        ],
    ),
    (Command::Batch, None, &[at(Scope::Cluster, "create", "", EXEC)]),
    (Command::DeployFiles, None, &[at(Scope::Cluster, "create", "", EXEC)]),
    (Command::Run, None, UPDATE),
    (Command::Halt, None, UPDATE),
    (Command::Scale, None, UPDATE),
    (Command::RollingUpdate, None, UPDATE),
    (Command::Rollback, None, UPDATE),
    (Command::Rebalance, None, UPDATE),
    (Command::Cordon, None, &[object("patch")]),
    (Command::Uncordon, None, &[object("patch")]),
    (Command::Taint, None, &[object("patch")]),
    (
        Command::Drain,
        None,
        &[object("patch"), at(Scope::Cluster, "create", "", "pods/eviction")],
    ),
    (
        Command::Create,
        Some(Known::Catalog),
        &[at(Scope::Project, "create", "kubic.io", "apps")],
    ),
    (Command::Create, Some(Known::IpPool), &[object("update")]),
    (Command::Create, None, &[CREATE]),
    (
        Command::NewCatalog,
        None,
        &[at(Scope::Cluster, "create", "kubic.io", "catalogs")],
    ),
    (Command::RevealSecrets, None, &[at(Scope::Object, "get", "", "secrets")]),
    (Command::Xray, Some(Known::Secret), &[of_object("get", "", "secrets")]),
    // The tree lists the row's pods (and the kinds between) where it lives.
    (Command::Xray, None, &[at(Scope::Object, "list", "", "pods")]),
    // `p` on :users: the password Secret of kubic-system is patched.
    (Command::SetPassword, None, &[at(Scope::System, "patch", "", "secrets")]),
];

/// The requests `command` sends on a table of `kind` (none for what only reads it).
pub fn needs(command: Command, kind: &ResourceKind) -> &'static [Need] {
    NEEDS
        .iter()
        .find(|(c, known, _)| *c == command && known.is_none_or(|k| kind.is_known(k)))
        .map_or(&[], |(_, _, needs)| needs)
}

impl Need {
    /// The `(verb, group, resource)` asked about on a table of `kind`.
    pub fn check(&self, kind: &ResourceKind) -> Check {
        match self.on {
            On::Kind => Check::new(self.verb, &kind.group, &kind.plural),
            On::Resource(group, resource) => Check::new(self.verb, group, resource),
        }
    }

    /// Whose rules decide: `Some(None)` the cluster's, `Some(Some(ns))` a namespace's;
    /// `None` when no one namespace does (an object of every project, unselected).
    pub fn key(
        &self,
        kind: &ResourceKind,
        object_namespace: Option<&str>,
        project: Option<&str>,
    ) -> Option<Option<String>> {
        let namespace = |ns: Option<&str>| ns.filter(|n| !n.is_empty()).map(|n| Some(n.to_string()));
        match self.scope {
            Scope::Object if !kind.namespaced => Some(None),
            Scope::Object => namespace(object_namespace.or(project)),
            Scope::Project => namespace(project),
            Scope::Cluster => Some(None),
            Scope::System => Some(Some(SYSTEM_NAMESPACE.to_string())),
        }
    }
}

#[cfg(test)]
mod tests;
