//! How every stream tries again after the API server failed it: quickly at first and
//! never more than a few seconds apart, so a server that answers again is back on screen
//! within 5 s; with jitter, so the sessions of one server do not retry in step; and from
//! the start again after any success. The stream's owner learns when the next try is.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ::kube::runtime::utils::{Backoff, StreamBackoff};
use futures::TryStream;
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use tokio::time::Instant;

/// The first pause after a failure.
const FIRST: Duration = Duration::from_millis(250);
/// The longest pause between two tries (before jitter).
const LONGEST: Duration = Duration::from_secs(3);
/// Each pause is the nominal one times a factor in `1 ± JITTER`.
const JITTER: f64 = 0.2;

/// The retry policy: 250 ms, 500 ms, 1 s, 2 s, then 3 s apart, each ±20 %.
#[derive(Debug, Default)]
pub struct Retry {
    failures: u32,
    last: Arc<AtomicU64>,
}

impl Retry {
    /// The nominal pause after `failures` failures in a row (without jitter).
    pub fn nominal(failures: u32) -> Duration {
        FIRST.saturating_mul(1u32 << failures.min(8)).min(LONGEST)
    }

    /// The longest pause the policy can ever choose.
    pub fn longest() -> Duration {
        LONGEST.mul_f64(1.0 + JITTER)
    }

    /// After a success: the next failure pauses for the shortest time again.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// A handle that reads the pause chosen after the latest failure.
    pub fn next_try(&self) -> NextTry {
        NextTry(Arc::clone(&self.last))
    }
}

impl Iterator for Retry {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let factor = 1.0 - JITTER + 2.0 * JITTER * fastrand::f64();
        let pause = Retry::nominal(self.failures).mul_f64(factor);
        self.failures = self.failures.saturating_add(1);
        self.last
            .store(u64::try_from(pause.as_millis()).unwrap_or(u64::MAX), Ordering::Relaxed);
        Some(pause)
    }
}

impl Backoff for Retry {
    fn reset(&mut self) {
        Retry::reset(self);
    }
}

/// When a stream that just failed will try again.
#[derive(Debug, Clone)]
pub struct NextTry(Arc<AtomicU64>);

impl NextTry {
    /// The pause chosen after the latest failure.
    pub fn pause(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::Relaxed))
    }
}

/// `stream` with the retry policy applied: after an error it pauses before polling again,
/// and `NextTry` says for how long (read it right after the error arrives).
pub fn retrying<S: TryStream>(stream: S) -> (StreamBackoff<S, Retry>, NextTry) {
    let retry = Retry::default();
    let next_try = retry.next_try();
    (StreamBackoff::new(stream, retry), next_try)
}

/// One stream's outages, written to the log: the first failure of an outage as a
/// warning, the tries after it at debug level, the recovery with how long it took.
#[derive(Debug)]
pub struct Outage {
    what: String,
    since: Option<Instant>,
}

impl Outage {
    /// `what` names the stream in the log (`pods in demo`).
    pub fn new(what: impl Into<String>) -> Outage {
        Outage {
            what: what.into(),
            since: None,
        }
    }

    /// The stream failed and tries again after `pause`: returns when that is.
    pub fn failed(&mut self, reason: &str, pause: Duration) -> Timestamp {
        let what = &self.what;
        let retry_ms = pause.as_millis();
        match self.since {
            None => {
                tracing::warn!(stream = %what, retry_ms, "watch failed: {reason}");
                self.since = Some(Instant::now());
            }
            Some(_) => tracing::debug!(stream = %what, retry_ms, "watch still failing: {reason}"),
        }
        Timestamp::now()
            .checked_add(SignedDuration::try_from(pause).unwrap_or(SignedDuration::ZERO))
            .unwrap_or_else(|_| Timestamp::now())
    }

    /// The stream delivered again: an outage, if there was one, is over.
    pub fn over(&mut self) {
        if let Some(since) = self.since.take() {
            let down_ms = since.elapsed().as_millis();
            tracing::info!(stream = %self.what, down_ms, "watch recovered");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_from_a_quarter_second_up_to_three_seconds() {
        let pauses: Vec<u128> = (0..7).map(|n| Retry::nominal(n).as_millis()).collect();
        assert_eq!(pauses, vec![250, 500, 1000, 2000, 3000, 3000, 3000]);
        assert_eq!(Retry::nominal(u32::MAX), LONGEST);
    }

    #[test]
    fn every_pause_stays_within_the_jitter_and_a_recovered_server_is_tried_within_5_seconds() {
        let mut retry = Retry::default();
        for n in 0..200 {
            let pause = retry.next().unwrap_or_default();
            let nominal = Retry::nominal(n);
            assert!(
                pause >= nominal.mul_f64(0.8) && pause <= nominal.mul_f64(1.2),
                "{pause:?} vs {nominal:?}"
            );
        }
        assert!(Retry::longest() < Duration::from_secs(4));
    }

    #[test]
    fn a_success_starts_the_pauses_over() {
        let mut retry = Retry::default();
        for _ in 0..6 {
            let _ = retry.next();
        }
        retry.reset();
        assert!(retry.next().unwrap_or_default() <= Duration::from_millis(300));
    }

    #[test]
    fn the_handle_reads_the_pause_just_chosen() {
        let mut retry = Retry::default();
        let next_try = retry.next_try();
        assert_eq!(next_try.pause(), Duration::ZERO);
        let chosen = retry.next().unwrap_or_default();
        assert_eq!(next_try.pause().as_millis(), chosen.as_millis());
    }
}
