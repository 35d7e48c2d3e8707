//! The manifests under `deploy/` that run `kubic serve` in the cluster: they parse, bind
//! the roles `kubic install` creates, and run two replicas behind one Service.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kubic::kube::install::{install_objects, roles};
use serde_json::Value;

fn documents() -> Vec<Value> {
    serde_saphyr::from_multiple(include_str!("../deploy/kubic-serve.yaml")).unwrap()
}

fn of_kind<'a>(documents: &'a [Value], kind: &str) -> Vec<&'a Value> {
    documents.iter().filter(|d| d["kind"] == kind).collect()
}

#[test]
fn the_server_runs_as_its_service_account_with_the_installed_server_roles() {
    let documents = documents();
    let installed: Vec<String> = install_objects()
        .unwrap()
        .iter()
        .map(|o| {
            format!(
                "{}/{}",
                o["kind"].as_str().unwrap(),
                o["metadata"]["name"].as_str().unwrap()
            )
        })
        .collect();
    let bindings = [
        of_kind(&documents, "ClusterRoleBinding"),
        of_kind(&documents, "RoleBinding"),
    ]
    .concat();
    assert_eq!(bindings.len(), 3);
    for binding in bindings {
        let role = format!(
            "{}/{}",
            binding["roleRef"]["kind"].as_str().unwrap(),
            binding["roleRef"]["name"].as_str().unwrap()
        );
        assert!(installed.contains(&role), "{role} is not made by kubic install");
        let name = binding["roleRef"]["name"].as_str().unwrap();
        assert!(
            [roles::users::SERVER, roles::VIEWER].contains(&name),
            "the server is bound to {name}"
        );
        assert_eq!(binding["subjects"][0]["name"], "kubic-server");
    }
}

#[test]
fn two_replicas_serve_ssh_behind_one_service() {
    let documents = documents();
    let deployment = of_kind(&documents, "Deployment")[0];
    assert_eq!(deployment["spec"]["replicas"], 2);
    let pod = &deployment["spec"]["template"]["spec"];
    assert_eq!(pod["serviceAccountName"], "kubic-server");
    let args: Vec<&str> = pod["containers"][0]["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(args[0], "serve");
    assert!(
        args.windows(2).any(|pair| pair == ["--log-file", "-"]),
        "the log is the container's output: {args:?}"
    );
    assert!(
        !args.contains(&"--host-key"),
        "replicas share the host key kept in the cluster"
    );
    let service = of_kind(&documents, "Service")[0];
    assert_eq!(service["spec"]["ports"][0]["targetPort"], "ssh");
    assert_eq!(
        service["spec"]["selector"],
        deployment["spec"]["selector"]["matchLabels"]
    );
}
