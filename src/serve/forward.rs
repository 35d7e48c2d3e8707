//! `ssh -L 8080:pod/NAMESPACE/NAME:80`: a direct-tcpip channel becomes a port-forward
//! made as the logged-in user. The target is resolved and the forward opened before the
//! channel is accepted, so a refusal (a bad target, no running pod, the API server's
//! "forbidden") reaches the SSH client as the reason its channel did not open.

use std::sync::Arc;

use russh::server::{ChannelOpenHandle, Msg};
use russh::{Channel, ChannelOpenFailure};
use tokio::io::AsyncWriteExt;

use k8s_openapi::jiff::Timestamp;

use super::shared::Shared;
use crate::kube::port_forward::{self, Forward, Resolved};
use crate::model::forward::{ForwardTarget, parse_forward};
use crate::model::login::Login;
use crate::model::server_session::{AuditEntry, Change, Outcome};

/// SSH's reason code for a channel the server will not open.
const PROHIBITED: u32 = 1;

/// One direct-tcpip request: where the client asked to go, and from where.
pub struct Request {
    pub host: String,
    pub port: u32,
    pub from: String,
    /// The SSH client's address, for the audit trail.
    pub source: String,
}

/// Opens the forward `request` asks for as `login`, or refuses the channel saying why.
pub async fn serve(
    shared: Arc<Shared>,
    login: Login,
    request: Request,
    channel: Channel<Msg>,
    reply: ChannelOpenHandle,
) {
    let opened = open(&shared, &login, &request).await;
    let object = format!("{}:{}", request.host, request.port);
    let change = Change::new("port-forward", object, Outcome::of(&opened));
    shared
        .audit
        .record(AuditEntry::new(Timestamp::now(), &login.user, &request.source, change));
    let (target, resolved, mut forward) = match opened {
        Ok(opened) => opened,
        Err(why) => {
            tracing::info!(
                "{}'s forward to {}:{} refused: {why}",
                login.user,
                request.host,
                request.port
            );
            let reason = ChannelOpenFailure::Other {
                code: PROHIBITED,
                reason: format!("kubic: {why}"),
            };
            return reply.reject(reason).await;
        }
    };
    reply.accept().await;
    tracing::info!(
        "{} forwards {} from {} to {target} (pod {}, port {})",
        login.user,
        request.port,
        request.from,
        resolved.pod,
        resolved.port
    );
    let mut client = channel.into_stream();
    let copied = tokio::io::copy_bidirectional(&mut client, &mut forward.stream).await;
    let _ = client.shutdown().await;
    let error = forward.finish().await;
    match (copied, error) {
        (Ok((sent, received)), None) => {
            tracing::info!(
                "{}'s forward to {target} ended: {sent} bytes sent, {received} received",
                login.user
            )
        }
        (copied, error) => tracing::info!(
            "{}'s forward to {target} ended: {}",
            login.user,
            error.unwrap_or_else(|| copied.err().map(|e| e.to_string()).unwrap_or_default())
        ),
    }
}

/// The parsed target, the pod it resolved to and the open forward.
async fn open(shared: &Shared, login: &Login, request: &Request) -> Result<(ForwardTarget, Resolved, Forward), String> {
    let target = parse_forward(&request.host, request.port, login.home_project())?;
    let connection = shared.connection_as(login).map_err(|e| e.to_string())?;
    let resolved = port_forward::resolve(&connection, &target)
        .await
        .map_err(|e| e.to_string())?;
    let forward = port_forward::open(&connection, &resolved)
        .await
        .map_err(|e| e.to_string())?;
    Ok((target, resolved, forward))
}
