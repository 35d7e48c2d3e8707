//! Descriptions of realistic API objects of several kinds: what must and must never appear.

use serde_json::{Value, json};

use super::{event, now};
use crate::model::describe::describe;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

fn full_pod() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {
            "name": "web-7887448d46-lktb2", "generateName": "web-7887448d46-", "namespace": "demo-web",
            "uid": "5f0c3f5e-6a57-4c4a-9d59-1f3e2b0f6c11", "resourceVersion": "4711",
            "creationTimestamp": "2026-11-22T02:30:54Z", "deletionTimestamp": "2026-11-22T02:35:24Z",
            "deletionGracePeriodSeconds": 30,
            "labels": {"pod-template-hash": "7887448d46", "app": "web"},
            "annotations": {
                "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}\n",
                "kubic.io/owner": "shop-team"
            },
            "ownerReferences": [
                {"apiVersion": "v1", "kind": "ConfigMap", "name": "not-the-controller", "uid": "1"},
                {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7887448d46", "uid": "2", "controller": true}
            ],
            "managedFields": [{"manager": "kube-controller-manager", "operation": "Update", "fieldsType": "FieldsV1"}]
        },
        "spec": {
            "containers": [{
                "name": "nginx", "image": "127.0.0.1:5000/nginx:1.27", "imagePullPolicy": "IfNotPresent",
                "command": ["/bin/sh", "-c"],
                "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "100m"}},
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-x2x7s", "readOnly": true}]
            }],
            "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "nodeName": "kube-minion1",
            "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": {},
            "terminationGracePeriodSeconds": 30,
            "tolerations": [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300}]
        },
        "status": {
            "phase": "Running", "qosClass": "Burstable", "podIP": "10.244.1.7",
            "podIPs": [{"ip": "10.244.1.7"}], "hostIP": "192.168.1.10", "hostIPs": [{"ip": "192.168.1.10"}],
            "startTime": "2026-11-22T02:30:54Z",
            "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-22T02:31:00Z"}],
            "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0, "imageID": "", "containerID": "kwok://nginx",
                                   "state": {"running": {"startedAt": "2026-11-22T02:30:58Z"}}}]
        }
    })
}

#[test]
fn a_full_pod_shows_its_header_tree_and_events() {
    let mut late = event("Started", "2026-11-22T02:33:54Z", "kubelet", "Started container nginx");
    late["type"] = json!("Warning");
    let mut micro = json!({"type": "Normal", "reason": "Killing", "eventTime": "2026-11-22T02:35:24.123456Z",
                           "reportingComponent": "kubelet", "message": "Stopping container nginx\nnow"});
    micro["metadata"] = json!({"name": "web.killing", "creationTimestamp": "2026-11-22T02:35:25Z"});
    let events = [
        micro,
        late,
        event("Scheduled", "2026-11-22T02:30:54Z", "default-scheduler", "Assigned"),
    ];
    let text = describe(&full_pod(), &events, now());
    let lines = lines(&text);
    assert_eq!(lines[0], "Name:           web-7887448d46-lktb2");
    assert_eq!(
        lines[2..4],
        [
            "Labels:         app=web",
            "                pod-template-hash=7887448d46"
        ]
    );
    assert_eq!(lines[4], "Annotations:    kubic.io/owner=shop-team");
    assert_eq!(lines[5], "Created:        2026-11-22T02:30:54Z (5m ago)");
    assert_eq!(lines[6], "Deletion:       2026-11-22T02:35:24Z (30s ago)");
    assert_eq!(lines[7], "Controlled By:  ReplicaSet/web-7887448d46");
    assert!(
        !text.contains("last-applied") && !text.contains("managed") && !text.contains("Manager"),
        "{text}"
    );
    assert!(!text.contains("API Version:") && !text.contains("\nKind:"), "{text}");
    for expected in [
        "Spec:",
        "    - Name:               nginx",
        "      Command:",
        "        - /bin/sh",
        "        - -c",
        "      Image Pull Policy:  IfNotPresent",
        "        - Name:            http",
        "          Container Port:  80",
        "        Limits:",
        "          cpu:     500m",
        "          memory:  128Mi",
        "          Mount Path:  /var/run/secrets/kubernetes.io/serviceaccount",
        "  DNS Policy:                        ClusterFirst",
        "  Security Context:                  <none>",
        "  Termination Grace Period Seconds:  30",
        "    - Effect:              NoExecute",
        "  Host IPs:",
        "    - IP:  192.168.1.10",
        "  Pod IP:      10.244.1.7",
        "  QoS Class:   Burstable",
        "    - Type:                  Ready",
        "      Status:                True",
        "      Last Probe Time:       <none>",
        "      Container ID:   kwok://nginx",
        "      Image ID:       \"\"",
        "          Started At:  2026-11-22T02:30:58Z",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
    }
    let events_at = lines.iter().position(|l| *l == "Events:").unwrap();
    assert!(lines.iter().position(|l| *l == "Status:").unwrap() < events_at);
    let reasons: Vec<&str> = lines[events_at + 3..]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(reasons, ["Scheduled", "Started", "Killing"]);
    assert!(
        lines[events_at + 4].starts_with("  Warning  Started    2m   kubelet"),
        "{text}"
    );
    assert!(
        lines[events_at + 5].ends_with("30s  kubelet            Stopping container nginx now"),
        "{text}"
    );
}

