//! The roles `kubic install` creates, against the local cluster: a fresh user bound to
//! each one, connected through kubic's own `--as` impersonation, asks the API server
//! (SelfSubjectAccessReview) what it may do; a project-bound admin stays in its project;
//! and the rendered roles grant exactly the rules declared below, never more.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::collections::BTreeSet;

use serde_json::Value;

use kubic::kube::install::install_objects;
use kubic::kube::install::roles::{ADMIN, VIEWER};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::objects;
use kubic::model::cluster::SYSTEM_NAMESPACE;
use kubic::model::resource::Known;
use support::access::{
    assert_may, assert_refused_for, bind_in_project, connect_as, create_pod, declared, installed, object,
    unbind_cluster_wide, unbind_in_project, user_bound_to, wait_bound,
};
use support::unique;

/// What the viewer may do, as `group resources verbs` (the core group is `core`). A rule
/// that grows in `src/kube/install/roles.rs` fails the test until it is declared here.
const VIEWER_GRANTS: &[&str] = &[
    "core namespaces,nodes,pods,services,events,configmaps,persistentvolumeclaims get,list,watch",
    "core pods/log get",
    "apps deployments,replicasets,statefulsets,daemonsets get,list,watch",
    "batch jobs get,list,watch",
    "kubic.io apps,apprevisions,catalogs,ippools,registries,buildrecipes,imagebuilds get,list,watch",
    "metrics.k8s.io pods,nodes get,list",
];

/// What the admin may do beyond the viewer.
const ADMIN_CHANGES: &[&str] = &[
    "core namespaces,pods,persistentvolumeclaims create,update,delete",
    "core pods/exec,pods/eviction create",
    "core pods/exec get",
    "core pods/portforward get,create",
    "core services,configmaps create,patch,update,delete",
    "core secrets get,list,watch,create,patch,update,delete",
    "core nodes patch,update",
    "core nodes/proxy get",
    "apps deployments,statefulsets create,patch,update,delete",
    "apps deployments/scale patch",
    "apps replicasets,daemonsets update,delete",
    "batch jobs create,patch,update,delete",
    "kubic.io apps,ippools,buildrecipes,imagebuilds create,update,delete",
    "kubic.io apps/status,imagebuilds/status patch",
    "kubic.io apprevisions,catalogs,registries create,patch,update,delete",
    "kubic.io users,users/status get,list,watch,create,update,patch,delete",
    "rbac.authorization.k8s.io rolebindings get,list,watch,create,update,patch,delete",
    "rbac.authorization.k8s.io clusterroles[kubic-project-user] bind",
];

type Triple = (String, String, String);

