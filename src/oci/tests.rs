//! Unit tests of the registry client against canned registry answers.
use super::*;

#[test]
fn registry_addresses_parse_with_or_without_a_scheme() {
    let plain = Endpoint::parse("192.0.2.1:5000", true).unwrap();
    assert_eq!(plain.host, "192.0.2.1:5000");
    assert!(plain.insecure);
    assert_eq!(plain.base_url(), "http://192.0.2.1:5000");
    let tls = Endpoint::parse("https://registry.example.com/", true).unwrap();
    assert_eq!(tls.host, "registry.example.com");
    assert!(!tls.insecure);
    assert!(Endpoint::parse("http://h:5000", false).unwrap().insecure);
    assert!(Endpoint::parse("ftp://h", false).unwrap_err().contains("scheme"));
    assert!(Endpoint::parse("h:99999", false).unwrap_err().contains("port"));
    assert!(Endpoint::parse("h/path", false).is_err());
    assert!(Endpoint::parse("", false).is_err());
}

#[test]
fn credentials_never_show_in_debug_output() {
    let mut endpoint = Endpoint::parse("h:5000", true).unwrap();
    endpoint.credentials = Some(("admin".into(), "s3cret".into()));
    let shown = format!("{endpoint:?}");
    assert!(shown.contains("admin") && !shown.contains("s3cret"), "{shown}");
}

#[test]
fn errors_read_as_one_line() {
    let refused = RegistryError::Unreachable {
        host: "127.0.0.1:9".into(),
        reason: "connection refused".into(),
    };
    assert_eq!(
        refused.to_string(),
        "registry 127.0.0.1:9 is unreachable: connection refused"
    );
    let denied = RegistryError::Unauthorized { host: "h".into() };
    assert!(denied.to_string().contains("refused the credentials"));
}
