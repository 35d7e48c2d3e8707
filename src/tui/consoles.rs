//! The runner's side of exec consoles: one task per console carries typed bytes and
//! size changes to the remote tty and its output back as actions, then reports how
//! the shell ended. Dropping a console's handle ends its session.

use std::collections::HashMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::app::Action;
use crate::kube::Connection;
use crate::kube::exec::{self, ExecRequest, ExecSession, ExitStatus};

/// What the console task is told.
enum Input {
    Bytes(Vec<u8>),
    Resize { rows: u16, cols: u16 },
}

struct Handle {
    input: UnboundedSender<Input>,
    task: JoinHandle<()>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Every open console's session, by console id.
#[derive(Default)]
pub struct Consoles {
    open: HashMap<u64, Handle>,
}

impl Consoles {
    pub fn open(
        &mut self,
        connection: &Connection,
        id: u64,
        request: ExecRequest,
        size: (u16, u16),
        actions: UnboundedSender<Action>,
    ) {
        let (input, inbox) = mpsc::unbounded_channel();
        let connection = connection.clone();
        let task = tokio::spawn(async move {
            let status = run(&connection, id, &request, size, inbox, &actions).await;
            let _ = actions.send(Action::ConsoleEnded { id, status });
        });
        self.open.insert(id, Handle { input, task });
    }

    pub fn input(&self, id: u64, bytes: Vec<u8>) {
        if let Some(handle) = self.open.get(&id) {
            let _ = handle.input.send(Input::Bytes(bytes));
        }
    }

    pub fn resize(&self, id: u64, rows: u16, cols: u16) {
        if let Some(handle) = self.open.get(&id) {
            let _ = handle.input.send(Input::Resize { rows, cols });
        }
    }

    pub fn close(&mut self, id: u64) {
        self.open.remove(&id);
    }
}

/// Runs one session to its end and says how it ended.
async fn run(
    connection: &Connection,
    id: u64,
    request: &ExecRequest,
    (rows, cols): (u16, u16),
    mut inbox: UnboundedReceiver<Input>,
    actions: &UnboundedSender<Action>,
) -> String {
    let mut session = match exec::exec(connection, request).await {
        Ok(session) => session,
        Err(error) => return format!("could not start: {error}"),
    };
    let _ = session.resize(cols, rows).await;
    let (Some(mut stdin), Some(mut stdout)) = (session.stdin(), session.stdout()) else {
        return "the session has no terminal".into();
    };
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        tokio::select! {
            read = stdout.read(&mut buffer) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let _ = actions.send(Action::ConsoleOutput { id, bytes: buffer[..n].to_vec() });
                }
            },
            input = inbox.recv() => match input {
                Some(Input::Bytes(bytes)) => {
                    if stdin.write_all(&bytes).await.is_err() {
                        break;
                    }
                    let _ = stdin.flush().await;
                }
                Some(Input::Resize { rows, cols }) => {
                    let _ = session.resize(cols, rows).await;
                }
                None => break,
            },
        }
    }
    drop(stdin);
    describe(wait(session).await)
}

async fn wait(session: ExecSession) -> ExitStatus {
    match tokio::time::timeout(std::time::Duration::from_secs(5), session.wait()).await {
        Ok(status) => status,
        Err(_) => ExitStatus::Unknown,
    }
}

/// The exit status as the console's last line says it.
pub fn describe(status: ExitStatus) -> String {
    match status {
        ExitStatus::Success => "exited with status 0".into(),
        ExitStatus::Failure { code: Some(code), .. } => format!("exited with status {code}"),
        ExitStatus::Failure { code: None, message } => format!("failed: {message}"),
        ExitStatus::Unknown => "the connection closed".into(),
    }
}
