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
    t!(lang, "done.cannot", op = op.describe_in(lang), reason = failure)
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
}
