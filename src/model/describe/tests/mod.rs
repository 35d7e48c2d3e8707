//! Tests of whole descriptions on realistic objects: a Pod with events, a Node, a Secret and a custom resource.

use serde_json::{Value, json};

use super::*;

mod kinds;

fn now() -> Timestamp {
    "2026-11-22T02:35:54Z".parse().unwrap()
}

fn event(reason: &str, last: &str, component: &str, message: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Event", "type": "Normal", "reason": reason, "message": message,
        "metadata": {"name": format!("web.{reason}"), "namespace": "demo-web", "creationTimestamp": last},
        "involvedObject": {"kind": "Pod", "name": "web-7887448d46-lktb2", "namespace": "demo-web"},
        "source": {"component": component}, "firstTimestamp": last, "lastTimestamp": last, "count": 1
    })
}

#[test]
fn a_small_config_map_is_described_exactly() {
    let config = json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "web-config", "namespace": "demo-web", "creationTimestamp": "2026-11-22T02:30:54Z",
                     "uid": "8c1d", "resourceVersion": "42", "managedFields": [{"manager": "kubectl"}]},
        "data": {"index.html": "<h1>hello</h1>\n<p>world</p>\n", "logLevel": "debug"},
        "immutable": false
    });
    let expected = "\
Name:         web-config
Namespace:    demo-web
Labels:       <none>
Annotations:  <none>
Created:      2026-11-22T02:30:54Z (5m ago)
Data:
  index.html:
    <h1>hello</h1>
    <p>world</p>
  logLevel:  debug
Immutable:    false
Events:  <none>
";
    assert_eq!(describe(&config, &[], now()), expected);
}

#[test]
fn a_pod_with_events_is_described_exactly() {
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {
            "name": "web-7887448d46-lktb2", "namespace": "demo-web", "creationTimestamp": "2026-11-22T02:30:54Z",
            "labels": {"app": "web", "pod-template-hash": "7887448d46"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7887448d46",
                                 "uid": "0d4c", "controller": true, "blockOwnerDeletion": true}]
        },
        "spec": {
            "containers": [{"name": "nginx", "image": "127.0.0.1:5000/nginx:1.27",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}]}],
            "nodeName": "kube-minion1"
        },
        "status": {"phase": "Running", "podIP": "10.244.1.7", "hostIPs": [{"ip": "192.168.1.10"}]}
    });
    let mut pulled = event(
        "Pulled",
        "2026-11-22T02:31:54Z",
        "kubelet",
        "Container image \"nginx:1.27\" already present",
    );
    pulled["count"] = json!(3);
    pulled["firstTimestamp"] = json!("2026-11-22T02:30:56Z");
    let events = [
        pulled,
        event(
            "Scheduled",
            "2026-11-22T02:30:54Z",
            "default-scheduler",
            "Successfully assigned demo-web/web-7887448d46-lktb2 to kube-minion1",
        ),
    ];
    let expected = "\
Name:           web-7887448d46-lktb2
Namespace:      demo-web
Labels:         app=web
                pod-template-hash=7887448d46
Annotations:    <none>
Created:        2026-11-22T02:30:54Z (5m ago)
Controlled By:  ReplicaSet/web-7887448d46
Spec:
  Containers:
    - Name:   nginx
      Image:  127.0.0.1:5000/nginx:1.27
      Ports:
        - Container Port:  80
          Protocol:        TCP
  Node Name:  kube-minion1
Status:
  Host IPs:
    - IP:  192.168.1.10
  Phase:   Running
  Pod IP:  10.244.1.7
Events:
  Type    Reason     Age                 From               Message
  ----    ------     ---                 ----               -------
  Normal  Scheduled  5m                  default-scheduler  Successfully assigned demo-web/web-7887448d46-lktb2 to kube-minion1
  Normal  Pulled     4m (x3 over 4m58s)  kubelet            Container image \"nginx:1.27\" already present
";
    assert_eq!(describe(&pod, &events, now()), expected);
}
