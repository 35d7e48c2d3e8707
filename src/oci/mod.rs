//! Talks to OCI (Docker) registries through the distribution API: lists repositories
//! and tags, reads a tag's manifest and config, deletes a tag's manifest, with basic or token
//! (Bearer) authentication. Every failure becomes one line an operator can act on.

mod challenge;
mod client;
mod errors;

pub use client::{RegistryClient, TagDetail, install_crypto};
pub use errors::RegistryError;

/// Where a registry is and how to reach it.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `host:port`, without a scheme.
    pub host: String,
    /// Plain HTTP instead of TLS.
    pub insecure: bool,
    /// Basic credentials (also exchanged for a token when the registry asks for one).
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("host", &self.host)
            .field("insecure", &self.insecure)
            .field("credentials", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

impl Endpoint {
    /// Reads a registry URL as operators type it: `10.0.0.1:5000`, `http://host:5000`
    /// (insecure) or `https://registry.example.com` (TLS).
    pub fn parse(url: &str, insecure: bool) -> Result<Endpoint, String> {
        let url = url.trim();
        let (rest, insecure) = match url.split_once("://") {
            Some(("http", rest)) => (rest, true),
            Some(("https", rest)) => (rest, false),
            Some((scheme, _)) => return Err(format!("{scheme}:// is not a registry scheme: use http or https")),
            None => (url, insecure),
        };
        let host = rest.trim_end_matches('/');
        if host.is_empty() || host.contains(['/', ' ', '?', '#']) {
            return Err("a registry address: host or host:port, e.g. 192.0.2.1:5000".into());
        }
        if let Some((_, port)) = host.rsplit_once(':')
            && !host.ends_with(']')
            && port.parse::<u16>().map_or(true, |p| p == 0)
        {
            return Err(format!("{port:?} is not a port (1 to 65535)"));
        }
        Ok(Endpoint {
            host: host.to_string(),
            insecure,
            credentials: None,
        })
    }

    /// The base URL of the distribution API.
    pub fn base_url(&self) -> String {
        let scheme = if self.insecure { "http" } else { "https" };
        format!("{scheme}://{}", self.host)
    }
}

#[cfg(test)]
mod tests;
