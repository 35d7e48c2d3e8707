//! Access checks for the role tests: a user bound to one of kubic's roles, connected
//! through kubic's own `--as`, asks the API server what it may do.

use std::time::Duration;

use k8s_openapi::api::authorization::v1::{ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, RoleBinding, RoleRef, Subject};
use kube::Api;
use kube::api::{DeleteParams, ObjectMeta, PostParams};
use serde_json::{Value, json};

use kubic::kube::install::install;
use kubic::kube::{ConnectOptions, Connection, KubeError, connect};
use kubic::model::cluster::ObjectRef;
use kubic::model::failure::{Failure, FailureKind};
use kubic::model::resource::{Known, Registry};

use super::{connection, eventually, kubeconfig};

/// A connection as `user`, through kubic's own `--as`.
pub async fn connect_as(user: &str) -> Connection {
    connect_as_in(user, &[]).await
}

/// A connection as `user` in `groups`, through kubic's own `--as` and `--as-group`.
pub async fn connect_as_in(user: &str, groups: &[&str]) -> Connection {
    let options = ConnectOptions {
        kubeconfig: Some(kubeconfig().to_path_buf()),
        as_user: Some(user.to_string()),
        as_groups: groups.iter().map(|g| g.to_string()).collect(),
        ..ConnectOptions::default()
    };
    let conn = connect(&options).await.expect("connect with impersonation");
    assert_eq!(conn.identity, user);
    conn
}

/// Whether the API server lets `conn`'s user `verb` the `resource` (`pods/log` names a
/// subresource, `clusterroles[view]` one object) of `group`, in `namespace` ("" for every
/// namespace or cluster-scoped).
pub async fn may(conn: &Connection, verb: &str, group: &str, resource: &str, namespace: &str) -> bool {
    let (resource, name) = match resource.strip_suffix(']').and_then(|r| r.split_once('[')) {
        Some((resource, name)) => (resource, Some(name.to_string())),
        None => (resource, None),
    };
    let (resource, subresource) = match resource.split_once('/') {
        Some((resource, sub)) => (resource, Some(sub.to_string())),
        None => (resource, None),
    };
    let review = SelfSubjectAccessReview {
        spec: SelfSubjectAccessReviewSpec {
            resource_attributes: Some(ResourceAttributes {
                verb: Some(verb.into()),
                group: Some(group.into()),
                resource: Some(resource.into()),
                subresource,
                name,
                namespace: (!namespace.is_empty()).then(|| namespace.to_string()),
                ..ResourceAttributes::default()
            }),
            ..SelfSubjectAccessReviewSpec::default()
        },
        ..SelfSubjectAccessReview::default()
    };
    let answer = Api::<SelfSubjectAccessReview>::all(conn.client.clone())
        .create(&PostParams::default(), &review)
        .await
        .expect("a self subject access review");
    answer.status.is_some_and(|s| s.allowed)
}

/// Asserts each `(verb, group, resource, namespace)` is allowed (or not) for `conn`'s user.
pub async fn assert_may(conn: &Connection, allowed: bool, checks: &[(&str, &str, &str, &str)]) {
    for (verb, group, resource, namespace) in checks {
        let answer = may(conn, verb, group, resource, namespace).await;
        assert_eq!(
            answer,
            allowed,
            "{}: {verb} {group}/{resource} in {namespace:?} should be {}",
            conn.identity,
            if allowed { "allowed" } else { "refused" }
        );
    }
}

/// Waits until the authorizer has seen a new binding (its caches follow a watch).
pub async fn wait_bound(conn: &Connection, group: &str, resource: &str, namespace: &str) {
    let what = format!("{} to be allowed to list {resource}", conn.identity);
    eventually(&what, Duration::from_secs(30), || async {
        may(conn, "list", group, resource, namespace).await.then_some(())
    })
    .await;
}

pub fn subject(user: &str) -> Vec<Subject> {
    vec![Subject {
        kind: "User".into(),
        name: user.into(),
        api_group: Some("rbac.authorization.k8s.io".into()),
        namespace: None,
    }]
}

pub fn role_ref(role: &str) -> RoleRef {
    RoleRef {
        api_group: Some("rbac.authorization.k8s.io".into()),
        kind: "ClusterRole".into(),
        name: role.into(),
    }
}

