//! The catalog and deletes through reqwest: `oci-client` asks a token registry for a
//! repository's pull or push scope, while `/v2/_catalog` needs `registry:catalog:*` and
//! a delete `repository:…:delete`. This answers the registry's own `WWW-Authenticate`
//! challenge (Bearer: a token from its realm for the scope it names; Basic: the password).

use serde::Deserialize;

use super::{Endpoint, RegistryError};

#[derive(Debug, Deserialize)]
struct Catalog {
    #[serde(default)]
    repositories: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Token {
    token: Option<String>,
    access_token: Option<String>,
}

/// The `key="value"` parameters of a challenge such as
/// `Bearer realm="https://auth/token",service="registry",scope="registry:catalog:*"`.
pub fn parameters(challenge: &str) -> Vec<(String, String)> {
    let rest = challenge.split_once(' ').map_or("", |(_, rest)| rest);
    let mut parameters = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        let key = key.trim().trim_start_matches(',').trim().to_string();
        if key.is_empty() {
            return parameters;
        }
        let value: String = if chars.peek() == Some(&'"') {
            chars.next();
            let value = chars.by_ref().take_while(|c| *c != '"').collect();
            let _ = chars.by_ref().take_while(|c| *c != ',').count();
            value
        } else {
            chars.by_ref().take_while(|c| *c != ',').collect()
        };
        parameters.push((key.to_lowercase(), value.trim().to_string()));
    }
}

/// One page of the catalog: `n` names after `last`.
pub async fn catalog_page(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    n: usize,
    last: Option<&str>,
) -> Result<Vec<String>, RegistryError> {
    let host = endpoint.host.as_str();
    let mut query = vec![("n", n.to_string())];
    query.extend(last.map(|l| ("last", l.to_string())));
    let url = format!("{}/v2/_catalog", endpoint.base_url());
    let response = send_authorized(http, endpoint, |authorization| {
        let mut request = http.get(&url).query(&query);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send()
    })
    .await?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(RegistryError::from_status(host, status, "the catalog"));
    }
    let catalog: Catalog = response.json().await.map_err(|e| RegistryError::Other {
        host: host.to_string(),
        message: format!("the catalog is not JSON: {e}"),
    })?;
    Ok(catalog.repositories.unwrap_or_default())
}

/// Sends a request with the registry's password (if any); a 401 whose challenge asks
/// for a bearer token is answered once with a token for exactly the scope it names
/// (`registry:catalog:*` for the catalog, `repository:…:delete` for a delete).
pub async fn send_authorized<F, Fut>(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    send: F,
) -> Result<reqwest::Response, RegistryError>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = reqwest::Result<reqwest::Response>>,
{
    let host = endpoint.host.as_str();
    let basic = endpoint.credentials.as_ref().map(|(user, password)| {
        use base64::Engine as _;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        )
    });
    let response = send(basic).await.map_err(|e| RegistryError::from_http(host, &e))?;
    if response.status().as_u16() != 401 {
        return Ok(response);
    }
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if !challenge.to_lowercase().starts_with("bearer") {
        return Ok(response);
    }
    let token = token(http, endpoint, &challenge).await?;
    send(Some(format!("Bearer {token}")))
        .await
        .map_err(|e| RegistryError::from_http(host, &e))
}

/// A token from the challenge's realm, for its service and scope.
async fn token(http: &reqwest::Client, endpoint: &Endpoint, challenge: &str) -> Result<String, RegistryError> {
    let host = endpoint.host.as_str();
    let parameters = parameters(challenge);
    let get = |key: &str| parameters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let realm = get("realm").ok_or_else(|| RegistryError::Other {
        host: host.to_string(),
        message: "a token challenge without a realm".into(),
    })?;
    let mut query = Vec::new();
    query.extend(get("service").map(|s| ("service", s)));
    query.extend(get("scope").map(|s| ("scope", s)));
    let mut request = http.get(&realm).query(&query);
    if let Some((user, password)) = &endpoint.credentials {
        request = request.basic_auth(user, Some(password));
    }
    let response = request.send().await.map_err(|e| RegistryError::from_http(host, &e))?;
    if !response.status().is_success() {
        return Err(RegistryError::Unauthorized { host: host.to_string() });
    }
    let token: Token = response.json().await.map_err(|e| RegistryError::Other {
        host: host.to_string(),
        message: format!("the token server's answer is not JSON: {e}"),
    })?;
    token
        .token
        .or(token.access_token)
        .ok_or_else(|| RegistryError::Unauthorized { host: host.to_string() })
}
