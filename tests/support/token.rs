//! A token server for the test registry (the distribution token flow): it checks basic
//! credentials and hands out ES256 JWTs, signed with a key whose self-signed
//! certificate the registry trusts, granting every scope asked for.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use serde_json::json;

pub const SERVICE: &str = "kubic-test-registry";
pub const ISSUER: &str = "kubic-test-issuer";

/// A running token server.
pub struct TokenServer {
    pub realm: String,
    pub certificate: PathBuf,
}

fn pem_body(path: &Path) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).unwrap()
}

impl TokenServer {
    /// Starts a token server whose key and certificate live in `dir`.
    pub fn start(dir: &Path, user: &str, password: &str) -> TokenServer {
        let (key, certificate) = (dir.join("token.key"), dir.join("token.crt"));
        super::registry::self_signed(&key, &certificate, &["-subj", "/CN=kubic-test-token"]);
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pem_body(&key), &SystemRandom::new())
            .expect("an ES256 key");
        let chain = STANDARD.encode(pem_body(&certificate));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let realm = format!("http://{}/token", listener.local_addr().unwrap());
        let expected = format!("Basic {}", STANDARD.encode(format!("{user}:{password}")));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(&stream);
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut authorization = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("authorization")
                    {
                        authorization = value.trim().to_string();
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or_default().to_string();
                let response = if authorization == expected {
                    let token = sign(&pair, &chain, &scopes(&path));
                    let body = json!({"token": token, "access_token": token, "expires_in": 300}).to_string();
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    )
                } else {
                    "HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_string()
                };
                let mut stream = stream;
                let _ = stream.write_all(response.as_bytes());
            }
        });
        TokenServer { realm, certificate }
    }
}

/// The `scope=type:name:actions` parameters of a token request, every action granted.
fn scopes(path: &str) -> Vec<serde_json::Value> {
    let query = path.split_once('?').map(|(_, q)| q).unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.strip_prefix("scope="))
        .map(|scope| {
            scope
                .replace("%3A", ":")
                .replace("%2F", "/")
                .replace("%2C", ",")
                .replace('+', " ")
        })
        .flat_map(|scope| scope.split(' ').map(String::from).collect::<Vec<_>>())
        .filter_map(|scope| {
            // Only what was asked for, as a real token server does.
            let (kind, rest) = scope.split_once(':')?;
            let (name, actions) = rest.rsplit_once(':')?;
            let actions: Vec<&str> = actions.split(',').collect();
            Some(json!({"type": kind, "name": name, "actions": actions}))
        })
        .collect()
}

fn sign(pair: &EcdsaKeyPair, chain: &str, access: &[serde_json::Value]) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = json!({"typ": "JWT", "alg": "ES256", "x5c": [chain]});
    let claims = json!({"iss": ISSUER, "sub": "kubic", "aud": SERVICE, "exp": now + 300, "nbf": now - 10,
                        "iat": now, "jti": format!("{now}-{}", access.len()), "access": access});
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = pair.sign(&SystemRandom::new(), signing_input.as_bytes()).unwrap();
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
}
