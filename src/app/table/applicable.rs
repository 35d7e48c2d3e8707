//! Which table commands make sense on which kind, so `?` lists the keys of the screen
//! the operator is on (a host's cordon, an app's run) instead of every key kubic has.

use crate::config::command::Command;
use crate::model::crd::GROUP;
use crate::model::resource::ResourceKind;

/// Workload kinds whose pods' logs `l` follows.
const WORKLOADS: [(&str, &str); 5] = [
    ("apps", "Deployment"),
    ("apps", "StatefulSet"),
    ("apps", "DaemonSet"),
    ("apps", "ReplicaSet"),
    ("batch", "Job"),
];

/// Kinds `n` creates something on.
const CREATES: [(&str, &str); 6] = [
    ("", "Namespace"),
    (GROUP, "IPPool"),
    (GROUP, "Catalog"),
    (GROUP, "Registry"),
    (GROUP, "BuildRecipe"),
    (GROUP, "ImageBuild"),
];

/// Whether `command` does something on a table of `kind`.
pub fn applies(command: Command, kind: &ResourceKind) -> bool {
    let on = |group: &str, name: &str| kind.is(group, name);
    let any = |kinds: &[(&str, &str)]| kinds.iter().any(|(group, name)| on(group, name));
    match command {
        Command::Run
        | Command::Halt
        | Command::Scale
        | Command::RollingUpdate
        | Command::Rollback
        | Command::Rebalance
        | Command::Manifest => on(GROUP, "App"),
        Command::Logs => on("", "Pod") || on(GROUP, "App") || on(GROUP, "ImageBuild") || any(&WORKLOADS),
        Command::Shell => on("", "Pod"),
        Command::Cordon | Command::Uncordon | Command::Drain | Command::Taint | Command::Monitor => on("", "Node"),
        Command::Create => any(&CREATES),
        Command::NewCatalog | Command::Files | Command::DeployFiles | Command::Batch => on(GROUP, "Catalog"),
        Command::RevealSecrets => on("", "Secret"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resource::Registry;

    fn kind(group: &str, name: &str) -> ResourceKind {
        Registry::builtin().find(group, name).cloned().expect("a builtin kind")
    }

    #[test]
    fn app_host_and_pod_commands_stay_on_their_kinds() {
        let (app, node, pod) = (kind(GROUP, "App"), kind("", "Node"), kind("", "Pod"));
        assert!(applies(Command::Run, &app) && !applies(Command::Run, &pod));
        assert!(applies(Command::Drain, &node) && !applies(Command::Drain, &app));
        assert!(applies(Command::Shell, &pod) && !applies(Command::Shell, &node));
        assert!(applies(Command::Logs, &kind("apps", "Deployment")));
        assert!(!applies(Command::Logs, &node));
        assert!(applies(Command::Create, &kind("", "Namespace")) && !applies(Command::Create, &pod));
        assert!(applies(Command::Describe, &node) && applies(Command::Filter, &app));
        assert!(applies(Command::Batch, &kind(GROUP, "Catalog")) && !applies(Command::Batch, &pod));
        assert!(applies(Command::Console, &pod) && applies(Command::Console, &node));
    }
}
