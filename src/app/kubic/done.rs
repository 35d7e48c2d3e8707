//! A finished KUBIC operation in words: in the session's language for the footer, in
//! English for the log.

use super::ops::KubicOp;
use crate::config::i18n::{Lang, t};
use crate::model::done::Done;
use crate::model::failure::Failure;

/// What the footer says when `op` succeeded with `done`.
pub fn done_text(lang: Lang, op: &KubicOp, done: &Done) -> String {
    match done {
        Done::AsAsked => t!(lang, "done.as_asked", op = op.describe_in(lang)),
        Done::BuildStarted { name } => t!(lang, "done.build_started", name = name),
        Done::BuildDeleted { name, image } => t!(lang, "done.build_deleted", name = name, image = image),
        Done::Pool { host, ips } if ips.is_empty() => t!(lang, "done.pool_empty", host = host),
        Done::Pool { host, ips } => {
            let ips: Vec<String> = ips
                .iter()
                .map(|(ip, holder)| match holder {
                    Some(app) => t!(lang, "done.ip_held", ip = ip, app = app),
                    None => t!(lang, "done.ip_free", ip = ip),
                })
                .collect();
            t!(lang, "done.pool", host = host, ips = ips.join(", "))
        }
        Done::Report(text) => text.clone(),
    }
}

/// What the footer says when `op` was refused or failed.
pub fn failed_text(lang: Lang, op: &KubicOp, failure: &Failure) -> String {
    t!(
        lang,
        "done.cannot",
        op = op.describe_in(lang),
        reason = lang.failure(failure)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_lists_each_ip_and_its_app_in_both_languages() {
        let op = KubicOp::ShowPool { host: "m1".into() };
        let done = Done::Pool {
            host: "m1".into(),
            ips: vec![
                ("192.0.2.10".into(), Some("demo/dns".into())),
                ("192.0.2.11".into(), None),
            ],
        };
        assert_eq!(
            done_text(Lang::En, &op, &done),
            "m1: 192.0.2.10 → app demo/dns, 192.0.2.11 free"
        );
        let korean = done_text(Lang::Ko, &op, &done);
        assert!(korean.contains("192.0.2.10") && korean.contains("demo/dns"), "{korean}");
        assert_ne!(korean, done_text(Lang::En, &op, &done));
    }

    #[test]
    fn done_and_cannot_say_the_operation_in_the_session_language() {
        let op = KubicOp::CreateProject("web".into());
        assert_eq!(done_text(Lang::En, &op, &Done::AsAsked), "done: create project web");
        let refused = Failure::invalid("exists");
        assert_eq!(
            failed_text(Lang::En, &op, &refused),
            "cannot create project web: exists"
        );
        assert!(done_text(Lang::Ko, &op, &Done::AsAsked).contains(&op.describe_in(Lang::Ko)));
    }

    #[test]
    fn a_kubic_rule_is_said_in_the_session_language_and_the_servers_words_as_they_are() {
        use crate::model::invalid::Invalid;
        use crate::model::refusal::Refusal;
        let op = KubicOp::RemoveIp {
            host: "m1".into(),
            ip: "192.0.2.10".into(),
        };
        let held = Refusal::IpHeld {
            ip: "192.0.2.10".into(),
            app: "demo/dns".into(),
        };
        let refused = Failure::invalid(Invalid::Rule(held.clone()).to_string())
            .because(crate::model::failure::Cause::Invalid(Invalid::Rule(held)));
        assert_eq!(
            failed_text(Lang::En, &op, &refused),
            "cannot remove 192.0.2.10 from the IP pool of host m1: 192.0.2.10 is used by app demo/dns: re-load-balance or delete the app first"
        );
        let korean = failed_text(Lang::Ko, &op, &refused);
        assert!(
            korean.contains("192.0.2.10은(는) 앱 demo/dns이(가) 쓰고 있습니다: 재부하 분산하거나"),
            "{korean}"
        );
        let server = Failure::invalid("admission webhook denied the request");
        assert!(failed_text(Lang::Ko, &op, &server).ends_with("admission webhook denied the request"));
    }
}
