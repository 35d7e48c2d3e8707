//! `kubic serve` on 127.0.0.1 for the tests, its users, and the real OpenSSH client
//! logging in to it through a pty.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kubic::kube::Connection;
use kubic::kube::users;
use kubic::model::password::hash_password;
use kubic::model::user::{NewUser, UserRole};

use super::pty::KubicTerminal;

/// How long a login through ssh may take (argon2 and the SSH handshake included).
pub const LOGIN: Duration = Duration::from_secs(30);

/// A `kubic serve` process, killed when dropped; what it says on standard error and
/// its log (`--log-file -`, standard output) are kept.
pub struct Server {
    child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
    dir: tempfile::TempDir,
}

impl Server {
    /// Starts `kubic serve` on a free port of 127.0.0.1 as the local cluster's admin,
    /// with the host key in a file and `extra` flags.
    pub fn start(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("host_key");
        let audit = dir.path().join("audit.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_kubic"))
            .args(["--kubeconfig", super::kubeconfig().to_str().unwrap(), "serve"])
            .args(["--listen", "127.0.0.1:0", "--host-key", key.to_str().unwrap()])
            .args(["--log-file", "-", "--audit-log", audit.to_str().unwrap()])
            .args(extra)
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
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("kubic serve: listening on ") {
                    let _ = port_tx.send(address.rsplit(':').next().unwrap().parse::<u16>().unwrap());
                }
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let port = match port_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(port) => port,
            Err(_) => panic!("kubic serve did not start listening; it said:\n{}", log.lock().unwrap()),
        };
        Server { child, port, log, dir }
    }

    /// The audit trail so far: one JSON value per line.
    pub fn audit(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(self.dir.path().join("audit.log")).unwrap_or_default();
        text.lines()
            .map(|line| serde_json::from_str(line).expect("an audit line is JSON"))
            .collect()
    }

    /// What the server said and logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The OpenSSH client connecting as `user` on a `cols`x`rows` terminal, password
    /// authentication only, the host key taken on first sight.
    pub fn ssh(&self, user: &str, cols: u16, rows: u16) -> KubicTerminal {
        let port = self.port.to_string();
        let target = format!("{user}@127.0.0.1");
        let known_hosts = self.dir.path().join("known_hosts");
        let known = format!("UserKnownHostsFile={}", known_hosts.display());
        let mut args = vec!["-F", "/dev/null", "-p", &port, "-tt", "-o", &known];
        args.extend(CLIENT_OPTIONS);
        args.extend([
            "-o",
            "PreferredAuthentications=password",
            "-o",
            "PubkeyAuthentication=no",
        ]);
        args.push(&target);
        KubicTerminal::spawn_program("ssh", &args, cols, rows)
    }

    /// Logs in as `user` with `password` and waits for kubic's top bar to name them.
    pub fn login(&self, user: &str, password: &str, cols: u16, rows: u16) -> KubicTerminal {
        let mut terminal = self.ssh(user, cols, rows);
        terminal.wait_for("the password prompt", LOGIN, |screen| screen.contains("password:"));
        terminal.type_keys(&format!("{password}\r"));
        terminal.wait_for(&format!("kubic as {user}"), LOGIN, |screen| {
            screen.contains(&format!("User: {user}"))
        });
        terminal
    }

    /// Runs the OpenSSH client as `user` with the private key `key` and no terminal,
    /// returning what it printed (stdout and stderr) and whether it succeeded.
    pub fn ssh_without_pty(&self, user: &str, key: &std::path::Path) -> (String, bool) {
        let output = self
            .key_client(key, &["-T"])
            .arg(format!("{user}@127.0.0.1"))
            .stdin(Stdio::null())
            .output()
            .expect("run ssh");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (text, output.status.success())
    }
}

