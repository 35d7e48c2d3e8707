//! Carries out KUBIC operations through the kube layer.

use crate::app::kubic::ops::KubicOp;
use crate::kube::Connection;
use crate::kube::kubic::{apps, builds, catalogs, ippools, projects, registries};
use crate::model::done::Done;
use crate::model::failure::Failure;

/// Performs `op`; `Ok` says what was done, `Err` why it was refused or failed.
pub async fn perform(connection: &Connection, op: &KubicOp) -> Result<Done, Failure> {
    let result = match op {
        KubicOp::CreateApp(new) => apps::create_app(connection, new.as_ref().clone()).await.map(drop),
        KubicOp::CreateProject(name) => projects::create_project(connection, name).await,
        KubicOp::DeleteProject(name) => projects::delete_project(connection, name).await,
        KubicOp::AddIp { host, ip } => ippools::add_ip(connection, host, ip).await,
        KubicOp::RemoveIp { host, ip } => ippools::remove_ip(connection, host, ip).await,
        KubicOp::ShowPool { host } => {
            return ippools::pool_holders(connection, host)
                .await
                .map(|ips| Done::Pool {
                    host: host.clone(),
                    ips,
                })
                .map_err(Failure::from);
        }
        KubicOp::Run { project, name } => apps::run_app(connection, project, name).await.map(drop),
        KubicOp::Halt { project, name } => apps::halt_app(connection, project, name).await.map(drop),
        KubicOp::Scale {
            project,
            name,
            replicas,
        } => apps::scale_app(connection, project, name, *replicas).await.map(drop),
        KubicOp::Update { project, name, tag } => apps::update_tag(connection, project, name, tag).await.map(drop),
        KubicOp::Rollback {
            project,
            name,
            revision,
        } => apps::rollback(connection, project, name, *revision).await.map(drop),
        KubicOp::Rebalance { project, name, ips } => {
            apps::set_service_ips(connection, project, name, ips).await.map(drop)
        }
        KubicOp::DeleteApp { project, name } => apps::delete_app(connection, project, name).await,
        KubicOp::DeleteCatalog { name, cascade } => catalogs::delete_catalog(connection, name, *cascade).await,
        KubicOp::SaveRegistry(registry) => registries::save_registry(connection, registry).await,
        KubicOp::DeleteRegistry(name) => registries::delete_registry(connection, name).await,
        KubicOp::CreateBuild(build) => {
            return builds::create_build(connection, build)
                .await
                .map(|name| Done::BuildStarted { name })
                .map_err(Failure::from);
        }
        KubicOp::DeleteBuild(name) => {
            return builds::delete_build(connection, name)
                .await
                .map(|image| Done::BuildDeleted {
                    name: name.clone(),
                    image,
                })
                .map_err(Failure::from);
        }
        KubicOp::Cluster(op) => return super::cluster_ops::perform(connection, op, drop).await,
        KubicOp::User(op) => return super::user_ops::perform(connection, op).await,
    };
    result.map(|()| Done::AsAsked).map_err(Failure::from)
}
