//! Registry browsing through kubic's own client against a real `docker-registry`:
//! repositories, tags (paginated), tag details, credentials, unreachable registries,
//! deletes (allowed and refused).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use kubic::oci::{Endpoint, RegistryClient, RegistryError};
use support::registry::{Options, PASSWORD, TestRegistry, USER};

fn client(registry: &TestRegistry, credentials: Option<(&str, &str)>) -> RegistryClient {
    let mut endpoint = Endpoint::parse(&registry.host, true).unwrap();
    endpoint.credentials = credentials.map(|(u, p)| (u.to_string(), p.to_string()));
    RegistryClient::new(endpoint).unwrap()
}

#[tokio::test]
async fn repositories_tags_and_details_are_browsed_page_by_page() {
    let registry = TestRegistry::start(Options::default());
    for repository in ["bind", "nginx", "tools/busybox"] {
        registry
            .push_image(repository, "1.0", "linux/amd64", "2026-01-02T03:04:05Z")
            .await;
    }
    let digest = registry
        .push_image("bind", "9.18", "linux/arm64", "2026-03-04T05:06:07Z")
        .await;
    for tag in ["9.16", "9.17", "latest"] {
        registry
            .push_image("bind", tag, "linux/amd64", "2026-01-02T03:04:05Z")
            .await;
    }
    let kubic = client(&registry, None);

    let repositories = kubic.repositories(2).await.unwrap();
    assert_eq!(repositories, ["bind", "nginx", "tools/busybox"]);
    let requests = registry.requests();
    assert!(
        requests.contains("GET /v2/_catalog?n=2 ") && requests.contains("GET /v2/_catalog?last=nginx&n=2 ")
            || requests.contains("GET /v2/_catalog?n=2&last=nginx "),
        "the catalog was not read page by page:\n{requests}"
    );
    let tags = kubic.tags("bind", 2).await.unwrap();
    assert_eq!(tags, ["1.0", "9.16", "9.17", "9.18", "latest"]);
    assert!(registry.requests().contains("GET /v2/bind/tags/list?n=2 "));

    let detail = kubic.tag_detail("bind", "9.18").await.unwrap();
    assert_eq!(detail.digest, digest);
    assert_eq!(detail.platforms, ["linux/arm64"]);
    assert_eq!(detail.created.as_deref(), Some("2026-03-04T05:06:07Z"));
    assert!(detail.size > 100, "size {}", detail.size);
    assert!(
        detail.media_type.contains("oci.image.manifest"),
        "{}",
        detail.media_type
    );

    let missing = kubic.tag_detail("bind", "0.0").await.unwrap_err();
    assert!(matches!(missing, RegistryError::NotFound { .. }), "{missing}");
}

#[tokio::test]
async fn a_multi_platform_index_lists_its_platforms() {
    let registry = TestRegistry::start(Options::default());
    registry.push_index("multi", "2.0").await;
    let detail = client(&registry, None).tag_detail("multi", "2.0").await.unwrap();
    assert_eq!(detail.platforms, ["linux/amd64", "linux/arm64"]);
    assert_eq!(detail.created.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert!(detail.media_type.contains("index"), "{}", detail.media_type);
}

#[tokio::test]
async fn credentials_are_required_and_a_wrong_password_is_named() {
    let registry = TestRegistry::start(Options {
        auth: true,
        deletes: true,
        ..Options::default()
    });
    registry
        .push_image("private", "1", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let good = client(&registry, Some((USER, PASSWORD)));
    assert_eq!(good.repositories(10).await.unwrap(), ["private"]);
    assert_eq!(good.tags("private", 10).await.unwrap(), ["1"]);

    let wrong = client(&registry, Some((USER, "not-the-password")));
    let error = wrong.repositories(10).await.unwrap_err();
    assert!(matches!(error, RegistryError::Unauthorized { .. }), "{error}");
    assert!(error.to_string().contains("refused the credentials"), "{error}");
    let anonymous = client(&registry, None).tags("private", 10).await.unwrap_err();
    assert!(matches!(anonymous, RegistryError::Unauthorized { .. }), "{anonymous}");
    assert!(!anonymous.to_string().contains('\n'));

    good.delete_tag("private", "1").await.unwrap();
    let gone = good.tag_detail("private", "1").await.unwrap_err();
    assert!(matches!(gone, RegistryError::NotFound { .. }), "{gone}");
}

#[tokio::test]
async fn an_unreachable_registry_says_so_in_one_line() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = Endpoint::parse(&format!("127.0.0.1:{port}"), true).unwrap();
    let error = RegistryClient::new(endpoint)
        .unwrap()
        .repositories(10)
        .await
        .unwrap_err();
    assert!(matches!(error, RegistryError::Unreachable { .. }), "{error}");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("registry 127.0.0.1:{port} is unreachable")),
        "{text}"
    );
    assert!(text.to_lowercase().contains("refused"), "{text}");
    assert!(!text.contains('\n'));
}

