//! Carries out registry requests (browse, delete a tag, the image form's choices) and
//! follows image builds' logs, sending the answers back as actions.

use tokio::sync::mpsc::UnboundedSender;

use crate::app::Action;
use crate::app::images::browse::{RegistryReply, RegistryRequest};
use crate::kube::Connection;
use crate::kube::kubic::build_log::follow_build;
use crate::kube::kubic::registries;
use crate::oci::RegistryClient;

/// Page size of catalog and tag listings.
const PAGE: usize = 100;

/// Answers one request (everything but build logs).
pub async fn answer(connection: &Connection, request: &RegistryRequest) -> Result<RegistryReply, String> {
    let client = |registry: &str| {
        let registry = registry.to_string();
        async move {
            let endpoint = registries::endpoint(connection, &registry)
                .await
                .map_err(|e| e.to_string())?;
            RegistryClient::new(endpoint).map_err(|e| e.to_string())
        }
    };
    match request {
        RegistryRequest::Repositories { registry } => {
            let names = client(registry).await?.repositories(PAGE).await;
            names.map(RegistryReply::Names).map_err(|e| e.to_string())
        }
        RegistryRequest::Tags { registry, repository } => {
            let tags = client(registry).await?.tags(repository, PAGE).await;
            tags.map(RegistryReply::Names).map_err(|e| e.to_string())
        }
        RegistryRequest::Detail {
            registry,
            repository,
            tag,
        } => {
            let detail = client(registry).await?.tag_detail(repository, tag).await;
            detail
                .map(|d| RegistryReply::Detail(Box::new(d)))
                .map_err(|e| e.to_string())
        }
        RegistryRequest::DeleteTag {
            registry,
            repository,
            tag,
        } => {
            let deleted = client(registry).await?.delete_tag(repository, tag).await;
            deleted.map(RegistryReply::Deleted).map_err(|e| e.to_string())
        }
        RegistryRequest::BuildChoices => build_choices(connection).await,
        RegistryRequest::CatalogTags { catalog } => registries::catalog_tags(connection, catalog)
            .await
            .map(RegistryReply::Names),
        RegistryRequest::BuildLog { .. } | RegistryRequest::StopBuildLog => {
            Err("a build log is followed, not answered".into())
        }
    }
}

async fn build_choices(connection: &Connection) -> Result<RegistryReply, String> {
    let (recipes, registries) = crate::kube::kubic::builds::build_choices(connection)
        .await
        .map_err(|e| e.to_string())?;
    Ok(RegistryReply::Choices { recipes, registries })
}

/// Runs a request for the executor, sending its answers back as actions.
pub async fn run(connection: Connection, request: RegistryRequest, actions: UnboundedSender<Action>) {
    let RegistryRequest::BuildLog { name } = &request else {
        let result = answer(&connection, &request).await;
        let _ = actions.send(Action::RegistryAnswer { request, result });
        return;
    };
    let sender = actions.clone();
    let line_request = request.clone();
    let result = follow_build(&connection, name, move |line| {
        let _ = sender.send(Action::RegistryAnswer {
            request: line_request.clone(),
            result: Ok(RegistryReply::LogLine { line, done: false }),
        });
    })
    .await;
    let result = result.map(|_| RegistryReply::LogLine {
        line: String::new(),
        done: true,
    });
    let _ = actions.send(Action::RegistryAnswer { request, result });
}
