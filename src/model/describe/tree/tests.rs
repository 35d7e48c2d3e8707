//! Tests of the tree layout: alignment per block, list markers, empty values, multi-line strings, free-form maps.

use serde_json::json;

use super::*;

fn render(value: Value) -> String {
    let Value::Object(map) = value else {
        panic!("not an object")
    };
    let mut out = Vec::new();
    render_block(&fields(&map, false), 0, &mut out);
    out.join("\n")
}

#[test]
fn values_align_after_the_longest_key_of_their_block() {
    let text = render(
        json!({"spec": {"nodeName": "n1", "restartPolicy": "Always", "containers": [{"name": "a", "image": "x"}]}}),
    );
    assert_eq!(
        text,
        "Spec:\n  Containers:\n    - Name:   a\n      Image:  x\n  Node Name:       n1\n  Restart Policy:  Always"
    );
}

#[test]
fn keys_without_a_value_beside_them_do_not_widen_the_block() {
    let text = render(json!({"a": 1, "somewhatLongerKey": {"b": 2}}));
    assert_eq!(text, "A:  1\nSomewhat Longer Key:\n  B:  2");
}

#[test]
fn empty_maps_lists_and_nulls_are_none() {
    let text = render(json!({"a": {}, "b": [], "c": null, "d": ""}));
    assert_eq!(text, "A:  <none>\nB:  <none>\nC:  <none>\nD:  \"\"");
}

#[test]
fn lists_of_scalars_and_nested_lists_are_marked() {
    let text = render(json!({"args": ["-g", "daemon off;"], "matrix": [[1, 2], [], [[3]]]}));
    assert_eq!(
        text,
        "Args:\n  - -g\n  - daemon off;\nMatrix:\n  - - 1\n    - 2\n  - <none>\n  - - - 3"
    );
}

#[test]
fn multi_line_strings_are_indented_under_their_key() {
    let text = render(json!({"script": "one\n\n  two\n", "items": ["first\nsecond", "\nlead"]}));
    assert_eq!(
        text,
        "Items:\n  - first\n    second\n  -\n    lead\nScript:\n  one\n\n    two"
    );
}

#[test]
fn label_maps_are_key_value_lines_and_other_maps_keep_their_keys() {
    let text = render(json!({
        "selector": {"app": "web", "tier": "front"},
        "template": {"metadata": {"labels": {"app": "web"}}},
        "resources": {"limits": {"cpu": "1", "nvidia.com/gpu": "2"}},
        "matchLabels": {"replicas": 2}
    }));
    assert_eq!(
        text,
        "\
Match Labels:
  Replicas:  2
Resources:
  Limits:
    cpu:             1
    nvidia.com/gpu:  2
Selector:  app=web
           tier=front
Template:
  Metadata:
    Labels:  app=web"
    );
}

#[test]
fn keys_of_data_maps_are_not_humanised_even_when_nested_fields_are() {
    let text = render(json!({"data": {"logLevel": "debug", "nested": {"innerKey": 1}}}));
    assert_eq!(text, "Data:\n  logLevel:  debug\n  nested:\n    Inner Key:  1");
}

#[test]
fn alignment_counts_characters_not_bytes() {
    let text = render(json!({"data": {"clé": "1", "ab": "2"}}));
    assert_eq!(text, "Data:\n  ab:   2\n  clé:  1");
}

#[test]
fn name_type_and_status_come_first_in_nested_maps() {
    let text =
        render(json!({"conditions": [{"reason": "R", "status": "True", "type": "Ready"}], "z": {"name": "n", "a": 1}}));
    assert_eq!(
        text,
        "Conditions:\n  - Type:    Ready\n    Status:  True\n    Reason:  R\nZ:\n  Name:  n\n  A:     1"
    );
}

#[test]
fn label_values_spanning_lines_stay_aligned() {
    let map = json!({"note": "first\nsecond\n", "n": 3});
    let Value::Object(map) = map else {
        panic!("not an object")
    };
    assert_eq!(
        label_lines(&map, &["skipped"]),
        Node::Aligned(vec!["n=3".into(), "note=first".into(), "second".into()])
    );
    assert_eq!(label_lines(&map, &["n", "note"]), Node::Aligned(vec![NONE.into()]));
}
