//! The user screens against the local cluster, in whole sessions drawn in memory (keys
//! typed, frames read): `:users` creates a user through its form (a User record and a
//! Secret holding an argon2id hash) and `ctrl-d` deletes it; `:password` in a served
//! session checks the old password and stores the new hash with the server's identity,
//! and logs an admin out after their own change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use std::collections::BTreeMap;

use clap::Parser as _;
use crossterm::event::{KeyCode, KeyModifiers};
use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;
use tokio::sync::watch;

use kubic::cli::Cli;
use kubic::config::Config;
use kubic::kube::Connection;
use kubic::kube::namespaces::{create_namespace, delete_namespace};
use kubic::kube::users::{create_user, delete_user, get_user, password_hash};
use kubic::model::login::Login;
use kubic::model::password::{hash_password, verify_password};
use kubic::model::user::{NewUser, USERS_GROUP, UserRole, kube_user};
use kubic::tui::{Served, Session, SessionEnd, SessionSettings, StreamTerminal, TermEvent};
use support::access::{connect_as_in, installed};
use support::frames::{WAIT, frame_with, press, text, type_keys};
use support::unique;

type Terminal = StreamTerminal<TestBackend, UnboundedReceiver<TermEvent>>;
type Running = tokio::task::JoinHandle<anyhow::Result<SessionEnd>>;

/// A session over `connection` starting on `start`, as a server runs one (no kubeconfig
/// to switch contexts with).
fn session(connection: Connection, start: &str) -> Session {
    let cli = Cli::try_parse_from(["kubic", "--start", start]).unwrap();
    Session::new(
        connection,
        None,
        Config::default(),
        &[],
        &SessionSettings::from_cli(&cli),
    )
}

/// Runs `session` on a 120×40 in-memory terminal: its frames, and the keys typed into it.
fn run(session: Session) -> (watch::Receiver<Buffer>, UnboundedSender<TermEvent>, Running) {
    let (keys, events) = unbounded();
    let mut terminal: Terminal = StreamTerminal::new(TestBackend::new(120, 40), Size::new(120, 40), events).unwrap();
    let frames = terminal.frames();
    let running = tokio::spawn(async move { session.run(&mut terminal, std::future::pending::<()>()).await });
    (frames, keys, running)
}

async fn stored_hash(admin: &Connection, name: &str) -> String {
    password_hash(admin, name).await.unwrap().expect("a password hash")
}

#[tokio::test(flavor = "multi_thread")]
async fn users_creates_a_user_through_its_form_and_ctrl_d_deletes_it() {
    let admin = installed().await;
    let project = unique("kubic-uscr");
    create_namespace(&admin, &project).await.unwrap();
    let name = unique("carol");
    let (mut frames, keys, running) = run(session(admin.clone(), "users"));
    frame_with(&mut frames, "LAST LOGIN").await;

    type_keys(&keys, "n");
    frame_with(&mut frames, "create a user").await;
    type_keys(
        &keys,
        &format!("{name}\t\t{project}\truns the screens test\tcorrect horse battery\t"),
    );
    type_keys(&keys, "correct horse battery\r");
    frame_with(&mut frames, &format!("done: create user {name} (user of {project})")).await;

    let user = get_user(&admin, &name).await.unwrap().expect("the user was created");
    assert_eq!(user.spec.role, UserRole::User);
    assert_eq!(user.spec.projects, vec![project.clone()]);
    assert_eq!(user.spec.description, "runs the screens test");
    let hash = stored_hash(&admin, &name).await;
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(verify_password(&hash, "correct horse battery"));

    type_keys(&keys, &format!("/{name}\r"));
    frame_with(&mut frames, "runs the screens test").await;
    press(&keys, KeyCode::Char('d'), KeyModifiers::CONTROL);
    frame_with(
        &mut frames,
        &format!("Delete user {name}, their project bindings and password?"),
    )
    .await;
    type_keys(&keys, "y");
    frame_with(&mut frames, &format!("done: delete user {name}")).await;
    assert!(get_user(&admin, &name).await.unwrap().is_none());
    assert!(password_hash(&admin, &name).await.unwrap().is_none());

    type_keys(&keys, "q");
    assert_eq!(
        tokio::time::timeout(WAIT, running).await.unwrap().unwrap().unwrap(),
        SessionEnd::Quit
    );
    delete_namespace(&admin, &project).await.unwrap();
}

/// User `name` of `role`, with `password`.
async fn user_with_password(admin: &Connection, name: &str, role: UserRole, password: &str) {
    let new = NewUser {
        name: name.into(),
        role,
        projects: Vec::new(),
        description: "password test".into(),
        password_hash: hash_password(password).unwrap(),
    };
    create_user(admin, &new).await.unwrap();
}

