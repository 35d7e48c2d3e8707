//! Commands run inside containers through the exec subresource, with or without a tty.

use ::kube::Api;
use ::kube::api::{AttachParams, AttachedProcess, TerminalSize};
use futures::future::BoxFuture;
use futures::{FutureExt, SinkExt};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use tokio::io::{AsyncRead, AsyncWrite};

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::cluster::ExecRequest;

/// A running remote process: write its input, read its output, resize its terminal.
pub struct ExecSession {
    process: AttachedProcess,
    resize: Option<futures::channel::mpsc::Sender<TerminalSize>>,
    status: Option<BoxFuture<'static, Option<Status>>>,
}

/// How the remote process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    /// The process failed; `code` is its exit code when the server reports one.
    Failure {
        code: Option<i32>,
        message: String,
    },
    /// The connection closed without a status.
    Unknown,
}

/// Starts `request.command` in the container.
pub async fn exec(connection: &Connection, request: &ExecRequest) -> Result<ExecSession, KubeError> {
    let pods: Api<Pod> = Api::namespaced(connection.client.clone(), &request.namespace);
    let mut params = AttachParams::default()
        .stdin(true)
        .stdout(true)
        .stderr(!request.tty)
        .tty(request.tty);
    params.container = request.container.clone();
    let process = pods
        .exec(&request.pod, request.command.clone(), &params)
        .await
        .map_err(explain(connection))?;
    let mut process = process;
    let resize = process.terminal_size();
    let status = process.take_status().map(FutureExt::boxed);
    Ok(ExecSession {
        process,
        resize,
        status,
    })
}

impl ExecSession {
    /// The process's standard input; `None` once taken.
    pub fn stdin(&mut self) -> Option<impl AsyncWrite + Unpin + use<>> {
        self.process.stdin()
    }

    /// The process's standard output (with a tty: everything it prints); `None` once taken.
    pub fn stdout(&mut self) -> Option<impl AsyncRead + Unpin + use<>> {
        self.process.stdout()
    }

    /// The process's standard error (without a tty); `None` once taken.
    pub fn stderr(&mut self) -> Option<impl AsyncRead + Unpin + use<>> {
        self.process.stderr()
    }

    /// Tells the remote terminal its new size.
    pub async fn resize(&mut self, width: u16, height: u16) -> Result<(), KubeError> {
        let Some(sender) = self.resize.as_mut() else {
            return Err(KubeError::Other("this session has no terminal to resize".into()));
        };
        sender
            .send(TerminalSize { width, height })
            .await
            .map_err(|e| KubeError::Other(format!("cannot resize the terminal: {e}")))
    }

    /// Waits for the process to end and reports how it ended.
    pub async fn wait(mut self) -> ExitStatus {
        self.ended().await
    }

    /// Resolves once the session is over: the process ended, or the connection to the
    /// API server broke (then the output may never reach its end — kube leaves it open
    /// after a broken connection — so a reader should wait on this too). Taken once.
    pub fn ended(&mut self) -> impl Future<Output = ExitStatus> + Send + use<> {
        let status = self.status.take();
        async move {
            match status {
                Some(status) => exit_status(status.await),
                None => ExitStatus::Unknown,
            }
        }
    }
}

/// How the server's last word (or its absence: a broken connection) says the process ended.
fn exit_status(status: Option<Status>) -> ExitStatus {
    match status {
        None => ExitStatus::Unknown,
        Some(s) if s.status.as_deref() == Some("Success") => ExitStatus::Success,
        Some(s) => {
            let message = s.message.clone().unwrap_or_default();
            ExitStatus::Failure {
                code: exit_code(&s).or_else(|| code_in_message(&message)),
                message,
            }
        }
    }
}

fn exit_code(status: &k8s_openapi::apimachinery::pkg::apis::meta::v1::Status) -> Option<i32> {
    status
        .details
        .as_ref()?
        .causes
        .as_ref()?
        .iter()
        .find(|c| c.reason.as_deref() == Some("ExitCode"))?
        .message
        .as_deref()?
        .parse()
        .ok()
}

/// Some servers (KWOK's local exec) give the code only in the message: `… exit status 3`.
fn code_in_message(message: &str) -> Option<i32> {
    message.trim().rsplit_once("exit status ")?.1.parse().ok()
}
