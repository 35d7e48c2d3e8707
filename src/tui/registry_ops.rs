//! Carries out registry requests (browse, delete a tag, the image form's choices) and
//! follows image builds' logs, sending the answers back as actions.

use tokio::sync::mpsc::UnboundedSender;

use crate::app::Action;
use crate::app::images::browse::{RegistryReply, RegistryRequest};
use crate::kube::Connection;
use crate::kube::kubic::build_log::follow_build;
use crate::kube::kubic::registries;
use crate::model::build_line::BuildLine;
use crate::model::failure::Failure;
use crate::oci::RegistryClient;

/// Page size of catalog and tag listings.
const PAGE: usize = 100;

/// Answers one request (everything but build logs).
pub async fn answer(connection: &Connection, request: &RegistryRequest) -> Result<RegistryReply, Failure> {
    let client = |registry: &str| {
        let registry = registry.to_string();
        async move {
            let endpoint = registries::endpoint(connection, &registry)
                .await
                .map_err(Failure::from)?;
            RegistryClient::new(endpoint).map_err(Failure::from)
        }
    };
    match request {
        RegistryRequest::Repositories { registry } => {
            let names = client(registry).await?.repositories(PAGE).await;
            names.map(RegistryReply::Names).map_err(Failure::from)
        }
        RegistryRequest::Tags { registry, repository } => {
            let tags = client(registry).await?.tags(repository, PAGE).await;
            tags.map(RegistryReply::Names).map_err(Failure::from)
        }
        RegistryRequest::Detail {
            registry,
            repository,
            tag,
        } => {
            let detail = client(registry).await?.tag_detail(repository, tag).await;
            detail
                .map(|d| RegistryReply::Detail(Box::new(d)))
                .map_err(Failure::from)
        }
        RegistryRequest::DeleteTag {
            registry,
            repository,
            tag,
        } => {
            let deleted = client(registry).await?.delete_tag(repository, tag).await;
            deleted.map(RegistryReply::Deleted).map_err(Failure::from)
        }
        RegistryRequest::BuildChoices => build_choices(connection).await,
        RegistryRequest::CatalogTags { catalog } => registries::catalog_tags(connection, catalog)
            .await
            .map(RegistryReply::Names),
        RegistryRequest::BuildLog { .. } => Err(Failure::invalid("a build log is followed, not answered")),
    }
}

async fn build_choices(connection: &Connection) -> Result<RegistryReply, Failure> {
    let (recipes, registries) = crate::kube::kubic::builds::build_choices(connection)
        .await
        .map_err(Failure::from)?;
    Ok(RegistryReply::Choices { recipes, registries })
}

/// Answers a request for the executor, as an action.
pub async fn run(connection: Connection, request: RegistryRequest, actions: UnboundedSender<Action>) {
    let result = answer(&connection, &request).await;
    match &result {
        Err(failure) => tracing::warn!("registry request {request:?} failed: {failure}"),
        Ok(RegistryReply::Deleted(_)) => tracing::info!("registry request {request:?} done"),
        Ok(_) => {}
    }
    let _ = actions.send(Action::RegistryAnswer { request, result });
}

/// Follows build `name`'s log to its end, each line an answer to `BuildLog`, then the
/// closing answer (`done`).
pub async fn follow_log(connection: Connection, name: String, actions: UnboundedSender<Action>) {
    let request = RegistryRequest::BuildLog { name: name.clone() };
    let sender = actions.clone();
    let line_request = request.clone();
    let result = follow_build(&connection, &name, move |line| {
        let _ = sender.send(Action::RegistryAnswer {
            request: line_request.clone(),
            result: Ok(RegistryReply::LogLine { line, done: false }),
        });
    })
    .await;
    let result = result.map_err(Failure::from).map(|_| RegistryReply::LogLine {
        line: BuildLine::Log(String::new()),
        done: true,
    });
    let _ = actions.send(Action::RegistryAnswer { request, result });
}
