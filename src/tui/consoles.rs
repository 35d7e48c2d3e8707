//! The runner's side of exec consoles: one task per console carries typed bytes and
//! size changes to the remote tty and its output back as actions, then reports how
//! the shell ended. Dropping a console's handle ends its session.

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::app::Action;
use crate::kube::Connection;
use crate::kube::exec::{self, ExitStatus};
use crate::kube::toolbox;
use crate::model::cluster::ExecRequest;
use crate::model::console_end::{ConsoleEnd, ShellEnd};
use crate::model::pod_wait::PodWait;

/// What the console task is told.
enum Input {
    Bytes(Vec<u8>),
    Resize { rows: u16, cols: u16 },
}

struct Handle {
    input: UnboundedSender<Input>,
    task: JoinHandle<()>,
    /// The KUBIC console's toolbox pod (namespace, name), removed with the console.
    toolbox: Option<(Connection, String, String)>,
}

impl Handle {
    /// Stops the session; a toolbox console still running is stopped here, so its pod is
    /// removed here too (a finished one removed its own).
    fn stop(&mut self) -> Option<(Connection, String, String)> {
        let running = !self.task.is_finished();
        self.task.abort();
        self.toolbox.take().filter(|_| running)
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some((connection, namespace, pod)) = self.stop() {
            tokio::spawn(async move {
                let _ = toolbox::remove_when_created(&connection, &namespace, &pod).await;
            });
        }
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
            let shell = run(&connection, id, &request, size, inbox, &actions).await;
            let end = ConsoleEnd::of_shell(shell);
            let _ = actions.send(Action::ConsoleEnded { id, end });
        });
        self.open.insert(
            id,
            Handle {
                input,
                task,
                toolbox: None,
            },
        );
    }

    /// A KUBIC console: a fresh toolbox pod from `image` in `namespace`, a shell in it,
    /// and the pod removed when the shell ends or the console closes.
    pub fn open_toolbox(
        &mut self,
        connection: &Connection,
        id: u64,
        (namespace, image, claim): (String, String, Option<String>),
        size: (u16, u16),
        actions: UnboundedSender<Action>,
    ) {
        let (input, inbox) = mpsc::unbounded_channel();
        let pod = toolbox::pod_name(id);
        let request = ExecRequest {
            namespace: namespace.clone(),
            pod: pod.clone(),
            container: None,
            command: vec!["sh".into()],
            tty: true,
        };
        let task_connection = connection.clone();
        let (task_namespace, task_pod) = (namespace.clone(), pod.clone());
        let task = tokio::spawn(async move {
            let _ = actions.send(Action::ConsoleStarting {
                id,
                pod: task_pod.clone(),
                image: image.clone(),
                namespace: task_namespace.clone(),
            });
            tracing::info!("console {id}: starting toolbox pod {task_namespace}/{task_pod} ({image})");
            let on_wait = |wait: &PodWait| {
                let wait = Some(Box::new(wait.clone()));
                let _ = actions.send(Action::ConsoleWaiting { id, wait });
            };
            let prepared = prepare(&task_connection, &task_namespace, (&task_pod, &image, claim), on_wait).await;
            let shell = match prepared {
                Ok(()) => {
                    let _ = actions.send(Action::ConsoleWaiting { id, wait: None });
                    run(&task_connection, id, &request, size, inbox, &actions).await
                }
                Err(error) => {
                    tracing::warn!("console {id}: toolbox pod {task_namespace}/{task_pod} could not start: {error}");
                    ShellEnd::NotStarted(error.to_string())
                }
            };
            let removed = toolbox::remove(&task_connection, &task_namespace, &task_pod).await;
            if let Err(error) = &removed {
                tracing::warn!("toolbox pod {task_namespace}/{task_pod} not removed: {error}");
            }
            let end = ConsoleEnd {
                shell,
                toolbox_removed: Some(removed.map_err(|error| error.to_string())),
            };
            let _ = actions.send(Action::ConsoleEnded { id, end });
        });
        self.open.insert(
            id,
            Handle {
                input,
                task,
                toolbox: Some((connection.clone(), namespace, pod)),
            },
        );
    }

    /// Before kubic exits: every session stops and every toolbox pod is removed.
    pub async fn shutdown(&mut self) {
        let mut removals = Vec::new();
        for (_, mut handle) in self.open.drain() {
            if let Some((connection, namespace, pod)) = handle.stop() {
                removals.push(async move { toolbox::remove_when_created(&connection, &namespace, &pod).await });
            }
        }
        let all = futures::future::join_all(removals);
        let _ = tokio::time::timeout(std::time::Duration::from_secs(10), all).await;
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

    /// Console `id` cancelled while its toolbox pod started: the session stops, the pod
    /// is removed, and `actions` hears whether it was.
    pub fn cancel(&mut self, id: u64, actions: UnboundedSender<Action>) {
        let Some(mut handle) = self.open.remove(&id) else {
            return;
        };
        let Some((connection, namespace, pod)) = handle.stop() else {
            return;
        };
        tokio::spawn(async move {
            let result = toolbox::remove_when_created(&connection, &namespace, &pod).await;
            match &result {
                Ok(()) => tracing::info!("console {id}: cancelled, toolbox pod {namespace}/{pod} removed"),
                Err(error) => {
                    tracing::warn!("console {id}: cancelled, toolbox pod {namespace}/{pod} not removed: {error}")
                }
            }
            let result = result.map_err(crate::model::failure::Failure::from);
            let _ = actions.send(Action::ConsoleCancelled { pod, result });
        });
    }
}

