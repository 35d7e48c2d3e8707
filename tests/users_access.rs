//! What `kubic serve`'s identities may do on the local cluster: a user session
//! (`kubic:<name>` in `kubic:users`) runs an app's whole lifecycle in its project with
//! kubic's own kube layer, reads hosts and catalogs, and is refused other projects and
//! Secrets; the server identity impersonates and keeps password hashes, nothing more;
//! and the new roles render exactly the rules declared here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use k8s_openapi::api::core::v1::{Node, Pod, Secret};
use k8s_openapi::api::rbac::v1::RoleBinding;
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};

use kubic::kube::Connection;
use kubic::kube::install::roles::users::{PROJECT_USER, SERVER, SERVER_SYSTEM_RULES, USER_CLUSTER};
use kubic::kube::install::roles::{rules_of, triples};
use kubic::kube::kubic::{apps, catalogs, ippools};
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::users::{create_user, delete_user, password_hash, record_login, set_password_hash};
use kubic::model::cluster::SYSTEM_NAMESPACE;
use kubic::model::crd::Catalog;
use kubic::model::password::hash_password;
use kubic::model::user::{NewUser, USERS_GROUP, UserRole, kube_user};
use support::access::{
    assert_may, bind_cluster_wide, connect_as, connect_as_in, create_pod, declared, installed, wait_bound,
};
use support::fixtures::{bind_spec, small_dns_app};
use support::unique;

/// The new roles' grants, `group resources verbs` (`core` is the core group).
const USER_CLUSTER_GRANTS: &[&str] = &[
    "core nodes,namespaces get,list,watch",
    "kubic.io catalogs,registries,buildrecipes,imagebuilds,ippools,users get,list,watch",
    "kubic.io apps list",
    "metrics.k8s.io pods,nodes get,list",
];
const PROJECT_USER_GRANTS: &[&str] = &[
    "core pods,services,events,configmaps,persistentvolumeclaims get,list,watch",
    "core pods,persistentvolumeclaims create,update,delete",
    "core services,configmaps create,patch,update,delete",
    "core pods/log get",
    "core pods/exec get,create",
    "core pods/portforward get,create",
    "apps deployments,replicasets,statefulsets,daemonsets get,list,watch",
    "apps deployments,statefulsets create,patch,update,delete",
    "apps replicasets,daemonsets update,delete",
    "apps deployments/scale patch",
    "batch jobs get,list,watch,create,patch,update,delete",
    "kubic.io apps get,list,watch,create,update,delete",
    "kubic.io apps/status patch",
    "kubic.io apprevisions get,list,watch,create,patch,update,delete",
];
const SERVER_GRANTS: &[&str] = &[
    "core users impersonate",
    "core groups[kubic:admins],groups[kubic:users] impersonate",
    "kubic.io users get,list,watch",
    "kubic.io users/status patch",
];

#[test]
fn the_session_roles_grant_exactly_the_declared_rules() {
    for (role, lines) in [
        (USER_CLUSTER, USER_CLUSTER_GRANTS),
        (PROJECT_USER, PROJECT_USER_GRANTS),
        (SERVER, SERVER_GRANTS),
    ] {
        assert_eq!(triples(&rules_of(role)), declared(lines), "{role}");
    }
    assert_eq!(
        triples(SERVER_SYSTEM_RULES),
        declared(&["core secrets get,create,update,patch"])
    );
}

fn refused<T: std::fmt::Debug>(result: Result<T, kube::Error>) {
    match result {
        Err(kube::Error::Api(status)) => assert_eq!(status.code, 403, "{status:?}"),
        other => panic!("expected a 403, got {other:?}"),
    }
}

/// A user of `projects` and their session, once the authorizer lets them list pods in
/// the first project.
async fn user_session(admin: &Connection, projects: &[&str]) -> (String, Connection) {
    let name = unique("erin");
    let new = NewUser {
        name: name.clone(),
        role: UserRole::User,
        projects: projects.iter().map(|p| p.to_string()).collect(),
        description: String::new(),
        password_hash: hash_password("correct horse battery").unwrap(),
    };
    create_user(admin, &new).await.expect("create the user");
    let session = connect_as_in(&kube_user(&name), &[USERS_GROUP]).await;
    wait_bound(&session, "", "pods", projects[0]).await;
    (name, session)
}

