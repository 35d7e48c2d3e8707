//! Runs the real kubic binary in a pseudo-terminal and reads its screen through a vt100 parser.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A kubic process on a pty of a fixed size, with its screen kept up to date.
pub struct KubicTerminal {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as written (escape sequences the screen drops included).
    raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    /// Set once everything kubic wrote has been read into the screen.
    drained: Arc<AtomicBool>,
    /// While set, nothing is read from the pty (a client that stopped reading).
    paused: Arc<AtomicBool>,
}

impl KubicTerminal {
    /// Starts `kubic args…` on a `cols`x`rows` terminal, on the pods table unless `args`
    /// name another start screen with `--start` (kubic itself starts on the dashboard).
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_with_env(args, &[], cols, rows)
    }

    /// [`KubicTerminal::spawn`] with these environment variables set as well.
    pub fn spawn_with_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let mut args = args.to_vec();
        if !args.contains(&"--start") {
            args.extend(["--start", "pods"]);
        }
        Self::spawn_program_with_env(env!("CARGO_BIN_EXE_kubic"), &args, env, cols, rows)
    }

    /// Starts any `program args…` on a `cols`x`rows` terminal (the ssh client, say).
    pub fn spawn_program(program: &str, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_program_with_env(program, args, &[], cols, rows)
    }

    fn spawn_program_with_env(program: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        // English unless a test asks for another language: the tests read English screens.
        command.env_remove("LC_ALL");
        command.env_remove("LC_MESSAGES");
        command.env("LANG", "C.UTF-8");
        // Not inside tmux unless a test says so (the test runner may be).
        command.env_remove("TMUX");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("spawn kubic in the pty");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&raw);
        let drained = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&drained);
        let paused = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&paused);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            loop {
                while stopped.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                let Ok(n) = reader.read(&mut buffer) else { break };
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buffer[..n]);
                kept.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        KubicTerminal {
            child,
            writer,
            screen,
            raw,
            master: pty.master,
            drained,
            paused,
        }
    }

    /// The cell of the first character of `text` on the screen (an ASCII text on one
    /// row), or `None` when it is not there: its colours and attributes.
    pub fn cell_of(&self, text: &str) -> Option<vt100::Cell> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols).enumerate().find_map(|(row, line)| {
            let column = line.find(text).map(|at| line[..at].chars().count())?;
            screen
                .cell(u16::try_from(row).ok()?, u16::try_from(column).ok()?)
                .cloned()
        })
    }

    /// The text currently on the screen.
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// The screen's last line: kubic's footer (a message, a prompt or the keys).
    pub fn footer(&self) -> String {
        let screen = self.screen.lock().unwrap();
        let (rows, cols) = screen.screen().size();
        screen
            .screen()
            .rows(0, cols)
            .nth(usize::from(rows) - 1)
            .unwrap_or_default()
    }

    /// Whether the program is on the alternate screen.
    pub fn on_alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Every byte the program wrote so far, as written.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the bytes written so far pass `predicate`; fails after `timeout`.
    pub fn wait_for_raw(&self, what: &str, timeout: Duration, predicate: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if predicate(&self.raw.lock().unwrap()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; the screen:\n{}", self.contents());
    }

    /// Types raw bytes, as a keyboard would.
    pub fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type into the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Presses esc alone: a pause after it keeps the terminal from reading esc and the
    /// next key as one alt-key chord.
    pub fn press_esc(&mut self) {
        self.type_keys("\x1b");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Waits until `predicate` holds for the screen text, or panics showing the screen.
    pub fn wait_for(&self, what: &str, timeout: Duration, predicate: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let text = self.contents();
            if predicate(&text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what}; the screen shows:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Resizes the terminal (kubic gets SIGWINCH) and the screen read from it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Stops (`true`) or resumes reading what the program writes, as a client that
    /// stopped reading would.
    pub fn pause_reading(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("kubic has a pid")
    }

    /// Waits for the process to exit and returns whether it succeeded.
    pub fn wait_exit(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll kubic") {
                // The screen shows the last bytes kubic wrote before its exit is judged.
                while !self.drained.load(Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status.success();
            }
            assert!(Instant::now() < deadline, "kubic did not exit within {timeout:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for KubicTerminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
