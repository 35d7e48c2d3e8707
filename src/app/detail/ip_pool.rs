//! A host's IP pool: one line per service IP with the app holding it, then the pool
//! described.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::config::i18n::{Lang, t};
use crate::model::describe::describe;
use crate::model::detail::IpHolder;
use crate::model::wrap::pad;

/// The detail of the IP pool of host `host`: its IPs in pool order, then the description.
pub fn pool_detail(host: &str, pool: &Value, holders: &[IpHolder], now: Timestamp, lang: Lang) -> String {
    let mut text = t!(lang, "detail.pool_host", host = host);
    text.push_str(&format!("\n\n{} {}\n", pad("IP", 40), t!(lang, "detail.held_by")));
    if holders.is_empty() {
        text.push_str(t!(lang, "detail.pool_empty"));
        text.push('\n');
    }
    for (ip, holder) in holders {
        let holder = match holder {
            Some(app) => t!(lang, "detail.held_by_app", app = app),
            None => t!(lang, "detail.free").to_string(),
        };
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
        let text = pool_detail("kube-minion1", &pool(), &holders, now(), Lang::En);
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
        let text = pool_detail("kube-minion2", &pool(), &[], now(), Lang::En);
        assert!(
            text.contains("HELD BY\n<no service IPs: n on this pool registers one>\n\n"),
            "{text}"
        );
    }

    #[test]
    fn the_pool_speaks_korean_with_its_columns_in_place() {
        let holders = vec![("10.0.0.9".to_string(), Some("demo/dns".to_string()))];
        let text = pool_detail("kube-minion1", &pool(), &holders, now(), Lang::Ko);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "호스트:  kube-minion1");
        assert_eq!(lines[2].find("사용 앱"), Some(41), "{text}");
        assert_eq!(lines[3].find("앱 demo/dns"), Some(41), "{text}");
        let empty = pool_detail("kube-minion2", &pool(), &[], now(), Lang::Ko);
        assert!(
            empty.contains("사용 앱\n<서비스 IP 없음: 이 POOL에서 n으로 등록합니다>\n\n"),
            "{empty}"
        );
    }
}
