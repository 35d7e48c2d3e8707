//! The roles `kubic install` creates, as data in one place: every rule says which screen
//! or action needs it, and nothing is granted that kubic does not use.
//!
//! `kubic-viewer` is [`READS`]: it sees every KUBIC screen but reads no Secret, and
//! cannot exec, attach, port-forward, evict, proxy or change anything. `kubic-admin` is
//! [`READS`], [`CHANGES`] and [`users::ADMIN_USERS`]: the verbs kubic's own actions send,
//! users included. The roles of `kubic serve`'s users and of the server itself are in
//! [`users`]. `kubic install` itself (CRDs, cluster roles, the `kubic-system` namespace)
//! is not in any role: it runs as a cluster administrator. A kind kubic has no table of
//! its own for (`:<any kind>`) works as far as the operator's other rights allow.

pub mod users;

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// One RBAC rule: `verbs` on `resources` of the API `group` ("" is the core group),
/// limited to the objects `names` when it names any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub group: &'static str,
    pub resources: &'static [&'static str],
    pub verbs: &'static [&'static str],
    pub names: &'static [&'static str],
}

const fn rule(group: &'static str, resources: &'static [&'static str], verbs: &'static [&'static str]) -> Rule {
    Rule {
        group,
        resources,
        verbs,
        names: &[],
    }
}

/// A rule on the objects `names` only (`resourceNames`).
const fn named(rule: Rule, names: &'static [&'static str]) -> Rule {
    Rule { names, ..rule }
}

/// The name of the read-only role.
pub const VIEWER: &str = "kubic-viewer";
/// The name of the role that runs every KUBIC action.
pub const ADMIN: &str = "kubic-admin";

pub(crate) const READ: &[&str] = &["get", "list", "watch"];

/// What both roles read: the live tables, describe/YAML, logs and the dashboard.
pub const READS: &[Rule] = &[
    // :projects, :hosts, :pods, :svc, :events, :configmaps, :pvc tables (watches), describe
    // and YAML; the dashboard's counts and its description (ConfigMap kubic-cluster).
    rule(
        "",
        &[
            "namespaces",
            "nodes",
            "pods",
            "services",
            "events",
            "configmaps",
            "persistentvolumeclaims",
        ],
        READ,
    ),
    // `l`: live logs of pods, workloads, apps and image builds.
    rule("", &["pods/log"], &["get"]),
    // :deploy, :rs, :sts, :ds tables; an app's workloads in its report and detail.
    rule(
        "apps",
        &["deployments", "replicasets", "statefulsets", "daemonsets"],
        READ,
    ),
    // :jobs; the Job of an image build.
    rule("batch", &["jobs"], READ),
    // KUBIC's screens: :apps (and revisions), :catalogs, :ippools, :registries, :recipes,
    // :images. A Registry names its credentials Secret but does not hold them.
    rule(
        "kubic.io",
        &[
            "apps",
            "apprevisions",
            "catalogs",
            "ippools",
            "registries",
            "buildrecipes",
            "imagebuilds",
        ],
        READ,
    ),
    // The dashboard's and :hosts' CPU and memory (metrics-server; it serves no watch).
    rule("metrics.k8s.io", &["pods", "nodes"], &["get", "list"]),
];

/// What only the admin may do: every change kubic's keys make, and the Secrets.
pub const CHANGES: &[Rule] = &[
    // :projects `n` / `ctrl-d`; `e` on a project; the dashboard's `e` creates kubic-system
    // when it is missing.
    rule("", &["namespaces"], &["create", "update", "delete"]),
    // `X` and `f`: the toolbox pods of the KUBIC and files consoles, removed afterwards;
    // `e` / `ctrl-d` on a pod.
    rule("", &["pods"], &["create", "update", "delete"]),
    // `s`, `X`, `f` (shells), `F` (file deploy, tar over exec), `B` (batch commands);
    // exec opens a WebSocket, whose upgrade request is a GET.
    rule("", &["pods/exec"], &["get", "create"]),
    // `ssh -L …:pod/NAMESPACE/NAME:PORT` through kubic serve (a GET upgrade too).
    rule("", &["pods/portforward"], &["get", "create"]),
    // :hosts `D`: drain evicts through the eviction API.
    rule("", &["pods/eviction"], &["create"]),
    // Apps' Services rendered from catalogs (server-side apply); `e` / `ctrl-d`.
    rule("", &["services"], &["create", "patch", "update", "delete"]),
    // Image build contexts and the dashboard's description (server-side apply); `e` / `ctrl-d`.
    rule("", &["configmaps"], &["create", "patch", "update", "delete"]),
    // Registry credentials in kubic-system (kept by `n`/`e`, read to browse a registry,
    // removed by `ctrl-d`); :secrets (`y` masked, `x` reveals), `e` / `ctrl-d`.
    rule(
        "",
        &["secrets"],
        &["get", "list", "watch", "create", "patch", "update", "delete"],
    ),
    // :catalogs `f`: the claim kubic-files-<catalog>; `e` / `ctrl-d`.
    rule("", &["persistentvolumeclaims"], &["create", "update", "delete"]),
    // :hosts `c` / `U` / `T` (cordon, uncordon, taint: merge patches); `e`. Removing a
    // host is cluster administration, not a KUBIC action: no delete.
    rule("", &["nodes"], &["patch", "update"]),
    // The dashboard's and monitor's network and filesystem charts: the kubelet's stats
    // summary through the API server's node proxy.
    rule("", &["nodes/proxy"], &["get"]),
    // Apps' Deployments and StatefulSets rendered from catalogs (server-side apply), the
    // rolling restart after `F`; `e` / `ctrl-d`.
    rule(
        "apps",
        &["deployments", "statefulsets"],
        &["create", "patch", "update", "delete"],
    ),
    // `S` on a deployment.
    rule("apps", &["deployments/scale"], &["patch"]),
    // `e` / `ctrl-d` on a replica set or daemon set.
    rule("apps", &["replicasets", "daemonsets"], &["update", "delete"]),
    // :images `n` starts a build Job in kubic-system (server-side apply), `ctrl-d` removes
    // it; `e` / `ctrl-d`.
    rule("batch", &["jobs"], &["create", "patch", "update", "delete"]),
    // :catalogs `n` creates an app; `r`/`t`/`S`/`u`/`b`/`i` replace it; `ctrl-d`.
    rule("kubic.io", &["apps"], &["create", "update", "delete"]),
    // An app's phase and a build's progress, recorded on their status.
    rule("kubic.io", &["apps/status", "imagebuilds/status"], &["patch"]),
    // Each rollout records a revision (server-side apply); old ones are trimmed.
    rule("kubic.io", &["apprevisions"], &["create", "patch", "update", "delete"]),
    // :catalogs `C` / `e` and :registries `n` / `e` (server-side apply), `ctrl-d`.
    rule(
        "kubic.io",
        &["catalogs", "registries"],
        &["create", "patch", "update", "delete"],
    ),
    // :ippools `n` / `ctrl-d` (IPs added and removed by replacing the host's pool).
    rule("kubic.io", &["ippools"], &["create", "update", "delete"]),
    // :recipes `n`, :images `n`; `e` / `ctrl-d`.
    rule(
        "kubic.io",
        &["buildrecipes", "imagebuilds"],
        &["create", "update", "delete"],
    ),
];

/// The rules of the cluster role `name` (empty for an unknown name).
pub fn rules_of(name: &str) -> Vec<Rule> {
    match name {
        VIEWER => READS.to_vec(),
        ADMIN => READS.iter().chain(CHANGES).chain(users::ADMIN_USERS).copied().collect(),
        users::USER_CLUSTER => users::USER_CLUSTER_RULES.to_vec(),
        users::PROJECT_USER => users::PROJECT_USER_RULES.to_vec(),
        users::SERVER => users::SERVER_RULES.to_vec(),
        _ => Vec::new(),
    }
}

/// Every `(group, resource, verb)` the rules grant; a rule limited to some objects
/// names them after the resource: `clusterroles[kubic-project-user]`.
pub fn triples(rules: &[Rule]) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for rule in rules {
        for resource in rule.resources {
            let mut targets: Vec<String> = rule.names.iter().map(|n| format!("{resource}[{n}]")).collect();
            if targets.is_empty() {
                targets.push(resource.to_string());
            }
            for target in targets {
                for verb in rule.verbs {
                    out.insert((rule.group.to_string(), target.clone(), verb.to_string()));
                }
            }
        }
    }
    out
}

