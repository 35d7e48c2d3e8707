//! Which table commands make sense on which kind, so `?` lists the keys of the screen
//! the operator is on (a host's cordon, an app's run) instead of every key kubic has.

use crate::config::command::Command;
use crate::model::resource::{Known, ResourceKind};
use crate::model::xray::TreeKind;

/// Kinds `n` creates something on.
const CREATES: [Known; 7] = [
    Known::Namespace,
    Known::IpPool,
    Known::Catalog,
    Known::Registry,
    Known::BuildRecipe,
    Known::ImageBuild,
    Known::User,
];

/// Kinds `shift-f` port-forwards to.
const FORWARDS: [Known; 4] = [Known::Pod, Known::Service, Known::Deployment, Known::App];

/// Whether `command` does something on a table of `kind`.
pub fn applies(command: Command, kind: &ResourceKind) -> bool {
    let on = |known: Known| kind.is_known(known);
    match command {
        Command::Run
        | Command::Halt
        | Command::Scale
        | Command::RollingUpdate
        | Command::Rollback
        | Command::Rebalance
        | Command::Manifest => on(Known::App),
        Command::Logs => {
            on(Known::Pod) || on(Known::App) || on(Known::ImageBuild) || kind.known().is_some_and(Known::is_workload)
        }
        Command::Shell => on(Known::Pod),
        Command::PortForward => FORWARDS.into_iter().any(on),
        Command::Cordon | Command::Uncordon | Command::Drain | Command::Taint | Command::Monitor => on(Known::Node),
        Command::Create => CREATES.into_iter().any(on),
        Command::NewCatalog | Command::Files | Command::DeployFiles | Command::Batch => on(Known::Catalog),
        Command::RevealSecrets => on(Known::Secret),
        Command::Xray => on(Known::Secret) || kind.known().and_then(TreeKind::root_of).is_some(),
        Command::SetPassword => on(Known::User),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resource::Registry;

    fn kind(known: Known) -> ResourceKind {
        Registry::builtin().known(known).cloned().expect("a builtin kind")
    }

    #[test]
    fn app_host_and_pod_commands_stay_on_their_kinds() {
        let (app, node, pod) = (kind(Known::App), kind(Known::Node), kind(Known::Pod));
        assert!(applies(Command::Run, &app) && !applies(Command::Run, &pod));
        assert!(applies(Command::Drain, &node) && !applies(Command::Drain, &app));
        assert!(applies(Command::Shell, &pod) && !applies(Command::Shell, &node));
        assert!(applies(Command::Logs, &kind(Known::Deployment)));
        assert!(!applies(Command::Logs, &node));
        assert!(applies(Command::Create, &kind(Known::Namespace)) && !applies(Command::Create, &pod));
        assert!(applies(Command::Describe, &node) && applies(Command::Filter, &app));
        assert!(applies(Command::Batch, &kind(Known::Catalog)) && !applies(Command::Batch, &pod));
        assert!(applies(Command::Console, &pod) && applies(Command::Console, &node));
        let user = kind(Known::User);
        assert!(applies(Command::SetPassword, &user) && !applies(Command::SetPassword, &pod));
        assert!(applies(Command::Create, &user));
        assert!(applies(Command::Xray, &kind(Known::Secret)) && applies(Command::Xray, &kind(Known::App)));
        assert!(applies(Command::Xray, &kind(Known::Service)) && !applies(Command::Xray, &pod));
        assert!(!applies(Command::Xray, &node));
        assert!(applies(Command::PortForward, &kind(Known::Service)) && applies(Command::PortForward, &app));
        assert!(!applies(Command::PortForward, &node) && !applies(Command::PortForward, &kind(Known::Catalog)));
    }

    #[test]
    fn commands_that_share_a_key_never_meet_on_one_kind() {
        let registry = Registry::builtin();
        for known in Known::all() {
            let Some(kind) = registry.known(known) else { continue };
            for &(a, b) in crate::config::command::SHARED_KEYS {
                assert!(
                    !(applies(a, kind) && applies(b, kind)),
                    "{} and {} both work on {}",
                    a.name(),
                    b.name(),
                    kind.plural
                );
            }
        }
    }
}
