//! Where a reconnected stream resumes: lines carry the runtime's timestamps, and a
//! reconnect re-reads from the last one shown, so lines already shown are skipped.

use k8s_openapi::jiff::Timestamp;

use super::StampedLine;

/// Splits `<RFC3339> message` as served with `timestamps=true`.
pub fn split_timestamp(line: &str) -> StampedLine {
    match line.split_once(' ') {
        Some((stamp, text)) if stamp.parse::<Timestamp>().is_ok() => StampedLine {
            timestamp: stamp.to_string(),
            text: text.to_string(),
        },
        _ => StampedLine {
            timestamp: String::new(),
            text: line.to_string(),
        },
    }
}

/// Remembers where a stream got to, so that a reconnect (which re-reads from the last
/// timestamp, or from the start when the server ignores it) shows only new lines.
#[derive(Debug, Default, Clone)]
pub struct Dedupe {
    pub last: Option<Timestamp>,
    /// Lines shown that carry exactly `last`.
    shown_at_last: usize,
    /// Lines at `last` seen again since the reconnect.
    replayed_at_last: usize,
}

impl Dedupe {
    /// Call when a new pass starts reading.
    pub fn reconnect(&mut self) {
        self.replayed_at_last = 0;
    }

    /// Whether a line stamped `timestamp` is new.
    pub fn admit(&mut self, timestamp: &str) -> bool {
        let Ok(stamp) = timestamp.parse::<Timestamp>() else {
            return true;
        };
        match self.last {
            Some(last) if stamp < last => false,
            Some(last) if stamp == last => {
                self.replayed_at_last += 1;
                if self.replayed_at_last <= self.shown_at_last {
                    return false;
                }
                self.shown_at_last += 1;
                true
            }
            _ => {
                self.last = Some(stamp);
                self.shown_at_last = 1;
                self.replayed_at_last = 1;
                true
            }
        }
    }
}
