//! Why this exists: the serving benchmark (see BENCHMARKS.md). It starts `kubic serve`,
//! opens SESSIONS (20) concurrent scripted SSH sessions as admin users — a real SSH client
//! (russh) on a 200x50 pty, each screen kept by a vt100 parser — and measures the
//! server's RSS and CPU time, the memory each session adds, and each session's time from
//! connect to a complete pod table of every namespace.
//!
//! Run against the local cluster (grown by `devcluster/scale-bench --keep` or through
//! `devcluster/serve-bench`, which does it all):
//!
//! ```sh
//! cargo bench --bench serve          # SESSIONS=20, MIN_ROWS=0, TIMEOUT=600
//! ```
//!
//! Environment: KUBIC_KUBECONFIG (else $KUBIC_DEVCLUSTER_STATE/kubeconfig, else
//! target/devcluster/kubeconfig), SESSIONS (20), MIN_ROWS (rows a complete table has at
//! least, e.g. the scale pods: 0), TIMEOUT (seconds each session may take to a complete
//! table: 600), STEADY (seconds the open sessions are watched idle for the CPU they
//! cost: 10), CHURN (seconds of the churn step, 0: none: 30; 3 under `cargo test`) and
//! CHURN_RATE (pod changes a second in it: 50). The first session logs in once the
//! server's shared watch of the pods has its complete list (the warm cache a new session
//! is served from). Exits 1 when a session fails or misses the timeout.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failed assumption fails it

mod churn;
mod env;
mod session;
mod title;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use env::{benchmarking, env_number, kubeconfig};
use session::{Pending, open, outcome};
use tokio::sync::watch;

pub const COLS: u16 = 200;
pub const ROWS: u16 = 50;
const USER_PREFIX: &str = "bench-serve";
pub const PASSWORD: &str = "bench serve password";

