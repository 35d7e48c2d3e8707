//! Carries out the user screens' work through the kube layer: an admin's user changes
//! (passwords hashed off the async threads), the projects the forms pick from, and a
//! user's change of their own password, done with the server's identity once the old
//! password is verified.

use std::collections::BTreeMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

use crate::app::Action;
use crate::app::users::ops::{PasswordChange, UserOp};
use crate::kube::Connection;
use crate::kube::kubic::projects::project_names;
use crate::kube::users;
use crate::model::done::Done;
use crate::model::failure::Failure;
use crate::model::password::{hash_password, verify_password};
use crate::model::typed_password::TypedPassword;
use crate::model::user::NewUser;

/// Performs `op`; `Ok` says what was done.
pub async fn perform(connection: &Connection, op: &UserOp) -> Result<Done, Failure> {
    match op {
        UserOp::Create(draft) => {
            let new = NewUser {
                name: draft.name.clone(),
                role: draft.role,
                projects: draft.projects.clone(),
                description: draft.description.clone(),
                password_hash: hash(&draft.password).await?,
            };
            users::create_user(connection, &new).await.map(drop)
        }
        UserOp::Edit { name, edit } => users::update_user(connection, name, edit).await.map(drop),
        UserOp::SetPassword { name, password } => {
            let hash = hash(password).await?;
            users::set_password_hash(connection, name, &hash).await
        }
        UserOp::Delete(name) => users::delete_user(connection, name).await,
    }
    .map(|()| Done::AsAsked)
    .map_err(Failure::from)
}

/// The projects there are, by name.
pub async fn projects(connection: &Connection) -> Result<Vec<String>, Failure> {
    project_names(connection).await.map_err(Failure::from)
}

/// Changes the logged-in user's own password with `server`, the server's identity (`None`
/// in a local session, which has no user to change), in a task; the answer is an action.
pub fn change_password(server: Option<Connection>, change: PasswordChange, actions: UnboundedSender<Action>) {
    let Some(server) = server else {
        let refusal = Failure::invalid("a local session has no kubic user: p on :users sets a password");
        let _ = actions.send(Action::PasswordChanged(Err(refusal)));
        return;
    };
    tokio::spawn(async move {
        let result = change_own_password(&server, &change).await;
        let _ = actions.send(Action::PasswordChanged(result));
    });
}

/// Sends the live sessions now and after every change, until the server or the
/// session goes away.
pub async fn forward_live_sessions(
    mut sessions: watch::Receiver<BTreeMap<String, usize>>,
    actions: UnboundedSender<Action>,
) {
    loop {
        let now = sessions.borrow_and_update().clone();
        if actions.send(Action::LiveSessions(now)).is_err() || sessions.changed().await.is_err() {
            return;
        }
    }
}

/// Checks the old password against the stored hash, then stores the new one's; a wrong
/// old password changes nothing. `server` is the server's own identity.
pub async fn change_own_password(server: &Connection, change: &PasswordChange) -> Result<(), Failure> {
    let stored = users::password_hash(server, &change.user)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| Failure::invalid(format!("user {} has no password to change", change.user)))?;
    let old = change.old.clone();
    let matches = tokio::task::spawn_blocking(move || verify_password(&stored, old.expose()))
        .await
        .map_err(|e| Failure::other(format!("the password check did not finish: {e}")))?;
    if !matches {
        return Err(Failure::invalid("the old password is wrong; nothing changed"));
    }
    let hash = hash(&change.new).await?;
    users::set_password_hash(server, &change.user, &hash)
        .await
        .map_err(Failure::from)
}

/// The argon2id hash of `password`, computed on a blocking thread (it is slow on purpose).
async fn hash(password: &TypedPassword) -> Result<String, Failure> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || hash_password(password.expose()))
        .await
        .map_err(|e| Failure::other(format!("the password hash did not finish: {e}")))?
        .map_err(Failure::other)
}
