//! One SSH session's kubic: its own `App` and runner, drawn into its channel as its
//! user. Input is read from the channel (keys, pastes, window changes) and decoded;
//! frames leave through a bounded queue and a task that writes them only as fast as the
//! client reads. The kubic runs in a task of its own, so a panic ends this session only,
//! and the client's terminal is put back as it was however the session ends.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::style::ResetColor;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Size;
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::io::AsyncWriteExt;
use tokio::sync::{mpsc, watch};

use super::color::ColorDepth;
use super::input::{Incoming, decode_stream};
use super::output::{OutputReader, OutputWriter, output_queue};
use super::session_side::SessionSide;
use super::sessions::{EndReason, Entry};
use super::shared::Shared;
use crate::config::i18n::{Lang, t};
use crate::model::login::Login;
use crate::model::server_session::{Change, Outcome};
use crate::tui::{FrameSink, Served, ServerSide, Session, SessionSettings, StreamTerminal, WriterBackend};

/// Unsent output a session may have before frames are dropped (a slow client gets a
/// full redraw when it catches up): several full frames of a large terminal.
const OUTPUT_LIMIT: usize = 1024 * 1024;
/// Input chunks waiting for the session before the channel stops being read.
const INPUT_QUEUE: usize = 64;

/// The far terminal as the client's pty request described it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pty {
    pub term: String,
    pub width: u16,
    pub height: u16,
    /// The language the client's locale variables name, if it sent one kubic speaks:
    /// it wins over the server's.
    pub lang: Option<Lang>,
}

/// How a session ended, for the line the client sees last.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ending {
    Quit,
    Idle(Duration),
    Ended(EndReason),
    Failed(String),
}

/// Runs `login`'s session on `channel` until it quits, idles out, is ended from outside
/// or fails; then restores the client's terminal and closes the channel.
pub async fn run(shared: Arc<Shared>, channel: Channel<Msg>, pty: Pty, login: Login, entry: Entry) {
    tracing::info!(
        "{}'s session starts ({}x{}, TERM {:?})",
        login.user,
        pty.width,
        pty.height,
        pty.term
    );
    let lang = pty.lang.unwrap_or(shared.config.lang);
    let (read, write) = channel.split();
    let (mut writer, reader) = output_queue(OUTPUT_LIMIT);
    let _ = writer.write_all(&enter_sequence()).and_then(|()| writer.flush());
    let sending = tokio::spawn(send_output(reader, write.make_writer()));
    let (incoming, activity) = read_input(read);
    let kubic = tokio::spawn(run_kubic(
        Arc::clone(&shared),
        pty,
        login.clone(),
        writer,
        incoming,
        activity,
        entry,
    ));
    let ending = match kubic.await {
        Ok(ending) => ending,
        Err(error) if error.is_panic() => Ending::Failed("kubic failed in this session".into()),
        Err(_) => Ending::Ended(EndReason::ServerStopping),
    };
    match &ending {
        Ending::Failed(why) => tracing::warn!("{}'s session failed: {why}", login.user),
        other => tracing::info!("{}'s session ends: {other:?}", login.user),
    }
    // The writer is gone with the session: the queue drains, then the sender ends.
    let _ = sending.await;
    finish(&write, &login, &ending, lang).await;
}

