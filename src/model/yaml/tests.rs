//! Tests of YAML noise removal, masking and (de)serialisation on realistic objects.

use serde_json::{Value, json};

use super::*;

fn pod() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web-7887448d46-lktb2",
            "generateName": "web-7887448d46-",
            "namespace": "demo-web",
            "uid": "5f0c3f5e-6a57-4c4a-9d59-1f3e2b0f6c11",
            "resourceVersion": "4711",
            "creationTimestamp": "2026-11-22T02:30:54Z",
            "labels": {"app": "web", "pod-template-hash": "7887448d46"},
            "annotations": {"kubic.io/note": "yes", "empty": ""},
            "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7887448d46",
                "uid": "0d4c1b0a-36a7-4d5e-8a66-3f1f4c7d8e90", "controller": true, "blockOwnerDeletion": true
            }],
            "managedFields": [{
                "manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
                "time": "2026-11-22T02:30:54Z", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}}
            }]
        },
        "spec": {
            "containers": [{
                "name": "nginx",
                "image": "127.0.0.1:5000/nginx:1.27",
                "command": ["/bin/sh", "-c", "nginx -g 'daemon off;' # not a comment"],
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "env": [{"name": "GREETING", "value": "hello\nworld\n"}, {"name": "ON", "value": "on"}],
                "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "0.1"}},
                "terminationMessagePath": "/dev/termination-log",
                "imagePullPolicy": "IfNotPresent"
            }],
            "nodeName": "kube-minion1",
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "nodeSelector": {},
            "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
            "enableServiceLinks": true,
            "priority": 0
        },
        "status": {
            "phase": "Running",
            "podIP": "10.244.1.7",
            "podIPs": [{"ip": "10.244.1.7"}],
            "hostIP": "192.168.1.10",
            "startTime": "2026-11-22T02:30:54Z",
            "qosClass": "Burstable",
            "conditions": [
                {"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-22T02:31:00Z"}
            ],
            "containerStatuses": [{
                "name": "nginx", "ready": true, "restartCount": 0, "started": true,
                "image": "127.0.0.1:5000/nginx:1.27", "imageID": "", "containerID": "kwok://nginx",
                "state": {"running": {"startedAt": "2026-11-22T02:30:58Z"}}
            }]
        }
    })
}

#[test]
fn strip_noise_removes_only_managed_fields() {
    let mut object = pod();
    strip_noise(&mut object);
    let mut expected = pod();
    expected["metadata"].as_object_mut().unwrap().remove("managedFields");
    assert_eq!(object, expected);

    let mut no_metadata = json!({"kind": "Thing"});
    strip_noise(&mut no_metadata);
    assert_eq!(no_metadata, json!({"kind": "Thing"}));
}

#[test]
fn mask_secrets_hides_values_and_keeps_keys() {
    let mut secret = json!({
        "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
        "metadata": {"name": "tls", "namespace": "demo-web"},
        "data": {"tls.crt": "LS0tLS1CRUdJTg==", "tls.key": "c2VjcmV0"},
        "stringData": {"password": "hunter2"}
    });
    mask_secrets(&mut secret);
    assert_eq!(secret["data"], json!({"tls.crt": MASK, "tls.key": MASK}));
    assert_eq!(secret["stringData"], json!({"password": MASK}));
    assert_eq!(secret["type"], "kubernetes.io/tls");
    assert_eq!(secret["metadata"]["name"], "tls");
    assert_eq!(MASK, "••••••");
}

#[test]
fn mask_secrets_leaves_other_kinds_alone() {
    let config = json!({"kind": "ConfigMap", "data": {"password": "hunter2"}});
    let mut masked = config.clone();
    mask_secrets(&mut masked);
    assert_eq!(masked, config);
}

#[test]
fn a_pod_survives_a_round_trip() {
    let object = pod();
    let text = to_yaml(&object).unwrap();
    assert!(text.starts_with("apiVersion: v1\nkind: Pod\nmetadata:\n"), "{text}");
    assert_eq!(from_yaml(&text).unwrap(), object);
}

#[test]
fn masked_and_stripped_objects_survive_a_round_trip() {
    let mut object = pod();
    strip_noise(&mut object);
    let text = to_yaml(&object).unwrap();
    assert!(!text.contains("managedFields"));
    assert_eq!(from_yaml(&text).unwrap(), object);
}

#[test]
fn a_broken_document_reports_line_and_column() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n    labels: x\n";
    let error = from_yaml(text).unwrap_err();
    assert_eq!((error.line, error.column), (Some(5), Some(11)));
    assert_eq!(error.message, "mapping values are not allowed in this context");
    assert_eq!(
        error.to_string(),
        "line 5, column 11: mapping values are not allowed in this context"
    );
}

#[test]
fn error_messages_are_one_line() {
    let error = from_yaml("metadata:\n  name: [a, b\nkind: Pod\n").unwrap_err();
    assert!(error.line.is_some() && error.column.is_some(), "{error:?}");
    assert!(!error.message.contains('\n') && !error.message.is_empty(), "{error:?}");
    assert!(!error.to_string().contains("-->"), "{error}");
}

#[test]
fn duplicate_keys_are_refused() {
    let error = from_yaml("kind: Pod\nkind: Service\n").unwrap_err();
    assert_eq!(error.line, Some(2));
    assert!(error.message.contains("kind"), "{error}");
}

#[test]
fn several_documents_are_refused() {
    let error = from_yaml("kind: Pod\n---\nkind: Service\n").unwrap_err();
    assert_eq!(error.line, Some(3));
    assert!(error.message.contains("only one object"), "{error}");
    assert!(!error.message.contains("from_str"), "{error}");
}

#[test]
fn a_leading_document_marker_is_fine() {
    assert_eq!(from_yaml("---\nkind: Pod\n").unwrap(), json!({"kind": "Pod"}));
}

#[test]
fn an_empty_document_is_refused() {
    for text in ["", "\n", "# nothing here\n", "---\n"] {
        let error = from_yaml(text).unwrap_err();
        assert_eq!(error.to_string(), "the document is empty", "{text:?}");
    }
}

#[test]
fn a_document_that_is_not_a_mapping_is_refused() {
    let error = from_yaml("- kind: Pod\n").unwrap_err();
    assert_eq!(error.message, "expected one object (a mapping of fields), found a list");
    assert_eq!(error.line, None);
}

#[test]
fn display_without_position_is_the_message() {
    let error = YamlError {
        line: Some(3),
        column: None,
        message: "bad".into(),
    };
    assert_eq!(error.to_string(), "line 3: bad");
}
