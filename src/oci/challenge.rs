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

/// One challenge of a `WWW-Authenticate` header: its scheme and its parameters, keys in
/// lower case and quoted values unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Challenge {
    scheme: String,
    parameters: Vec<(String, String)>,
}

/// The challenges of a `WWW-Authenticate` header, read as RFC 7235 writes them (several
/// per header, quoted values with `\"` escapes). A syntax error ends the list; the
/// challenges before it stand.
fn challenges(header: &str) -> Vec<Challenge> {
    http_auth::parser::ChallengeParser::new(header)
        .map_while(Result::ok)
        .map(|challenge| Challenge {
            scheme: challenge.scheme.to_ascii_lowercase(),
            parameters: challenge
                .params
                .iter()
                .map(|(key, value)| (key.to_ascii_lowercase(), value.to_unescaped()))
                .collect(),
        })
        .collect()
}

/// The `key="value"` parameters of the header's Bearer challenge, when it makes one:
/// `Bearer realm="https://auth/token",service="registry",scope="registry:catalog:*"`.
fn bearer(header: &str) -> Option<Vec<(String, String)>> {
    challenges(header)
        .into_iter()
        .find(|challenge| challenge.scheme == "bearer")
        .map(|challenge| challenge.parameters)
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
    let header = response
        .headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
    let Some(parameters) = bearer(&header) else {
        return Ok(response);
    };
    let token = token(http, endpoint, &parameters).await?;
    send(Some(format!("Bearer {token}")))
        .await
        .map_err(|e| RegistryError::from_http(host, &e))
}

/// A token from the Bearer challenge's realm, for its service and scope.
async fn token(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    parameters: &[(String, String)],
) -> Result<String, RegistryError> {
    let host = endpoint.host.as_str();
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

#[cfg(test)]
mod tests;
