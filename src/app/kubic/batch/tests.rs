//! Unit tests of the batch prompt: argv split without a shell, checked while typing.

use super::parse_argv;

#[test]
fn quotes_group_words_and_nothing_is_interpreted_by_a_shell() {
    assert_eq!(
        parse_argv("sh -c 'echo $HOSTNAME; exit 3'").unwrap(),
        ["sh", "-c", "echo $HOSTNAME; exit 3"]
    );
    assert_eq!(parse_argv("ls /data | wc").unwrap(), ["ls", "/data", "|", "wc"]);
    assert_eq!(parse_argv("echo \"a b\" c").unwrap(), ["echo", "a b", "c"]);
}

#[test]
fn an_open_quote_or_nothing_is_refused_with_a_reason() {
    assert_eq!(
        parse_argv("echo 'oops").unwrap_err().to_string(),
        "a quote is not closed"
    );
    assert!(parse_argv("   ").unwrap_err().to_string().contains("type the command"));
    let korean = crate::config::i18n::Lang::Ko.invalid(&parse_argv("echo 'oops").unwrap_err());
    assert_eq!(korean, "따옴표가 닫히지 않았습니다");
}

mod props {
    use proptest::prelude::*;

    use super::parse_argv;

    /// A word with what shells treat specially: quotes, backslashes, spaces, `$`, `;`, UTF-8.
    fn word() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                3 => "[a-z0-9/._=-]",
                1 => prop::sample::select(vec![" ", "'", "\"", "\\", "$", ";", "|", "*", "#", "\t", "é", "😀", "~"]).prop_map(String::from),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn any_input_splits_or_says_why_without_a_panic(input in "\\PC{0,60}") {
            match parse_argv(&input) {
                Ok(argv) => prop_assert!(!argv.is_empty()),
                Err(reason) => prop_assert!(!reason.to_string().is_empty()),
            }
        }

        #[test]
        fn rendered_words_split_back_to_the_same_argv(argv in prop::collection::vec(word(), 1..6)) {
            let line = shell_words::join(&argv);
            prop_assert_eq!(parse_argv(&line), Ok(argv), "{}", line);
        }
    }
}

mod flow {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use k8s_openapi::jiff::Timestamp;

    use crate::app::{Action, App, Effect, Header, Mode};
    use crate::config::Keymap;
    use crate::model::cluster::RowEvent;
    use crate::model::rows::{Health, Row};

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn app_on(kind: &str) -> App {
        let keymap = Keymap::shipped("default").unwrap();
        let mut app = App::new(Header::default(), keymap, None, Timestamp::UNIX_EPOCH);
        app.start(kind);
        let view = app.view().unwrap().id;
        let row = Row {
            created: Some(0),
            health: Health::Ok,
            ..crate::app::test_support::row("", "bind", &[])
        };
        app.update(Action::Rows {
            view,
            event: RowEvent::rows(vec![row]),
        });
        app.prepare_frame();
        app
    }

    #[test]
    fn b_on_a_catalog_asks_for_the_command_then_shows_the_report() {
        let mut app = app_on("catalogs");
        press(&mut app, KeyCode::Char('B'));
        for c in "echo 'a".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        let Mode::Prompt(prompt) = &app.mode else {
            panic!("no prompt");
        };
        assert_eq!(prompt.error.as_deref(), Some("a quote is not closed"));
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.mode, Mode::Prompt(_)), "what was typed is kept");
        press(&mut app, KeyCode::Char('\''));
        let effects = press(&mut app, KeyCode::Enter);
        assert!(effects.contains(&Effect::Batch {
            catalog: "bind".into(),
            argv: vec!["echo".into(), "a".into()],
        }));
        let pod = |name: &str, code| crate::model::detail::pod_runs::PodResult {
            target: crate::model::detail::pod_runs::AppPod {
                namespace: "demo".into(),
                app: "dns".into(),
                pod: name.into(),
            },
            code,
            output: "a".into(),
        };
        app.update(Action::BatchDone {
            catalog: "bind".into(),
            argv: vec!["echo".into(), "a".into()],
            result: Ok(vec![pod("dns-0", Some(0)), pod("dns-1", Some(1))]),
        });
        let Mode::Viewer(view) = &app.mode else {
            panic!("no report");
        };
        assert_eq!(view.title(crate::config::i18n::Lang::En), "pod results of catalog bind");
        assert_eq!(view.lines[..2], ["command: echo a", "pods: 2  succeeded: 1  failed: 1"]);
        assert_eq!(app.status.unwrap().text, "pods: 2  succeeded: 1  failed: 1");
    }

    #[test]
    fn b_elsewhere_says_where_it_works() {
        let mut app = app_on("pods");
        press(&mut app, KeyCode::Char('B'));
        assert!(app.status.unwrap().text.contains("open :catalogs"));
    }
}
