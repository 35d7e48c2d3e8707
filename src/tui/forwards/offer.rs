//! What the port-forward form starts from and checks against: the target's declared
//! ports (read from the object), a local port free to listen on, and whether a local end
//! typed into the form can be listened on.

use std::net::{IpAddr, Ipv4Addr};

use tokio::net::TcpListener;

use crate::kube::{Connection, objects};
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;
use crate::model::forward::ForwardKind;
use crate::model::forward::ports::{ForwardOffer, declared_ports};

/// Ports below this need privileges: the form does not suggest them.
const FIRST_UNPRIVILEGED: u16 = 1024;

/// The ports `object` declares and a free local port: the first declared one when it is
/// unprivileged and free on 127.0.0.1 (as kubectl would use it), else one the system picks.
pub async fn prepare(connection: &Connection, kind: ForwardKind, object: &ObjectRef) -> Result<ForwardOffer, Failure> {
    let value = objects::get(connection, object).await.map_err(Failure::from)?;
    let ports = declared_ports(kind, &value);
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let same = ports.first().map(|p| p.port).filter(|port| *port >= FIRST_UNPRIVILEGED);
    let local_port = match same {
        Some(port) if probe(loopback, port).await.is_ok() => port,
        _ => any_free_port(loopback).await?,
    };
    Ok(ForwardOffer { ports, local_port })
}

/// Whether `address:port` can be listened on now (`Err`: why not, as the system says).
pub async fn probe(address: IpAddr, port: u16) -> Result<(), String> {
    TcpListener::bind((address, port))
        .await
        .map(drop)
        .map_err(|error| error.to_string())
}

async fn any_free_port(address: IpAddr) -> Result<u16, Failure> {
    let listener = TcpListener::bind((address, 0))
        .await
        .map_err(|error| Failure::other(format!("no free local port on {address}: {error}")))?;
    listener
        .local_addr()
        .map(|local| local.port())
        .map_err(|error| Failure::other(error.to_string()))
}