/// A session served to `name`, impersonating them; the server's identity is `admin`.
fn served_session(admin: &Connection, session_connection: Connection, name: &str, admin_role: bool) -> Session {
    let own = NoServer(session_connection.clone());
    let mut session = session(session_connection, "pods");
    let (_sessions, live_sessions) = watch::channel(BTreeMap::from([(name.to_string(), 1)]));
    session.serve_as(Served {
        login: Login {
            user: name.into(),
            admin: admin_role,
            projects: Vec::new(),
        },
        server: admin.clone(),
        live_sessions,
        side: std::sync::Arc::new(own),
    });
    session
}

/// The server's side of a session run without a server: no trail, no other sessions,
/// tables watched through the session's own connection.
struct NoServer(Connection);

impl kubic::tui::ServerSide for NoServer {
    fn id(&self) -> u64 {
        1
    }
    fn record(&self, _change: kubic::model::server_session::Change) {}
    fn viewing(&self, _view: &str) {}
    fn end_session(&self, _id: u64) -> bool {
        false
    }
    fn sessions(&self) -> watch::Receiver<std::sync::Arc<Vec<kubic::model::server_session::LiveSession>>> {
        watch::channel(std::sync::Arc::new(Vec::new())).1
    }
    fn audit(&self) -> watch::Receiver<std::sync::Arc<Vec<kubic::model::server_session::AuditEntry>>> {
        watch::channel(std::sync::Arc::new(Vec::new())).1
    }
    fn watch_table(
        &self,
        kind: &kubic::model::resource::ResourceKind,
        scope: &kubic::model::cluster::Scope,
        sink: kubic::tui::RowSink,
    ) -> Box<dyn Send> {
        Box::new(kubic::kube::tables::watch_rows(&self.0, kind, scope, move |event| {
            sink(event)
        }))
    }
    fn pod_usage(
        &self,
        scope: &kubic::model::cluster::Scope,
        interval: std::time::Duration,
        sink: kubic::tui::UsageSink,
    ) -> Box<dyn Send> {
        let poll = kubic::tui::poll_pod_usage(self.0.clone(), interval, scope.clone(), sink);
        Box::new(kubic::tui::Background::spawn(poll))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn password_checks_the_old_password_stores_the_new_hash_and_logs_an_admin_out() {
    let admin = installed().await;
    let name = unique("dave");
    user_with_password(&admin, &name, UserRole::User, "the old password").await;
    // The session acts as the user, who may not write Secrets: the server's identity does.
    let as_user = connect_as_in(&kube_user(&name), &[USERS_GROUP]).await;
    let (mut frames, keys, running) = run(served_session(&admin, as_user, &name, false));
    frame_with(&mut frames, &name).await;

    type_keys(&keys, ":password\r");
    frame_with(&mut frames, &format!("change your password ({name})")).await;
    type_keys(&keys, "not the old one\ta brand new password\ta brand new password\r");
    frame_with(
        &mut frames,
        "password not changed: the old password is wrong; nothing changed",
    )
    .await;
    assert!(verify_password(&stored_hash(&admin, &name).await, "the old password"));

    type_keys(&keys, ":password\r");
    frame_with(&mut frames, &format!("change your password ({name})")).await;
    type_keys(&keys, "the old password\ta brand new password\ta brand new password\r");
    frame_with(&mut frames, "your password is changed").await;
    let hash = stored_hash(&admin, &name).await;
    assert!(verify_password(&hash, "a brand new password"));
    assert!(!verify_password(&hash, "the old password"));
    type_keys(&keys, "q");
    assert_eq!(
        tokio::time::timeout(WAIT, running).await.unwrap().unwrap().unwrap(),
        SessionEnd::Quit
    );

    let root = unique("erin");
    user_with_password(&admin, &root, UserRole::Admin, "the admin password").await;
    let (mut frames, keys, running) = run(served_session(&admin, admin.clone(), &root, true));
    frame_with(&mut frames, &format!("{root} (admin)")).await;
    type_keys(&keys, ":password\r");
    frame_with(&mut frames, "change your password").await;
    type_keys(
        &keys,
        "the admin password\tanother admin password\tanother admin password\r",
    );
    let ended = tokio::time::timeout(WAIT, running)
        .await
        .expect("the admin is logged out");
    assert_eq!(ended.unwrap().unwrap(), SessionEnd::Quit);
    assert!(
        text(&frames.borrow()).contains("logged out"),
        "{}",
        text(&frames.borrow())
    );
    assert!(verify_password(
        &stored_hash(&admin, &root).await,
        "another admin password"
    ));

    for user in [&name, &root] {
        delete_user(&admin, user).await.unwrap();
    }
}
