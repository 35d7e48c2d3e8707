//! Which of a session's answers are changes for the server's audit trail, and how they
//! are named there: what was asked (the object and the verb) and how it ended. Reads
//! (describe, YAML, logs, lists) are not changes; an exec is, from the moment it is asked.

use crate::app::images::browse::RegistryRequest;
use crate::app::kubic::ops::KubicOp;
use crate::app::{Action, Effect};
use crate::model::cluster::ObjectRef;
use crate::model::server_session::{Change, Outcome};

/// The change an answer reports, if it is one.
pub fn change_of(action: &Action) -> Option<Change> {
    let change = match action {
        Action::Applied { object, result } => Change::new("apply", object_path(object), Outcome::of(result)),
        Action::Deleted { object, result } => Change::new("delete", object_path(object), Outcome::of(result)),
        Action::KubicDone { op, result } => Change::new(kubic_verb(op)?, op.describe(), Outcome::of(result)),
        Action::BatchDone { catalog, result, .. } => {
            Change::new("batch", format!("catalog {catalog}"), Outcome::of(result))
        }
        Action::FilesDeployed { catalog, result } => {
            Change::new("deploy-files", format!("catalog {catalog}"), Outcome::of(result))
        }
        Action::AppsRestarted(result) => Change::new("restart-apps", "apps after a file deploy", Outcome::of(result)),
        Action::PasswordChanged(result) => Change::new("change-own-password", "own password", Outcome::of(result)),
        Action::RegistryAnswer {
            request:
                RegistryRequest::DeleteTag {
                    registry,
                    repository,
                    tag,
                },
            result,
        } => Change::new(
            "delete-tag",
            format!("{registry}/{repository}:{tag}"),
            Outcome::of(result),
        ),
        _ => return None,
    };
    Some(change)
}

/// The change an effect is, when it is recorded as asked (a console's shell).
pub fn change_of_effect(effect: &Effect) -> Option<Change> {
    match effect {
        Effect::OpenConsole { request, .. } => {
            let container = request
                .container
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let object = format!(
                "pods/{}/{}{container}: {}",
                request.namespace,
                request.pod,
                request.command.join(" ")
            );
            Some(Change::new("exec", object, Outcome::Ok))
        }
        Effect::OpenToolbox {
            namespace, files_of, ..
        } => {
            let project = namespace.as_deref().unwrap_or("its project");
            let object = match files_of {
                Some(catalog) => format!("files console of catalog {catalog} in {project}"),
                None => format!("console in {project}"),
            };
            Some(Change::new("console", object, Outcome::Ok))
        }
        _ => None,
    }
}

/// `pods/web/nginx-1`, or `nodes/host1` for a cluster-wide object.
fn object_path(object: &ObjectRef) -> String {
    if object.namespace.is_empty() {
        format!("{}/{}", object.kind.plural, object.name)
    } else {
        format!("{}/{}/{}", object.kind.plural, object.namespace, object.name)
    }
}

/// The audit verb of a KUBIC operation; `None` for one that changes nothing.
fn kubic_verb(op: &KubicOp) -> Option<&'static str> {
    use crate::app::hosts::ops::ClusterOp;
    use crate::app::users::ops::UserOp;
    Some(match op {
        KubicOp::ShowPool { .. } => return None,
        KubicOp::CreateApp(_) => "create-app",
        KubicOp::CreateProject(_) => "create-project",
        KubicOp::DeleteProject(_) => "delete-project",
        KubicOp::AddIp { .. } => "add-ip",
        KubicOp::RemoveIp { .. } => "remove-ip",
        KubicOp::Run { .. } => "run",
        KubicOp::Halt { .. } => "halt",
        KubicOp::Scale { .. } => "scale",
        KubicOp::Update { .. } => "rolling-update",
        KubicOp::Rollback { .. } => "rollback",
        KubicOp::Rebalance { .. } => "rebalance",
        KubicOp::DeleteApp { .. } => "delete-app",
        KubicOp::DeleteCatalog { .. } => "delete-catalog",
        KubicOp::SaveRegistry(_) => "save-registry",
        KubicOp::DeleteRegistry(_) => "delete-registry",
        KubicOp::CreateBuild(_) => "build-image",
        KubicOp::DeleteBuild(_) => "delete-build",
        KubicOp::Cluster(ClusterOp::Cordon(_)) => "cordon",
        KubicOp::Cluster(ClusterOp::Uncordon(_)) => "uncordon",
        KubicOp::Cluster(ClusterOp::Drain { .. }) => "drain",
        KubicOp::Cluster(ClusterOp::Taint { .. }) => "taint",
        KubicOp::Cluster(ClusterOp::SetDescription(_)) => "set-description",
        KubicOp::User(UserOp::Create(_)) => "create-user",
        KubicOp::User(UserOp::Edit { .. }) => "edit-user",
        KubicOp::User(UserOp::SetPassword { .. }) => "set-password",
        KubicOp::User(UserOp::Delete(_)) => "delete-user",
    })
}

#[cfg(test)]
mod tests;
