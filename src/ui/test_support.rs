//! What the pane snapshot tests share: an app under the top bar of the local cluster,
//! a frame drawn at a size, the screen as text, and `snap!`, which keeps snapshots in
//! the top-level `snapshots/`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::test_support::Start;
use crate::app::{Action, App, Header};
use crate::config::Theme;

/// The clock of every pane snapshot, in seconds since the epoch.
pub const NOW: i64 = 1_795_000_000;

/// An app on `view` in `namespace` (`None`: every project) of the cluster at `server_url`.
pub fn app_at(server_url: &str, namespace: Option<&str>, view: &str) -> App {
    Start {
        header: header(server_url),
        namespace,
        now: NOW,
        view,
    }
    .app()
}

/// The app drawn into a `width`×`height` terminal with the dark theme.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resized { width, height });
    app.prepare_frame();
    let theme = Theme::shipped("dark").expect("the dark theme");
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| super::render(frame, app, &theme))
        .expect("a frame drawn");
    terminal
}

/// The app drawn at `width`×`height`, as text.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    buffer_text(&draw(app, width, height))
}

/// The app drawn at 80x24, as text, every line checked to fit 80 cells (a wide
/// character counted as two).
pub fn screen_80x24(app: &mut App) -> String {
    let text = screen(app, 80, 24);
    for line in text.lines() {
        let cells = super::width::width(line);
        assert!(cells <= 80, "{cells} cells: {line}");
    }
    text
}

/// The top bar's facts of the local cluster, served at `server_url`.
pub fn header(server_url: &str) -> Header {
    Header {
        context: "kwok-kubic".into(),
        cluster: "kwok-kubic".into(),
        server_url: server_url.into(),
        client_version: "0.1.0".into(),
        server_version: Some("v1.36.3".into()),
        identity: "kwok-kubic".into(),
    }
}

/// The last drawn screen as text, one line per row, trailing blanks trimmed. A wide
/// character (Hangul) is written once: the cell it hides behind it is skipped, so a line
/// reads as the terminal shows it.
pub fn buffer_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut hidden = 0;
            for x in 0..area.width {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts a snapshot stored in the project's `snapshots/` (named without the module).
macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}
pub(crate) use snap;
