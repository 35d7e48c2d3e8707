//! The local cluster's audit log (devcluster/audit-policy.yaml: every write, whoever makes
//! it, at Metadata level): where it is, and the requests one identity made, read back.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::Api;

use serde_json::Value;

/// The verbs that change something.
pub const WRITE_VERBS: [&str; 5] = ["create", "update", "patch", "delete", "deletecollection"];

/// The group of access reviews: kubic creates them to learn what its identity may do,
/// reads in spirit, so they never count as a write.
pub const REVIEWS_GROUP: &str = "authorization.k8s.io";

/// One request, as the audit log recorded it.
#[derive(Debug, Clone)]
pub struct Request {
    pub verb: String,
    /// Whom the API server acted for: the impersonated user when there was one.
    pub acting: String,
    pub group: String,
    pub resource: String,
    pub subresource: String,
    pub namespace: String,
    pub name: String,
    pub code: i64,
}

impl Request {
    fn from_event(event: &Value) -> Request {
        let text = |pointer: &str| event.pointer(pointer).and_then(Value::as_str).unwrap_or("").to_string();
        let impersonated = text("/impersonatedUser/username");
        Request {
            verb: text("/verb"),
            acting: if impersonated.is_empty() {
                text("/user/username")
            } else {
                impersonated
            },
            group: text("/objectRef/apiGroup"),
            resource: text("/objectRef/resource"),
            subresource: text("/objectRef/subresource"),
            namespace: text("/objectRef/namespace"),
            name: text("/objectRef/name"),
            code: event
                .pointer("/responseStatus/code")
                .and_then(Value::as_i64)
                .unwrap_or(0),
        }
    }

    /// A change, not an access review.
    pub fn is_write(&self) -> bool {
        WRITE_VERBS.contains(&self.verb.as_str()) && self.group != REVIEWS_GROUP
    }

    pub fn is_review(&self) -> bool {
        self.group == REVIEWS_GROUP
    }
}

impl std::fmt::Display for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let group = if self.group.is_empty() { "core" } else { &self.group };
        let sub = if self.subresource.is_empty() {
            String::new()
        } else {
            format!("/{}", self.subresource)
        };
        write!(
            f,
            "{} {group}/{}{sub} {}/{} → {}",
            self.verb, self.resource, self.namespace, self.name, self.code
        )
    }
}

/// Where the API server writes its audit log, as `devcluster/cluster env` says; fails
/// when the running cluster writes none.
pub fn log_path() -> PathBuf {
    super::kubeconfig();
    let output = Command::new(super::root().join("devcluster/cluster"))
        .arg("env")
        .env("KUBIC_DEVCLUSTER_STATE", super::state_dir())
        .output()
        .expect("run devcluster/cluster env");
    let env = String::from_utf8_lossy(&output.stdout);
    let path = env
        .lines()
        .find_map(|line| line.strip_prefix("export KUBIC_DEVCLUSTER_AUDIT="))
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("devcluster/cluster env names no audit log:\n{env}"));
    assert!(
        path.is_file(),
        "the API server writes no audit log at {} (devcluster/cluster up starts it with \
         --kube-audit-policy devcluster/audit-policy.yaml; a cluster started before that \
         must be restarted)",
        path.display()
    );
    path
}

/// Every logged request made as `identity`, in log order.
pub fn requests_of(identity: &str) -> Vec<Request> {
    let text = std::fs::read_to_string(log_path()).expect("read the audit log");
    text.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .map(|event| Request::from_event(&event))
        .filter(|request| request.acting == identity)
        .collect()
}

/// Waits until the log holds a write by `identity` on an object named `name` (a request
/// the test made itself, so that everything before it has been written too).
pub fn wait_logged(identity: &str, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if requests_of(identity).iter().any(|r| r.name == name) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the audit log never showed {identity}'s request for {name:?} ({})",
            log_path().display()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// A request of `identity` the test makes itself, once the session is over: a delete of
/// an object that does not exist (refused or not found, logged either way, by name).
pub async fn sentinel(identity: &str, project: &str) -> String {
    let name = super::unique("audit-sentinel");
    let conn = super::access::connect_as(identity).await;
    let api: Api<ConfigMap> = Api::namespaced(conn.client, project);
    let _ = api.delete(&name, &Default::default()).await;
    let (who, logged) = (identity.to_string(), name.clone());
    tokio::task::spawn_blocking(move || wait_logged(&who, &logged))
        .await
        .unwrap();
    name
}

/// The writes `identity` sent, the sentinel aside, and how many access reviews.
fn writes_of(identity: &str, sentinel: &str) -> (Vec<Request>, usize) {
    let requests = requests_of(identity);
    let reviews = requests.iter().filter(|r| r.is_review()).count();
    let writes = requests
        .into_iter()
        .filter(|r| r.is_write() && r.name != sentinel)
        .collect();
    (writes, reviews)
}

pub fn assert_no_writes(identity: &str, sentinel: &str) {
    let (writes, reviews) = writes_of(identity, sentinel);
    let listed: Vec<String> = writes.iter().map(Request::to_string).collect();
    assert!(listed.is_empty(), "{identity} sent writes:\n{}", listed.join("\n"));
    assert!(
        reviews > 0,
        "no access review by {identity} in the audit log: is it kubic's identity?"
    );
}
