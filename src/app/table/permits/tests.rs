use super::*;
use crate::model::resource::Registry;

fn kind(known: Known) -> ResourceKind {
    Registry::builtin().known(known).cloned().expect("a builtin kind")
}

fn checks(command: Command, known: Known) -> Vec<String> {
    let kind = kind(known);
    needs(command, &kind)
        .iter()
        .map(|n| n.check(&kind).describe())
        .collect()
}

#[test]
fn each_change_names_the_request_it_sends() {
    assert_eq!(checks(Command::Delete, Known::Pod), ["delete pods"]);
    assert_eq!(checks(Command::Edit, Known::Deployment), ["update deployments.apps"]);
    assert_eq!(checks(Command::Shell, Known::Pod), ["create pods/exec"]);
    assert_eq!(checks(Command::Logs, Known::Pod), ["get pods/log"]);
    assert_eq!(checks(Command::Scale, Known::App), ["update apps.kubic.io"]);
    assert_eq!(checks(Command::Cordon, Known::Node), ["patch nodes"]);
    assert_eq!(
        checks(Command::Drain, Known::Node),
        ["patch nodes", "create pods/eviction"]
    );
    assert_eq!(checks(Command::Create, Known::Namespace), ["create namespaces"]);
    assert_eq!(checks(Command::Create, Known::Catalog), ["create apps.kubic.io"]);
    assert_eq!(checks(Command::Batch, Known::Catalog), ["create pods/exec"]);
    assert_eq!(checks(Command::RevealSecrets, Known::Secret), ["get secrets"]);
    assert_eq!(checks(Command::Xray, Known::Secret), ["get secrets"]);
    assert_eq!(checks(Command::Xray, Known::Deployment), ["list pods"]);
    assert!(
        checks(Command::Describe, Known::Pod).is_empty(),
        "reads are the table's own"
    );
}

#[test]
fn the_rules_that_decide_are_where_the_request_goes() {
    let (pods, nodes, builds) = (kind(Known::Pod), kind(Known::Node), kind(Known::ImageBuild));
    let delete = needs(Command::Delete, &pods)[0];
    assert_eq!(delete.key(&pods, Some("web"), Some("demo")), Some(Some("web".into())));
    assert_eq!(delete.key(&pods, None, Some("demo")), Some(Some("demo".into())));
    assert_eq!(delete.key(&pods, None, None), None, "every project, nothing selected");
    assert_eq!(
        needs(Command::Delete, &nodes)[0].key(&nodes, None, Some("demo")),
        Some(None)
    );
    let eviction = needs(Command::Drain, &nodes)[1];
    assert_eq!(eviction.key(&nodes, None, Some("demo")), Some(None));
    let build_log = needs(Command::Logs, &builds)[0];
    assert_eq!(build_log.key(&builds, None, None), Some(Some(SYSTEM_NAMESPACE.into())));
    assert!(delete.named && !needs(Command::Create, &kind(Known::Namespace))[0].named);
}
