//! One registry's distribution API through the `oci-client` crate (catalog, tags,
//! manifests, config) and reqwest for what the crate lacks (manifest deletes).

use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::manifest::OciManifest;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};
use serde::Deserialize;

use super::{Endpoint, RegistryError};

/// The media types kubic reads a tag as.
const MANIFEST_TYPES: &[&str] = &[
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
];

/// What `enter` on a tag shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagDetail {
    pub repository: String,
    pub tag: String,
    pub digest: String,
    pub media_type: String,
    /// Config plus layers, in bytes (of the first platform for an index).
    pub size: u64,
    /// `linux/amd64`, one per image of an index.
    pub platforms: Vec<String>,
    /// The image config's creation time, when it says.
    pub created: Option<String>,
}

/// The parts of an image config kubic shows.
#[derive(Debug, Default, Deserialize)]
struct ImageConfig {
    created: Option<String>,
    os: Option<String>,
    architecture: Option<String>,
    variant: Option<String>,
}

/// A client for one registry.
pub struct RegistryClient {
    endpoint: Endpoint,
    client: Client,
    http: reqwest::Client,
    auth: RegistryAuth,
}

impl RegistryClient {
    pub fn new(endpoint: Endpoint) -> Result<RegistryClient, RegistryError> {
        install_crypto();
        let timeout = std::time::Duration::from_secs(10);
        let config = ClientConfig {
            protocol: if endpoint.insecure {
                ClientProtocol::Http
            } else {
                ClientProtocol::Https
            },
            connect_timeout: Some(timeout),
            read_timeout: Some(timeout),
            ..ClientConfig::default()
        };
        let http = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout * 3)
            .build()
            .map_err(|e| RegistryError::from_http(&endpoint.host, &e))?;
        let auth = match &endpoint.credentials {
            Some((user, password)) => RegistryAuth::Basic(user.clone(), password.clone()),
            None => RegistryAuth::Anonymous,
        };
        Ok(RegistryClient {
            client: Client::new(config),
            http,
            auth,
            endpoint,
        })
    }

    pub fn host(&self) -> &str {
        &self.endpoint.host
    }

    fn reference(&self, repository: &str, tag: &str) -> Reference {
        Reference::with_tag(self.endpoint.host.clone(), repository.to_string(), tag.to_string())
    }

    fn fail(&self, what: &str) -> impl Fn(oci_client::errors::OciDistributionError) -> RegistryError + '_ {
        let what = what.to_string();
        move |e| RegistryError::from_oci(&self.endpoint.host, e, &what)
    }

    /// Every repository, read `page` at a time.
    pub async fn repositories(&self, page: usize) -> Result<Vec<String>, RegistryError> {
        let mut all: Vec<String> = Vec::new();
        loop {
            let names =
                super::challenge::catalog_page(&self.http, &self.endpoint, page, all.last().map(String::as_str))
                    .await?;
            if !add_page(&mut all, names, page) {
                return Ok(all);
            }
        }
    }

    /// Every tag of `repository`, read `page` at a time.
    pub async fn tags(&self, repository: &str, page: usize) -> Result<Vec<String>, RegistryError> {
        let anchor = self.reference(repository, "latest");
        let mut all: Vec<String> = Vec::new();
        loop {
            let answer = self
                .client
                .list_tags(&anchor, &self.auth, Some(page), all.last().map(String::as_str))
                .await
                .map_err(self.fail(&format!("repository {repository}")))?;
            if !add_page(&mut all, answer.tags, page) {
                all.sort();
                return Ok(all);
            }
        }
    }

    /// Digest, size, platforms and creation time of `repository:tag`.
    pub async fn tag_detail(&self, repository: &str, tag: &str) -> Result<TagDetail, RegistryError> {
        let what = format!("{repository}:{tag}");
        let reference = self.reference(repository, tag);
        let (manifest, digest) = self
            .client
            .pull_manifest(&reference, &self.auth)
            .await
            .map_err(self.fail(&what))?;
        let mut detail = TagDetail {
            repository: repository.to_string(),
            tag: tag.to_string(),
            digest,
            media_type: String::new(),
            size: 0,
            platforms: Vec::new(),
            created: None,
        };
        let image = match manifest {
            OciManifest::Image(image) => image,
            OciManifest::ImageIndex(index) => {
                detail.media_type = index.media_type.clone().unwrap_or_default();
                detail.platforms = index
                    .manifests
                    .iter()
                    .map(|m| {
                        let config = serde_json::to_value(&m.platform)
                            .ok()
                            .and_then(|v| serde_json::from_value::<ImageConfig>(v).ok())
                            .unwrap_or_default();
                        platform_of(&config).unwrap_or_else(|| "unknown".into())
                    })
                    .collect();
                let Some(first) = index.manifests.first() else {
                    return Ok(detail);
                };
                let by_digest =
                    Reference::with_digest(self.endpoint.host.clone(), repository.to_string(), first.digest.clone());
                match self.client.pull_manifest(&by_digest, &self.auth).await {
                    Ok((OciManifest::Image(image), _)) => image,
                    Ok(_) => return Ok(detail),
                    Err(e) => return Err(self.fail(&what)(e)),
                }
            }
        };
        if detail.media_type.is_empty() {
            detail.media_type = image.media_type.clone().unwrap_or_default();
        }
        let layers: i64 = image.layers.iter().map(|l| l.size).sum();
        detail.size = u64::try_from(layers + image.config.size).unwrap_or_default();
        let mut raw = Vec::new();
        self.client
            .pull_blob(&reference, &image.config, &mut raw)
            .await
            .map_err(self.fail(&format!("the config of {what}")))?;
        let config: ImageConfig = serde_json::from_slice(&raw).unwrap_or_default();
        detail.created = config.created.clone();
        if detail.platforms.is_empty() {
            detail.platforms = platform_of(&config).into_iter().collect();
        }
        Ok(detail)
    }

    /// Deletes the manifest `repository:tag` points at; returns its digest.
    pub async fn delete_tag(&self, repository: &str, tag: &str) -> Result<String, RegistryError> {
        let what = format!("{repository}:{tag}");
        let reference = self.reference(repository, tag);
        let digest = self
            .client
            .fetch_manifest_digest(&reference, &self.auth)
            .await
            .map_err(self.fail(&what))?;
        let url = format!("{}/v2/{repository}/manifests/{digest}", self.endpoint.base_url());
        let accept = MANIFEST_TYPES.join(", ");
        // A token registry names the delete scope in its challenge: the token asks for it.
        let response = super::challenge::send_authorized(&self.http, &self.endpoint, |authorization| {
            let mut request = self.http.delete(&url).header("Accept", accept.clone());
            if let Some(value) = authorization {
                request = request.header("authorization", value);
            }
            request.send()
        })
        .await?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(digest);
        }
        Err(RegistryError::from_status(&self.endpoint.host, status, &what))
    }
}

/// Adds a page of names; says whether another page may follow. A registry that ignores
/// `n` (answers everything at once) or repeats itself ends the listing.
fn add_page(all: &mut Vec<String>, page: Vec<String>, size: usize) -> bool {
    let count = page.len();
    let before = all.len();
    for name in page {
        if !all.contains(&name) {
            all.push(name);
        }
    }
    count == size && all.len() > before
}

fn platform_of(config: &ImageConfig) -> Option<String> {
    let os = config.os.as_deref()?;
    let architecture = config.architecture.as_deref()?;
    Some(match &config.variant {
        Some(variant) => format!("{os}/{architecture}/{variant}"),
        None => format!("{os}/{architecture}"),
    })
}

/// reqwest's rustls needs a process-wide crypto provider: kubic uses ring, as kube does.
pub fn install_crypto() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