#[tokio::test]
async fn a_user_session_runs_apps_in_its_project_and_nowhere_else() {
    let admin = installed().await;
    let (mine, other) = (unique("kubic-users-mine"), unique("kubic-users-other"));
    for project in [&mine, &other] {
        create_namespace(&admin, project).await.expect("create a project");
    }
    let catalog = unique("bind");
    catalogs::save_catalog(&admin, &catalog, bind_spec())
        .await
        .expect("a catalog");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let ip = format!("198.18.{}.{}", std::process::id() % 250, nanos % 250 + 1);
    ippools::add_ip(&admin, "kube-minion2", &ip)
        .await
        .expect("register an IP");
    let (name, session) = user_session(&admin, &[&mine]).await;

    // Pods in its project: create and list.
    create_pod(&session, &mine, "web").await;
    let pods = Api::<Pod>::namespaced(session.client.clone(), &mine);
    assert_eq!(
        pods.list(&ListParams::default()).await.expect("list pods").items.len(),
        1
    );
    // An app's whole lifecycle, service IPs included, through kubic's own kube layer.
    let mut app = small_dns_app(&mine, &catalog);
    app.host = Some("kube-minion2".into());
    app.service_ips = vec![ip.clone()];
    apps::create_app(&session, app).await.expect("create an app");
    apps::run_app(&session, &mine, "dns").await.expect("run it");
    apps::scale_app(&session, &mine, "dns", 2).await.expect("scale it");
    apps::update_tag(&session, &mine, "dns", "9.20")
        .await
        .expect("update it");
    apps::rollback(&session, &mine, "dns", 1).await.expect("roll it back");
    apps::halt_app(&session, &mine, "dns").await.expect("halt it");
    apps::delete_app_forced(&session, &mine, "dns")
        .await
        .expect("delete it");
    // Cluster-wide reads: hosts and catalogs.
    let nodes = Api::<Node>::all(session.client.clone())
        .list(&ListParams::default())
        .await;
    assert!(!nodes.expect("list hosts").items.is_empty());
    Api::<Catalog>::all(session.client.clone())
        .get(&catalog)
        .await
        .expect("read a catalog");
    assert_may(
        &session,
        true,
        &[("get", "", "pods/log", &mine), ("create", "", "pods/exec", &mine)],
    )
    .await;

    // Refused: another project, every Secret, other users' changes.
    refused(
        Api::<Pod>::namespaced(session.client.clone(), &other)
            .list(&ListParams::default())
            .await,
    );
    refused(
        Api::<Pod>::all(session.client.clone())
            .list(&ListParams::default())
            .await,
    );
    for namespace in [mine.as_str(), SYSTEM_NAMESPACE] {
        refused(
            Api::<Secret>::namespaced(session.client.clone(), namespace)
                .list(&ListParams::default())
                .await,
        );
    }
    assert_may(
        &session,
        false,
        &[
            ("create", "kubic.io", "apps", &other),
            ("create", "", "pods/exec", &other),
            ("get", "", "secrets", &mine),
            ("create", "kubic.io", "users", ""),
            ("create", "rbac.authorization.k8s.io", "rolebindings", &mine),
            ("create", "kubic.io", "catalogs", ""),
            ("update", "kubic.io", "ippools", ""),
            ("delete", "", "namespaces", ""),
        ],
    )
    .await;

    delete_user(&admin, &name).await.expect("delete the user");
    ippools::remove_ip(&admin, "kube-minion2", &ip)
        .await
        .expect("remove the IP");
    // The app goes once the garbage collector has removed what it owns (foreground).
    support::eventually("the app to be gone", std::time::Duration::from_secs(60), || async {
        catalogs::apps_of(&admin, &catalog).await.ok()?.is_empty().then_some(())
    })
    .await;
    catalogs::delete_catalog(&admin, &catalog, false)
        .await
        .expect("delete the catalog");
    for project in [&mine, &other] {
        delete_namespace(&admin, project).await.expect("delete a project");
    }
}

#[tokio::test]
async fn the_server_identity_impersonates_and_keeps_password_hashes_only() {
    let admin = installed().await;
    let project = unique("kubic-users-srv");
    create_namespace(&admin, &project).await.expect("create a project");
    let (name, _) = user_session(&admin, &[&project]).await;
    let server_name = unique("kubic-server");
    let binding = bind_cluster_wide(&admin, &server_name, SERVER).await;
    let system_binding: RoleBinding = serde_json::from_value(serde_json::json!({
        "metadata": {"name": server_name, "namespace": SYSTEM_NAMESPACE},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": SERVER},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": server_name}]
    }))
    .unwrap();
    let system_bindings = Api::<RoleBinding>::namespaced(admin.client.clone(), SYSTEM_NAMESPACE);
    system_bindings
        .create(&PostParams::default(), &system_binding)
        .await
        .expect("bind the server's Role");
    let server = connect_as(&server_name).await;
    wait_bound(&server, "kubic.io", "users", "").await;

    assert!(password_hash(&server, &name).await.expect("read a hash").is_some());
    set_password_hash(&server, &name, &hash_password("a newer password").unwrap())
        .await
        .expect("change a password");
    record_login(&server, &name, "192.0.2.9:40000")
        .await
        .expect("record a login");
    assert_may(
        &server,
        true,
        &[
            ("impersonate", "", "users", ""),
            ("impersonate", "", "groups[kubic:admins]", ""),
            ("impersonate", "", "groups[kubic:users]", ""),
        ],
    )
    .await;
    assert_may(
        &server,
        false,
        &[
            ("list", "", "secrets", SYSTEM_NAMESPACE),
            ("delete", "", "secrets", SYSTEM_NAMESPACE),
            ("get", "", "secrets", &project),
            ("list", "", "pods", ""),
            ("update", "kubic.io", "users", ""),
            ("impersonate", "", "serviceaccounts", ""),
            ("impersonate", "", "groups[system:masters]", ""),
        ],
    )
    .await;

    system_bindings
        .delete(&server_name, &DeleteParams::default())
        .await
        .expect("unbind the server's Role");
    support::access::unbind_cluster_wide(&admin, &binding).await;
    delete_user(&admin, &name).await.expect("delete the user");
    delete_namespace(&admin, &project).await.expect("delete the project");
}
