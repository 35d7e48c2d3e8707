//! Failed logins slow down: per user name and per source address, a few failures are
//! free, then each further one is allowed only at a steady rate (governor's GCRA), and a
//! failure beyond that rate blocks the name or address for a time that doubles with each
//! repeat. Memory stays bounded however many names or addresses are tried.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Failures of one user name let through before the rate applies, and the rate.
const USER_BURST: u32 = 5;
const USER_PERIOD: Duration = Duration::from_secs(20);
/// Failures from one address let through before the rate applies, and the rate.
const ADDRESS_BURST: u32 = 20;
const ADDRESS_PERIOD: Duration = Duration::from_secs(5);
/// The longest a name or address stays blocked.
const MAX_BLOCK: Duration = Duration::from_secs(15 * 60);
/// Names or addresses remembered at most; beyond, the oldest memories are dropped.
const MAX_KEYS: usize = 50_000;

/// Login throttling for the whole server.
pub struct Throttle {
    users: Limiter<String>,
    addresses: Limiter<IpAddr>,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            users: Limiter::new(USER_BURST, USER_PERIOD),
            addresses: Limiter::new(ADDRESS_BURST, ADDRESS_PERIOD),
        }
    }
}

impl Throttle {
    /// Whether a login of `user` from `address` may be checked now; when not, it is
    /// refused without looking at the password.
    pub fn may_try(&self, user: &str, address: Option<IpAddr>) -> bool {
        let now = Instant::now();
        !self.users.is_blocked(&user.to_string(), now) && !address.is_some_and(|a| self.addresses.is_blocked(&a, now))
    }

    /// A login failed: it counts against the user name and the address.
    pub fn failed(&self, user: &str, address: Option<IpAddr>) {
        self.users.failed(user.to_string());
        if let Some(address) = address {
            self.addresses.failed(address);
        }
    }

    /// A login succeeded: the user's backoff starts over.
    pub fn succeeded(&self, user: &str) {
        self.users.forgive(&user.to_string());
    }

    /// Forgets what no longer matters (run now and then).
    pub fn prune(&self) {
        self.users.prune();
        self.addresses.prune();
    }

    /// How many names and addresses are remembered (bounded by [`MAX_KEYS`] each).
    pub fn remembered(&self) -> usize {
        self.users.remembered() + self.addresses.remembered()
    }
}

/// A block in force, and how many times in a row the key was blocked.
#[derive(Clone, Copy)]
struct Block {
    until: Instant,
    strikes: u32,
}

struct Limiter<K: Hash + Eq + Clone> {
    rate: DefaultKeyedRateLimiter<K>,
    blocks: Mutex<HashMap<K, Block>>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    fn new(burst: u32, period: Duration) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(burst);
        Limiter {
            rate: RateLimiter::keyed(quota),
            blocks: Mutex::new(HashMap::new()),
        }
    }

    fn is_blocked(&self, key: &K, now: Instant) -> bool {
        self.blocks
            .lock()
            .is_ok_and(|blocks| blocks.get(key).is_some_and(|block| block.until > now))
    }

    fn failed(&self, key: K) {
        let Err(not_until) = self.rate.check_key(&key) else {
            return;
        };
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let Ok(mut blocks) = self.blocks.lock() else {
            return;
        };
        if blocks.len() >= MAX_KEYS {
            evict_expired_or_oldest(&mut blocks);
        }
        let strikes = blocks.get(&key).map_or(0, |block| block.strikes + 1);
        let doubled = wait.saturating_mul(1u32 << strikes.min(16)).min(MAX_BLOCK);
        blocks.insert(
            key,
            Block {
                until: Instant::now() + doubled,
                strikes,
            },
        );
    }

    fn forgive(&self, key: &K) {
        if let Ok(mut blocks) = self.blocks.lock() {
            blocks.remove(key);
        }
    }

    fn prune(&self) {
        self.rate.retain_recent();
        self.rate.shrink_to_fit();
        if let Ok(mut blocks) = self.blocks.lock() {
            let now = Instant::now();
            // A block is remembered a while after it ends, so a repeat still doubles it.
            blocks.retain(|_, block| block.until + MAX_BLOCK > now);
        }
    }

    fn remembered(&self) -> usize {
        self.rate.len().max(self.blocks.lock().map_or(0, |blocks| blocks.len()))
    }
}

/// Makes room in a full map: expired blocks go, else the one ending soonest.
fn evict_expired_or_oldest<K: Hash + Eq + Clone>(blocks: &mut HashMap<K, Block>) {
    let now = Instant::now();
    blocks.retain(|_, block| block.until > now);
    if blocks.len() >= MAX_KEYS
        && let Some(key) = blocks
            .iter()
            .min_by_key(|(_, block)| block.until)
            .map(|(key, _)| key.clone())
    {
        blocks.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));

    #[test]
    fn a_few_failures_are_free_then_the_user_is_blocked() {
        let throttle = Throttle::default();
        for _ in 0..USER_BURST {
            assert!(throttle.may_try("alice", HOME));
            throttle.failed("alice", HOME);
        }
        assert!(throttle.may_try("alice", HOME), "the burst itself is not blocked");
        throttle.failed("alice", HOME);
        assert!(!throttle.may_try("alice", HOME));
        assert!(
            throttle.may_try("bob", HOME),
            "another user from the same address is not blocked yet"
        );
    }

    #[test]
    fn a_repeat_block_lasts_longer_and_success_forgives() {
        let limiter: Limiter<String> = Limiter::new(1, Duration::from_secs(20));
        limiter.failed("a".into());
        limiter.failed("a".into());
        let first = limiter.blocks.lock().unwrap()["a"];
        limiter.failed("a".into());
        let second = limiter.blocks.lock().unwrap()["a"];
        assert!(second.until > first.until + Duration::from_secs(10));
        assert_eq!(second.strikes, 1);
        limiter.forgive(&"a".to_string());
        assert!(!limiter.is_blocked(&"a".to_string(), Instant::now()));
    }

    #[test]
    fn many_addresses_use_bounded_memory() {
        let throttle = Throttle::default();
        for i in 0..(ADDRESS_BURST + 2) * 3 {
            let address = IpAddr::V4(std::net::Ipv4Addr::from(i));
            throttle.failed(&format!("user{i}"), Some(address));
        }
        throttle.prune();
        assert!(throttle.remembered() <= 2 * MAX_KEYS);
    }
}
