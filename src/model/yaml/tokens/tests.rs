//! Tests of the YAML line tokenizer: exact pieces on typical lines, and lossless splitting of a Deployment.

use super::*;
use YamlToken::{Comment, Key, Plain, Punctuation, Value};

const DEPLOYMENT: &str = r#"---
# The web front end.
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "3"
    kubic.io/description: |
      Serves the shop.
      key: not a key # nor a comment
  labels:
    app: web   # the selector label
    "quoted key": 'it''s # still a value'
  name: web
  namespace: demo-web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels: {app: web, tier: "front # end"}
    spec:
      containers:
      - name: nginx
        image: 127.0.0.1:5000/nginx:1.27
        args: ["-g", "daemon off;"]
        command:
          - /bin/sh
          - -c
          - >-
            exec nginx
            -g 'daemon off;'
        ports:
        - containerPort: 80
          protocol: TCP
        env:
        - name: URL
          value: http://example.com:8080/#anchor
        - {name: EMPTY, value: ""}
        resources: {}
      - - nested
        - list
      nodeSelector:
        kubernetes.io/os: linux
      tolerations: []
status:
  availableReplicas: 3
  conditions:
  - lastTransitionTime: "2026-11-22T02:30:54Z"
    message: ReplicaSet "web-7887448d46" has successfully progressed.
    type: Progressing
...
"#;

#[test]
fn the_pieces_of_every_line_add_up_to_the_line() {
    for line in DEPLOYMENT.lines() {
        let joined: String = tokenize_line(line).iter().map(|(_, text)| *text).collect();
        assert_eq!(joined, line);
        assert!(tokenize_line(line).iter().all(|(_, text)| !text.is_empty()), "{line:?}");
    }
    let lines = tokenize_lines(DEPLOYMENT.lines());
    assert_eq!(lines.len(), DEPLOYMENT.lines().count());
    for (tokens, line) in lines.iter().zip(DEPLOYMENT.lines()) {
        let joined: String = tokens.iter().map(|(_, text)| *text).collect();
        assert_eq!(joined, line);
    }
}

#[test]
fn serialised_objects_split_losslessly() {
    let object = serde_json::json!({
        "kind": "ConfigMap",
        "data": {"a.conf": "x: 1\n# c\n", "long": "word ".repeat(40), "n": "012", "s": "a # b"},
        "metadata": {"name": "cfg", "labels": {"app": "web"}}
    });
    let text = crate::model::yaml::to_yaml(&object).unwrap();
    for (tokens, line) in tokenize_lines(text.lines()).iter().zip(text.lines()) {
        let joined: String = tokens.iter().map(|(_, text)| *text).collect();
        assert_eq!(joined, line);
    }
}

#[test]
fn keys_values_and_comments() {
    assert_eq!(
        tokenize_line("kind: Deployment"),
        [(Key, "kind"), (Punctuation, ":"), (Plain, " "), (Value, "Deployment")]
    );
    assert_eq!(
        tokenize_line("    app: web   # the selector label"),
        [
            (Punctuation, "    "),
            (Key, "app"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "web"),
            (Plain, "   "),
            (Comment, "# the selector label"),
        ]
    );
    assert_eq!(tokenize_line("metadata:"), [(Key, "metadata"), (Punctuation, ":")]);
    assert_eq!(
        tokenize_line("# The web front end."),
        [(Comment, "# The web front end.")]
    );
    assert_eq!(
        tokenize_line("  # indented"),
        [(Punctuation, "  "), (Comment, "# indented")]
    );
}

#[test]
fn list_markers_are_punctuation() {
    assert_eq!(
        tokenize_line("      - name: nginx"),
        [
            (Punctuation, "      "),
            (Punctuation, "-"),
            (Punctuation, " "),
            (Key, "name"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "nginx")
        ]
    );
    assert_eq!(
        tokenize_line("  - -c"),
        [
            (Punctuation, "  "),
            (Punctuation, "-"),
            (Punctuation, " "),
            (Value, "-c")
        ]
    );
    assert_eq!(
        tokenize_line("- - nested"),
        [
            (Punctuation, "-"),
            (Punctuation, " "),
            (Punctuation, "-"),
            (Punctuation, " "),
            (Value, "nested")
        ]
    );
    assert_eq!(tokenize_line("-"), [(Punctuation, "-")]);
}

#[test]
fn hashes_and_colons_inside_values_stay_values() {
    assert_eq!(
        tokenize_line("image: 127.0.0.1:5000/nginx:1.27"),
        [
            (Key, "image"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "127.0.0.1:5000/nginx:1.27")
        ]
    );
    assert_eq!(
        tokenize_line("value: http://example.com:8080/#anchor"),
        [
            (Key, "value"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "http://example.com:8080/#anchor")
        ]
    );
    assert_eq!(
        tokenize_line("tier: \"front # end\" # real"),
        [
            (Key, "tier"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "\"front # end\""),
            (Plain, " "),
            (Comment, "# real")
        ]
    );
    assert_eq!(
        tokenize_line("\"quoted key\": 'it''s # still a value'"),
        [
            (Key, "\"quoted key\""),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "'it''s # still a value'")
        ]
    );
    assert_eq!(
        tokenize_line("msg: \"unterminated # x"),
        [
            (Key, "msg"),
            (Punctuation, ":"),
            (Plain, " "),
            (Value, "\"unterminated # x")
        ]
    );
}

