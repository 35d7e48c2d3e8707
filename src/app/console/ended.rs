//! A console's own lines, said in the session's language: the toolbox pod it starts, and
//! how its shell ended (shown on the console's last line, or in the footer when the
//! console is not on screen).

use crate::app::{App, Effect, Mode};
use crate::config::i18n::{Lang, t};
use crate::model::console_end::{ConsoleEnd, ShellEnd};

impl App {
    /// Console `id` starts its toolbox pod: the console's first line says which.
    pub(in crate::app) fn on_console_starting(
        &mut self,
        id: u64,
        pod: &str,
        image: &str,
        namespace: &str,
    ) -> Vec<Effect> {
        let line = t!(
            self.lang,
            "console.starting",
            pod = pod,
            image = image,
            namespace = namespace
        );
        let bytes = format!("{line}\r\n").into_bytes();
        self.on_console_output(id, &bytes)
    }

    pub(in crate::app) fn on_console_ended(&mut self, id: u64, end: &ConsoleEnd) -> Vec<Effect> {
        let status = said(self.lang, end);
        let Some(console) = self.console_mut(id) else {
            return Vec::new();
        };
        let text = format!("{}: {status}", console.title);
        console.ended = Some(status);
        console.starting = false;
        if matches!(self.mode, Mode::Console(shown) if shown == id) {
            return vec![Effect::Redraw];
        }
        self.info(text)
    }
}

/// How `end` reads: the shell's end, then what became of the toolbox pod.
fn said(lang: Lang, end: &ConsoleEnd) -> String {
    let shell = match &end.shell {
        ShellEnd::Exited(code) => t!(lang, "console.exited", code = code),
        ShellEnd::Failed(why) => t!(lang, "console.failed", why = why),
        ShellEnd::ConnectionClosed => t!(lang, "console.connection_closed").to_string(),
        ShellEnd::NoTerminal => t!(lang, "console.no_terminal").to_string(),
        ShellEnd::NotStarted(why) => t!(lang, "console.not_started", why = why),
    };
    match &end.toolbox_removed {
        None => shell,
        Some(Ok(())) => format!("{shell} · {}", t!(lang, "console.toolbox_removed")),
        Some(Err(why)) => format!("{shell} · {}", t!(lang, "console.toolbox_not_removed", why = why)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_end_reads_in_the_sessions_language_with_the_pods_fate() {
        let exited = ConsoleEnd::of_shell(ShellEnd::Exited(3));
        assert_eq!(said(Lang::En, &exited), "exited with status 3");
        let removed = ConsoleEnd {
            shell: ShellEnd::NotStarted("forbidden".into()),
            toolbox_removed: Some(Ok(())),
        };
        assert_eq!(
            said(Lang::En, &removed),
            "could not start: forbidden · toolbox pod removed"
        );
        let kept = ConsoleEnd {
            shell: ShellEnd::ConnectionClosed,
            toolbox_removed: Some(Err("timeout".into())),
        };
        assert_eq!(
            said(Lang::En, &kept),
            "the connection closed · toolbox pod not removed: timeout"
        );
        assert_eq!(said(Lang::Ko, &exited), "종료됨 (상태 3)");
        assert_eq!(
            said(Lang::Ko, &removed),
            "시작하지 못했습니다: forbidden · toolbox pod 지움"
        );
    }
}