/// A rule as the API server takes it.
fn render(rule: &Rule) -> Value {
    let mut rendered = json!({"apiGroups": [rule.group], "resources": rule.resources, "verbs": rule.verbs});
    if !rule.names.is_empty() {
        rendered["resourceNames"] = json!(rule.names);
    }
    rendered
}

/// The ClusterRole object `kubic install` applies for the role `name`.
pub fn cluster_role(name: &str) -> Value {
    role_object("ClusterRole", name, None, &rules_of(name))
}

/// A ClusterRole (`namespace` None) or a Role with `rules`.
pub(crate) fn role_object(kind: &str, name: &str, namespace: Option<&str>, rules: &[Rule]) -> Value {
    let rules: Vec<Value> = rules.iter().map(render).collect();
    let mut object = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
        "metadata": {"name": name, "labels": {"app.kubernetes.io/managed-by": "kubic"}},
        "rules": rules
    });
    if let Some(namespace) = namespace {
        object["metadata"]["namespace"] = json!(namespace);
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;

    fn granted(role: &str, group: &str, resource: &str, verb: &str) -> bool {
        triples(&rules_of(role)).contains(&(group.into(), resource.into(), verb.into()))
    }

    #[test]
    fn the_viewer_reads_no_secret_and_changes_nothing() {
        let viewer = triples(&rules_of(VIEWER));
        assert!(
            viewer
                .iter()
                .all(|(_, _, verb)| ["get", "list", "watch"].contains(&verb.as_str()))
        );
        assert!(viewer.iter().all(|(_, resource, _)| resource != "secrets"));
        for sub in [
            "pods/exec",
            "pods/attach",
            "pods/portforward",
            "pods/eviction",
            "nodes/proxy",
        ] {
            assert!(viewer.iter().all(|(_, resource, _)| resource != sub), "{sub}");
        }
        assert!(granted(VIEWER, "", "pods/log", "get"));
    }

    #[test]
    fn the_admin_reads_what_the_viewer_reads_and_runs_kubics_actions() {
        let admin = triples(&rules_of(ADMIN));
        assert!(triples(&rules_of(VIEWER)).is_subset(&admin));
        assert!(granted(ADMIN, "", "pods/exec", "create"));
        assert!(granted(ADMIN, "", "secrets", "patch"));
        assert!(!granted(ADMIN, "", "nodes", "delete"));
        assert!(admin.iter().all(|(g, r, v)| g != "*" && r != "*" && v != "*"));
    }

    #[test]
    fn a_role_renders_one_rule_per_table_entry() {
        let role = cluster_role(ADMIN);
        assert_eq!(
            role["rules"].as_array().map(Vec::len),
            Some(READS.len() + CHANGES.len() + users::ADMIN_USERS.len())
        );
        assert_eq!(
            role["rules"][1],
            json!({"apiGroups": [""], "resources": ["pods/log"], "verbs": ["get"]})
        );
        assert!(rules_of("someone-else").is_empty());
    }
}