#[tokio::test]
async fn deleting_a_tag_removes_its_manifest_unless_deletes_are_disabled() {
    let registry = TestRegistry::start(Options {
        deletes: true,
        auth: false,
        ..Options::default()
    });
    let digest = registry
        .push_image("web", "1", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    registry
        .push_image("web", "2", "linux/arm64", "2026-01-02T03:04:05Z")
        .await;
    let kubic = client(&registry, None);
    assert_eq!(kubic.delete_tag("web", "1").await.unwrap(), digest);
    assert_eq!(kubic.tags("web", 10).await.unwrap(), ["2"]);

    let locked = TestRegistry::start(Options::default());
    locked
        .push_image("web", "1", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    let error = client(&locked, None).delete_tag("web", "1").await.unwrap_err();
    assert!(matches!(error, RegistryError::DeletesDisabled { .. }), "{error}");
    assert!(error.to_string().contains("does not allow deletes"), "{error}");
    assert_eq!(client(&locked, None).tags("web", 10).await.unwrap(), ["1"]);
}

#[tokio::test]
async fn token_auth_is_followed_with_the_registry_credentials() {
    let registry = TestRegistry::start(Options {
        token: true,
        deletes: true,
        ..Options::default()
    });
    registry
        .push_image("secure/bind", "1", "linux/amd64", "2026-01-02T03:04:05Z")
        .await;
    registry
        .push_image("secure/bind", "2", "linux/arm64", "2026-01-02T03:04:05Z")
        .await;
    let good = client(&registry, Some((USER, PASSWORD)));
    assert_eq!(good.repositories(10).await.unwrap(), ["secure/bind"]);
    assert_eq!(good.tags("secure/bind", 1).await.unwrap(), ["1", "2"]);
    let detail = good.tag_detail("secure/bind", "2").await.unwrap();
    assert_eq!(detail.platforms, ["linux/arm64"]);
    good.delete_tag("secure/bind", "1").await.unwrap();
    assert_eq!(good.tags("secure/bind", 10).await.unwrap(), ["2"]);

    let wrong = client(&registry, Some((USER, "not-the-password")))
        .tags("secure/bind", 10)
        .await
        .unwrap_err();
    assert!(matches!(wrong, RegistryError::Unauthorized { .. }), "{wrong}");
    let anonymous = client(&registry, None).repositories(10).await.unwrap_err();
    assert!(matches!(anonymous, RegistryError::Unauthorized { .. }), "{anonymous}");
}

#[tokio::test]
async fn a_tls_registry_with_an_untrusted_certificate_is_named() {
    let registry = TestRegistry::start(Options {
        tls: true,
        ..Options::default()
    });
    let endpoint = Endpoint::parse(&format!("https://{}", registry.host), true).unwrap();
    assert!(!endpoint.insecure);
    let error = RegistryClient::new(endpoint)
        .unwrap()
        .repositories(10)
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("TLS certificate is not trusted"), "{text}");
    assert!(
        text.starts_with(&format!("registry {} is unreachable", registry.host)),
        "{text}"
    );
    assert!(!text.contains('\n'));
}
