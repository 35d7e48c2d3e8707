//! One scripted session of the serving benchmark: a real SSH client (russh) on a 200x50
//! pty that logs in, asks for a shell and reads the screen through a vt100 parser until
//! the pod table of every namespace is complete, then keeps reading as a terminal does.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use tokio::sync::watch;

use super::title::pods_title;
use super::{COLS, PASSWORD, ROWS};
struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true) // the server was just started with a fresh key
    }
}

/// What one session measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Connect to the password accepted (the SSH handshake and the argon2 check).
    pub login: Duration,
    /// Connect to the first bytes of the session.
    pub first_bytes: Duration,
    /// Connect to a complete pod table on the screen.
    pub complete: Duration,
    pub rows: usize,
    pub bytes: usize,
}

/// The row count in the pod table's title once the table is complete (its first list
/// done: no `loading…` or `STALE` after the count) with at least `min_rows` rows.
fn complete_rows(screen: &vt100::Screen, min_rows: usize) -> Option<usize> {
    screen.rows(0, COLS).find_map(|row| {
        let (rows, after) = pods_title(&row)?;
        let after = after.trim_start();
        let live = !after.starts_with("loading") && !after.starts_with("STALE");
        (live && rows >= min_rows).then_some(rows)
    })
}

/// Logs in as `user`, asks for a pty and a shell, and reads the screen until the pod
/// table is complete; then keeps reading (as a terminal does) until `stop`.
async fn session(
    address: SocketAddr,
    user: String,
    min_rows: usize,
    timeout: Duration,
    done: tokio::sync::oneshot::Sender<Result<Outcome, String>>,
    mut stop: watch::Receiver<bool>,
) {
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + timeout;
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        ..client::Config::default()
    });
    let fail = |why: String| Err(format!("{user}: {why} after {:.1} s", started.elapsed().as_secs_f64()));
    let mut handle = match client::connect(config, address, Client).await {
        Ok(handle) => handle,
        Err(e) => return drop(done.send(fail(format!("connect: {e}")))),
    };
    match handle.authenticate_password(user.clone(), PASSWORD).await {
        Ok(result) if result.success() => {}
        Ok(result) => return drop(done.send(fail(format!("password refused: {result:?}")))),
        Err(e) => return drop(done.send(fail(format!("authentication: {e}")))),
    }
    let login = started.elapsed();
    let mut channel = match handle.channel_open_session().await {
        Ok(channel) => channel,
        Err(e) => return drop(done.send(fail(format!("open a session: {e}")))),
    };
    let asked = async {
        channel
            .request_pty(false, "xterm-256color", u32::from(COLS), u32::from(ROWS), 0, 0, &[])
            .await?;
        channel.request_shell(false).await
    };
    if let Err(e) = asked.await {
        return drop(done.send(fail(format!("pty and shell: {e}"))));
    }
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let mut first_bytes = None;
    let mut bytes = 0;
    let mut done = Some(done);
    loop {
        let message = tokio::select! {
            message = channel.wait() => message,
            _ = stop.changed() => break,
            () = tokio::time::sleep_until(deadline), if done.is_some() => {
                let screen = parser.screen().contents();
                let why = format!("no complete table within {} s ({bytes} bytes read); its screen:\n{screen}", timeout.as_secs());
                let _ = done.take().unwrap().send(fail(why));
                continue;
            }
        };
        match message {
            Some(ChannelMsg::Data { data }) => {
                first_bytes.get_or_insert_with(|| started.elapsed());
                bytes += data.len();
                parser.process(&data);
                if done.is_some()
                    && let Some(rows) = complete_rows(parser.screen(), min_rows)
                {
                    let outcome = Outcome {
                        login,
                        first_bytes: first_bytes.unwrap_or_default(),
                        complete: started.elapsed(),
                        rows,
                        bytes,
                    };
                    eprintln!(
                        "serve-bench:   {user}: {rows} rows complete after {:.2} s (login {:.2} s)",
                        outcome.complete.as_secs_f64(),
                        login.as_secs_f64()
                    );
                    let _ = done.take().unwrap().send(Ok(outcome));
                }
            }
            Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                if let Some(done) = done.take() {
                    let screen = parser.screen().contents();
                    let _ = done.send(fail(format!("the session ended; its screen:\n{screen}")));
                }
                return;
            }
            Some(_) => {}
        }
    }
    let _ = handle.disconnect(russh::Disconnect::ByApplication, "", "").await;
}

pub type Pending = tokio::sync::oneshot::Receiver<Result<Outcome, String>>;

pub fn open(
    address: SocketAddr,
    user: String,
    min_rows: usize,
    timeout: Duration,
    stop: &watch::Receiver<bool>,
) -> Pending {
    let (done, pending) = tokio::sync::oneshot::channel();
    tokio::spawn(session(address, user, min_rows, timeout, done, stop.clone()));
    pending
}

/// A session's result; it gives up by itself at `timeout`, this is the backstop.
pub async fn outcome(pending: Pending, timeout: Duration) -> Result<Outcome, String> {
    match tokio::time::timeout(timeout + Duration::from_secs(30), pending).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err("the session task ended without a result".into()),
        Err(_) => Err(format!("no complete table within {} s", timeout.as_secs())),
    }
}
