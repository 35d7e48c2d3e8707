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
