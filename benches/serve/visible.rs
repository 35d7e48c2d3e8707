//! The churn step's visible half: while the labels change, a marker pod is created and
//! deleted about once a second, and the pod count in the title of kubic's pods table —
//! read back from the terminal output kubic wrote (a file `script` appends to), through a
//! vt100 parser — must follow each change. What it measures is the time from the request
//! sent to the new count on kubic's screen.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client};

use super::title::pods_title;

/// The terminal `devcluster/scale-bench` gives kubic.
const ROWS: u16 = 50;
const COLS: u16 = 200;
/// How long a change may take to show before it counts as never shown.
const GIVE_UP: Duration = Duration::from_secs(10);
/// The marker pods' names start with this.
const MARKER: &str = "kubic-churn-mark-";

/// What the visible half measured: one time per change (a marker created or deleted).
pub struct Visible {
    pub shown: Vec<Duration>,
    /// Changes the screen did not show within [`GIVE_UP`].
    pub missed: usize,
}

impl Visible {
    /// The slowest change shown.
    pub fn slowest(&self) -> Duration {
        self.shown.iter().copied().max().unwrap_or_default()
    }

    fn note(&mut self, shown: Option<Duration>) {
        match shown {
            Some(took) => self.shown.push(took),
            None => self.missed += 1,
        }
    }

    /// The median change shown.
    pub fn median(&self) -> Duration {
        let mut sorted = self.shown.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

/// kubic's screen, replayed from the file its terminal output goes to.
struct Screen {
    path: PathBuf,
    read: u64,
    parser: vt100::Parser,
}

impl Screen {
    fn new(path: &Path) -> Screen {
        Screen {
            path: path.to_path_buf(),
            read: 0,
            parser: vt100::Parser::new(ROWS, COLS, 0),
        }
    }

    /// The count in the pods table's title (`pods(all) [30000]`) after the output so far.
    fn pod_count(&mut self) -> Option<usize> {
        let mut file = std::fs::File::open(&self.path).expect("open kubic's terminal output");
        let mut fresh = Vec::new();
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(self.read)).expect("seek kubic's output");
        file.read_to_end(&mut fresh).expect("read kubic's terminal output");
        self.read += fresh.len() as u64;
        self.parser.process(&fresh);
        title_count(&self.parser.screen().contents())
    }

    /// How long after `since` the title shows `count`; `None` past [`GIVE_UP`].
    async fn shows(&mut self, count: usize, since: Instant) -> Option<Duration> {
        while since.elapsed() < GIVE_UP {
            if self.pod_count() == Some(count) {
                return Some(since.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        None
    }
}

/// The row count in a pods table's title on `screen`: `pods(all) [N]`.
fn title_count(screen: &str) -> Option<usize> {
    screen.lines().find_map(|line| pods_title(line).map(|(count, _)| count))
}

/// A marker pod no node takes (its node selector matches none): it stays Pending and
/// goes at once when deleted.
fn marker(name: &str) -> Pod {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": name},
        "spec": {
            "nodeSelector": {"kubic.io/churn-marker": "nowhere"},
            "containers": [{"name": "mark", "image": "registry.invalid/mark:1"}],
        },
    }))
    .expect("a marker pod")
}

/// Creates and deletes a marker pod in `namespace` once a second for `duration`, each
/// time waiting for kubic's screen (the output in `output`) to show the new count.
pub async fn markers(client: &Client, namespace: &str, output: &Path, duration: Duration) -> Visible {
    let api = Api::<Pod>::namespaced(client.clone(), namespace);
    let mut screen = Screen::new(output);
    let base = screen.pod_count().expect("kubic's screen shows the pods table's count");
    let mut visible = Visible {
        shown: Vec::new(),
        missed: 0,
    };
    let started = Instant::now();
    let mut round = 0;
    while started.elapsed() < duration {
        let name = format!("{MARKER}{round}");
        let sent = Instant::now();
        api.create(&PostParams::default(), &marker(&name))
            .await
            .expect("create a marker pod");
        visible.note(screen.shows(base + 1, sent).await);
        let sent = Instant::now();
        api.delete(&name, &DeleteParams::default().grace_period(0))
            .await
            .expect("delete a marker pod");
        visible.note(screen.shows(base, sent).await);
        round += 1;
        let next = Duration::from_secs(round);
        if let Some(wait) = next.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    visible
}
