//! What the port-forward form knows besides its fields (the target, the session's
//! language, the local ends already taken or found busy) and the checks made with it.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use crate::config::i18n::{Lang, t};
use crate::model::forward::ForwardKind;
use crate::model::forward::ports::parse_port;

/// Where a forward listens unless told otherwise, and the only place a served one may.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// What the runner said about listening on a local end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// Asked, not answered yet.
    Asked,
    Free,
    /// In use, or not an address of this host: why.
    Busy(String),
}

/// What the form knows besides its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardDraft {
    pub kind: ForwardKind,
    pub namespace: String,
    pub name: String,
    pub lang: Lang,
    /// A session served over SSH listens on the server's host: 127.0.0.1 only.
    pub loopback_only: bool,
    /// The local ends the session's other forwards hold, with their targets.
    pub taken: Vec<(IpAddr, u16, String)>,
    pub probes: BTreeMap<(IpAddr, u16), Probe>,
}

impl ForwardDraft {
    pub(super) fn target_text(&self) -> String {
        format!("{}/{}/{}", self.kind.word(), self.namespace, self.name)
    }

    pub(super) fn port_error(&self, value: &str) -> Option<String> {
        parse_port(value)
            .is_none()
            .then(|| t!(self.lang, "forward.bad_port").to_string())
    }

    pub(super) fn address_error(&self, value: &str) -> Option<String> {
        let Ok(address) = value.trim().parse::<IpAddr>() else {
            return Some(t!(self.lang, "forward.bad_address").to_string());
        };
        (self.loopback_only && address != LOOPBACK).then(|| t!(self.lang, "forward.served_loopback").to_string())
    }

    /// Why `address:port` cannot be the local end: held by another forward of the
    /// session (an unspecified address overlaps every other), or found busy.
    pub(super) fn local_error(&self, address: IpAddr, port: u16) -> Option<String> {
        let overlaps = |other: IpAddr| other == address || other.is_unspecified() || address.is_unspecified();
        if let Some((_, _, target)) = self.taken.iter().find(|(a, p, _)| *p == port && overlaps(*a)) {
            return Some(t!(self.lang, "forward.taken", target = target));
        }
        match self.probes.get(&(address, port)) {
            Some(Probe::Busy(reason)) => Some(t!(self.lang, "forward.busy", why = reason)),
            _ => None,
        }
    }
}
