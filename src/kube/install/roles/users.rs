//! The roles of `kubic serve`: what admins add to manage users, what every user reads
//! cluster-wide, what a user may do in each of their projects, and the server's own
//! identity, which impersonates them. Every rule says which screen or action needs it.
//!
//! A session of user `alice` impersonates `kubic:alice` with the group `kubic:admins` or
//! `kubic:users` (see `model::user`): the groups are bound cluster-wide by
//! [`GROUP_BINDINGS`], and a user's projects by one RoleBinding each to [`PROJECT_USER`].

use serde_json::{Value, json};

use super::{ADMIN, READ, Rule, named, role_object, rule};
use crate::model::cluster::SYSTEM_NAMESPACE;

/// What every user reads cluster-wide (bound to the group `kubic:users`).
pub const USER_CLUSTER: &str = "kubic-user-cluster";
/// What a user does in one of their projects (bound there by a RoleBinding).
pub const PROJECT_USER: &str = "kubic-project-user";
/// The server's own identity: the ClusterRole and the Role in `kubic-system`.
pub const SERVER: &str = "kubic-server";

pub use crate::model::user::{ADMINS_GROUP, USERS_GROUP};

/// The ClusterRoleBindings `kubic install` applies: `(binding name, group, cluster role)`.
pub const GROUP_BINDINGS: &[(&str, &str, &str)] = &[
    (ADMINS_GROUP, ADMINS_GROUP, ADMIN),
    (USERS_GROUP, USERS_GROUP, USER_CLUSTER),
];

const ALL: &[&str] = &["get", "list", "watch", "create", "update", "patch", "delete"];

/// What `kubic-admin` adds for the users screens.
pub const ADMIN_USERS: &[Rule] = &[
    // :users: the table, `n` (create), `e` (edit), `ctrl-d`; the last login on status.
    rule("kubic.io", &["users", "users/status"], ALL),
    // A user's projects: one RoleBinding each, made, moved and removed with the user.
    rule("rbac.authorization.k8s.io", &["rolebindings"], ALL),
    // Binding to the project role without holding all it grants in every project.
    named(
        rule("rbac.authorization.k8s.io", &["clusterroles"], &["bind"]),
        &[PROJECT_USER],
    ),
];

/// What every user reads cluster-wide.
pub const USER_CLUSTER_RULES: &[Rule] = &[
    // :hosts, and :projects (`:ns`): which projects exist, a user's own among them.
    rule("", &["nodes", "namespaces"], READ),
    // :catalogs (`n` makes an app from one), :registries and a catalog's tags,
    // :recipes, :images, :ippools (an app's host and service IPs come from a pool).
    rule(
        "kubic.io",
        &["catalogs", "registries", "buildrecipes", "imagebuilds", "ippools"],
        READ,
    ),
    // An app's service IPs must not be held by an app of another project: creating or
    // changing an app with service IPs lists every app (`:ippools` `enter` too).
    rule("kubic.io", &["apps"], &["list"]),
    // The user's own record (the password screen shows it).
    rule("kubic.io", &["users"], READ),
    // The dashboard's and :hosts' CPU and memory.
    rule("metrics.k8s.io", &["pods", "nodes"], &["get", "list"]),
];

/// What a user does in each of their projects: the app lifecycle, logs and shells.
pub const PROJECT_USER_RULES: &[Rule] = &[
    // :pods, :svc, :events, :configmaps, :pvc; an app's pods in its report and detail.
    rule(
        "",
        &["pods", "services", "events", "configmaps", "persistentvolumeclaims"],
        READ,
    ),
    // `l`: live logs of pods, workloads and apps.
    rule("", &["pods/log"], &["get"]),
    // `s`: a shell in a pod (its WebSocket upgrade is a GET).
    rule("", &["pods/exec"], &["get", "create"]),
    // `ssh -L …:pod/PROJECT/NAME:PORT` through kubic serve (its WebSocket upgrade is a GET).
    rule("", &["pods/portforward"], &["get", "create"]),
    // `e` / `ctrl-d` on a pod.
    rule("", &["pods"], &["create", "update", "delete"]),
    // Apps' Services and ConfigMaps rendered from catalogs (server-side apply).
    rule(
        "",
        &["services", "configmaps"],
        &["create", "patch", "update", "delete"],
    ),
    // `e` / `ctrl-d` on a claim.
    rule("", &["persistentvolumeclaims"], &["create", "update", "delete"]),
    // :deploy, :rs, :sts, :ds; an app's workloads in its report and detail.
    rule(
        "apps",
        &["deployments", "replicasets", "statefulsets", "daemonsets"],
        READ,
    ),
    // Apps' Deployments and StatefulSets (server-side apply: run, halt, scale, update,
    // rollback); `e` / `ctrl-d`.
    rule(
        "apps",
        &["deployments", "statefulsets"],
        &["create", "patch", "update", "delete"],
    ),
    // `S` on a deployment.
    rule("apps", &["deployments/scale"], &["patch"]),
    // `e` / `ctrl-d` on a replica set or daemon set.
    rule("apps", &["replicasets", "daemonsets"], &["update", "delete"]),
    // :jobs; `e` / `ctrl-d`.
    rule("batch", &["jobs"], READ),
    rule("batch", &["jobs"], &["create", "patch", "update", "delete"]),
    // :apps: `n` on a catalog creates an app; `r`/`t`/`S`/`u`/`b`/`i` replace it; `ctrl-d`.
    rule("kubic.io", &["apps"], READ),
    rule("kubic.io", &["apps"], &["create", "update", "delete"]),
    // An app's phase, recorded on its status.
    rule("kubic.io", &["apps/status"], &["patch"]),
    // Each rollout records a revision (server-side apply); old ones are trimmed; `b`.
    rule("kubic.io", &["apprevisions"], READ),
    rule("kubic.io", &["apprevisions"], &["create", "patch", "update", "delete"]),
];

