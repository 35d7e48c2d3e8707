//! The input of one far terminal as a stream of session events: what its channel
//! delivers (data and window changes) decoded in order, a lone ESC taken as the Esc key
//! once [`ESC_TIMEOUT`] passed without more input.

use std::collections::VecDeque;

use futures::{Stream, StreamExt};
use tokio::sync::mpsc::Receiver;

use super::{ESC_TIMEOUT, InputDecoder};
use crate::tui::TermEvent;

/// What arrives from the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Bytes the far terminal sent (keys typed, a paste).
    Bytes(Vec<u8>),
    /// The far terminal's new size: `(width, height)` in cells.
    Resize(u16, u16),
}

/// Decodes `incoming` into events, flushing a lone ESC after [`ESC_TIMEOUT`]; a resize
/// passes through in order. The stream ends when `incoming` ends (what was pending is
/// flushed first).
pub fn decode_stream(incoming: Receiver<Incoming>) -> impl Stream<Item = TermEvent> + Send + Unpin {
    let decoding = Decoding {
        incoming,
        decoder: InputDecoder::new(),
        ready: VecDeque::new(),
        ended: false,
    };
    Box::pin(futures::stream::unfold(decoding, Decoding::next_event).fuse())
}

struct Decoding {
    incoming: Receiver<Incoming>,
    decoder: InputDecoder,
    ready: VecDeque<TermEvent>,
    ended: bool,
}

impl Decoding {
    async fn next_event(mut self) -> Option<(TermEvent, Decoding)> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some((event, self));
            }
            if self.ended {
                return None;
            }
            self.receive().await;
        }
    }

    /// Waits for the next thing from the channel, or for the timeout while bytes wait.
    async fn receive(&mut self) {
        let incoming = if self.decoder.is_waiting() {
            match tokio::time::timeout(ESC_TIMEOUT, self.incoming.recv()).await {
                Ok(incoming) => incoming,
                Err(_elapsed) => {
                    self.ready.extend(self.decoder.flush());
                    return;
                }
            }
        } else {
            self.incoming.recv().await
        };
        match incoming {
            Some(Incoming::Bytes(bytes)) => self.ready.extend(self.decoder.feed(&bytes)),
            Some(Incoming::Resize(width, height)) => self.ready.push_back(TermEvent::Resize(width, height)),
            None => {
                self.ready.extend(self.decoder.flush());
                self.ended = true;
            }
        }
    }
}