impl Server {
    /// The OpenSSH client for this server with the private key `key` alone and no
    /// prompt; `first` goes before the common options (ssh keeps an option's first value).
    fn key_client(&self, key: &std::path::Path, first: &[&str]) -> Command {
        let known_hosts = self.dir.path().join("known_hosts");
        let mut command = Command::new("ssh");
        command
            .args(["-F", "/dev/null", "-p", &self.port.to_string()])
            .args(first)
            .args(["-o", &format!("UserKnownHostsFile={}", known_hosts.display())])
            .args(CLIENT_OPTIONS)
            .args([
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                "-i",
                key.to_str().unwrap(),
            ]);
        command
    }
}

/// `ssh -N` as `user` with `key`, forwarding each local port to its `host:port` (as in
/// `-L 127.0.0.1:LOCAL:pod/NS/NAME:80`); killed when dropped. Waits until the client
/// listens on every local port, so a refusal by the server shows when one connects.
pub struct Forwarding {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn forward(&self, user: &str, key: &std::path::Path, forwards: &[(u16, &str)]) -> Forwarding {
        // Channel refusals are said at INFO (ssh takes an option's first value).
        let mut command = self.key_client(key, &["-N", "-o", "LogLevel=INFO"]);
        for (local, remote) in forwards {
            command.args(["-L", &format!("127.0.0.1:{local}:{remote}")]);
        }
        let mut child = command
            .arg(format!("{user}@127.0.0.1"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run ssh -N");
        let stderr = Arc::new(Mutex::new(String::new()));
        let said = Arc::clone(&stderr);
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                said.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let deadline = std::time::Instant::now() + LOGIN;
        for (local, _) in forwards {
            while std::net::TcpStream::connect(("127.0.0.1", *local)).is_err() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("ssh -N ended ({status}): {}", stderr.lock().unwrap());
                }
                assert!(std::time::Instant::now() < deadline, "ssh -N never listened on {local}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        Forwarding { child, stderr }
    }
}

impl Forwarding {
    /// What the SSH client said on standard error so far.
    pub fn said(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Forwarding {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port of 127.0.0.1 (free when asked: the test's client binds it next).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What every test client is told: take the test server's host key, ask once.
const CLIENT_OPTIONS: [&str; 6] = [
    "-o",
    "StrictHostKeyChecking=accept-new",
    "-o",
    "NumberOfPasswordPrompts=1",
    "-o",
    "LogLevel=ERROR",
];

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A user of `role` in `projects` with `password`, made as the cluster admin.
pub async fn add_user(admin: &Connection, name: &str, role: UserRole, projects: &[&str], password: &str) {
    let new = NewUser {
        name: name.to_string(),
        role,
        projects: projects.iter().map(|p| p.to_string()).collect(),
        description: format!("{name}, made by a test"),
        password_hash: hash_password(password).unwrap(),
    };
    users::create_user(admin, &new).await.expect("create the user");
}

/// Gives `user` a fresh ed25519 key pair (in `dir`) as their only SSH key; the private
/// key's path.
pub async fn give_key(admin: &Connection, user: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let (key, public) = key_pair(dir);
    let api: kube::Api<kubic::model::crd::User> = kube::Api::all(admin.client.clone());
    let patch = serde_json::json!({"spec": {"sshKeys": [public]}});
    api.patch(
        user,
        &kube::api::PatchParams::default(),
        &kube::api::Patch::Merge(&patch),
    )
    .await
    .expect("give the user an SSH key");
    key
}

/// An ed25519 key pair made by ssh-keygen in `dir`: the private key's path and the
/// public key's authorized_keys line.
pub fn key_pair(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let key = dir.join("id_ed25519");
    let status = Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "test",
            "-f",
            key.to_str().unwrap(),
        ])
        .status()
        .expect("run ssh-keygen");
    assert!(status.success(), "ssh-keygen failed");
    let public = std::fs::read_to_string(dir.join("id_ed25519.pub")).unwrap();
    (key, public.trim().to_string())
}