/// Runs the built kubic with `args` as the cluster admin, `stdin` fed to it.
fn kubic(kubeconfig: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubic"))
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubic");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

// --- the server's process ------------------------------------------------------

/// `kubic serve` on 127.0.0.1, killed when dropped; what it logs is kept.
struct Server {
    child: Child,
    address: SocketAddr,
    log: Arc<Mutex<String>>,
    /// When it was started.
    started: Instant,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(kubeconfig: &Path) -> Server {
        let started = Instant::now();
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("host_key");
        let mut child = Command::new(env!("CARGO_BIN_EXE_kubic"))
            .arg("--kubeconfig")
            .arg(kubeconfig)
            .args(["--start", "pods", "serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(&key)
            .args(["--log-file", "-"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kubic serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let events = child.stdout.take().unwrap();
        let logged = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(events).lines().map_while(Result::ok) {
                logged.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("kubic serve: listening on ") {
                    let _ = address_tx.send(address.parse::<SocketAddr>().unwrap());
                }
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let Ok(address) = address_rx.recv_timeout(Duration::from_secs(60)) else {
            panic!("kubic serve did not start listening; it said:\n{}", log.lock().unwrap());
        };
        Server {
            child,
            address,
            log,
            started,
            _dir: dir,
        }
    }

    fn sample(&self) -> Sample {
        Sample::of(self.child.id())
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to `timeout` for the server to log a line containing `needle`; the line.
    async fn logged(&self, needle: &str, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(line) = self.log().lines().find(|line| line.contains(needle)) {
                return Some(line.to_string());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server's memory and CPU time at one moment.
#[derive(Debug, Clone, Copy)]
struct Sample {
    at: Instant,
    rss_kib: u64,
    hwm_kib: u64,
    threads: u64,
    cpu_ticks: u64,
}

impl Sample {
    fn of(pid: u32) -> Sample {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the server is running");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|value| value.parse::<u64>().ok())
                .unwrap_or_else(|| panic!("no {name} in /proc/{pid}/status"))
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        let cpu_ticks = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        Sample {
            at: Instant::now(),
            rss_kib: field("VmRSS:"),
            hwm_kib: field("VmHWM:"),
            threads: field("Threads:"),
            cpu_ticks,
        }
    }
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn mb(kib: u64) -> f64 {
    kib as f64 * 1024.0 / 1e6
}

// --- the run -------------------------------------------------------------------

fn users(count: usize) -> Vec<String> {
    (1..=count).map(|i| format!("{USER_PREFIX}-{i:02}")).collect()
}

fn add_users(kubeconfig: &Path, names: &[String]) {
    for name in names {
        let _ = kubic(kubeconfig, &["user", "delete", name], "");
        let out = kubic(
            kubeconfig,
            &["user", "add", name, "--role", "admin"],
            &format!("{PASSWORD}\n"),
        );
        assert!(
            out.status.success(),
            "kubic user add {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn delete_users(kubeconfig: &Path, names: &[String]) {
    for name in names {
        let _ = kubic(kubeconfig, &["user", "delete", name], "");
    }
}

fn spread(mut times: Vec<Duration>) -> String {
    times.sort();
    let s = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        (times[times.len() / 2 - 1] + times[times.len() / 2]) / 2
    };
    format!(
        "min {}  median {}  max {}",
        s(times[0]),
        s(median),
        s(*times.last().unwrap())
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sessions = env_number("SESSIONS", 20).max(2) as usize;
    let min_rows = env_number("MIN_ROWS", 0) as usize;
    let timeout = Duration::from_secs(env_number("TIMEOUT", 600));
    let steady = Duration::from_secs(env_number("STEADY", 10));
    let churn_for = Duration::from_secs(env_number("CHURN", if benchmarking() { 30 } else { 3 }));
    let churn_rate = env_number("CHURN_RATE", 50);
    let kubeconfig = kubeconfig();
    assert!(kubeconfig.exists(), "no kubeconfig at {}", kubeconfig.display());
    let ticks = clock_ticks_per_second();
    let cpu = |from: &Sample, to: &Sample| (to.cpu_ticks - from.cpu_ticks) as f64 / ticks;

    eprintln!("serve-bench: adding {sessions} admin users {USER_PREFIX}-NN");
    let names = users(sessions);
    add_users(&kubeconfig, &names);
    let server = Server::start(&kubeconfig);
    eprintln!(
        "serve-bench: kubic serve (pid {}) on {}",
        server.child.id(),
        server.address
    );
    let warm = server
        .logged("shared watch of pods in all projects listed", timeout)
        .await
        .unwrap_or_else(|| {
            panic!(
                "the server's watch of the pods never listed; it said:\n{}",
                server.log()
            )
        });
    let warm_after = server.started.elapsed();
    eprintln!("serve-bench: warm after {:.2} s: {warm}", warm_after.as_secs_f64());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = server.sample();
    let (stop_tx, stop) = watch::channel(false);
    let mut failures = Vec::new();
    let mut outcomes = Vec::new();

    // One session alone: its time, and what the server holds with one session.
    eprintln!("serve-bench: one session");
    match outcome(
        open(server.address, names[0].clone(), min_rows, timeout, &stop),
        timeout,
    )
    .await
    {
        Ok(first) => outcomes.push(first),
        Err(why) => failures.push(why),
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let one = server.sample();

    // The other SESSIONS-1 at once, beside it.
    eprintln!("serve-bench: {} more sessions at once", sessions - 1);
    let started = server.sample();
    let pending: Vec<Pending> = names[1..]
        .iter()
        .map(|name| open(server.address, name.clone(), min_rows, timeout, &stop))
        .collect();
    let results = futures::future::join_all(pending.into_iter().map(|p| outcome(p, timeout))).await;
    let loaded = server.sample();
    let mut concurrent = Vec::new();
    for result in results {
        match result {
            Ok(o) => concurrent.push(o),
            Err(why) => failures.push(why),
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let all = server.sample();

    // All open and idle: what they cost while nothing happens.
    tokio::time::sleep(steady).await;
    let steady_end = server.sample();

    // Pods changing under the open sessions: what the server spends passing it on.
    let admin = churn::admin_client(&kubeconfig).await;
    let churned = if churn_for.is_zero() {
        None
    } else {
        eprintln!(
            "serve-bench: {churn_rate} pod changes a second for {} s",
            churn_for.as_secs()
        );
        let before = server.sample();
        let churned = churn::churn(&admin, churn_rate, churn_for).await;
        // The last changes reach the sessions a moment later.
        tokio::time::sleep(Duration::from_secs(1)).await;
        Some((churned, cpu(&before, &server.sample())))
    };

    // Closed again: what the server gives back.
    let _ = stop_tx.send(true);
    tokio::time::sleep(Duration::from_secs(5)).await;
    let closed = server.sample();
    let alive = server.child.id();
    let log = server.log();
    drop(server);
    delete_users(&kubeconfig, &names);
    if churned.is_some() {
        churn::unlabel(&admin).await;
    }

    // --- report ------------------------------------------------------------------
    let line = |what: &str, value: String| println!("  {what:<52} {value}");
    let memory = |s: &Sample| {
        format!(
            "RSS {:6.1} MB  (peak {:6.1} MB, {} threads)",
            mb(s.rss_kib),
            mb(s.hwm_kib),
            s.threads
        )
    };
    println!();
    println!(
        "serve-bench: {sessions} SSH sessions ({COLS}x{ROWS}, xterm-256color, admin: every namespace), server pid {alive}"
    );
    line(
        "server's shared pod watch complete (warm)",
        format!("{:.2} s after start", warm_after.as_secs_f64()),
    );
    line("server idle, before any session", memory(&idle));
    line("after 1 session (table complete)", memory(&one));
    line(&format!("after all {sessions} (tables complete)"), memory(&all));
    line(&format!("after all {sessions} closed (+5 s)"), memory(&closed));
    let per_session = (all.rss_kib as f64 - one.rss_kib as f64) / (sessions - 1) as f64;
    line(
        "memory each session adds ((RSS@N - RSS@1)/(N-1))",
        format!("{:.1} MB", per_session * 1024.0 / 1e6),
    );
    line(
        "server CPU, start to all closed",
        format!("{:.2} s", cpu(&idle, &closed)),
    );
    line("  of it the first session", format!("{:.2} s", cpu(&idle, &one)));
    let wall = loaded.at - started.at;
    line(
        &format!("  of it the {} concurrent sessions' loading", sessions - 1),
        format!(
            "{:.2} s over {:.2} s wall ({:.0}% of one core)",
            cpu(&started, &loaded),
            wall.as_secs_f64(),
            cpu(&started, &loaded) / wall.as_secs_f64() * 100.0
        ),
    );
    let idle_wall = steady_end.at - all.at;
    line(
        &format!("  {sessions} open and idle, per second"),
        format!(
            "{:.3} s ({:.1}% of one core)",
            cpu(&all, &steady_end) / idle_wall.as_secs_f64(),
            cpu(&all, &steady_end) / idle_wall.as_secs_f64() * 100.0
        ),
    );
    if let Some((churned, spent)) = &churned {
        let took = churned.took.as_secs_f64();
        let share = spent / took * 100.0;
        line(
            &format!("  {sessions} open, {} pod changes in {took:.1} s", churned.changes),
            format!(
                "{spent:.2} s ({share:.1}% of one core, {:.1}% per 10 sessions; {} changes failed, {} to pods gone)",
                share * 10.0 / sessions as f64,
                churned.failed,
                churned.gone
            ),
        );
    }
    if let Some(first) = outcomes.first() {
        line(
            "1 session alone: connect to complete table",
            format!(
                "{:.2} s (login {:.2} s, {} rows, {} KB sent)",
                first.complete.as_secs_f64(),
                first.login.as_secs_f64(),
                first.rows,
                first.bytes / 1000
            ),
        );
    }
    if !concurrent.is_empty() {
        let n = concurrent.len();
        line(
            &format!("{n} concurrent: connect to complete table"),
            spread(concurrent.iter().map(|o| o.complete).collect()),
        );
        line(
            &format!("{n} concurrent: connect to password accepted"),
            spread(concurrent.iter().map(|o| o.login).collect()),
        );
        line(
            &format!("{n} concurrent: connect to first bytes"),
            spread(concurrent.iter().map(|o| o.first_bytes).collect()),
        );
        let rows: Vec<usize> = concurrent.iter().map(|o| o.rows).collect();
        line(
            "rows in the tables",
            format!("{} to {}", rows.iter().min().unwrap(), rows.iter().max().unwrap()),
        );
    }
    let warnings: Vec<&str> = log
        .lines()
        .filter(|l| !l.starts_with("kubic serve: listening"))
        .collect();
    if !warnings.is_empty() {
        println!("  the server logged {} lines; the last ones:", warnings.len());
        for l in warnings.iter().rev().take(10).rev() {
            println!("    {l}");
        }
    }
    println!(
        "  reproduce: SESSIONS={sessions} MIN_ROWS={min_rows} TIMEOUT={} CHURN={} CHURN_RATE={churn_rate} cargo bench --bench serve",
        timeout.as_secs(),
        churn_for.as_secs()
    );
    if !failures.is_empty() {
        eprintln!("serve-bench: {} of {sessions} sessions failed:", failures.len());
        for why in &failures {
            eprintln!("  {why}");
        }
        std::process::exit(1);
    }
}
