//! KUBIC's users against the local cluster: a user is a `User` record without any
//! password, an argon2id hash in its Secret of `kubic-system` and one RoleBinding per
//! project, kept together by create, edit and delete; an admin session manages users;
//! and `kubic user` reads the password from standard input, never from its arguments.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::api::rbac::v1::RoleBinding;
use kube::Api;

use kubic::kube::Connection;
use kubic::kube::install::roles::users::PROJECT_USER;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::users::{
    binding_name, bindings_of, create_user, delete_user, get_user, password_hash, password_secret_name, record_login,
    set_password_hash, update_user,
};
use kubic::model::cluster::SYSTEM_NAMESPACE;
use kubic::model::password::{hash_password, verify_password};
use kubic::model::user::{ADMINS_GROUP, NewUser, UserEdit, UserRole, kube_user};
use support::access::{connect_as_in, installed, wait_bound};
use support::unique;

fn new_user(name: &str, projects: &[&str], password: &str) -> NewUser {
    NewUser {
        name: name.into(),
        role: UserRole::User,
        projects: projects.iter().map(|p| p.to_string()).collect(),
        description: "a test user".into(),
        password_hash: hash_password(password).unwrap(),
    }
}

async fn secret(conn: &Connection, name: &str) -> Option<Secret> {
    Api::<Secret>::namespaced(conn.client.clone(), SYSTEM_NAMESPACE)
        .get_opt(&password_secret_name(name))
        .await
        .unwrap()
}

/// The projects user `name` has a RoleBinding in, sorted.
async fn bound_projects(conn: &Connection, name: &str) -> Vec<String> {
    let mut projects: Vec<String> = bindings_of(conn, name)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.metadata.namespace.unwrap_or_default())
        .collect();
    projects.sort();
    projects
}