fn rendered_role(name: &str) -> Value {
    install_objects()
        .unwrap()
        .into_iter()
        .find(|o| o["kind"] == "ClusterRole" && o["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("kubic install renders no ClusterRole {name}"))
}

/// The `(group, resource, verb)` triples a rendered ClusterRole grants (a rule limited to
/// some objects names them: `clusterroles[kubic-project-user]`); no wildcard, no
/// non-resource URLs, no aggregation.
fn rendered(name: &str) -> BTreeSet<Triple> {
    let role = rendered_role(name);
    assert!(role.get("aggregationRule").is_none(), "{name} aggregates other roles");
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap_or_else(|| panic!("{name}: a rule field is not a list: {value}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let mut out = BTreeSet::new();
    for rule in role["rules"].as_array().unwrap() {
        assert!(
            rule.get("nonResourceURLs").is_none(),
            "{name} has nonResourceURLs: {rule}"
        );
        let (groups, mut resources, verbs) = (
            strings(&rule["apiGroups"]),
            strings(&rule["resources"]),
            strings(&rule["verbs"]),
        );
        if let Some(names) = rule.get("resourceNames") {
            let names = strings(names);
            resources = resources
                .iter()
                .flat_map(|r| names.iter().map(move |n| format!("{r}[{n}]")))
                .collect();
        }
        for word in groups.iter().chain(&resources).chain(&verbs) {
            assert!(!word.contains('*'), "{name} grants a wildcard: {rule}");
        }
        for group in &groups {
            for resource in &resources {
                for verb in &verbs {
                    out.insert((group.clone(), resource.clone(), verb.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn the_rendered_roles_grant_exactly_the_declared_rules() {
    let viewer = declared(VIEWER_GRANTS);
    let admin: BTreeSet<Triple> = viewer.union(&declared(ADMIN_CHANGES)).cloned().collect();
    for (name, expected) in [(VIEWER, &viewer), (ADMIN, &admin)] {
        let actual = rendered(name);
        let extra: Vec<_> = actual.difference(expected).collect();
        let missing: Vec<_> = expected.difference(&actual).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "{name}: beyond the list {extra:?}, missing {missing:?}"
        );
    }
    assert!(viewer.iter().all(|(_, resource, _)| resource != "secrets"));
}

/// Every change the admin role grants, as checks for the viewer, who may do none of them.
fn admin_changes() -> Vec<(String, String, String)> {
    declared(ADMIN_CHANGES).into_iter().map(|(g, r, v)| (v, g, r)).collect()
}

#[tokio::test]
async fn the_viewer_sees_kubics_screens_but_no_secret_and_changes_nothing() {
    let admin = installed().await;
    let project = unique("kubic-roles-view");
    create_namespace(&admin, &project).await.expect("create the project");
    let user = unique("viewer");
    let (binding, viewer) = user_bound_to(&admin, &user, VIEWER).await;

    assert_may(
        &viewer,
        true,
        &[
            ("list", "", "pods", ""),
            ("watch", "", "pods", &project),
            ("get", "", "pods/log", &project),
            ("list", "", "nodes", ""),
            ("list", "kubic.io", "apps", ""),
            ("list", "kubic.io", "registries", ""),
            ("list", "metrics.k8s.io", "pods", ""),
        ],
    )
    .await;
    let mut refused: Vec<(&str, &str, &str, &str)> = Vec::new();
    for namespace in ["", SYSTEM_NAMESPACE, &project] {
        for verb in ["get", "list", "watch"] {
            refused.push((verb, "", "secrets", namespace));
        }
    }
    refused.extend([
        ("create", "", "pods/exec", project.as_str()),
        ("get", "", "pods/exec", &project),
        ("create", "", "pods/attach", &project),
        ("create", "", "pods/portforward", &project),
        ("create", "", "pods/eviction", &project),
        ("get", "", "nodes/proxy", ""),
        ("get", "", "services/proxy", &project),
        ("create", "", "serviceaccounts/token", &project),
        ("get", "", "serviceaccounts", &project),
        ("patch", "apps", "deployments", &project),
        ("delete", "", "pods", &project),
        ("delete", "", "namespaces", ""),
        ("delete", "kubic.io", "apps", &project),
    ]);
    assert_may(&viewer, false, &refused).await;
    let changes = admin_changes();
    let changes: Vec<(&str, &str, &str, &str)> = changes
        .iter()
        .map(|(v, g, r)| (v.as_str(), g.as_str(), r.as_str(), project.as_str()))
        .collect();
    assert_may(&viewer, false, &changes).await;

    unbind_cluster_wide(&admin, &binding).await;
    delete_namespace(&admin, &project).await.expect("delete the project");
}

#[tokio::test]
async fn the_admin_may_run_every_kubic_action_and_nothing_more() {
    let admin = installed().await;
    let user = unique("admin");
    let (binding, operator) = user_bound_to(&admin, &user, ADMIN).await;

    let every: Vec<(String, String, String)> = rendered(ADMIN).into_iter().map(|(g, r, v)| (v, g, r)).collect();
    let every: Vec<(&str, &str, &str, &str)> = every
        .iter()
        .map(|(v, g, r)| (v.as_str(), g.as_str(), r.as_str(), ""))
        .collect();
    assert_may(&operator, true, &every).await;
    assert_may(
        &operator,
        true,
        &[
            ("create", "kubic.io", "apps", "demo"),
            ("update", "kubic.io", "apps", "demo"),
            ("delete", "kubic.io", "apps", "demo"),
            ("create", "kubic.io", "ippools", ""),
            ("update", "kubic.io", "ippools", ""),
            ("delete", "kubic.io", "ippools", ""),
            ("patch", "kubic.io", "catalogs", ""),
            ("patch", "kubic.io", "registries", ""),
            ("patch", "apps", "deployments/scale", "demo"),
            ("create", "", "pods/exec", "demo"),
            ("create", "", "pods/portforward", "demo"),
            ("create", "", "pods/eviction", "demo"),
            ("patch", "", "secrets", SYSTEM_NAMESPACE),
            ("get", "", "secrets", SYSTEM_NAMESPACE),
            ("delete", "", "secrets", SYSTEM_NAMESPACE),
        ],
    )
    .await;
    assert_may(
        &operator,
        false,
        &[
            ("delete", "", "nodes", ""),
            ("create", "", "pods/attach", "demo"),
            ("create", "", "serviceaccounts/token", "demo"),
            ("create", "rbac.authorization.k8s.io", "clusterrolebindings", ""),
            ("create", "rbac.authorization.k8s.io", "clusterroles", ""),
            ("bind", "rbac.authorization.k8s.io", "clusterroles", ""),
            ("escalate", "rbac.authorization.k8s.io", "clusterroles", ""),
            ("create", "apiextensions.k8s.io", "customresourcedefinitions", ""),
            ("delete", "", "persistentvolumes", ""),
        ],
    )
    .await;

    unbind_cluster_wide(&admin, &binding).await;
}

#[tokio::test]
async fn an_admin_bound_in_one_project_cannot_act_in_another() {
    let admin = installed().await;
    let (mine, other) = (unique("kubic-roles-a"), unique("kubic-roles-b"));
    for project in [&mine, &other] {
        create_namespace(&admin, project).await.expect("create a project");
    }
    create_pod(&admin, &other, "web").await;
    let user = unique("project-admin");
    bind_in_project(&admin, &user, ADMIN, &mine).await;
    let operator = connect_as(&user).await;
    wait_bound(&operator, "kubic.io", "apps", &mine).await;

    let actions = [
        ("create", "kubic.io", "apps"),
        ("delete", "kubic.io", "apps"),
        ("delete", "", "pods"),
        ("create", "", "pods/exec"),
        ("patch", "apps", "deployments/scale"),
        ("list", "", "secrets"),
    ];
    for (project, allowed) in [(mine.as_str(), true), (other.as_str(), false)] {
        let checks: Vec<(&str, &str, &str, &str)> = actions.iter().map(|&(v, g, r)| (v, g, r, project)).collect();
        assert_may(&operator, allowed, &checks).await;
    }
    assert_may(
        &operator,
        false,
        &[("create", "kubic.io", "ippools", ""), ("list", "", "pods", "")],
    )
    .await;
    let pod = objects::get(&operator, &object(Known::Pod, &other, "web")).await;
    assert_refused_for(pod, &user);

    unbind_in_project(&admin, &user, &mine).await;
    for project in [&mine, &other] {
        delete_namespace(&admin, project).await.expect("delete a project");
    }
}
