use proptest::prelude::*;

use super::*;

fn red() -> AnsiStyle {
    AnsiStyle {
        fg: Some(AnsiColor::Indexed(1)),
        ..AnsiStyle::default()
    }
}

#[test]
fn colours_become_runs_and_the_text_keeps_only_what_is_printed() {
    let line = parse_ansi("\u{1b}[31merror\u{1b}[0m: disk \u{1b}[1;38;5;208mfull\u{1b}[m!");
    assert_eq!(line.text, "error: disk full!");
    assert_eq!(line.runs.len(), 2);
    assert_eq!(
        (line.runs[0].start, line.runs[0].end, line.runs[0].style),
        (0, 5, red())
    );
    let full = line.runs[1];
    assert_eq!(&line.text[full.start..full.end], "full");
    assert_eq!(full.style.fg, Some(AnsiColor::Indexed(208)));
    assert!(full.style.bold);
}

#[test]
fn bright_background_and_true_colours_and_their_resets() {
    let line = parse_ansi("\u{1b}[92;104ma\u{1b}[39mb\u{1b}[48;2;0;0;255mc\u{1b}[49;4md\u{1b}[24me");
    assert_eq!(line.text, "abcde");
    let style_of = |byte: usize| {
        line.runs
            .iter()
            .find(|run| run.start <= byte && byte < run.end)
            .map(|run| run.style)
            .unwrap_or_default()
    };
    assert_eq!(style_of(0).fg, Some(AnsiColor::Indexed(10)));
    assert_eq!(style_of(0).bg, Some(AnsiColor::Indexed(12)));
    assert_eq!((style_of(1).fg, style_of(1).bg), (None, Some(AnsiColor::Indexed(12))));
    assert_eq!(style_of(2).bg, Some(AnsiColor::Rgb(0, 0, 255)));
    assert!(style_of(3).underline && style_of(3).bg.is_none());
    assert_eq!(style_of(4), AnsiStyle::default());
}

#[test]
fn other_sequences_and_control_characters_never_reach_the_terminal() {
    let hostile = "a\u{1b}]0;owned title\u{7}b\u{1b}]8;;http://x\u{1b}\\c\u{1b}[2J\u{1b}[10;10Hd\r\u{8}\u{7}e\u{1b}Pq#0\u{1b}\\f\u{9b}g\u{1b}(Bh";
    let line = parse_ansi(hostile);
    assert_eq!(line.text, "abcdefgh");
    assert!(line.runs.is_empty());
}

#[test]
fn tabs_become_spaces_to_the_next_stop_and_an_unfinished_sequence_is_dropped() {
    assert_eq!(parse_ansi("ab\tc").text, "ab      c");
    assert_eq!(parse_ansi("12345678\tx").text, "12345678        x");
    assert_eq!(parse_ansi("ok\u{1b}[31").text, "ok");
    assert_eq!(parse_ansi("ok\u{1b}").text, "ok");
    assert_eq!(
        parse_ansi("\u{1b}[38;5;999mx").runs.len(),
        0,
        "an index beyond 255 is no colour"
    );
}

#[test]
fn a_plain_line_is_the_same_text_with_no_runs() {
    let line = parse_ansi("2026-12-02 GET /healthz 200 — 한글도");
    assert_eq!(line.text, "2026-12-02 GET /healthz 200 — 한글도");
    assert!(line.runs.is_empty());
}

proptest! {
    #[test]
    fn whatever_a_log_holds_the_text_has_no_control_character_and_runs_fit(raw in "(\\PC|\u{1b}|\\[|[0-9;m\\]\u{7}\t\r\u{9b}]){0,120}") {
        let line = parse_ansi(&raw);
        prop_assert!(!line.text.chars().any(char::is_control));
        let mut end = 0;
        for run in &line.runs {
            prop_assert!(run.start >= end && run.start < run.end && run.end <= line.text.len());
            prop_assert!(line.text.is_char_boundary(run.start) && line.text.is_char_boundary(run.end));
            end = run.end;
        }
    }

    #[test]
    fn text_without_escapes_or_controls_comes_back_as_it_was(raw in "\\PC{0,80}") {
        prop_assume!(!raw.contains('\u{1b}'));
        prop_assert_eq!(parse_ansi(&raw).text, raw);
    }
}