/// Binds `user` to the cluster role `role` everywhere; returns the binding's name.
/// `user` bound cluster-wide to `role`, connected as that user once the API server
/// lets it list pods (both roles may): the binding's name and the connection.
pub async fn user_bound_to(admin: &Connection, user: &str, role: &str) -> (String, Connection) {
    let binding = bind_cluster_wide(admin, user, role).await;
    let conn = connect_as(user).await;
    wait_bound(&conn, "", "pods", "").await;
    (binding, conn)
}

pub async fn bind_cluster_wide(admin: &Connection, user: &str, role: &str) -> String {
    let binding = ClusterRoleBinding {
        metadata: ObjectMeta {
            name: Some(user.to_string()),
            ..ObjectMeta::default()
        },
        role_ref: role_ref(role),
        subjects: Some(subject(user)),
    };
    Api::<ClusterRoleBinding>::all(admin.client.clone())
        .create(&PostParams::default(), &binding)
        .await
        .expect("create the cluster role binding");
    user.to_string()
}

pub async fn unbind_cluster_wide(admin: &Connection, name: &str) {
    Api::<ClusterRoleBinding>::all(admin.client.clone())
        .delete(name, &DeleteParams::default())
        .await
        .expect("delete the cluster role binding");
}

/// The admin connection, after `kubic install` (idempotent).
pub async fn installed() -> Connection {
    let admin = connection().await;
    install(&admin).await.expect("kubic install");
    admin
}

/// A pod in `namespace`, for the reads to find.
pub async fn create_pod(admin: &Connection, namespace: &str, name: &str) {
    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
        "spec": {"containers": [{"name": "main", "image": "registry.example/web:1"}]}
    }))
    .unwrap();
    let pods = Api::<Pod>::namespaced(admin.client.clone(), namespace);
    // A fresh namespace takes pods once its default service account exists.
    eventually("a pod to be created", Duration::from_secs(30), || async {
        pods.create(&PostParams::default(), &pod).await.ok().map(drop)
    })
    .await;
}

pub fn object(known: Known, namespace: &str, name: &str) -> ObjectRef {
    ObjectRef {
        kind: Registry::builtin().known(known).unwrap().clone(),
        namespace: namespace.into(),
        name: name.into(),
    }
}

pub fn assert_refused_for(result: Result<Value, KubeError>, user: &str) {
    let error = result.expect_err("the request should be refused");
    let failure = Failure::from(error);
    assert!(failure.is(FailureKind::Forbidden), "{failure:?}");
    let prefix = format!("not allowed for {user}:");
    assert!(
        failure.message.starts_with(&prefix),
        "{:?} does not start with {prefix:?}",
        failure.message
    );
}

/// Binds `user` to the cluster role `role` in `namespace` only.
pub async fn bind_in_project(admin: &Connection, user: &str, role: &str, namespace: &str) {
    let binding = RoleBinding {
        metadata: ObjectMeta {
            name: Some(user.to_string()),
            ..ObjectMeta::default()
        },
        role_ref: role_ref(role),
        subjects: Some(subject(user)),
    };
    Api::<RoleBinding>::namespaced(admin.client.clone(), namespace)
        .create(&PostParams::default(), &binding)
        .await
        .expect("create the role binding");
}

pub async fn unbind_in_project(admin: &Connection, user: &str, namespace: &str) {
    Api::<RoleBinding>::namespaced(admin.client.clone(), namespace)
        .delete(user, &DeleteParams::default())
        .await
        .expect("delete the role binding");
}

/// The `(group, resource, verb)` triples of grants written `group resources verbs`
/// (`core` for the core group; resources and verbs comma-separated, `resource[name]`
/// for a rule on named objects).
pub fn declared(lines: &[&str]) -> std::collections::BTreeSet<(String, String, String)> {
    let mut out = std::collections::BTreeSet::new();
    for line in lines {
        let [group, resources, verbs] = line.split(' ').collect::<Vec<_>>()[..] else {
            panic!("a declared grant is `group resources verbs`: {line:?}");
        };
        let group = if group == "core" { "" } else { group };
        for resource in resources.split(',') {
            for verb in verbs.split(',') {
                out.insert((group.to_string(), resource.to_string(), verb.to_string()));
            }
        }
    }
    out
}
