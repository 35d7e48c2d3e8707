//! The live sessions of this server: who is logged in how many times (a per-user limit
//! holds), and the power to end a session from outside — when its user is deleted, its
//! role changes, an admin ends it or the server stops — and where each session is, for
//! an admin's `:sessions`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use k8s_openapi::jiff::Timestamp;
use tokio::sync::watch;

use crate::config::i18n::{Lang, t};
use crate::model::server_session::LiveSession;

/// Input within this many seconds of the last published one is kept but not published
/// on its own: idle times are exact to these seconds, and typing does not wake every
/// admin's screen.
const INPUT_GRAIN_SECONDS: i64 = 5;

/// Why a session was ended from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndReason {
    UserDeleted,
    RoleChanged,
    /// An admin ended it from `:sessions`.
    EndedByAdmin(String),
    ServerStopping,
}

impl EndReason {
    /// The line the client sees after the session ends, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            EndReason::UserDeleted => t!(lang, "serve.user_deleted").into(),
            EndReason::RoleChanged => t!(lang, "serve.role_changed").into(),
            EndReason::EndedByAdmin(admin) => t!(lang, "serve.ended_by", admin = admin),
            EndReason::ServerStopping => t!(lang, "serve.stopping").into(),
        }
    }
}

struct Live {
    info: LiveSession,
    /// The last input time the listing was published with.
    published_input: Timestamp,
    end: watch::Sender<Option<EndReason>>,
}

/// Every live session, by id.
pub struct Registry {
    limit: usize,
    sessions: Mutex<HashMap<u64, Live>>,
    next_id: Mutex<u64>,
    counts: watch::Sender<BTreeMap<String, usize>>,
    listing: watch::Sender<Arc<Vec<LiveSession>>>,
}

/// A session's place in the registry; dropping it removes the session.
pub struct Entry {
    registry: Arc<Registry>,
    id: u64,
    source: String,
    /// Fires with the reason when the session is ended from outside.
    pub ended: watch::Receiver<Option<EndReason>>,
}

impl Entry {
    /// The server's id of this session.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The client's address.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Its user typed something now.
    pub fn touch(&self) {
        self.registry.touch(self.id);
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.registry.remove(self.id);
    }
}

impl Registry {
    /// A registry allowing `limit` live sessions per user.
    pub fn new(limit: usize) -> Arc<Registry> {
        Arc::new(Registry {
            limit: limit.max(1),
            sessions: Mutex::new(HashMap::new()),
            next_id: Mutex::new(0),
            counts: watch::channel(BTreeMap::new()).0,
            listing: watch::channel(Arc::new(Vec::new())).0,
        })
    }

    /// Adds a session of `user` from `source`, unless the user already has as many as
    /// allowed.
    pub fn add(self: &Arc<Self>, user: &str, source: &str) -> Result<Entry, String> {
        let mut sessions = self
            .sessions
            .lock()
            .map_err(|_| "the session list is unusable".to_string())?;
        let open = sessions.values().filter(|live| live.info.user == user).count();
        if open >= self.limit {
            return Err(format!(
                "{user} already has {open} sessions open (the limit is {}): close one first",
                self.limit
            ));
        }
        let id = self.next_id();
        let (end, ended) = watch::channel(None);
        let now = Timestamp::now();
        let info = LiveSession {
            id,
            user: user.to_string(),
            source: source.to_string(),
            since: now,
            last_input: now,
            view: String::new(),
        };
        sessions.insert(
            id,
            Live {
                info,
                published_input: now,
                end,
            },
        );
        self.publish(&sessions);
        Ok(Entry {
            registry: Arc::clone(self),
            id,
            source: source.to_string(),
            ended,
        })
    }

    fn next_id(&self) -> u64 {
        let mut next = self.next_id.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *next += 1;
        *next
    }

    /// Changes session `id`'s entry with `change`; published when `change` says so.
    fn amend(&self, id: u64, change: impl FnOnce(&mut Live) -> bool) {
        let Ok(mut sessions) = self.sessions.lock() else {
            return;
        };
        if let Some(live) = sessions.get_mut(&id)
            && change(live)
        {
            self.publish(&sessions);
        }
    }

    /// Session `id`'s user typed something now: kept at once, published when the last
    /// published input is a grain old.
    fn touch(&self, id: u64) {
        let now = Timestamp::now();
        self.amend(id, |live| {
            live.info.last_input = now;
            let due = now.duration_since(live.published_input).as_secs() >= INPUT_GRAIN_SECONDS;
            if due {
                live.published_input = now;
            }
            due
        });
    }

    /// Session `id` now shows `view`.
    pub fn set_view(&self, id: u64, view: &str) {
        self.amend(id, |live| {
            let changed = live.info.view != view;
            if changed {
                live.info.view = view.to_string();
            }
            changed
        });
    }

