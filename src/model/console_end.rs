//! How a console's shell ended and what became of its toolbox pod, as the runner tells
//! it: the app says it in the session's language (the exit code, the API server's
//! message and the pod's name stay as they are).

/// How the shell ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellEnd {
    /// It exited with this status (0: success).
    Exited(i32),
    /// The API server said it failed, without a status.
    Failed(String),
    /// The connection closed before a status came.
    ConnectionClosed,
    /// The exec session came without a terminal.
    NoTerminal,
    /// The shell (or its toolbox pod) never started: why.
    NotStarted(String),
}

/// A console's end: its shell's, and for a KUBIC console whether its toolbox pod was
/// removed (`Err`: why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleEnd {
    pub shell: ShellEnd,
    pub toolbox_removed: Option<Result<(), String>>,
}

impl ConsoleEnd {
    /// An exec console's end (no toolbox pod).
    pub fn of_shell(shell: ShellEnd) -> ConsoleEnd {
        ConsoleEnd {
            shell,
            toolbox_removed: None,
        }
    }
}
