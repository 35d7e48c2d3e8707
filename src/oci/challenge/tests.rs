//! `WWW-Authenticate` headers as registries send them: quoted commas and escapes, several
//! challenges in one header, and any header text read without a panic.

use proptest::prelude::*;

use super::*;

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn challenges_are_read_with_quoted_commas() {
    let parameters =
        bearer(r#"Bearer realm="https://auth.example.com/token",service="registry",scope="repository:bind:pull,push""#);
    assert_eq!(
        parameters.unwrap_or_default(),
        pairs(&[
            ("realm", "https://auth.example.com/token"),
            ("service", "registry"),
            ("scope", "repository:bind:pull,push"),
        ])
    );
    let basic = challenges(r#"Basic realm="kubic""#);
    assert_eq!(
        basic,
        [Challenge {
            scheme: "basic".into(),
            parameters: pairs(&[("realm", "kubic")])
        }]
    );
    assert_eq!(bearer("Bearer"), Some(Vec::new()));
    assert!(challenges("").is_empty());
}

#[test]
fn an_escaped_quote_stays_inside_its_quoted_value() {
    let header = r#"Bearer realm="https://a/token",service="the \"main\" registry",scope="x""#;
    assert_eq!(
        bearer(header).unwrap_or_default(),
        pairs(&[
            ("realm", "https://a/token"),
            ("service", r#"the "main" registry"#),
            ("scope", "x"),
        ])
    );
}

#[test]
fn of_two_challenges_the_bearer_one_is_answered() {
    let header = r#"Basic realm="x", Bearer realm="https://a/token",service="reg""#;
    let expected = pairs(&[("realm", "https://a/token"), ("service", "reg")]);
    assert_eq!(bearer(header), Some(expected));
    assert_eq!(
        challenges(header).iter().map(|c| c.scheme.as_str()).collect::<Vec<_>>(),
        ["basic", "bearer"]
    );
}

#[test]
fn basic_only_asks_for_no_token_and_schemes_ignore_case() {
    assert_eq!(bearer(r#"Basic realm="registry""#), None);
    assert_eq!(
        bearer(r#"BEARER Realm="https://a/token""#),
        Some(pairs(&[("realm", "https://a/token")]))
    );
}

#[test]
fn a_syntax_error_keeps_the_challenges_before_it() {
    let header = r#"Bearer realm="https://a/token", Basic realm="unterminated"#;
    assert_eq!(bearer(header), Some(pairs(&[("realm", "https://a/token")])));
    assert_eq!(bearer(r#"Bearer realm="unterminated"#), None);
}

/// An RFC 7230 token: a scheme or a parameter name.
fn token() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,11}"
}

/// Any value a quoted string may carry: printable ASCII, quotes and backslashes included.
fn value() -> impl Strategy<Value = String> {
    "[ -~]{0,24}"
}

/// `value` as a quoted string, `"` and `\` escaped.
fn quoted(value: &str) -> String {
    let mut text = String::from('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            text.push('\\');
        }
        text.push(c);
    }
    text.push('"');
    text
}

fn challenge() -> impl Strategy<Value = Challenge> {
    (token(), prop::collection::vec((token(), value()), 0..4))
        .prop_map(|(scheme, parameters)| Challenge { scheme, parameters })
}

fn render(challenges: &[Challenge]) -> String {
    let rendered: Vec<String> = challenges
        .iter()
        .map(|challenge| {
            let parameters: Vec<String> = challenge
                .parameters
                .iter()
                .map(|(key, value)| format!("{key}={}", quoted(value)))
                .collect();
            format!("{} {}", challenge.scheme, parameters.join(", "))
                .trim_end()
                .to_string()
        })
        .collect();
    rendered.join(", ")
}

fn lower(challenge: &Challenge) -> Challenge {
    Challenge {
        scheme: challenge.scheme.to_ascii_lowercase(),
        parameters: challenge
            .parameters
            .iter()
            .map(|(key, value)| (key.to_ascii_lowercase(), value.clone()))
            .collect(),
    }
}

proptest! {
    #[test]
    fn any_header_text_is_read_without_a_panic(header in "\\PC{0,80}") {
        for challenge in challenges(&header) {
            prop_assert_eq!(challenge.scheme.to_ascii_lowercase(), challenge.scheme);
        }
        let _ = bearer(&header);
    }

    #[test]
    fn header_like_text_is_read_without_a_panic(header in r#"[A-Za-z =,"\\/:.-]{0,60}"#) {
        let _ = bearer(&header);
    }

    #[test]
    fn generated_challenges_read_back_as_written(written in prop::collection::vec(challenge(), 1..4)) {
        let header = render(&written);
        let expected: Vec<Challenge> = written.iter().map(lower).collect();
        prop_assert_eq!(challenges(&header), expected.clone(), "{}", header);
        let answered = expected.iter().find(|c| c.scheme == "bearer").map(|c| c.parameters.clone());
        prop_assert_eq!(bearer(&header), answered);
    }
}
