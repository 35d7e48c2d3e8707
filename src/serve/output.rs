//! A session's frames on their way to a far terminal, in a queue of bounded size: a
//! client that reads slowly loses whole frames (and then gets a full redraw), never
//! the server's memory.
//!
//! The session's backend writes a frame's bytes into an [`OutputWriter`] and flushes it
//! (crossterm flushes a few times a frame: after the cells, after the cursor); each flush
//! commits what was written since the last one. The sending task takes committed bytes
//! from the [`OutputReader`], coalesced, in writes of at most [`MAX_WRITE`] bytes.

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::tui::session::writer_backend::FrameSink;

/// The most bytes one [`OutputReader::next`] returns (one write to the channel).
pub const MAX_WRITE: usize = 32 * 1024;

/// What the far terminal is sent in place of lost output: CAN ends any escape sequence
/// that was cut off, SGR 0 resets the colours it may have left set. The full redraw that
/// follows does the rest.
const RESYNC: &[u8] = b"\x18\x1b[0m";

/// The writing and reading ends of one session's output; up to `limit` bytes may wait
/// unsent (make it several full frames).
pub fn output_queue(limit: usize) -> (OutputWriter, OutputReader) {
    let shared = Arc::new(Shared::default());
    let writer = OutputWriter {
        shared: Arc::clone(&shared),
        frame: Vec::new(),
        limit,
        lost: false,
    };
    (writer, OutputReader { shared })
}

#[derive(Default)]
struct Shared {
    state: Mutex<Queue>,
    committed: Notify,
}

#[derive(Default)]
struct Queue {
    bytes: VecDeque<u8>,
    writer_gone: bool,
}

impl Shared {
    /// The queue, even if a thread panicked while holding it (a queue of bytes has no
    /// invariant to break).
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The session's end: `write` adds to the frame in progress, `flush` commits it.
pub struct OutputWriter {
    shared: Arc<Shared>,
    frame: Vec<u8>,
    limit: usize,
    lost: bool,
}

impl OutputWriter {
    /// Whether output was dropped since the last call (the far screen is then wrong until
    /// a frame is drawn whole); the flag is cleared.
    pub fn take_lost(&mut self) -> bool {
        std::mem::take(&mut self.lost)
    }

    /// Queues the frame in progress, unless the bytes waiting and it together would pass
    /// the limit: then both are dropped (a frame never goes out in part).
    fn commit(&mut self) {
        if self.frame.is_empty() {
            return;
        }
        let mut queue = self.shared.queue();
        if !queue.bytes.is_empty() && queue.bytes.len() + self.frame.len() > self.limit {
            queue.bytes.clear();
            queue.bytes.extend(RESYNC);
            self.lost = true;
        } else {
            queue.bytes.extend(self.frame.iter());
        }
        drop(queue);
        self.frame.clear();
        self.shared.committed.notify_one();
    }
}

impl Write for OutputWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.commit();
        Ok(())
    }
}

impl FrameSink for OutputWriter {
    fn take_lost(&mut self) -> bool {
        OutputWriter::take_lost(self)
    }
}

impl Drop for OutputWriter {
    fn drop(&mut self) {
        self.shared.queue().writer_gone = true;
        self.shared.committed.notify_one();
    }
}

/// The sending end: the bytes committed so far, for the channel.
pub struct OutputReader {
    shared: Arc<Shared>,
}

impl OutputReader {
    /// Waits for committed bytes and returns what is queued, across frames, at most
    /// [`MAX_WRITE`] bytes; `None` once the writer is dropped and everything was taken.
    pub async fn next(&mut self) -> Option<Vec<u8>> {
        loop {
            let committed = self.shared.committed.notified();
            {
                let mut queue = self.shared.queue();
                if !queue.bytes.is_empty() {
                    let taken = queue.bytes.len().min(MAX_WRITE);
                    return Some(queue.bytes.drain(..taken).collect());
                }
                if queue.writer_gone {
                    return None;
                }
            }
            committed.await;
        }
    }

    /// How many committed bytes wait unsent.
    pub fn queued(&self) -> usize {
        self.shared.queue().bytes.len()
    }
}
