//! What the API server says the connection's identity may do: the resource rules of a
//! rules review (RBAC's matching: `*` wildcards, `*/sub` subresources, resourceNames)
//! and the exact answers of access reviews, asked where the rules cannot say.

/// One `(verb, group, resource)` kubic asks about; `resource` names a subresource as
/// `pods/exec`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Check {
    pub verb: String,
    pub group: String,
    pub resource: String,
}

impl Check {
    pub fn new(verb: &str, group: &str, resource: &str) -> Check {
        Check {
            verb: verb.into(),
            group: group.into(),
            resource: resource.into(),
        }
    }

    /// `delete pods`, `update apps.kubic.io`, `create pods/exec`, as refusals say it.
    pub fn describe(&self) -> String {
        if self.group.is_empty() {
            format!("{} {}", self.verb, self.resource)
        } else {
            format!("{} {}.{}", self.verb, self.resource, self.group)
        }
    }
}

/// A resource rule of a rules review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceRule {
    pub verbs: Vec<String>,
    pub groups: Vec<String>,
    /// `pods`, `pods/exec`, `*`, `*/scale`.
    pub resources: Vec<String>,
    /// Empty: every object; else only these.
    pub names: Vec<String>,
}

impl ResourceRule {
    fn matches(&self, verb: &str, group: &str, resource: &str, name: Option<&str>) -> bool {
        let any_or = |list: &[String], wanted: &str| list.iter().any(|v| v == "*" || v == wanted);
        any_or(&self.verbs, verb)
            && any_or(&self.groups, group)
            && self.resources.iter().any(|r| resource_matches(r, resource))
            && (self.names.is_empty() || name.is_some_and(|n| self.names.iter().any(|m| m == n)))
    }
}

/// RBAC's resource matching: `*` is everything (subresources too), `*/exec` is the
/// `exec` subresource of anything, otherwise the names are equal.
fn resource_matches(rule: &str, resource: &str) -> bool {
    if rule == "*" || rule == resource {
        return true;
    }
    match (rule.strip_prefix("*/"), resource.split_once('/')) {
        (Some(rule_sub), Some((_, sub))) => rule_sub == sub,
        _ => false,
    }
}

/// What one identity may do in one namespace (or cluster-wide).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessRules {
    pub rules: Vec<ResourceRule>,
    /// The rules are all there is: what they do not grant is refused. A review the
    /// authorizer could not fully answer (`status.incomplete`), or none at all (for
    /// cluster-scoped checks), is not complete.
    pub complete: bool,
    /// Exact answers of access reviews, for any object of the resource.
    pub answers: Vec<(Check, bool)>,
}

impl AccessRules {
    /// Rules that say everything they grant.
    pub fn complete(rules: Vec<ResourceRule>) -> AccessRules {
        AccessRules {
            rules,
            complete: true,
            answers: Vec::new(),
        }
    }

    /// Whether `verb` on `resource` of `group` (the object `name`, if one) is allowed.
    pub fn allows(&self, verb: &str, group: &str, resource: &str, name: Option<&str>) -> bool {
        self.decide(verb, group, resource, name) == Some(true)
    }

    /// Allowed, refused, or `None` when neither the rules nor an answer say.
    pub fn decide(&self, verb: &str, group: &str, resource: &str, name: Option<&str>) -> Option<bool> {
        if self.rules.iter().any(|r| r.matches(verb, group, resource, name)) {
            return Some(true);
        }
        let answer = self
            .answers
            .iter()
            .find(|(c, _)| c.verb == verb && c.group == group && c.resource == resource)
            .map(|(_, allowed)| *allowed);
        answer.or(self.complete.then_some(false))
    }

    /// Whether the rules or the answers say something about every one of `checks`.
    pub fn covers(&self, checks: &[Check]) -> bool {
        checks
            .iter()
            .all(|c| self.decide(&c.verb, &c.group, &c.resource, None).is_some())
    }

    /// Adds answers asked later, keeping the newest of each.
    pub fn merge_answers(&mut self, newer: Vec<(Check, bool)>) {
        self.answers.retain(|(c, _)| !newer.iter().any(|(n, _)| n == c));
        self.answers.extend(newer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(verbs: &[&str], groups: &[&str], resources: &[&str], names: &[&str]) -> ResourceRule {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        ResourceRule {
            verbs: owned(verbs),
            groups: owned(groups),
            resources: owned(resources),
            names: owned(names),
        }
    }

    #[test]
    fn complete_rules_grant_what_they_name_and_refuse_the_rest() {
        let rules = AccessRules::complete(vec![rule(&["get", "list"], &[""], &["pods", "pods/log"], &[])]);
        assert!(rules.allows("list", "", "pods", None));
        assert!(rules.allows("get", "", "pods/log", Some("web")));
        assert!(!rules.allows("delete", "", "pods", Some("web")));
        assert!(
            !rules.allows("create", "", "pods/exec", None),
            "a subresource is its own resource"
        );
        assert!(!rules.allows("get", "apps", "pods", None), "the group must match");
        assert_eq!(rules.decide("delete", "", "pods", None), Some(false));
    }

    #[test]
    fn wildcards_match_every_verb_group_resource_and_subresource() {
        let rules = AccessRules::complete(vec![rule(&["*"], &["*"], &["*"], &[])]);
        assert!(rules.allows("delete", "kubic.io", "apps", Some("web")));
        assert!(rules.allows("create", "", "pods/exec", None));
        let exec_anything = AccessRules::complete(vec![rule(&["create"], &[""], &["*/exec"], &[])]);
        assert!(exec_anything.allows("create", "", "pods/exec", None));
        assert!(!exec_anything.allows("create", "", "pods", None));
        assert!(!exec_anything.allows("create", "", "pods/log", None));
    }

    #[test]
    fn a_named_rule_grants_only_its_objects() {
        let rules = AccessRules::complete(vec![rule(&["update"], &[""], &["configmaps"], &["kubic-cluster"])]);
        assert!(rules.allows("update", "", "configmaps", Some("kubic-cluster")));
        assert!(!rules.allows("update", "", "configmaps", Some("other")));
        assert!(!rules.allows("update", "", "configmaps", None), "no name: every object");
    }

    #[test]
    fn incomplete_rules_say_nothing_of_what_they_do_not_grant_but_answers_do() {
        let mut rules = AccessRules {
            rules: vec![rule(&["get"], &[""], &["pods"], &[])],
            ..AccessRules::default()
        };
        assert_eq!(rules.decide("delete", "", "pods", None), None);
        assert!(!rules.covers(&[Check::new("delete", "", "pods")]));
        rules.merge_answers(vec![(Check::new("delete", "", "pods"), false)]);
        assert_eq!(rules.decide("delete", "", "pods", Some("web")), Some(false));
        rules.merge_answers(vec![(Check::new("delete", "", "pods"), true)]);
        assert_eq!(rules.answers.len(), 1, "the newer answer replaces the older");
        assert!(rules.allows("delete", "", "pods", None));
        assert!(rules.covers(&[Check::new("get", "", "pods"), Check::new("delete", "", "pods")]));
    }

    #[test]
    fn a_check_is_worded_with_its_group() {
        assert_eq!(Check::new("delete", "", "pods").describe(), "delete pods");
        assert_eq!(
            Check::new("update", "kubic.io", "apps").describe(),
            "update apps.kubic.io"
        );
    }
}