/// Builds the user's session and runs it on the channel's terminal.
async fn run_kubic(
    shared: Arc<Shared>,
    pty: Pty,
    login: Login,
    writer: OutputWriter,
    incoming: mpsc::Receiver<Incoming>,
    activity: watch::Receiver<()>,
    entry: Entry,
) -> Ending {
    let connection = match shared.connection_as(&login) {
        Ok(connection) => connection,
        Err(error) => return Ending::Failed(error.to_string()),
    };
    let login_name = login.user.clone();
    // The server's own terminal is not the session's: tmux is known by the client's TERM.
    let settings = SessionSettings {
        all_namespaces: login.admin,
        tmux: crate::model::clipboard::is_tmux_term(&pty.term),
        ..shared.settings.clone()
    };
    let mut config = shared.config.clone();
    config.lang = pty.lang.unwrap_or(config.lang);
    let source = entry.source().to_string();
    let side = SessionSide::new(
        Arc::clone(&shared),
        entry.id(),
        login.clone(),
        source,
        connection.clone(),
    );
    let mut session = Session::new(connection, None, config, &shared.warnings, &settings);
    side.record(Change::new(
        "session-start",
        format!("session {}", entry.id()),
        Outcome::Ok,
    ));
    let side = Arc::new(side);
    session.serve_as(Served {
        login,
        server: shared.connection.clone(),
        live_sessions: shared.registry.counts(),
        side: side.clone(),
    });
    let size = Size::new(pty.width.max(1), pty.height.max(1));
    let output = SessionOutput {
        writer,
        user: login_name.clone(),
        lagging: false,
    };
    let backend = WriterBackend::new(output, size).with_color_depth(ColorDepth::from_term(&pty.term));
    let mut terminal = match StreamTerminal::new(backend, size, decode_stream(incoming)) {
        Ok(terminal) => terminal,
        Err(error) => return Ending::Failed(error.to_string()),
    };
    let (ending_tx, ending_rx) = watch::channel(Ending::Quit);
    let end = ended_from_outside(&entry, activity, shared.idle_timeout, ending_tx);
    let result = session.run(&mut terminal, end).await;
    let ending = match result {
        Err(error) => Ending::Failed(error.to_string()),
        Ok(_) => ending_rx.borrow().clone(),
    };
    let how = match &ending {
        Ending::Failed(why) => Outcome::Failed(why.clone()),
        Ending::Quit => Outcome::Ok,
        other => Outcome::Failed(ending_line(other, Lang::En)),
    };
    side.record(Change::new("session-end", format!("session {}", entry.id()), how));
    drop(entry);
    ending
}

/// A session's output on its way to the queue; the server's log says when a slow client
/// starts losing frames (once for each time it falls behind).
struct SessionOutput {
    writer: OutputWriter,
    user: String,
    lagging: bool,
}

impl Write for SessionOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.writer.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

impl FrameSink for SessionOutput {
    fn take_lost(&mut self) -> bool {
        let lost = self.writer.take_lost();
        if lost && !self.lagging {
            tracing::warn!(
                "{}'s client reads slowly: frames were dropped, a full redraw follows",
                self.user
            );
        }
        self.lagging = lost;
        lost
    }
}

/// Resolves when the session is ended from outside or has had no input for `idle`;
/// the reason is left in `ending`.
async fn ended_from_outside(
    entry: &Entry,
    mut activity: watch::Receiver<()>,
    idle: Duration,
    ending: watch::Sender<Ending>,
) {
    let mut ended = entry.ended.clone();
    loop {
        tokio::select! {
            changed = ended.changed() => {
                let reason = ended.borrow().clone();
                match (changed, reason) {
                    (_, Some(reason)) => {
                        ending.send_replace(Ending::Ended(reason));
                        return;
                    }
                    (Err(_), None) => std::future::pending::<()>().await,
                    (Ok(()), None) => {}
                }
            }
            active = activity.changed() => {
                if active.is_err() {
                    // The input ended: the session sees it and ends by itself.
                    std::future::pending::<()>().await;
                }
                entry.touch();
            }
            () = tokio::time::sleep(idle) => {
                ending.send_replace(Ending::Idle(idle));
                return;
            }
        }
    }
}

/// Reads the channel: data and window changes go to the decoder in order; every input
/// is activity (for the idle timeout). Ends with the channel.
fn read_input(mut read: ChannelReadHalf) -> (mpsc::Receiver<Incoming>, watch::Receiver<()>) {
    let (incoming, received) = mpsc::channel(INPUT_QUEUE);
    let (active, activity) = watch::channel(());
    tokio::spawn(async move {
        while let Some(message) = read.wait().await {
            let next = match message {
                ChannelMsg::Data { data } => Incoming::Bytes(data.to_vec()),
                ChannelMsg::WindowChange {
                    col_width, row_height, ..
                } => Incoming::Resize(cells(col_width), cells(row_height)),
                ChannelMsg::Eof | ChannelMsg::Close => break,
                _ => continue,
            };
            active.send_replace(());
            if incoming.send(next).await.is_err() {
                break;
            }
        }
    });
    (received, activity)
}

/// A pty dimension as cells (a zero or absurd size becomes something drawable).
pub fn cells(value: u32) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX).clamp(1, 1000)
}

