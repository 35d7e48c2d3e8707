//! Answers the forms' requests for choices through the kube layer.

use crate::app::input::choices::{ChoiceReply, ChoiceRequest};
use crate::kube::Connection;
use crate::kube::kubic::choices;
use crate::kube::kubic::projects::project_names;
use crate::model::failure::Failure;

/// Reads what `request` asks for.
pub async fn answer(connection: &Connection, request: &ChoiceRequest) -> Result<ChoiceReply, Failure> {
    match request {
        ChoiceRequest::Projects => project_names(connection).await.map(ChoiceReply::Names),
        ChoiceRequest::Hosts => choices::host_names(connection).await.map(ChoiceReply::Names),
        ChoiceRequest::FreeIps => choices::free_ips(connection).await.map(ChoiceReply::ByHost),
        ChoiceRequest::UnbuiltTags { recipe, registry } => {
            return choices::unbuilt_tags(connection, recipe, registry)
                .await
                .map(ChoiceReply::Names);
        }
    }
    .map_err(Failure::from)
}