#[tokio::test]
async fn a_user_is_a_record_a_password_secret_and_project_bindings_kept_together() {
    let admin = installed().await;
    let (one, two) = (unique("kubic-users-a"), unique("kubic-users-b"));
    for project in [&one, &two] {
        create_namespace(&admin, project).await.expect("create a project");
    }
    let name = unique("alice");
    let created = create_user(&admin, &new_user(&name, &[&one], "correct horse battery"))
        .await
        .expect("create the user");
    assert_eq!(created.spec.projects, vec![one.clone()]);

    // The record holds no hash; the Secret holds only the hash.
    let record = serde_json::to_string(&get_user(&admin, &name).await.unwrap().expect("the user")).unwrap();
    assert!(!record.contains("argon2"), "{record}");
    let stored = secret(&admin, &name).await.expect("the password Secret");
    assert_eq!(stored.type_.as_deref(), Some("Opaque"));
    assert_eq!(stored.metadata.labels.unwrap()["kubic.io/user"], name);
    assert_eq!(stored.data.unwrap().keys().collect::<Vec<_>>(), ["hash"]);
    let hash = password_hash(&admin, &name).await.unwrap().expect("a hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(verify_password(&hash, "correct horse battery"));

    // One binding, in the project, to the project role, for kubic:<name>.
    let binding = Api::<RoleBinding>::namespaced(admin.client.clone(), &one)
        .get(&binding_name(&name))
        .await
        .expect("the binding");
    assert_eq!(binding.role_ref.name, PROJECT_USER);
    let subject = &binding.subjects.unwrap()[0];
    assert_eq!(
        (subject.kind.as_str(), subject.name.clone()),
        ("User", kube_user(&name))
    );

    // Taken names and unknown projects are refused in words.
    let again = create_user(&admin, &new_user(&name, &[], "correct horse battery")).await;
    assert_eq!(again.unwrap_err().to_string(), format!("user {name} already exists"));
    let other = unique("bob");
    let nowhere = create_user(
        &admin,
        &new_user(&other, &["kubic-no-such-project"], "correct horse battery"),
    )
    .await;
    assert_eq!(
        nowhere.unwrap_err().to_string(),
        "there is no project \"kubic-no-such-project\""
    );
    assert!(get_user(&admin, &other).await.unwrap().is_none());

    // Moving the user's projects moves the binding.
    let edit = UserEdit {
        description: "moved".into(),
        role: UserRole::User,
        projects: vec![two.clone()],
    };
    let updated = update_user(&admin, &name, &edit).await.expect("edit the user");
    assert_eq!(updated.spec.description, "moved");
    assert_eq!(bound_projects(&admin, &name).await, vec![two.clone()]);

    // A new password, and a login on the record.
    set_password_hash(&admin, &name, &hash_password("another good one").unwrap())
        .await
        .expect("set the password");
    let hash = password_hash(&admin, &name).await.unwrap().unwrap();
    assert!(verify_password(&hash, "another good one") && !verify_password(&hash, "correct horse battery"));
    record_login(&admin, &name, "192.0.2.7:50022")
        .await
        .expect("record a login");
    let status = get_user(&admin, &name)
        .await
        .unwrap()
        .unwrap()
        .status
        .expect("a status");
    assert_eq!(status.last_login_from.as_deref(), Some("192.0.2.7:50022"));
    assert!(status.last_login.unwrap().ends_with('Z'));

    delete_user(&admin, &name).await.expect("delete the user");
    assert!(get_user(&admin, &name).await.unwrap().is_none());
    assert!(secret(&admin, &name).await.is_none());
    assert!(bound_projects(&admin, &name).await.is_empty());
    delete_user(&admin, &name)
        .await
        .expect("deleting a deleted user is done");
    for project in [&one, &two] {
        delete_namespace(&admin, project).await.expect("delete a project");
    }
}

#[tokio::test]
async fn an_admin_session_manages_users_and_their_projects() {
    let admin = installed().await;
    let project = unique("kubic-users-adm");
    create_namespace(&admin, &project).await.expect("create a project");
    let session = connect_as_in(&kube_user(&unique("root")), &[ADMINS_GROUP]).await;
    wait_bound(&session, "kubic.io", "users", "").await;

    let name = unique("carol");
    create_user(&session, &new_user(&name, &[&project], "correct horse battery"))
        .await
        .expect("an admin session creates a user");
    assert_eq!(bound_projects(&session, &name).await, vec![project.clone()]);
    assert!(password_hash(&session, &name).await.unwrap().is_some());
    let edit = UserEdit {
        description: String::new(),
        role: UserRole::Admin,
        projects: vec![],
    };
    update_user(&session, &name, &edit)
        .await
        .expect("an admin session edits a user");
    assert!(bound_projects(&session, &name).await.is_empty());
    delete_user(&session, &name)
        .await
        .expect("an admin session deletes a user");
    assert!(get_user(&admin, &name).await.unwrap().is_none());
    delete_namespace(&admin, &project).await.expect("delete the project");
}

/// Runs the kubic binary with `stdin` piped in, in English; returns success, stdout and
/// stderr.
fn kubic(args: &[&str], stdin: &str) -> (bool, String, String) {
    kubic_in("C.UTF-8", args, stdin)
}

/// [`kubic`] in the language of `locale`.
fn kubic_in(locale: &str, args: &[&str], stdin: &str) -> (bool, String, String) {
    let kubeconfig = support::kubeconfig().to_str().unwrap().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubic"))
        .args(args)
        .args(["--kubeconfig", &kubeconfig])
        .env_remove("KUBECONFIG")
        .env("LC_ALL", locale)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubic");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().expect("kubic ends");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn kubic_user_reads_the_password_from_stdin_and_refuses_a_short_one() {
    let admin = installed().await;
    let project = unique("kubic-users-cli");
    create_namespace(&admin, &project).await.expect("create a project");
    let name = unique("dave");

    let (ok, _, stderr) = kubic(&["user", "add", &name, "--role", "user"], "short\n");
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        "kubic: error: kubic user add: the password is too short: at least 10 characters (5 typed)"
    );
    assert!(get_user(&admin, &name).await.unwrap().is_none());

    let args = [
        "user",
        "add",
        &name,
        "--role",
        "user",
        "--project",
        &project,
        "--description",
        "cli",
    ];
    let (ok, stdout, stderr) = kubic(&args, "correct horse battery\n");
    assert!(ok, "{stderr}");
    assert_eq!(
        stdout.trim(),
        format!("user {name} created (role user, projects {project})")
    );
    let hash = password_hash(&admin, &name).await.unwrap().expect("a hash");
    assert!(verify_password(&hash, "correct horse battery"));
    assert_eq!(bound_projects(&admin, &name).await, vec![project.clone()]);

    let (ok, stdout, _) = kubic(&["user", "list"], "");
    assert!(ok);
    assert!(
        stdout.lines().any(|l| l.starts_with(&name) && l.contains(" user ")),
        "{stdout}"
    );
    let (ok, _, stderr) = kubic(&["user", "password", &name], "a brand new password\r\n");
    assert!(ok, "{stderr}");
    let hash = password_hash(&admin, &name).await.unwrap().unwrap();
    assert!(verify_password(&hash, "a brand new password"));
    let (ok, _, stderr) = kubic(&["user", "password", &name], &format!("{name}\n"));
    assert!(!ok && stderr.contains("cannot be the user's name"), "{stderr}");

    let (ok, stdout, stderr) = kubic(&["user", "delete", &name], "");
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), format!("user {name} deleted"));
    assert!(get_user(&admin, &name).await.unwrap().is_none());
    let (ok, _, stderr) = kubic(&["user", "delete", &name], "");
    assert!(!ok && stderr.contains("there is no user"), "{stderr}");
    let (ok, _, stderr) = kubic_in("ko_KR.UTF-8", &["user", "delete", &name], "");
    assert!(
        !ok && stderr.contains(&format!("사용자 \"{name}\"이(가) 없습니다")),
        "in the locale's language: {stderr}"
    );
    delete_namespace(&admin, &project).await.expect("delete the project");
}
