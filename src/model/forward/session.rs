//! A port-forward a session keeps open (`shift-f`, `:portforwards`), as the state machine
//! and the runner share it: what was asked for, where it stands and what it carried.

use std::net::IpAddr;

use super::ForwardTarget;

/// Start forward `id`: listen on `address:local_port`, each connection to `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardRequest {
    pub id: u64,
    pub target: ForwardTarget,
    pub address: IpAddr,
    pub local_port: u16,
}

impl ForwardRequest {
    /// `127.0.0.1:8080` (IPv6 in brackets).
    pub fn local(&self) -> String {
        std::net::SocketAddr::new(self.address, self.local_port).to_string()
    }
}

/// Where a forward stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ForwardState {
    /// Asked for; the listener and the first pod are on their way.
    #[default]
    Starting,
    /// Listening; connections go to port `port` of pod `pod`.
    Active { pod: String, port: u16 },
    /// The pod went away (or could not be reached): looking for a ready pod of the same
    /// owner, trying again by the retry policy. Connections wait meanwhile.
    Retargeting { reason: String },
    /// Ended for good: the API server refused it, or the listener broke.
    Failed { reason: String },
    /// The local address could not be listened on (in use, not this host's, a privileged
    /// port): nothing ran, the form can be corrected.
    Unbound { reason: String },
}

/// What a forward carried so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ForwardCounters {
    /// Connections open now.
    pub open: u64,
    /// Connections accepted since the forward started.
    pub total: u64,
    /// Bytes that came from the pod (to the local clients).
    pub bytes_in: u64,
    /// Bytes that went to the pod (from the local clients).
    pub bytes_out: u64,
}

/// One report of a forward: its state and its counters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ForwardStatus {
    pub state: ForwardState,
    pub counters: ForwardCounters,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::forward::parse_forward;

    #[test]
    fn the_local_end_reads_as_an_address_and_port() {
        let target = parse_forward("pod/shop/web-0", 80, "mine").unwrap();
        let mut request = ForwardRequest {
            id: 1,
            target,
            address: "127.0.0.1".parse().unwrap(),
            local_port: 8080,
        };
        assert_eq!(request.local(), "127.0.0.1:8080");
        request.address = "::1".parse().unwrap();
        assert_eq!(request.local(), "[::1]:8080");
    }
}
