//! The live log pane's state: a bounded ring of lines from one or many pods, follow or
//! paused scrolling, display toggles, the stream choices (tail, since, previous,
//! container) and search.

use std::collections::VecDeque;

use crate::model::ansi::{AnsiText, StyledRun, parse_ansi};
use crate::model::cluster::ObjectRef;
use crate::model::cluster::{LogEvent, LogOptions};
use crate::model::resource::Known;

mod keys;

/// Lines kept when nothing else is configured.
pub const DEFAULT_CAPACITY: usize = 10_000;
/// Tail choices, in the order `T` cycles them; `None` is everything.
pub const TAILS: [Option<i64>; 4] = [Some(100), Some(1000), Some(10_000), None];
/// "Since" choices in seconds, in the order `s` cycles them; `None` is everything.
pub const SINCES: [Option<i64>; 5] = [None, Some(60), Some(300), Some(900), Some(3600)];

/// One line of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Index into `LogPane::pods`, for the prefix and its colour.
    pub pod: usize,
    pub container: String,
    pub timestamp: String,
    /// The line as printed: no escape sequence or control character is left in it.
    pub text: String,
    /// The colours and attributes its SGR sequences gave parts of `text`.
    pub runs: Vec<StyledRun>,
    /// A marker kubic wrote (stream ended, reconnected), not a line of the log.
    pub marker: bool,
}

/// The log pane.
#[derive(Debug, Clone)]
pub struct LogPane {
    pub object: ObjectRef,
    /// The current stream; events of older streams are ignored.
    pub stream: u64,
    /// Whether lines come from several pods (then each carries its pod's prefix).
    pub many_pods: bool,
    pub lines: VecDeque<LogLine>,
    pub capacity: usize,
    /// Sequence number of `lines[0]`: lines dropped from the ring so far.
    pub dropped: u64,
    pub follow: bool,
    /// Sequence number of the first line shown while paused.
    pub scroll: u64,
    pub timestamps: bool,
    pub wrap: bool,
    pub tail: usize,
    pub since: usize,
    pub previous: bool,
    pub container: Option<String>,
    /// Pods in the order they first spoke; a line's prefix colour follows its index.
    pub pods: Vec<String>,
    /// Every container name seen, for choosing one.
    pub containers: Vec<String>,
    pub search: Option<String>,
    /// The search being typed after `/`.
    pub search_input: Option<String>,
    /// Sequence number of the current match.
    pub current_match: Option<u64>,
    /// Rows the pane shows; kept by the app from the terminal size.
    pub height: usize,
}

impl LogPane {
    pub fn new(object: ObjectRef, stream: u64, capacity: usize, height: usize) -> LogPane {
        let many_pods = !object.kind.is_known(Known::Pod);
        LogPane {
            object,
            stream,
            many_pods,
            lines: VecDeque::new(),
            capacity: capacity.max(1),
            dropped: 0,
            follow: true,
            scroll: 0,
            timestamps: false,
            wrap: false,
            tail: 0,
            since: 0,
            previous: false,
            container: None,
            pods: Vec::new(),
            containers: Vec::new(),
            search: None,
            search_input: None,
            current_match: None,
            height: height.max(1),
        }
    }

    /// What the runner must ask the cluster for.
    pub fn options(&self) -> LogOptions {
        LogOptions {
            container: self.container.clone(),
            tail_lines: TAILS[self.tail % TAILS.len()],
            since_seconds: SINCES[self.since % SINCES.len()],
            previous: self.previous,
            follow: true,
        }
    }

    /// Starts over for a new stream (the choices changed).
    pub fn restart(&mut self, stream: u64) {
        self.stream = stream;
        self.dropped += self.lines.len() as u64;
        self.lines.clear();
        self.follow = true;
        self.current_match = None;
    }

    /// Takes in what the feed reported.
    pub fn ingest(&mut self, event: LogEvent) {
        match event {
            LogEvent::Lines { pod, container, lines } => {
                let pod = self.pod_index(&pod);
                for line in lines {
                    let AnsiText { text, runs } = parse_ansi(&line.text);
                    self.push(LogLine {
                        pod,
                        container: container.clone(),
                        timestamp: line.timestamp,
                        text,
                        runs,
                        marker: false,
                    });
                }
            }
            LogEvent::Marker { pod, text } => {
                let pod = self.pod_index(&pod);
                self.push_marker(pod, text);
            }
            LogEvent::Containers { containers, .. } => {
                for container in containers {
                    if !self.containers.contains(&container) {
                        self.containers.push(container);
                    }
                }
            }
            LogEvent::Failed(failure) => self.push_marker(usize::MAX, failure.message),
        }
    }

    fn push_marker(&mut self, pod: usize, text: String) {
        self.push(LogLine {
            pod,
            container: String::new(),
            timestamp: String::new(),
            text: parse_ansi(&text).text,
            runs: Vec::new(),
            marker: true,
        });
    }

    fn pod_index(&mut self, pod: &str) -> usize {
        match self.pods.iter().position(|p| p == pod) {
            Some(index) => index,
            None => {
                self.pods.push(pod.to_string());
                self.pods.len() - 1
            }
        }
    }

