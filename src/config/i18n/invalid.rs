//! The words of [`Invalid`]: a refused value's reason in a language, and in English as
//! its `Display` (for the kube layer, the logs and the subcommands).

use std::fmt;

use super::{Lang, t};
use crate::model::failure::{Cause, Failure};
use crate::model::invalid::{Invalid, Part};

impl Lang {
    /// Why a value is refused, in this language.
    pub fn invalid(self, why: &Invalid) -> String {
        let lang = self;
        let quoted = |text: &str| format!("{text:?}");
        match why {
            Invalid::NameRequired => t!(lang, "invalid.name_required").into(),
            Invalid::NameTooLong { typed } => t!(lang, "invalid.name_too_long", typed = typed),
            Invalid::NameChar { bad } => t!(lang, "invalid.name_char", bad = format!("{bad:?}")),
            Invalid::NameEdges => t!(lang, "invalid.name_edges").into(),
            Invalid::NotIp { text } => t!(lang, "invalid.not_ip", text = quoted(text)),
            Invalid::CpuZero => t!(lang, "invalid.cpu_zero").into(),
            Invalid::CpuNotNumber { text } => t!(lang, "invalid.cpu_not_number", text = quoted(text)),
            Invalid::MemoryNotSize { text } => t!(lang, "invalid.memory_not_size", text = quoted(text)),
            Invalid::MemoryTooSmall { text } => t!(lang, "invalid.memory_too_small", text = quoted(text)),
            Invalid::ReplicasRange { count } => t!(lang, "invalid.replicas_range", count = count),
            Invalid::ReplicasNotNumber { text } => t!(lang, "invalid.replicas_not_number", text = quoted(text)),
            Invalid::ImageTag => t!(lang, "invalid.image_tag").into(),
            Invalid::Version => t!(lang, "invalid.version").into(),
            Invalid::HostAndIp => t!(lang, "invalid.host_and_ip").into(),
            Invalid::Revision => t!(lang, "invalid.revision").into(),
            Invalid::PortNumber { item } => t!(lang, "invalid.port_number", item = quoted(item)),
            Invalid::PortProtocol { item } => t!(lang, "invalid.port_protocol", item = quoted(item)),
            Invalid::PasswordShort { min, typed } => t!(lang, "invalid.password_short", min = min, typed = typed),
            Invalid::PasswordIsName => t!(lang, "invalid.password_is_name").into(),
            Invalid::PasswordsDiffer => t!(lang, "invalid.passwords_differ").into(),
            Invalid::CurrentPasswordRequired => t!(lang, "invalid.current_password").into(),
            Invalid::NotRole { text } => t!(lang, "invalid.not_role", text = quoted(text)),
            Invalid::TaintUsage => t!(lang, "invalid.taint_usage").into(),
            Invalid::TaintEffectMissing => t!(lang, "invalid.taint_effect_missing").into(),
            Invalid::TaintEffect { text } => t!(lang, "invalid.taint_effect", text = quoted(text)),
            Invalid::KeyPrefix { prefix } => t!(lang, "invalid.key_prefix", prefix = quoted(prefix)),
            Invalid::KeyRequired => t!(lang, "invalid.key_required").into(),
            Invalid::QualifiedChar { bad } => t!(lang, "invalid.qualified_char", bad = format!("{bad:?}")),
            Invalid::QualifiedEdges => t!(lang, "invalid.qualified_edges").into(),
            Invalid::DrainSwitch { name, value } => t!(lang, "invalid.drain_switch", name = name, value = value),
            Invalid::DrainOption { word } => t!(lang, "invalid.drain_option", word = quoted(word)),
            Invalid::DrainTimeout { value } => t!(lang, "invalid.drain_timeout", value = value),
            Invalid::DescriptionLine => t!(lang, "invalid.description_line").into(),
            Invalid::DescriptionTooLong { max, typed } => {
                t!(lang, "invalid.description_too_long", max = max, typed = typed)
            }
            Invalid::QuoteNotClosed => t!(lang, "invalid.quote_not_closed").into(),
            Invalid::CommandRequired => t!(lang, "invalid.command_required").into(),
            Invalid::FilterPattern { why } => t!(lang, "invalid.filter_pattern", why = why),
            Invalid::SelectorRequired => t!(lang, "invalid.selector_required").into(),
            Invalid::LabelNoKey { term } => t!(lang, "invalid.label_no_key", term = quoted(term)),
            Invalid::LabelEmptyTerm => t!(lang, "invalid.label_empty_term").into(),
            Invalid::Rule(rule) => lang.refusal(rule),
            Invalid::Said(text) => text.clone(),
            Invalid::Item { item, why } => format!("{}: {}", quoted(item), lang.invalid(why)),
            Invalid::Of { what, why } => format!("{}: {}", lang.part(what), lang.invalid(why)),
        }
    }

    /// Why a request failed, in this language: kubic's own reasons in the catalog's
    /// words, the API server's and a registry's as they said them.
    pub fn failure(self, failure: &Failure) -> String {
        let lang = self;
        match &failure.why {
            Some(Cause::Invalid(why)) => self.invalid(why),
            Some(Cause::Forbidden { identity, reason }) => {
                t!(lang, "failure.forbidden", identity = identity, reason = reason)
            }
            Some(Cause::Unreachable { url, reason }) => t!(lang, "failure.unreachable", url = url, reason = reason),
            Some(Cause::Silent { limit }) => t!(lang, "failure.silent", limit = limit),
            None => failure.message.clone(),
        }
    }

    /// The word for a part a reason is about (`replicas`), as the forms label it.
    fn part(self, what: &Part) -> &'static str {
        let lang = self;
        match what {
            Part::AppName => t!(lang, "invalid.app_name"),
            Part::CatalogName => t!(lang, "invalid.catalog_name"),
            Part::Host => t!(lang, "form.host"),
            Part::Memory => t!(lang, "form.memory"),
            Part::MetadataName => "metadata.name",
            Part::Project => t!(lang, "form.project"),
            Part::ProjectName => t!(lang, "invalid.project_name"),
            Part::RegistryName => t!(lang, "invalid.registry_name"),
            Part::Replicas => t!(lang, "form.replicas"),
            Part::TaintKey => t!(lang, "invalid.taint_key"),
            Part::TaintValue => t!(lang, "invalid.taint_value"),
            Part::UserName => t!(lang, "invalid.user_name"),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.invalid(self))
    }
}

impl std::error::Error for Invalid {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn reasons_read_in_both_languages() {
        let bad = validate::dns1123_label("Demo").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "'D' is not allowed: use lowercase letters, digits and '-'"
        );
        assert!(Lang::Ko.invalid(&bad).contains("'D'"));
        assert_ne!(Lang::Ko.invalid(&bad), bad.to_string());
        let of = validate::replicas("500").unwrap_err().of(Part::Replicas);
        assert_eq!(of.to_string(), "replicas: 500 replicas: choose 0 to 100");
        assert!(
            Lang::Ko.invalid(&of).starts_with("레플리카"),
            "{}",
            Lang::Ko.invalid(&of)
        );
    }

    #[test]
    fn an_item_is_quoted_before_its_reason() {
        let why = validate::ip_address("x").unwrap_err().item("x");
        assert!(why.to_string().starts_with("\"x\": \"x\" is not an IP address"));
    }
}