#[test]
fn a_node_has_no_namespace_line() {
    let node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "kube-minion1", "creationTimestamp": "2026-11-20T02:35:54Z",
                     "labels": {"kubernetes.io/hostname": "kube-minion1", "node-role.kubernetes.io/worker": "", "type": "kwok"},
                     "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
        "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"],
                 "taints": [{"key": "kwok.x-k8s.io/node", "value": "fake", "effect": "NoSchedule"}]},
        "status": {
            "addresses": [{"type": "InternalIP", "address": "192.168.1.10"}, {"type": "Hostname", "address": "kube-minion1"}],
            "capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"},
            "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status",
                            "lastHeartbeatTime": "2026-11-22T02:35:00Z", "lastTransitionTime": "2026-11-20T02:36:00Z"}],
            "nodeInfo": {"kubeletVersion": "kwok", "osImage": "", "architecture": "amd64", "operatingSystem": "linux",
                         "machineID": "", "kernelVersion": "", "containerRuntimeVersion": ""},
            "images": [{"names": ["127.0.0.1:5000/nginx@sha256:0123", "127.0.0.1:5000/nginx:1.27"], "sizeBytes": 72000000}],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10247}}
        }
    });
    let text = describe(&node, &[], now());
    let lines = lines(&text);
    assert!(!text.contains("Namespace"), "{text}");
    assert_eq!(lines[0], "Name:         kube-minion1");
    assert_eq!(lines[1], "Labels:       kubernetes.io/hostname=kube-minion1");
    assert_eq!(lines[2], "              node-role.kubernetes.io/worker=");
    assert_eq!(lines[4], "Annotations:  node.alpha.kubernetes.io/ttl=0");
    assert_eq!(lines[5], "Created:      2026-11-20T02:35:54Z (2d ago)");
    for expected in [
        "  Pod CIDR:  10.244.1.0/24",
        "  Pod CIDRs:",
        "    - 10.244.1.0/24",
        "    - Type:     InternalIP",
        "      Address:  192.168.1.10",
        "  Allocatable:",
        "    memory:  8Gi",
        "      Message:               kubelet is posting ready status",
        "      Port:  10247",
        "    - Names:",
        "        - 127.0.0.1:5000/nginx:1.27",
        "      Size Bytes:  72000000",
        "    OS Image:                   \"\"",
        "    Machine ID:                 \"\"",
        "Events:  <none>",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn a_secret_shows_sizes_and_never_values() {
    let secret = json!({
        "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
        "metadata": {"name": "web-tls", "namespace": "demo-web", "creationTimestamp": "2026-11-22T02:30:54Z",
                     "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"tls.key\":\"c3VwZXJzZWNyZXQ=\"}}"}},
        "data": {"tls.crt": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t", "tls.key": "c3VwZXJzZWNyZXQ=", "empty": ""},
        "stringData": {"password": "hunter2"}
    });
    let text = describe(&secret, &[], now());
    for leaked in [
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        "-----BEGIN",
        "c3VwZXJzZWNyZXQ",
        "supersecret",
        "hunter2",
    ] {
        assert!(!text.contains(leaked), "{leaked} leaked in\n{text}");
    }
    let expected = "\
Name:         web-tls
Namespace:    demo-web
Labels:       <none>
Annotations:  <none>
Created:      2026-11-22T02:30:54Z (5m ago)
Type:         kubernetes.io/tls
Data:
  empty:    0 bytes
  tls.crt:  27 bytes
  tls.key:  11 bytes
String Data:
  password:  7 bytes
Events:  <none>
";
    assert_eq!(text, expected);
}

#[test]
fn base64_sizes_subtract_padding() {
    use crate::model::describe::base64_size;
    assert_eq!(base64_size("YWJj"), 3);
    assert_eq!(base64_size("YWI="), 2);
    assert_eq!(base64_size("YQ=="), 1);
    assert_eq!(base64_size(""), 0);
    assert_eq!(base64_size("YWJjZA"), 4);
}

#[test]
fn a_custom_resource_renders_nested_lists() {
    let app = json!({
        "apiVersion": "kubic.io/v1", "kind": "App",
        "metadata": {"name": "shop", "namespace": "demo-web", "creationTimestamp": "2026-11-22T02:35:14Z"},
        "spec": {
            "catalog": "nginx-basic", "replicas": 2, "paused": false, "hosts": [],
            "components": [
                {"name": "front", "ports": [{"port": 80, "targetPort": 8080}], "env": {}},
                {"name": "jobs", "schedule": "*/5 * * * *", "matrix": [["a", "b"], []],
                 "script": "#!/bin/sh\necho hi\n"}
            ]
        },
        "status": {"state": "Running", "observedGeneration": 3}
    });
    let expected = "\
Name:         shop
Namespace:    demo-web
Labels:       <none>
Annotations:  <none>
Created:      2026-11-22T02:35:14Z (40s ago)
Spec:
  Catalog:   nginx-basic
  Components:
    - Name:  front
      Env:   <none>
      Ports:
        - Port:         80
          Target Port:  8080
    - Name:      jobs
      Matrix:
        - - a
          - b
        - <none>
      Schedule:  */5 * * * *
      Script:
        #!/bin/sh
        echo hi
  Hosts:     <none>
  Paused:    false
  Replicas:  2
Status:
  Observed Generation:  3
  State:                Running
Events:  <none>
";
    assert_eq!(describe(&app, &[], now()), expected);
}

#[test]
fn anything_that_is_not_an_object_still_describes() {
    assert_eq!(
        describe(&json!(null), &[], now()),
        "Name:         \"\"\nLabels:       <none>\nAnnotations:  <none>\nEvents:  <none>\n"
    );
}