/// Writes queued output to the channel as fast as the client takes it.
async fn send_output(mut reader: OutputReader, mut channel: impl tokio::io::AsyncWrite + Unpin) {
    while let Some(chunk) = reader.next().await {
        if channel.write_all(&chunk).await.is_err() || channel.flush().await.is_err() {
            break;
        }
    }
}

/// The terminal set-up of a session: the alternate screen, pastes bracketed, no cursor.
fn enter_sequence() -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = crossterm::queue!(
        bytes,
        EnterAlternateScreen,
        EnableBracketedPaste,
        Hide,
        Clear(ClearType::All)
    );
    bytes
}

/// Puts the client's terminal back as it was, then says why the session ended.
fn leave_sequence(login: &Login, ending: &Ending, lang: Lang) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = crossterm::queue!(bytes, ResetColor, DisableBracketedPaste, Show, LeaveAlternateScreen);
    let line = match ending {
        Ending::Quit => format!("kubic: {}", t!(lang, "serve.logged_out", user = login.user)),
        other => format!("kubic: {}", ending_line(other, lang)),
    };
    bytes.extend_from_slice(line.as_bytes());
    bytes.extend_from_slice(b"\r\n");
    bytes
}

/// Why a session ended other than by quitting, in `lang`.
fn ending_line(ending: &Ending, lang: Lang) -> String {
    match ending {
        Ending::Quit => t!(lang, "serve.quit").into(),
        Ending::Idle(idle) => t!(lang, "serve.idle", time = spoken(*idle, lang)),
        Ending::Ended(reason) => t!(lang, "serve.ended", reason = reason.message(lang)),
        Ending::Failed(why) => t!(lang, "serve.ended", reason = why),
    }
}

/// `30 minutes`, or `45 seconds` for a short timeout.
fn spoken(duration: Duration, lang: Lang) -> String {
    match duration.as_secs() {
        seconds if seconds < 120 => t!(lang, "serve.seconds", count = seconds),
        seconds => t!(lang, "serve.minutes", count = seconds / 60),
    }
}

async fn finish(write: &ChannelWriteHalf<Msg>, login: &Login, ending: &Ending, lang: Lang) {
    let mut writer = write.make_writer();
    let _ = writer.write_all(&leave_sequence(login, ending, lang)).await;
    let _ = writer.flush().await;
    let status = if matches!(ending, Ending::Failed(_)) { 1 } else { 0 };
    let _ = write.exit_status(status).await;
    let _ = write.eof().await;
    let _ = write.close().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Login {
        Login {
            user: "alice".into(),
            admin: false,
            projects: vec!["web".into()],
        }
    }

    #[test]
    fn leaving_restores_the_terminal_before_the_last_line() {
        let bytes = leave_sequence(&alice(), &Ending::Quit, Lang::En);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\x1b[?1049l"), "leaves the alternate screen: {text:?}");
        assert!(text.contains("\x1b[?25h"), "shows the cursor");
        assert!(text.contains("\x1b[?2004l"), "stops bracketed paste");
        assert!(text.ends_with("kubic: alice logged out\r\n"));
    }

    #[test]
    fn each_ending_says_why() {
        let idle = leave_sequence(&alice(), &Ending::Idle(Duration::from_secs(1800)), Lang::En);
        assert!(
            String::from_utf8(idle)
                .unwrap()
                .contains("after 30 minutes without input")
        );
        let deleted = leave_sequence(&alice(), &Ending::Ended(EndReason::UserDeleted), Lang::En);
        assert!(String::from_utf8(deleted).unwrap().contains("your user was deleted"));
    }

    #[test]
    fn the_last_line_is_in_the_sessions_language() {
        let ended = Ending::Ended(EndReason::EndedByAdmin("root".into()));
        let text = String::from_utf8(leave_sequence(&alice(), &ended, Lang::Ko)).unwrap();
        assert!(text.ends_with("kubic: 세션 종료: root 관리자가 종료함\r\n"), "{text:?}");
        let idle = leave_sequence(&alice(), &Ending::Idle(Duration::from_secs(45)), Lang::Ko);
        assert!(String::from_utf8(idle).unwrap().contains("45초"));
    }

    #[test]
    fn pty_sizes_become_drawable_cells() {
        assert_eq!((cells(0), cells(80), cells(70_000)), (1, 80, 1000));
    }
}
