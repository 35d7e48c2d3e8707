//! Who may log in: a password checked against the user's argon2id hash, or a public key
//! listed in their User. A refusal never says what was wrong and takes as long whatever
//! it was (an unknown user is checked against a stand-in hash; the SSH layer pads every
//! rejection to the same time); hashing runs off the async threads, a few at a time,
//! each in working memory kept for the next; failures are throttled per user and per
//! address.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use russh::keys::PublicKey;
use tokio::sync::Semaphore;

use super::throttle::Throttle;
use crate::kube::{Connection, users};
use crate::model::crd::User;
use crate::model::login::Login;
use crate::model::password;
use crate::model::user::UserRole;

/// Password checks running at once; more wait (each takes tens of milliseconds and
/// ~19 MiB of memory, kept for the next: at most this many times 19 MiB in all).
const CONCURRENT_HASHES: usize = 2;

/// Checks logins for the whole server, as the server's own identity.
pub struct Authenticator {
    connection: Connection,
    throttle: Throttle,
    hashing: Arc<Semaphore>,
    /// The working memory of the checks that ran, for the next ones.
    memories: Arc<Mutex<Vec<password::HashMemory>>>,
}

impl Authenticator {
    pub fn new(connection: Connection) -> Authenticator {
        Authenticator {
            connection,
            throttle: Throttle::default(),
            hashing: Arc::new(Semaphore::new(CONCURRENT_HASHES)),
            memories: Arc::default(),
        }
    }

    /// The login `password` opens for `name`, if any.
    pub async fn password(&self, name: &str, password: &str, from: Option<IpAddr>) -> Option<Login> {
        if !self.throttle.may_try(name, from) {
            tracing::warn!("login of {name:?} from {} refused: too many failures", shown(from));
            return None;
        }
        let user = self.user(name).await;
        let hash = match &user {
            Some(_) => self.hash_of(name).await,
            None => None,
        };
        let matches = self.verify(hash, password.to_string()).await;
        self.outcome(name, from, user.filter(|_| matches), "password").await
    }

    /// Whether `name` lists `key` (asked before the client proves it holds the key).
    pub async fn knows_key(&self, name: &str, key: &PublicKey) -> bool {
        self.user(name).await.is_some_and(|user| lists_key(&user, key))
    }

    /// The login a proven `key` opens for `name`, if any.
    pub async fn public_key(&self, name: &str, key: &PublicKey, from: Option<IpAddr>) -> Option<Login> {
        if !self.throttle.may_try(name, from) {
            return None;
        }
        let user = self.user(name).await.filter(|user| lists_key(user, key));
        self.outcome(name, from, user, "public key").await
    }

    /// Forgets stale throttling state (called now and then).
    pub fn prune(&self) {
        self.throttle.prune();
    }

    async fn outcome(&self, name: &str, from: Option<IpAddr>, user: Option<User>, how: &str) -> Option<Login> {
        let Some(user) = user else {
            self.throttle.failed(name, from);
            tracing::warn!("login of {name:?} from {} failed ({how})", shown(from));
            return None;
        };
        self.throttle.succeeded(name);
        tracing::info!("{name} logged in from {} ({how})", shown(from));
        let connection = self.connection.clone();
        let (recorded, origin) = (name.to_string(), shown(from));
        tokio::spawn(async move {
            if let Err(error) = users::record_login(&connection, &recorded, &origin).await {
                tracing::warn!("the last login of {recorded} was not recorded: {error}");
            }
        });
        Some(login_of(name, &user))
    }

    async fn user(&self, name: &str) -> Option<User> {
        if crate::model::user::validate_user_name(name).is_err() {
            return None;
        }
        match users::get_user(&self.connection, name).await {
            Ok(user) => user,
            Err(error) => {
                tracing::warn!("cannot read user {name:?}: {error}");
                None
            }
        }
    }

    async fn hash_of(&self, name: &str) -> Option<String> {
        match users::password_hash(&self.connection, name).await {
            Ok(hash) => hash,
            Err(error) => {
                tracing::warn!("cannot read the password of {name:?}: {error}");
                None
            }
        }
    }

    /// Checks `password` against `hash`, or against a stand-in when there is none, so
    /// both take the same time.
    async fn verify(&self, hash: Option<String>, password: String) -> bool {
        let Ok(_permit) = Arc::clone(&self.hashing).acquire_owned().await else {
            return false;
        };
        let memories = Arc::clone(&self.memories);
        let taken = lock(&memories).pop();
        tokio::task::spawn_blocking(move || {
            let mut memory = taken.unwrap_or_default();
            let matches = match hash {
                Some(hash) => password::verify_password_in(&mut memory, &hash, &password),
                None => {
                    password::dummy_verify(&mut memory, &password);
                    false
                }
            };
            lock(&memories).push(memory);
            matches
        })
        .await
        .unwrap_or(false)
    }
}

fn lock(memories: &Mutex<Vec<password::HashMemory>>) -> std::sync::MutexGuard<'_, Vec<password::HashMemory>> {
    memories.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn lists_key(user: &User, key: &PublicKey) -> bool {
    user.spec
        .ssh_keys
        .iter()
        .filter_map(|line| PublicKey::from_openssh(line.trim()).ok())
        .any(|listed| listed.key_data() == key.key_data())
}

fn login_of(name: &str, user: &User) -> Login {
    Login {
        user: name.to_string(),
        admin: user.spec.role == UserRole::Admin,
        projects: user.spec.projects.clone(),
    }
}

fn shown(from: Option<IpAddr>) -> String {
    from.map_or_else(|| "an unknown address".to_string(), |address| address.to_string())
}
