//! What the pane snapshot tests share: the top bar of the local cluster, the screen as
//! text, and `snap!`, which keeps snapshots in the top-level `snapshots/`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::Header;

/// The top bar's facts of the local cluster, served at `server_url`.
pub fn header(server_url: &str) -> Header {
    Header {
        context: "kwok-kubic".into(),
        cluster: "kwok-kubic".into(),
        server_url: server_url.into(),
        client_version: "0.1.0".into(),
        server_version: Some("v1.36.3".into()),
    }
}

/// The last drawn screen as text, one line per row, trailing blanks trimmed.
pub fn buffer_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
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
