//! What the port-forward tests share: the deployment `web` whose pod they reach (its
//! container's port 80 named `http`, marked as KUBIC app `web`), its running pod, and a
//! TCP exchange through a forward's local end.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, PostParams};
use kubic::kube::Connection;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(60);

/// Creates the deployment `web` of one pod in `ns`, labelled `app=web`; it and its pods
/// carry `kubic.io/app=web`, as a catalog's deployment of app `web` would.
pub async fn create_web(conn: &Connection, ns: &str) {
    let deployment: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "web", "labels": {"kubic.io/app": "web"}},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web", "kubic.io/app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "registry.local/web:1",
                                         "ports": [{"name": "http", "containerPort": 80}]}]}
            }
        }
    }))
    .unwrap();
    Api::<Deployment>::namespaced(conn.client.clone(), ns)
        .create(&PostParams::default(), &deployment)
        .await
        .unwrap();
}

/// A running pod of `web` in `ns`, not being deleted, other than `not`.
pub async fn running_web_pod(conn: &Connection, ns: &str, not: Option<&str>) -> String {
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), ns);
    super::eventually("a running web pod", WAIT, || {
        let pods = pods.clone();
        async move {
            let list = pods.list(&ListParams::default().labels("app=web")).await.ok()?;
            list.items
                .into_iter()
                .filter(|pod| pod.metadata.deletion_timestamp.is_none())
                .filter(|pod| pod.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
                .filter_map(|pod| pod.metadata.name)
                .find(|name| Some(name.as_str()) != not)
        }
    })
    .await
}

/// Sends `line` to a forward's local end on 127.0.0.1 and reads until `expect` arrives
/// or the far end closes; what came back.
pub fn exchange(port: u16, line: &str, expect: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.write_all(line.as_bytes()).unwrap();
    let mut got = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains(expect) {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}
