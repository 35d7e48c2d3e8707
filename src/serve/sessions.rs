//! The live sessions of this server: who is logged in how many times (a per-user limit
//! holds), and the power to end a session from outside — when its user is deleted, its
//! role changes or the server stops.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

/// Why a session was ended from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndReason {
    UserDeleted,
    RoleChanged,
    ServerStopping,
}

impl EndReason {
    /// The line the client sees after the session ends.
    pub fn message(&self) -> &'static str {
        match self {
            EndReason::UserDeleted => "your user was deleted",
            EndReason::RoleChanged => "your role changed: log in again",
            EndReason::ServerStopping => "the server is stopping",
        }
    }
}

struct Live {
    user: String,
    end: watch::Sender<Option<EndReason>>,
}

/// Every live session, by id.
pub struct Registry {
    limit: usize,
    sessions: Mutex<HashMap<u64, Live>>,
    next_id: Mutex<u64>,
    counts: watch::Sender<BTreeMap<String, usize>>,
}

/// A session's place in the registry; dropping it removes the session.
pub struct Entry {
    registry: Arc<Registry>,
    id: u64,
    /// Fires with the reason when the session is ended from outside.
    pub ended: watch::Receiver<Option<EndReason>>,
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
        })
    }

    /// Adds a session of `user`, unless the user already has as many as allowed.
    pub fn add(self: &Arc<Self>, user: &str) -> Result<Entry, String> {
        let mut sessions = self
            .sessions
            .lock()
            .map_err(|_| "the session list is unusable".to_string())?;
        let open = sessions.values().filter(|live| live.user == user).count();
        if open >= self.limit {
            return Err(format!(
                "{user} already has {open} sessions open (the limit is {}): close one first",
                self.limit
            ));
        }
        let id = self.next_id();
        let (end, ended) = watch::channel(None);
        sessions.insert(
            id,
            Live {
                user: user.to_string(),
                end,
            },
        );
        self.publish(&sessions);
        Ok(Entry {
            registry: Arc::clone(self),
            id,
            ended,
        })
    }

    fn next_id(&self) -> u64 {
        let mut next = self.next_id.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *next += 1;
        *next
    }

    fn remove(&self, id: u64) {
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.remove(&id);
            self.publish(&sessions);
        }
    }

    /// Ends every session of `user`; how many were told.
    pub fn end_user(&self, user: &str, reason: EndReason) -> usize {
        self.end_where(|live| live.user == user, reason)
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

    fn publish(&self, sessions: &HashMap<u64, Live>) {
        let mut counts = BTreeMap::new();
        for live in sessions.values() {
            *counts.entry(live.user.clone()).or_insert(0) += 1;
        }
        self.counts.send_replace(counts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_user_limit_holds_and_a_closed_session_frees_its_place() {
        let registry = Registry::new(2);
        let first = registry.add("alice").unwrap();
        let _second = registry.add("alice").unwrap();
        assert!(registry.add("alice").err().unwrap().contains("limit is 2"));
        let _bob = registry.add("bob").unwrap();
        assert_eq!(registry.counts().borrow().get("alice"), Some(&2));
        drop(first);
        assert_eq!(registry.counts().borrow().get("alice"), Some(&1));
        assert!(registry.add("alice").is_ok());
    }

    #[test]
    fn ending_a_user_tells_only_their_sessions() {
        let registry = Registry::new(5);
        let alice = registry.add("alice").unwrap();
        let bob = registry.add("bob").unwrap();
        assert_eq!(registry.end_user("alice", EndReason::UserDeleted), 1);
        assert_eq!(*alice.ended.borrow(), Some(EndReason::UserDeleted));
        assert_eq!(*bob.ended.borrow(), None);
    }
}
