//! A TCP proxy on 127.0.0.1 in front of the local cluster's API server, for the fault
//! tests: it adds latency to every chunk, stalls (stops forwarding without closing),
//! cuts (drops every connection and refuses new ones) and restores. TLS passes through
//! unchanged: the API server's certificate is for the IP 127.0.0.1, which the proxy's
//! address also is, so a copy of the kubeconfig naming the proxy is all a client needs.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often idle loops look at the controls.
const TICK: Duration = Duration::from_millis(5);

/// The proxy; it stops (and drops its connections) when dropped.
pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
    kubeconfig: PathBuf,
    _dir: tempfile::TempDir,
}

/// The controls, read by every forwarding thread.
struct Shared {
    upstream: SocketAddr,
    latency_ms: AtomicU64,
    stalled: AtomicBool,
    cut: AtomicBool,
    stopped: AtomicBool,
    /// Every live socket (both ends of each connection), shut down by a cut.
    live: Mutex<Vec<TcpStream>>,
    accepted: AtomicUsize,
}

impl Proxy {
    /// A proxy in front of the local cluster's API server (started on first use), and a
    /// kubeconfig that reaches the cluster through it.
    pub fn start() -> Proxy {
        Proxy::in_front_of(super::kubeconfig())
    }

    /// A proxy in front of the API server `kubeconfig` names (an `https://127.0.0.1:PORT`).
    pub fn in_front_of(kubeconfig: &Path) -> Proxy {
        let text = std::fs::read_to_string(kubeconfig).expect("read the kubeconfig");
        let parsed = kube::config::Kubeconfig::read_from(kubeconfig).expect("parse the kubeconfig");
        let server = parsed
            .clusters
            .iter()
            .find_map(|named| named.cluster.as_ref()?.server.clone())
            .expect("the kubeconfig names an API server");
        let upstream: SocketAddr = server
            .strip_prefix("https://")
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("the API server {server} is not https://IP:PORT"));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("kubeconfig");
        let through = text.replace(&server, &format!("https://127.0.0.1:{port}"));
        assert_ne!(through, text, "the kubeconfig's server line was not rewritten");
        std::fs::write(&copy, through).unwrap();
        let shared = Arc::new(Shared {
            upstream,
            latency_ms: AtomicU64::new(0),
            stalled: AtomicBool::new(false),
            cut: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            live: Mutex::new(Vec::new()),
            accepted: AtomicUsize::new(0),
        });
        let accepting = Arc::clone(&shared);
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || accept_loop(Some(listener), port, &accepting));
        Proxy {
            port,
            shared,
            kubeconfig: copy,
            _dir: dir,
        }
    }

    /// The kubeconfig whose server is this proxy.
    pub fn kubeconfig(&self) -> &Path {
        &self.kubeconfig
    }

    /// The kubeconfig's path as a command-line argument.
    pub fn kubeconfig_arg(&self) -> String {
        self.kubeconfig.to_str().unwrap().to_string()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// How many connections the proxy accepted so far.
    pub fn accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Every chunk, either way, is delivered `latency` after it arrived.
    pub fn set_latency(&self, latency: Duration) {
        let ms = u64::try_from(latency.as_millis()).unwrap();
        self.shared.latency_ms.store(ms, Ordering::SeqCst);
    }

    /// Stops forwarding, either way, without closing anything: a server that hangs.
    /// New connections are accepted and hang too.
    pub fn stall(&self) {
        self.shared.stalled.store(true, Ordering::SeqCst);
    }

    /// Drops every connection and refuses new ones (the port is closed) until restored.
    pub fn cut(&self) {
        self.shared.cut.store(true, Ordering::SeqCst);
        self.shared.drop_connections();
    }

    /// Back to a plain proxy: no latency, no stall, accepting again.
    pub fn restore(&self) {
        self.shared.latency_ms.store(0, Ordering::SeqCst);
        self.shared.stalled.store(false, Ordering::SeqCst);
        self.shared.cut.store(false, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        self.shared.drop_connections();
    }
}

impl Shared {
    fn drop_connections(&self) {
        for socket in self.live.lock().unwrap().drain(..) {
            let _ = socket.shutdown(Shutdown::Both);
        }
    }

    fn ended(&self) -> bool {
        self.cut.load(Ordering::SeqCst) || self.stopped.load(Ordering::SeqCst)
    }
}

/// Accepts connections while not cut; while cut the port is closed (connections are
/// refused), and it is bound again on restore.
fn accept_loop(mut listener: Option<TcpListener>, port: u16, shared: &Arc<Shared>) {
    while !shared.stopped.load(Ordering::SeqCst) {
        if shared.cut.load(Ordering::SeqCst) {
            listener = None;
            std::thread::sleep(TICK);
            continue;
        }
        let Some(open) = listener.as_ref() else {
            listener = TcpListener::bind(("127.0.0.1", port))
                .and_then(|bound| bound.set_nonblocking(true).map(|()| bound))
                .ok();
            if listener.is_none() {
                std::thread::sleep(TICK);
            }
            continue;
        };
        match open.accept() {
            Ok((client, _)) => {
                shared.accepted.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(shared);
                std::thread::spawn(move || connect(client, &shared));
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => std::thread::sleep(TICK),
            Err(_) => std::thread::sleep(TICK),
        }
    }
}

/// Joins `client` to a new connection to the API server, both ways.
fn connect(client: TcpStream, shared: &Arc<Shared>) {
    let _ = client.set_nonblocking(false);
    let Ok(server) = TcpStream::connect_timeout(&shared.upstream, Duration::from_secs(5)) else {
        return;
    };
    let (Ok(client_copy), Ok(server_copy)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    {
        let mut live = shared.live.lock().unwrap();
        if shared.ended() {
            return;
        }
        live.push(client_copy);
        live.push(server_copy);
    }
    let (client_in, server_in) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let up = Arc::clone(shared);
    std::thread::spawn(move || pump(client_in, server, &up));
    pump(server_in, client, shared);
}

/// Forwards what `from` sends to `to`, each chunk after the latency, none while
/// stalled; ends with either side or a cut.
fn pump(mut from: TcpStream, to: TcpStream, shared: &Arc<Shared>) {
    let (chunks, inbox) = mpsc::channel::<(Instant, Vec<u8>)>();
    let delivering = Arc::clone(shared);
    let writer = std::thread::spawn(move || deliver(&inbox, to, &delivering));
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if chunks.send((Instant::now(), buffer[..n].to_vec())).is_err() {
                    break;
                }
            }
        }
    }
    drop(chunks);
    let _ = writer.join();
}

fn deliver(inbox: &mpsc::Receiver<(Instant, Vec<u8>)>, mut to: TcpStream, shared: &Shared) {
    loop {
        let (arrived, chunk) = match inbox.recv_timeout(TICK * 10) {
            Ok(next) => next,
            Err(RecvTimeoutError::Timeout) if !shared.ended() => continue,
            Err(_) => break,
        };
        loop {
            if shared.ended() {
                let _ = to.shutdown(Shutdown::Both);
                return;
            }
            let latency = Duration::from_millis(shared.latency_ms.load(Ordering::SeqCst));
            let early = (arrived + latency).saturating_duration_since(Instant::now());
            if shared.stalled.load(Ordering::SeqCst) {
                std::thread::sleep(TICK);
            } else if !early.is_zero() {
                std::thread::sleep(early.min(TICK));
            } else {
                break;
            }
        }
        if to.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}