    fn remove(&self, id: u64) {
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.remove(&id);
            self.publish(&sessions);
        }
    }

    /// Ends every session of `user`; how many were told.
    pub fn end_user(&self, user: &str, reason: EndReason) -> usize {
        self.end_where(|live| live.info.user == user, reason)
    }

    /// Ends session `id`; whether it was live.
    pub fn end_session(&self, id: u64, reason: EndReason) -> bool {
        self.end_where(|live| live.info.id == id, reason) == 1
    }

    /// Ends every session (the server stops).
    pub fn end_all(&self, reason: EndReason) -> usize {
        self.end_where(|_| true, reason)
    }

    fn end_where(&self, matches: impl Fn(&Live) -> bool, reason: EndReason) -> usize {
        let Ok(sessions) = self.sessions.lock() else {
            return 0;
        };
        let ending: Vec<&Live> = sessions.values().filter(|live| matches(live)).collect();
        for live in &ending {
            live.end.send_replace(Some(reason.clone()));
        }
        ending.len()
    }

    /// Live sessions per user, now and as they change.
    pub fn counts(&self) -> watch::Receiver<BTreeMap<String, usize>> {
        self.counts.subscribe()
    }

    /// Every live session, oldest first, now and as they change.
    pub fn listing(&self) -> watch::Receiver<Arc<Vec<LiveSession>>> {
        self.listing.subscribe()
    }

    fn publish(&self, sessions: &HashMap<u64, Live>) {
        let mut counts = BTreeMap::new();
        for live in sessions.values() {
            *counts.entry(live.info.user.clone()).or_insert(0) += 1;
        }
        self.counts.send_if_modified(|old| {
            let changed = *old != counts;
            *old = counts;
            changed
        });
        let mut listing: Vec<LiveSession> = sessions.values().map(|live| live.info.clone()).collect();
        listing.sort_by_key(|session| session.id);
        self.listing.send_replace(Arc::new(listing));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_user_limit_holds_and_a_closed_session_frees_its_place() {
        let registry = Registry::new(2);
        let first = registry.add("alice", "127.0.0.1:1").unwrap();
        let _second = registry.add("alice", "127.0.0.1:1").unwrap();
        assert!(
            registry
                .add("alice", "127.0.0.1:1")
                .err()
                .unwrap()
                .contains("limit is 2")
        );
        let _bob = registry.add("bob", "127.0.0.1:2").unwrap();
        assert_eq!(registry.counts().borrow().get("alice"), Some(&2));
        drop(first);
        assert_eq!(registry.counts().borrow().get("alice"), Some(&1));
        assert!(registry.add("alice", "127.0.0.1:1").is_ok());
    }

    #[test]
    fn ending_a_user_tells_only_their_sessions() {
        let registry = Registry::new(5);
        let alice = registry.add("alice", "127.0.0.1:1").unwrap();
        let bob = registry.add("bob", "127.0.0.1:2").unwrap();
        assert_eq!(registry.end_user("alice", EndReason::UserDeleted), 1);
        assert_eq!(*alice.ended.borrow(), Some(EndReason::UserDeleted));
        assert_eq!(*bob.ended.borrow(), None);
    }

    #[test]
    fn the_listing_says_who_from_where_and_what_they_view_and_one_session_can_be_ended() {
        let registry = Registry::new(5);
        let alice = registry.add("alice", "127.0.0.1:1").unwrap();
        let bob = registry.add("bob", "127.0.0.1:2").unwrap();
        registry.set_view(alice.id(), "pods(web)");
        let listing = registry.listing().borrow().clone();
        let users: Vec<(&str, &str, &str)> = listing
            .iter()
            .map(|s| (s.user.as_str(), s.source.as_str(), s.view.as_str()))
            .collect();
        assert_eq!(
            users,
            [("alice", "127.0.0.1:1", "pods(web)"), ("bob", "127.0.0.1:2", "")]
        );
        assert!(registry.end_session(bob.id(), EndReason::EndedByAdmin("root".into())));
        assert_eq!(*bob.ended.borrow(), Some(EndReason::EndedByAdmin("root".into())));
        assert_eq!(*alice.ended.borrow(), None);
        drop(bob);
        assert!(!registry.end_session(99, EndReason::ServerStopping));
        assert_eq!(registry.listing().borrow().len(), 1);
    }

    #[test]
    fn typing_is_published_at_most_once_per_grain() {
        let registry = Registry::new(5);
        let alice = registry.add("alice", "127.0.0.1:1").unwrap();
        let mut listing = registry.listing();
        listing.borrow_and_update();
        alice.touch();
        assert!(
            !listing.has_changed().unwrap(),
            "input right after login is within the grain"
        );
    }
}
