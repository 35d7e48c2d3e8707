//! Rendering the shipped bind catalog and the errors a broken template gives.

use super::*;
use crate::model::crd::Catalog;

fn bind_template() -> String {
    let catalog: Catalog = serde_saphyr::from_str(include_str!("../../catalogs/bind.yaml")).unwrap();
    catalog.spec.template
}

#[test]
fn the_bind_sample_renders_a_deployment_and_a_dns_service() {
    let objects = render(&bind_template(), &sample_values()).unwrap();
    assert_eq!(objects.len(), 2);
    let deployment = &objects[0];
    assert_eq!(deployment["kind"], "Deployment");
    assert_eq!(deployment["spec"]["replicas"], 2);
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["image"], "127.0.0.1:5000/sample:1.0");
    assert_eq!(container["resources"]["limits"]["cpu"], "500m");
    assert_eq!(container["resources"]["limits"]["memory"], "256Mi");
    assert_eq!(
        deployment["spec"]["template"]["spec"]["nodeSelector"]["kubernetes.io/hostname"],
        "kube-minion1"
    );
    let service = &objects[1];
    assert_eq!(service["kind"], "Service");
    let protocols: Vec<&str> = service["spec"]["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["protocol"].as_str().unwrap())
        .collect();
    assert_eq!(protocols, ["TCP", "UDP"]);
    assert_eq!(service["spec"]["ports"][0]["port"], 53);
    assert_eq!(service["spec"]["externalIPs"][0], "192.0.2.10");
}

#[test]
fn unlimited_cpu_and_memory_and_no_host_render_no_limits() {
    let mut values = sample_values();
    values.cpu = None;
    values.memory = None;
    values.host = None;
    values.service_ips.clear();
    let objects = render(&bind_template(), &values).unwrap();
    let pod = &objects[0]["spec"]["template"]["spec"];
    assert!(pod["containers"][0].get("resources").is_none());
    assert!(pod.get("nodeSelector").is_none());
    assert_eq!(objects[1]["spec"]["externalIPs"], serde_json::json!([]));
}

#[test]
fn a_template_syntax_error_names_line_and_column() {
    let error = check_template("kind: Pod\nmetadata:\n  name: {{ name }\n").unwrap_err();
    assert_eq!(error.place, "template");
    assert_eq!(error.line, Some(3));
    assert!(error.column.is_some());
    assert!(error.to_string().starts_with("template, line 3"), "{error}");
}

#[test]
fn an_unknown_variable_is_an_error_not_an_empty_string() {
    let error = check_template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ nmae }}\n").unwrap_err();
    assert_eq!(error.line, Some(4));
    assert!(error.message.contains("undefined"), "{error}");
}

#[test]
fn rendered_yaml_that_does_not_parse_names_the_rendered_line() {
    let error = check_template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [{{ name }}\n").unwrap_err();
    assert_eq!(error.place, "rendered manifest");
    assert!(error.line.is_some(), "{error}");
}

#[test]
fn objects_without_kind_or_name_are_refused() {
    let error = check_template("apiVersion: v1\nmetadata:\n  name: x\n").unwrap_err();
    assert!(error.message.contains("document 1 has no kind"), "{error}");
    let error = check_template("# nothing\n").unwrap_err();
    assert!(error.message.contains("no Kubernetes object"), "{error}");
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// Text made of template syntax, YAML and values' names, broken as often as not.
    fn template_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(vec![
                "{{ ", " }}", "{% ", " %}", "{# ", " #}", "{{ name }}", "{{ nmae }}", "{% for p in ports %}",
                "{% endfor %}", "{% if cpu %}", "{% endif %}", "{{ p.port }}", " | tojson", " | upper", "(", ")",
                "apiVersion: v1\n", "kind: ConfigMap\n", "metadata:\n", "  name: ", "\n", "  ", ": ", "- ", "\"",
                "é", "😀", "{{ 1 / 0 }}", "{{ range(3) }}", "{% set x = %}", "{{ name ~ }}", "{% macro m() %}",
            ])
            .prop_map(String::from),
            1 => "\\PC{0,6}",
        ];
        prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
    }

    fn line_count(text: &str) -> usize {
        text.split('\n').count()
    }

    /// The character count of line `line` (1-based).
    fn line_width(text: &str, line: usize) -> usize {
        text.split('\n').nth(line - 1).map_or(0, |l| l.chars().count())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_template_renders_or_names_where_it_failed(template in template_like()) {
            match check_template(&template) {
                Ok(objects) => prop_assert!(objects >= 1),
                Err(error) => {
                    prop_assert!(!error.message.is_empty());
                    prop_assert!(error.to_string().starts_with(error.place));
                    let text = match error.place {
                        "template" => template.clone(),
                        _ => render_text(&template, &sample_values()).unwrap_or_default(),
                    };
                    if let Some(line) = error.line {
                        prop_assert!((1..=line_count(&text)).contains(&line), "{} in {:?}", error, text);
                        if let (Some(column), "template") = (error.column, error.place) {
                            prop_assert!((1..=line_width(&text, line) + 1).contains(&column), "{} in {:?}", error, text);
                        }
                    }
                }
            }
        }

        #[test]
        fn an_unknown_variable_is_named_at_its_line_and_column(
            filler in prop::collection::vec("[a-z]{1,8}", 0..6),
            at in any::<prop::sample::Index>(),
            before in "[a-zA-Z0-9 :éü😀-]{0,12}",
        ) {
            let mut lines = vec![
                "apiVersion: v1".to_string(),
                "kind: ConfigMap".to_string(),
                "metadata:".to_string(),
                "  name: {{ name }}".to_string(),
                "data:".to_string(),
            ];
            lines.extend(filler.iter().map(|key| format!("  {key}: {{{{ image }}}}")));
            let line = 6 + at.index(lines.len() - 4);
            lines.insert(line - 1, format!("  {before}{{{{ unknown_value }}}}"));
            let template = lines.join("\n");
            let error = check_template(&template).unwrap_err();
            prop_assert_eq!(error.place, "template");
            prop_assert!(error.message.contains("undefined"), "{}", error);
            prop_assert_eq!(error.line, Some(line), "{}", template);
            prop_assert_eq!(error.column, Some(2 + before.chars().count() + 4), "{}", template);
        }

        #[test]
        fn an_unclosed_expression_is_named_at_its_line(
            lines_before in 0usize..6,
            before in "[a-z :éü😀-]{0,10}",
        ) {
            let mut template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ name }}\n".to_string();
            for n in 0..lines_before {
                template.push_str(&format!("# comment {n}\n"));
            }
            template.push_str(&format!("{before}{{{{ name }}\nmore: text\n"));
            let error = check_template(&template).unwrap_err();
            prop_assert_eq!(error.place, "template");
            prop_assert!(error.message.contains("syntax error"), "{}", error);
            prop_assert_eq!(error.line, Some(5 + lines_before), "{}", template);
            prop_assert!(error.column.is_some());
        }
    }
}
