//! The changes of User objects the server acts on: a user deleted, or present with a
//! role (so a role change can be told), and the whole list after each (re)list, so a
//! user deleted while the watch was down is noticed too.

use std::collections::BTreeSet;

use ::kube::Api;
use ::kube::runtime::{WatchStreamExt, watcher};
use futures::{Stream, StreamExt};

use crate::kube::Connection;
use crate::kube::retry::Retry;
use crate::model::crd::User;
use crate::model::user::UserRole;

/// One change of the User objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    /// The user exists with this role (added, changed, or seen again in a list).
    Present {
        name: String,
        role: UserRole,
    },
    Deleted(String),
    /// A (re)list finished: these are all the users there are.
    Relisted(BTreeSet<String>),
}

/// The User objects' changes, for as long as the stream is polled; a broken watch
/// retries (`kube::retry`: a few seconds apart at most) and then lists again.
pub fn user_changes(connection: &Connection) -> impl Stream<Item = UserChange> + Send + use<> {
    let api: Api<User> = Api::all(connection.client.clone());
    let mut listed = BTreeSet::new();
    watcher(api, watcher::Config::default())
        .backoff(Retry::default())
        .filter_map(move |event| {
            let change = match event {
                Ok(watcher::Event::Init) => {
                    listed.clear();
                    None
                }
                Ok(watcher::Event::InitApply(user)) => {
                    let name = name_of(&user);
                    listed.insert(name.clone());
                    Some(UserChange::Present {
                        name,
                        role: user.spec.role,
                    })
                }
                Ok(watcher::Event::InitDone) => Some(UserChange::Relisted(std::mem::take(&mut listed))),
                Ok(watcher::Event::Apply(user)) => Some(UserChange::Present {
                    name: name_of(&user),
                    role: user.spec.role,
                }),
                Ok(watcher::Event::Delete(user)) => Some(UserChange::Deleted(name_of(&user))),
                Err(error) => {
                    eprintln!("kubic serve: the watch of users broke (retrying): {error}");
                    None
                }
            };
            std::future::ready(change)
        })
}

fn name_of(user: &User) -> String {
    user.metadata.name.clone().unwrap_or_default()
}
