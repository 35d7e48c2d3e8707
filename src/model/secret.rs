//! A Secret's values read as text (`x` on a Secret): each `data` value decoded from
//! base64, told apart as printable text or binary bytes, and masked until the operator
//! asks. Text that could steer a terminal (escape or other control characters) counts
//! as binary, so a decoded value never reaches the screen raw.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

pub use super::yaml::MASK;

/// One decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretValue {
    /// Printable UTF-8 (line breaks and tabs allowed); a `\r` before `\n` is dropped.
    Text(String),
    /// Bytes that are not printable text: only their length is shown.
    Binary(usize),
    /// The stored value is not base64 (the API server never stores such a value, but a
    /// hand-made object can say anything).
    Invalid,
}

/// One key of a Secret and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretEntry {
    pub key: String,
    pub value: SecretValue,
}

/// What the viewer shows for a value: the mask, or the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Masked,
    Text(&'a str),
    Binary(usize),
    Invalid,
}

impl SecretEntry {
    /// The value as shown: masked (text, binary and invalid alike, so not even a
    /// length leaks) unless `revealed`.
    pub fn shown(&self, revealed: bool) -> Shown<'_> {
        if !revealed {
            return Shown::Masked;
        }
        match &self.value {
            SecretValue::Text(text) => Shown::Text(text),
            SecretValue::Binary(bytes) => Shown::Binary(*bytes),
            SecretValue::Invalid => Shown::Invalid,
        }
    }
}

/// Decodes one base64 `data` value.
pub fn decode_value(encoded: &str) -> SecretValue {
    let Ok(bytes) = STANDARD.decode(encoded.trim()) else {
        return SecretValue::Invalid;
    };
    let length = bytes.len();
    match String::from_utf8(bytes) {
        Ok(text) => text_or_binary(&text.replace("\r\n", "\n"), length),
        Err(_) => SecretValue::Binary(length),
    }
}

/// `text` as a value: text when it holds nothing a terminal would act on (no control
/// character but line breaks and tabs), else binary of `length` bytes.
fn text_or_binary(text: &str, length: usize) -> SecretValue {
    if text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\t')) {
        SecretValue::Text(text.to_string())
    } else {
        SecretValue::Binary(length)
    }
}

/// The entries of a Secret object's `data`, sorted by key; `stringData` (write-only,
/// but present in a manifest) is plain text already.
pub fn entries(object: &Value) -> Vec<SecretEntry> {
    let mut entries: Vec<SecretEntry> = Vec::new();
    let field = |name: &str| object.get(name).and_then(Value::as_object).into_iter().flatten();
    for (key, value) in field("data") {
        let value = value.as_str().map_or(SecretValue::Invalid, decode_value);
        entries.push(SecretEntry {
            key: key.clone(),
            value,
        });
    }
    for (key, value) in field("stringData") {
        let text = value.as_str().unwrap_or_default();
        let value = text_or_binary(text, text.len());
        entries.retain(|entry| entry.key != *key);
        entries.push(SecretEntry {
            key: key.clone(),
            value,
        });
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    entries
}

/// The Secret's `type`, `Opaque` when it names none (as the API server defaults it).
pub fn secret_type(object: &Value) -> &str {
    object.get("type").and_then(Value::as_str).unwrap_or("Opaque")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn encoded(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    #[test]
    fn text_values_are_decoded_from_base64() {
        assert_eq!(decode_value("aHVudGVyMg=="), SecretValue::Text("hunter2".into()));
        let pem = "-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----\n";
        assert_eq!(
            decode_value(&encoded(pem.as_bytes())),
            SecretValue::Text("-----BEGIN KEY-----\nabc\n-----END KEY-----\n".into())
        );
        assert_eq!(
            decode_value(&encoded("비밀\tvalue".as_bytes())),
            SecretValue::Text("비밀\tvalue".into())
        );
        assert_eq!(decode_value(""), SecretValue::Text(String::new()));
    }

    #[test]
    fn bytes_that_are_not_printable_text_are_binary_with_their_length() {
        assert_eq!(
            decode_value(&encoded(&[0xff, 0x00, 0x10, 0x80])),
            SecretValue::Binary(4)
        );
        // Valid UTF-8 that would steer the terminal is binary too.
        assert_eq!(decode_value(&encoded(b"\x1b]0;title\x07")), SecretValue::Binary(10));
        assert_eq!(decode_value(&encoded(b"up\rdown")), SecretValue::Binary(7));
        assert_eq!(decode_value(&encoded(b"a\0b")), SecretValue::Binary(3));
    }

    #[test]
    fn a_value_that_is_not_base64_says_so() {
        assert_eq!(decode_value("not base64!"), SecretValue::Invalid);
    }

    #[test]
    fn every_value_is_masked_until_revealed() {
        let entry = |value| SecretEntry { key: "k".into(), value };
        for value in [
            SecretValue::Text("s3cret".into()),
            SecretValue::Binary(9),
            SecretValue::Invalid,
        ] {
            assert_eq!(entry(value).shown(false), Shown::Masked);
        }
        assert_eq!(
            entry(SecretValue::Text("s3cret".into())).shown(true),
            Shown::Text("s3cret")
        );
        assert_eq!(entry(SecretValue::Binary(9)).shown(true), Shown::Binary(9));
        assert_eq!(entry(SecretValue::Invalid).shown(true), Shown::Invalid);
    }

    #[test]
    fn entries_are_read_from_data_and_string_data_sorted_by_key() {
        let secret = json!({
            "kind": "Secret", "type": "kubernetes.io/basic-auth",
            "data": {"username": "YWRtaW4=", "blob": encoded(&[0xff, 0xfe]), "bad": 7},
            "stringData": {"password": "plain"}
        });
        let read = entries(&secret);
        let keys: Vec<&str> = read.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["bad", "blob", "password", "username"]);
        let values: Vec<SecretValue> = entries(&secret).into_iter().map(|e| e.value).collect();
        assert_eq!(
            values,
            [
                SecretValue::Invalid,
                SecretValue::Binary(2),
                SecretValue::Text("plain".into()),
                SecretValue::Text("admin".into()),
            ]
        );
        assert_eq!(secret_type(&secret), "kubernetes.io/basic-auth");
        assert_eq!(secret_type(&json!({"kind": "Secret"})), "Opaque");
        assert!(entries(&json!({"kind": "Secret"})).is_empty());
    }
}
