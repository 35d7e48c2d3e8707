//! A host's IP pool: one line per service IP with the app holding it, then the pool
//! described.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::model::describe::describe;

/// An IP of the pool and the app (`project/name`) holding it, `None` when it is free.
pub type IpHolder = (String, Option<String>);

/// The detail of the IP pool of host `host`: its IPs in pool order, then the description.
pub fn pool_detail(host: &str, pool: &Value, holders: &[IpHolder], now: Timestamp) -> String {
    let mut text = format!("Host:  {host}\n\n{:<40} HELD BY\n", "IP");
    if holders.is_empty() {
        text.push_str("<no service IPs: n on this pool registers one>\n");
    }
    for (ip, holder) in holders {
        let holder = holder
            .as_ref()
            .map_or_else(|| "free".to_string(), |app| format!("app {app}"));
        text.push_str(&format!("{ip:<40} {holder}\n"));
    }
    text.push('\n');
    text.push_str(&describe(pool, &[], now));
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pool() -> Value {
        json!({"apiVersion": "kubic.io/v1alpha1", "kind": "IPPool", "metadata": {"name": "kube-minion1"},
               "spec": {"ips": ["10.0.0.9", "10.0.0.5"]}})
    }

    fn now() -> Timestamp {
        "2026-01-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn each_ip_shows_its_holder_or_free_in_pool_order_before_the_description() {
        let holders = vec![
            ("10.0.0.9".to_string(), Some("demo/dns".to_string())),
            ("10.0.0.5".to_string(), None),
        ];
        let text = pool_detail("kube-minion1", &pool(), &holders, now());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Host:  kube-minion1");
        assert!(lines[2].starts_with("IP ") && lines[2].ends_with(" HELD BY"), "{text}");
        assert!(
            lines[3].starts_with("10.0.0.9 ") && lines[3].ends_with(" app demo/dns"),
            "{text}"
        );
        assert!(
            lines[4].starts_with("10.0.0.5 ") && lines[4].ends_with(" free"),
            "{text}"
        );
        assert_eq!(lines[5], "", "a blank line before the description");
        assert!(text[text.find("10.0.0.5").unwrap()..].contains("Name:"), "{text}");
    }

    #[test]
    fn an_empty_pool_says_how_to_register_an_ip() {
        let text = pool_detail("kube-minion2", &pool(), &[], now());
        assert!(
            text.contains("HELD BY\n<no service IPs: n on this pool registers one>\n\n"),
            "{text}"
        );
    }
}
