//! The server's audit trail: every change a session makes (who, from where, when, what,
//! on which object, how it ended) as one JSON line in a bounded, rotated file or on
//! standard output, and the most recent entries for an admin's `:audit`.

use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::logging::bounded::{BoundedFile, LOG_CAP};
use crate::model::server_session::AuditEntry;

/// How many entries `:audit` can show.
pub const RECENT: usize = 500;

/// Where the JSON lines go.
pub enum AuditSink {
    File(BoundedFile),
    Stdout,
    /// Only kept in memory (tests).
    Nowhere,
}

/// The trail: its sink and the recent entries.
pub struct AuditLog {
    sink: Mutex<AuditSink>,
    recent: Mutex<VecDeque<AuditEntry>>,
    published: watch::Sender<Arc<Vec<AuditEntry>>>,
}

impl AuditLog {
    pub fn new(sink: AuditSink) -> AuditLog {
        AuditLog {
            sink: Mutex::new(sink),
            recent: Mutex::new(VecDeque::with_capacity(RECENT)),
            published: watch::channel(Arc::new(Vec::new())).0,
        }
    }

    /// The trail in `path` (`-`: standard output), created 0600 with its folder.
    pub fn open(path: &Path) -> std::io::Result<AuditLog> {
        if path == Path::new("-") {
            return Ok(AuditLog::new(AuditSink::Stdout));
        }
        Ok(AuditLog::new(AuditSink::File(BoundedFile::open(path, LOG_CAP)?)))
    }

    /// Writes `entry` and keeps it among the recent ones. A write that fails is said in
    /// the server's log; the entry stays in `:audit`.
    pub fn record(&self, entry: AuditEntry) {
        let mut line = entry.json_line();
        line.push('\n');
        if let Err(error) = self.write(line.as_bytes()) {
            tracing::warn!("the audit log could not be written: {error}");
        }
        let mut recent = self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back(entry);
        self.published
            .send_replace(Arc::new(recent.iter().rev().cloned().collect()));
    }

    fn write(&self, line: &[u8]) -> std::io::Result<()> {
        let mut sink = self.sink.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &mut *sink {
            AuditSink::File(file) => file.write_all(line).and_then(|()| file.flush()),
            AuditSink::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(line).and_then(|()| out.flush())
            }
            AuditSink::Nowhere => Ok(()),
        }
    }

    /// The recent entries, newest first, now and as they come.
    pub fn recent(&self) -> watch::Receiver<Arc<Vec<AuditEntry>>> {
        self.published.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::jiff::Timestamp;

    use super::*;
    use crate::model::server_session::{Change, Outcome};

    fn entry(object: &str) -> AuditEntry {
        AuditEntry::new(
            Timestamp::UNIX_EPOCH,
            "alice",
            "127.0.0.1:9",
            Change::new("delete", object, Outcome::Ok),
        )
    }

    #[test]
    fn entries_are_json_lines_in_the_file_and_the_newest_come_first() {
        let dir = std::env::temp_dir().join(format!("kubic-audit-{}", std::process::id()));
        let path = dir.join("audit.log");
        let log = AuditLog::open(&path).unwrap();
        log.record(entry("pods/web/a"));
        log.record(entry("pods/web/b"));
        let text = std::fs::read_to_string(&path).unwrap();
        let objects: Vec<String> = text
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["object"].to_string())
            .collect();
        assert_eq!(objects, ["\"pods/web/a\"", "\"pods/web/b\""]);
        let recent = log.recent().borrow().clone();
        assert_eq!(recent[0].object, "pods/web/b");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn only_the_most_recent_are_kept_in_memory() {
        let log = AuditLog::new(AuditSink::Nowhere);
        for n in 0..RECENT + 3 {
            log.record(entry(&format!("pods/web/{n}")));
        }
        let recent = log.recent().borrow().clone();
        assert_eq!(recent.len(), RECENT);
        assert_eq!(recent[0].object, format!("pods/web/{}", RECENT + 2));
        assert_eq!(recent[RECENT - 1].object, "pods/web/3");
    }
}
