//! A real OCI registry for tests: Debian's `docker-registry` on 127.0.0.1 with a free
//! port, its own storage, deletes on or off, optional htpasswd basic auth. Stopped when
//! dropped. Images are put in over HTTP (blob and manifest uploads), no container engine.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use sha2::{Digest, Sha256};

pub const USER: &str = "kubic";
pub const PASSWORD: &str = "registry-secret";

/// How a test registry is set up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub deletes: bool,
    /// htpasswd basic auth.
    pub auth: bool,
    /// Token auth: a token server that takes the same user and password.
    pub token: bool,
    /// HTTPS with a self-signed certificate.
    pub tls: bool,
}

/// A running `docker-registry`.
pub struct TestRegistry {
    pub host: String,
    /// The token server's address, in token mode.
    pub realm: Option<String>,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for TestRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> String {
    let output = Command::new("sh")
        .args(["-c", "command -v docker-registry"])
        .output()
        .unwrap();
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(
        !path.is_empty(),
        "docker-registry is missing: install Debian's docker-registry package (.ci/run does)"
    );
    path
}

fn htpasswd(dir: &Path) -> String {
    let output = Command::new("htpasswd")
        .args(["-Bbn", USER, PASSWORD])
        .output()
        .expect("htpasswd is missing: install Debian's apache2-utils package (.ci/run does)");
    assert!(output.status.success(), "htpasswd failed");
    let path = dir.join("htpasswd");
    std::fs::write(&path, output.stdout).unwrap();
    path.display().to_string()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl TestRegistry {
    /// Starts a registry and waits until it answers.
    pub fn start(options: Options) -> TestRegistry {
        let binary = binary();
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let token = options
            .token
            .then(|| super::token::TokenServer::start(dir.path(), USER, PASSWORD));
        let auth = if let Some(server) = &token {
            format!(
                "auth:\n  token:\n    realm: {}\n    service: {}\n    issuer: {}\n    rootcertbundle: {}\n",
                server.realm,
                super::token::SERVICE,
                super::token::ISSUER,
                server.certificate.display()
            )
        } else if options.auth {
            format!(
                "auth:\n  htpasswd:\n    realm: kubic-test\n    path: {}\n",
                htpasswd(dir.path())
            )
        } else {
            String::new()
        };
        let tls = if options.tls {
            let (key, certificate) = (dir.path().join("tls.key"), dir.path().join("tls.crt"));
            self_signed(
                &key,
                &certificate,
                &["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            );
            format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                certificate.display(),
                key.display()
            )
        } else {
            String::new()
        };
        let config = format!(
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    \
             rootdirectory: {}\n  delete:\n    enabled: {}\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: kubic-tests\n{tls}{auth}",
            dir.path().join("data").display(),
            options.deletes
        );
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = std::fs::File::create(dir.path().join("access.log")).unwrap();
        let child = Command::new(binary)
            .arg("serve")
            .arg(&config_path)
            .stdout(Stdio::from(log))
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start docker-registry");
        let registry = TestRegistry {
            host: format!("127.0.0.1:{port}"),
            realm: token.map(|t| t.realm),
            child,
            _dir: dir,
        };
        registry.wait_ready();
        registry
    }

    /// The requests the registry served so far (its access log).
    pub fn requests(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("access.log")).unwrap_or_default()
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if std::net::TcpStream::connect(&self.host).is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "docker-registry did not listen on {}",
                self.host
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn http(&self) -> reqwest::Client {
        kubic::oci::install_crypto();
        reqwest::Client::new()
    }

    /// Basic credentials, or a push token for `repository` from the token server.
    async fn authed(&self, request: reqwest::RequestBuilder, repository: &str) -> reqwest::RequestBuilder {
        let Some(realm) = &self.realm else {
            return request.basic_auth(USER, Some(PASSWORD));
        };
        let url = format!(
            "{realm}?service={}&scope=repository:{repository}:pull,push",
            super::token::SERVICE
        );
        let answer: serde_json::Value = self
            .http()
            .get(url)
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        request.bearer_auth(answer["token"].as_str().unwrap())
    }

    async fn put_blob(&self, repository: &str, data: &[u8]) -> (String, usize) {
        let digest = format!("sha256:{:x}", Sha256::digest(data));
        let start = self
            .authed(
                self.http()
                    .post(format!("http://{}/v2/{repository}/blobs/uploads/", self.host)),
                repository,
            )
            .await
            .send()
            .await
            .unwrap();
        assert_eq!(start.status().as_u16(), 202, "blob upload refused");
        let location = start.headers()["location"].to_str().unwrap().to_string();
        let location = if location.starts_with("http") {
            location
        } else {
            format!("http://{}{location}", self.host)
        };
        let separator = if location.contains('?') { '&' } else { '?' };
        let done = self
            .authed(
                self.http().put(format!("{location}{separator}digest={digest}")),
                repository,
            )
            .await
            .header("content-type", "application/octet-stream")
            .body(data.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(done.status().as_u16(), 201, "blob upload failed");
        (digest, data.len())
    }

    /// Puts a one-layer image for `platform` (`linux/amd64`) under `repository:tag`;
    /// returns the manifest's digest.
    pub async fn push_image(&self, repository: &str, tag: &str, platform: &str, created: &str) -> String {
        let (os, architecture) = platform.split_once('/').unwrap();
        let layer = format!("layer of {repository}:{tag} for {platform}").into_bytes();
        let (layer_digest, layer_size) = self.put_blob(repository, &layer).await;
        let config = serde_json::to_vec(&json!({
            "created": created, "os": os, "architecture": architecture,
            "config": {}, "rootfs": {"type": "layers", "diff_ids": [layer_digest]}
        }))
        .unwrap();
        let (config_digest, config_size) = self.put_blob(repository, &config).await;
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer_size}]
        });
        self.put_manifest(repository, tag, &manifest, "application/vnd.oci.image.manifest.v1+json")
            .await
    }