/// The server's cluster-wide rights: it acts as its users and reads them.
pub const SERVER_RULES: &[Rule] = &[
    // Every request of a session is sent as `kubic:<name>` with the role's group: any
    // user name (names are the users'), but only kubic's two groups — never a group
    // such as system:masters.
    rule("", &["users"], &["impersonate"]),
    named(rule("", &["groups"], &["impersonate"]), &[ADMINS_GROUP, USERS_GROUP]),
    // Logging in: the user's record (role, SSH keys); its last login on status.
    rule("kubic.io", &["users"], READ),
    rule("kubic.io", &["users/status"], &["patch"]),
];

/// The server's rights in `kubic-system`: password hashes and its SSH host key.
pub const SERVER_SYSTEM_RULES: &[Rule] = &[
    // kubic-password-<name> (log in, change password) and kubic-ssh-host-key (kept on
    // first start).
    rule("", &["secrets"], &["get", "create", "update", "patch"]),
];

/// The server's Role in `kubic-system`.
pub fn server_role() -> Value {
    role_object("Role", SERVER, Some(SYSTEM_NAMESPACE), SERVER_SYSTEM_RULES)
}

/// The ClusterRoleBindings of the session groups.
pub fn group_bindings() -> Vec<Value> {
    GROUP_BINDINGS
        .iter()
        .map(|(name, group, role)| {
            json!({
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                "metadata": {"name": name, "labels": {"app.kubernetes.io/managed-by": "kubic"}},
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
                "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": group}]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{rules_of, triples};
    use super::*;

    fn granted(role: &str, group: &str, resource: &str, verb: &str) -> bool {
        triples(&rules_of(role)).contains(&(group.into(), resource.into(), verb.into()))
    }

    #[test]
    fn an_admin_binds_users_to_the_project_role_only() {
        assert!(granted(
            ADMIN,
            "rbac.authorization.k8s.io",
            "clusterroles[kubic-project-user]",
            "bind"
        ));
        assert!(!granted(ADMIN, "rbac.authorization.k8s.io", "clusterroles", "bind"));
        assert!(granted(ADMIN, "kubic.io", "users/status", "patch"));
    }

    #[test]
    fn a_user_reads_no_secret_and_the_server_only_impersonates_and_reads_users() {
        for role in [USER_CLUSTER, PROJECT_USER, SERVER] {
            assert!(
                !triples(&rules_of(role)).iter().any(|(_, r, _)| r == "secrets"),
                "{role}"
            );
        }
        let server = triples(&rules_of(SERVER));
        assert!(server.iter().all(|(g, _, _)| g.is_empty() || g == "kubic.io"));
        assert!(granted(SERVER, "", "users", "impersonate"));
        assert!(granted(SERVER, "", "groups[kubic:users]", "impersonate"));
        assert!(
            !granted(SERVER, "", "groups", "impersonate"),
            "no group beyond kubic's two"
        );
        assert_eq!(server_role()["metadata"]["namespace"], SYSTEM_NAMESPACE);
        assert_eq!(server_role()["rules"][0]["resources"], json!(["secrets"]));
    }

    #[test]
    fn the_session_groups_are_bound_to_their_cluster_roles() {
        let bindings = group_bindings();
        assert_eq!(bindings[0]["roleRef"]["name"], ADMIN);
        assert_eq!(bindings[1]["subjects"][0]["name"], USERS_GROUP);
        assert_eq!(bindings[1]["roleRef"]["name"], USER_CLUSTER);
    }
}