#[test]
fn document_markers_and_block_indicators_are_punctuation() {
    assert_eq!(tokenize_line("---"), [(Punctuation, "---")]);
    assert_eq!(tokenize_line("..."), [(Punctuation, "...")]);
    assert_eq!(
        tokenize_line("  text: |-"),
        [
            (Punctuation, "  "),
            (Key, "text"),
            (Punctuation, ":"),
            (Plain, " "),
            (Punctuation, "|-")
        ]
    );
}

#[test]
fn block_scalar_content_is_plain_in_context() {
    let lines: Vec<&str> = DEPLOYMENT.lines().collect();
    let tokens = tokenize_lines(lines.iter().copied());
    let at = |text: &str| lines.iter().position(|l| *l == text).unwrap();
    assert_eq!(
        tokens[at("      key: not a key # nor a comment")],
        [(Plain, "      key: not a key # nor a comment")]
    );
    assert_eq!(
        tokens[at("            -g 'daemon off;'")],
        [(Plain, "            -g 'daemon off;'")]
    );
    assert_eq!(
        tokens[at("  labels:")],
        [(Punctuation, "  "), (Key, "labels"), (Punctuation, ":")]
    );
    assert_eq!(tokens[at("        ports:")][1], (Key, "ports"));
    // Without context, the same line reads as a key.
    assert_eq!(tokenize_line("      key: not a key # nor a comment")[1], (Key, "key"));
}

#[test]
fn a_blank_line_inside_a_block_scalar_keeps_the_block_open() {
    let tokens = tokenize_lines(["a: |", "  one", "", "  two", "b: 1"]);
    assert_eq!(tokens[1], [(Plain, "  one")]);
    assert!(tokens[2].is_empty());
    assert_eq!(tokens[3], [(Plain, "  two")]);
    assert_eq!(tokens[4][0], (Key, "b"));
}

#[test]
fn non_ascii_text_is_split_on_character_boundaries() {
    let line = "  clé: «valeur» # ça";
    let joined: String = tokenize_line(line).iter().map(|(_, text)| *text).collect();
    assert_eq!(joined, line);
    assert_eq!(tokenize_line(line)[1], (Key, "clé"));
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// Lines made of what YAML gives meaning to, so that keys, quotes, comments, list
    /// markers and block indicators come up often, with any character among them.
    fn yaml_line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[a-z0-9]{1,4}",
            4 => prop::sample::select(vec![
                " ", "  ", "\t", ":", ": ", "- ", "-", "#", " #", "'", "''", "\"", "\\\"", "\\", "|", ">-", "|2+",
                "---", "...", "[", "]", "{", "}", ",", "&a", "*a", "!t", "é", "😀",
            ])
            .prop_map(String::from),
            1 => "\\PC",
        ];
        prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    fn joined(tokens: &[(YamlToken, &str)]) -> String {
        tokens.iter().map(|(_, text)| *text).collect()
    }

    proptest! {
        #[test]
        fn the_pieces_of_any_line_join_back_to_it(line in prop_oneof![yaml_line(), "\\PC{0,40}"]) {
            let tokens = tokenize_line(&line);
            prop_assert_eq!(joined(&tokens), line.clone());
            prop_assert!(tokens.iter().all(|(_, text)| !text.is_empty()), "{:?}", tokens);
        }

        #[test]
        fn the_pieces_of_any_document_join_back_to_its_lines(lines in prop::collection::vec(yaml_line(), 0..12)) {
            let tokens = tokenize_lines(lines.iter().map(String::as_str));
            prop_assert_eq!(tokens.len(), lines.len());
            for (tokens, line) in tokens.iter().zip(&lines) {
                prop_assert_eq!(&joined(tokens), line);
                prop_assert!(tokens.iter().all(|(_, text)| !text.is_empty()), "{:?}", tokens);
            }
        }

        #[test]
        fn a_plain_key_and_value_are_found(indent in 0usize..6, key in "[a-z][a-z0-9_.-]{0,10}", value in "[a-z0-9][a-z0-9 ./-]{0,10}[a-z0-9]") {
            let line = format!("{}{key}: {value}", " ".repeat(indent));
            let tokens = tokenize_line(&line);
            let kinds: Vec<YamlToken> = tokens.iter().map(|(kind, _)| *kind).collect();
            let expected_kinds = [Key, Punctuation, Plain, Value];
            prop_assert_eq!(&kinds[kinds.len() - 4..], &expected_kinds[..]);
            prop_assert_eq!(tokens[tokens.len() - 4].1, key.as_str());
            prop_assert_eq!(tokens[tokens.len() - 1].1, value.as_str());
        }
    }
}