    /// Puts an index of two platform images under `repository:tag`.
    pub async fn push_index(&self, repository: &str, tag: &str) -> String {
        let mut entries = Vec::new();
        for platform in ["linux/amd64", "linux/arm64"] {
            let scratch = format!("{tag}-{}", platform.replace('/', "-"));
            let digest = self
                .push_image(repository, &scratch, platform, "2026-01-02T03:04:05Z")
                .await;
            let (os, architecture) = platform.split_once('/').unwrap();
            let size = self.manifest_size(repository, &digest).await;
            entries.push(
                json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest,
                                "size": size, "platform": {"os": os, "architecture": architecture}}),
            );
        }
        let index =
            json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries});
        self.put_manifest(repository, tag, &index, "application/vnd.oci.image.index.v1+json")
            .await
    }

    async fn manifest_size(&self, repository: &str, digest: &str) -> usize {
        let response = self
            .authed(
                self.http()
                    .get(format!("http://{}/v2/{repository}/manifests/{digest}", self.host)),
                repository,
            )
            .await
            .header("accept", "application/vnd.oci.image.manifest.v1+json")
            .send()
            .await
            .unwrap();
        response.bytes().await.unwrap().len()
    }

    async fn put_manifest(
        &self,
        repository: &str,
        tag: &str,
        manifest: &serde_json::Value,
        media_type: &str,
    ) -> String {
        let body = serde_json::to_vec(manifest).unwrap();
        let digest = format!("sha256:{:x}", Sha256::digest(&body));
        let response = self
            .authed(
                self.http()
                    .put(format!("http://{}/v2/{repository}/manifests/{tag}", self.host)),
                repository,
            )
            .await
            .header("content-type", media_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status().as_u16(),
            201,
            "manifest upload failed: {:?}",
            response.text().await
        );
        digest
    }
}

/// A P-256 key at `key` and a one-day self-signed certificate for it at `certificate`,
/// made by openssl with the `subject` arguments (`-subj`, `-addext`…).
pub fn self_signed(key: &Path, certificate: &Path, subject: &[&str]) {
    let output = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
        ])
        .args(subject)
        .arg("-keyout")
        .arg(key)
        .arg("-out")
        .arg(certificate)
        .output()
        .expect("openssl is missing: install Debian's openssl package (.ci/run does)");
    assert!(
        output.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