/// The files volume (when asked for) and the toolbox pod, running; `on_wait` hears why
/// it does not run yet.
async fn prepare(
    connection: &Connection,
    namespace: &str,
    (pod, image, files_of): (&str, &str, Option<String>),
    on_wait: impl FnMut(&PodWait),
) -> Result<(), crate::kube::KubeError> {
    let claim = match files_of {
        Some(catalog) => Some(crate::kube::catalog_files::ensure_volume(connection, &catalog).await?),
        None => None,
    };
    toolbox::start_watched(connection, namespace, (pod, image, claim.as_deref()), on_wait).await
}

/// Runs one session to its end and says how it ended.
async fn run(
    connection: &Connection,
    id: u64,
    request: &ExecRequest,
    (rows, cols): (u16, u16),
    mut inbox: UnboundedReceiver<Input>,
    actions: &UnboundedSender<Action>,
) -> ShellEnd {
    let target = format!("{}/{}", request.namespace, request.pod);
    let mut session = match exec::exec(connection, request).await {
        Ok(session) => session,
        Err(error) => {
            tracing::warn!("console {id}: the shell in pod {target} could not start: {error}");
            return ShellEnd::NotStarted(error.to_string());
        }
    };
    tracing::info!("console {id}: a shell in pod {target} started");
    let _ = session.resize(cols, rows).await;
    let (Some(mut stdin), Some(mut stdout)) = (session.stdin(), session.stdout()) else {
        return ShellEnd::NoTerminal;
    };
    let mut buffer = vec![0u8; 16 * 1024];
    let ended = session.ended();
    tokio::pin!(ended);
    loop {
        tokio::select! {
            status = &mut ended => {
                drain(&mut stdout, &mut buffer, id, actions).await;
                let ended = shell_end(status);
                tracing::info!("console {id}: the shell in pod {target} ended: {ended:?}");
                return ended;
            }
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
    let status = tokio::time::timeout(Duration::from_secs(5), ended).await;
    let ended = shell_end(status.unwrap_or(ExitStatus::Unknown));
    tracing::info!("console {id}: the shell in pod {target} ended: {ended:?}");
    ended
}

/// What is still on its way from a session that ended; a broken connection never ends
/// its output, so the wait for more is short.
async fn drain(stdout: &mut (impl AsyncRead + Unpin), buffer: &mut [u8], id: u64, actions: &UnboundedSender<Action>) {
    while let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(200), stdout.read(buffer)).await {
        if n == 0 {
            return;
        }
        let _ = actions.send(Action::ConsoleOutput {
            id,
            bytes: buffer[..n].to_vec(),
        });
    }
}

/// How the shell ended, from the exec session's status.
pub fn shell_end(status: ExitStatus) -> ShellEnd {
    match status {
        ExitStatus::Success => ShellEnd::Exited(0),
        ExitStatus::Failure { code: Some(code), .. } => ShellEnd::Exited(code),
        ExitStatus::Failure { code: None, message } => ShellEnd::Failed(message),
        ExitStatus::Unknown => ShellEnd::ConnectionClosed,
    }
}
