//! What the state machine asks of the cluster and gets back: object references, watch
//! scopes and events, exec and log requests, the forms' payloads. Plain data, so `app/`
//! and `ui/` never name the kube layer that carries it.

use k8s_openapi::jiff::Timestamp;

use crate::model::crd::AppPort;
use crate::model::failure::Failure;
use crate::model::resource::ResourceKind;
use crate::model::rows::{Row, RowKey};
use std::sync::Arc;

/// The namespace `kubic install` creates: shared records, credentials, files volumes.
pub const SYSTEM_NAMESPACE: &str = "kubic-system";
/// The KUBIC console's toolbox image when none is configured: it carries sh, vim, ssh and dig.
pub const TOOLBOX_IMAGE: &str = "nicolaka/netshoot:v0.13";

/// One object of a known kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    pub kind: ResourceKind,
    pub namespace: String,
    pub name: String,
}

impl ObjectRef {
    /// `pod demo/web-1` or `node kube-minion1`, as messages name objects.
    pub fn describe(&self) -> String {
        let kind = self.kind.kind.to_lowercase();
        if self.namespace.is_empty() {
            format!("{kind} {}", self.name)
        } else {
            format!("{kind} {}/{}", self.namespace, self.name)
        }
    }
}

/// Where a table watch looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// `None`: all namespaces (or a cluster-scoped kind).
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
}

/// What a table watch reports: rows, or (for the census) what else each object is
/// made into. A table's rows are shared, never copied: every table fed by one watch
/// (every session of `kubic serve` on the same shared watch) holds the same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowEvent<R = Arc<Row>> {
    /// The complete list (initial, or after the watch recovered): replaces every row.
    Reset(Vec<R>),
    Upsert(R),
    Remove(RowKey),
    /// The watch broke; it tries again by itself at `next_try`.
    Failed {
        failure: Failure,
        next_try: Timestamp,
    },
}

impl RowEvent {
    /// The complete list of these rows.
    pub fn rows(rows: Vec<Row>) -> RowEvent {
        RowEvent::Reset(rows.into_iter().map(Arc::new).collect())
    }

    /// This row, added or changed.
    pub fn row(row: Row) -> RowEvent {
        RowEvent::Upsert(Arc::new(row))
    }
}

/// Where and what to run in a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecRequest {
    pub namespace: String,
    pub pod: String,
    pub container: Option<String>,
    pub command: Vec<String>,
    /// Allocate a pseudo-terminal (interactive shells); stdout and stderr merge.
    pub tty: bool,
}

/// How to read logs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogOptions {
    /// `None`: every container of each pod.
    pub container: Option<String>,
    pub tail_lines: Option<i64>,
    pub since_seconds: Option<i64>,
    /// The previous (terminated) container's log; read once, never reconnected.
    pub previous: bool,
    /// Keep the stream open for new lines (else each pass ends and is resumed).
    pub follow: bool,
}

/// One log line with the time the runtime stamped on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampedLine {
    /// RFC 3339, as served; empty when the line carried none.
    pub timestamp: String,
    pub text: String,
}

/// What a log feed reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogEvent {
    Lines {
        pod: String,
        container: String,
        lines: Vec<StampedLine>,
    },
    /// Something about a stream the operator must see (ended, reconnected, pod gone).
    Marker { pod: String, text: String },
    /// The containers a pod has, for choosing one.
    Containers { pod: String, containers: Vec<String> },
    /// The feed itself failed (cannot list pods).
    Failed(Failure),
}

/// What the app creation form collects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApp {
    pub project: String,
    pub name: String,
    pub catalog: String,
    pub tag: String,
    pub replicas: i32,
    pub cpu_millis: Option<u32>,
    pub memory: Option<String>,
    pub ports: Vec<AppPort>,
    pub host: Option<String>,
    pub service_ips: Vec<String>,
}

/// A build as the image form describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBuild {
    pub recipe: String,
    pub version: String,
    pub registry: String,
}

/// A registry as the registration form describes it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewRegistry {
    pub name: String,
    pub url: String,
    pub description: String,
    pub insecure: bool,
    /// Empty keeps the registry's current credentials (none for a new one).
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for NewRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewRegistry")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("insecure", &self.insecure)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// What a file deploy did, as the session shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployed {
    /// The catalog whose files were deployed.
    pub catalog: String,
    /// The report: a summary line, then each pod, failures first.
    pub report: String,
    /// `N pods: N ok, N failed.`
    pub summary: String,
    /// The apps (`project`, `app`) whose pods received the files.
    pub apps: Vec<(String, String)>,
}

impl Deployed {
    pub fn app_names(&self) -> String {
        let names: Vec<String> = self.apps.iter().map(|(p, a)| format!("{p}/{a}")).collect();
        names.join(", ")
    }
}
