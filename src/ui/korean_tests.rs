//! The main screens in Korean at 80x24: the same fixtures as the English snapshots, drawn
//! for a session whose language is Korean. Beside each snapshot, the checks a reviewer
//! would make: every line fits the terminal in cells, and a table's titles stand over
//! their cells.

use crossterm::event::KeyCode;

use super::test_support::{screen, screen_80x24, snap};
use super::width::width;
use crate::app::test_support::{ctrl, press as key};
use crate::app::{Action, App};
use crate::config::i18n::Lang;
use crate::model::cluster::RowEvent;
use crate::model::metrics::tests::fixture;
use crate::model::rows::Health;

fn korean(mut app: App) -> App {
    app.lang = Lang::Ko;
    app
}

/// The cell (display column) where `needle` starts in `line`.
fn cell_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    width(&line[..at])
}

/// The line holding `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
}

#[test]
fn the_dashboard_in_korean() {
    let mut app = korean(super::dashboard_tests::app("dashboard"));
    app.metrics = fixture(false);
    let overview = super::dashboard_tests::overview(Some("운영 클러스터, 서울 IDC"));
    app.update(Action::Overview(Box::new(overview)));
    let text = screen_80x24(&mut app);
    snap!("ko_dashboard_80x24", &text);
    for word in [
        "대시보드",
        "호스트: 2/2 준비",
        "프로젝트: 7",
        "앱: ",
        "매스터 URL",
        "운영 클러스터",
    ] {
        assert!(text.contains(word), "{word:?} in\n{text}");
    }
    assert!(text.contains("<:> 명령  <e> 수정  <?> 도움말  <q> 종료"), "{text}");
}

#[test]
fn the_pods_table_in_korean() {
    let mut app = korean(super::tests::app(None));
    super::tests::feed(&mut app, RowEvent::rows(super::tests::pods()));
    let text = screen_80x24(&mut app);
    snap!("ko_pods_all_80x24", &text);
    let header = line_with(&text, "이름");
    let row = line_with(&text, "web-7887448d46-lktb2");
    assert_eq!(cell_of(header, "이름"), cell_of(row, "web-7887448d46-lktb2"));
    assert_eq!(cell_of(header, "상태"), cell_of(row, "Running"));
    assert_eq!(cell_of(header, "프로젝트"), cell_of(row, "demo-web"));
    assert!(
        text.contains("컨텍스트: kwok-kubic  클러스터: kwok-kubic  프로젝트: 전체"),
        "{text}"
    );
}

#[test]
fn the_apps_table_in_korean() {
    let mut app = korean(super::tests::app(Some("demo-dns")));
    crate::app::test_support::command(&mut app, "apps");
    let rows = vec![
        super::tests::app_row("dns", "Running", "2/2", "192.0.2.10", Health::Ok),
        super::tests::app_row("dns-test", "Halted", "0/0", "<none>", Health::Neutral),
        super::tests::app_row("dns-new", "Failed", "1/2", "192.0.2.11", Health::Error),
    ];
    super::tests::feed(&mut app, RowEvent::rows(rows));
    let text = screen_80x24(&mut app);
    snap!("ko_apps_80x24", &text);
    let header = line_with(&text, "카탈로그");
    let row = line_with(&text, "dns-test");
    assert_eq!(cell_of(header, "이름"), cell_of(row, "dns-test"));
    assert_eq!(cell_of(header, "상태"), cell_of(row, "Halted"));

    key(&mut app, KeyCode::Char('t'));
    let text = screen_80x24(&mut app);
    snap!("ko_apps_halt_confirm_80x24", &text);
    assert!(text.contains("앱 demo-dns/dns 정지: 진행할까요?"), "{text}");
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('S'));
    let text = screen_80x24(&mut app);
    assert!(text.contains("dns의 복제 개수: 2"), "{text}");
}

#[test]
fn the_help_overlay_in_korean() {
    let mut app = korean(super::tests::app(Some("demo-web")));
    super::tests::feed(&mut app, RowEvent::rows(super::tests::pods()));
    key(&mut app, KeyCode::Char('?'));
    let text = screen_80x24(&mut app);
    snap!("ko_help_80x24", &text);
    assert!(text.contains("키: pods — 아무 키나 누르면 닫힘"), "{text}");
    // Both columns of keys start at the same cell on every line of the overlay.
    let first = line_with(&text, "q, ctrl-c");
    let second = line_with(&text, "k, up");
    assert_eq!(cell_of(first, "q, ctrl-c"), cell_of(second, "k, up"));
    assert_eq!(cell_of(first, " E "), cell_of(second, " ctrl-d "));
    key(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'd');
    let text = screen_80x24(&mut app);
    assert!(
        text.contains("pod demo-dns/bind-69b56869f6-kkdt7 삭제: 진행할까요?"),
        "{text}"
    );
    assert!(text.contains("y: 예   n/esc: 아니오"), "{text}");
}

#[test]
fn the_hosts_table_in_korean() {
    let mut app = korean(super::dashboard_tests::hosts_app());
    let text = screen_80x24(&mut app);
    snap!("ko_hosts_80x24", &text);
    let header = line_with(&text, "이름");
    let row = line_with(&text, "kube-minion2");
    assert_eq!(cell_of(header, "이름"), cell_of(row, "kube-minion2"));
}

#[test]
fn an_unknown_command_says_so_in_korean() {
    let mut app = korean(super::tests::app(None));
    crate::app::test_support::command(&mut app, "nosuch");
    let text = screen_80x24(&mut app);
    assert!(text.contains("알 수 없는 리소스 \"nosuch\""), "{text}");
}

#[test]
fn two_sessions_side_by_side_each_speak_their_own_language() {
    let mut english = super::tests::app(None);
    let mut korean_app = korean(super::tests::app(None));
    let first = screen(&mut english, 80, 24);
    let other = screen_80x24(&mut korean_app);
    assert!(first.contains("Context: kwok-kubic"), "{first}");
    assert!(other.contains("컨텍스트: kwok-kubic"), "{other}");
    assert_eq!(
        screen(&mut english, 80, 24),
        first,
        "drawing a Korean session left English alone"
    );
}