    /// Appends a line, dropping the oldest when the ring is full.
    pub fn push(&mut self, line: LogLine) {
        if self.lines.len() >= self.capacity {
            self.lines.pop_front();
            self.dropped += 1;
            self.scroll = self.scroll.max(self.dropped);
        }
        self.lines.push_back(line);
    }

    /// Sequence number one past the last line.
    pub fn end(&self) -> u64 {
        self.dropped + self.lines.len() as u64
    }

    /// The first line to draw: the bottom page while following, else where the operator scrolled.
    pub fn first_shown(&self) -> u64 {
        let bottom = self.end().saturating_sub(self.height as u64).max(self.dropped);
        if self.follow {
            bottom
        } else {
            self.scroll.clamp(self.dropped, bottom)
        }
    }

    /// The line with sequence number `seq`, if still in the ring.
    pub fn line(&self, seq: u64) -> Option<&LogLine> {
        let index = usize::try_from(seq.checked_sub(self.dropped)?).ok()?;
        self.lines.get(index)
    }

    /// Scrolls; scrolling up pauses the follow, reaching the bottom does not resume it.
    pub fn scroll_by(&mut self, delta: i64) {
        let from = self.first_shown();
        let bottom = self.end().saturating_sub(self.height as u64).max(self.dropped);
        let to = from.saturating_add_signed(delta).clamp(self.dropped, bottom);
        self.scroll = to;
        if delta < 0 {
            self.follow = false;
        }
    }

    pub fn to_top(&mut self) {
        self.follow = false;
        self.scroll = self.dropped;
    }

    pub fn resume(&mut self) {
        self.follow = true;
    }

    /// The prefix a line carries: its pod (when several speak) and its container
    /// (when several are shown).
    pub fn prefix(&self, line: &LogLine) -> Option<String> {
        let pod = self.pods.get(line.pod)?;
        let container = (self.container.is_none() && self.containers.len() > 1 && !line.container.is_empty())
            .then_some(line.container.as_str());
        match (self.many_pods, container) {
            (true, Some(c)) => Some(format!("{pod}/{c}")),
            (true, None) => Some(pod.clone()),
            (false, Some(c)) => Some(c.to_string()),
            (false, None) => None,
        }
    }

    /// Moves to the next (`forward`) or previous match of the search and shows it.
    pub fn find(&mut self, forward: bool) -> bool {
        let Some(needle) = self.search.clone().filter(|s| !s.is_empty()) else {
            return false;
        };
        let start = self.current_match.unwrap_or(if forward {
            self.first_shown().saturating_sub(1)
        } else {
            self.end()
        });
        let matches = |seq: &u64| self.line(*seq).is_some_and(|line| line.text.contains(&needle));
        let found = if forward {
            (start.saturating_add(1)..self.end()).find(matches)
        } else {
            (self.dropped..start.min(self.end())).rev().find(matches)
        };
        let Some(seq) = found else {
            return false;
        };
        self.current_match = Some(seq);
        self.follow = false;
        self.scroll = seq.saturating_sub(self.height as u64 / 2);
        true
    }

    /// The buffer as text, one line each, as the pane would show it with timestamps on.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            if !line.timestamp.is_empty() {
                out.push_str(&line.timestamp);
                out.push(' ');
            }
            if let Some(prefix) = self.prefix(line) {
                out.push_str(&prefix);
                out.push(' ');
            }
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }

    /// What the copy key takes: the lines that match the search when there is one, else
    /// the lines on screen; each as the pane shows it (its timestamp when shown, its
    /// prefix), and how many.
    pub fn copy_text(&self) -> (String, usize) {
        let shown = |line: &LogLine| {
            let mut out = String::new();
            if self.timestamps && !line.timestamp.is_empty() {
                out.push_str(&line.timestamp);
                out.push(' ');
            }
            if let Some(prefix) = self.prefix(line) {
                out.push_str(&prefix);
                out.push(' ');
            }
            out.push_str(&line.text);
            out
        };
        let lines: Vec<String> = match self.search.as_deref().filter(|s| !s.is_empty()) {
            Some(needle) => self
                .lines
                .iter()
                .filter(|line| !line.marker && line.text.contains(needle))
                .map(shown)
                .collect(),
            None => {
                let first = self.first_shown();
                (first..self.end().min(first + self.height as u64))
                    .filter_map(|seq| self.line(seq))
                    .filter(|line| !line.marker)
                    .map(shown)
                    .collect()
            }
        };
        (lines.join("\n"), lines.len())
    }

    /// A short summary of the choices, for the title.
    pub fn describe_choices(&self) -> String {
        let tail = match TAILS[self.tail % TAILS.len()] {
            Some(n) => format!("tail {n}"),
            None => "tail all".into(),
        };
        let since = match SINCES[self.since % SINCES.len()] {
            Some(s) if s >= 3600 => format!("since {}h", s / 3600),
            Some(s) => format!("since {}m", s / 60),
            None => "since start".into(),
        };
        let container = self.container.as_deref().unwrap_or("all containers");
        let mut parts = vec![container.to_string(), tail, since];
        if self.previous {
            parts.push("previous".into());
        }
        parts.push(if self.follow {
            "following".into()
        } else {
            "paused".into()
        });
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests;
