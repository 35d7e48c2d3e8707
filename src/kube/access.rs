//! Asks the API server what the connection's identity may do: a rules review of a
//! namespace, and access reviews of single checks where the rules cannot say (an
//! incomplete review) or there is no namespace to review (cluster-scoped checks).

use futures::future::try_join_all;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec, SelfSubjectRulesReview,
    SelfSubjectRulesReviewSpec,
};
use kube::Api;
use kube::api::PostParams;

use super::connect::{Connection, explain};
use super::errors::KubeError;
use crate::model::access::{AccessRules, Check, ResourceRule};

/// The rules of `namespace` as the authorizer sees them for the connection's identity.
pub async fn rules_in(connection: &Connection, namespace: &str) -> Result<AccessRules, KubeError> {
    let review = SelfSubjectRulesReview {
        spec: SelfSubjectRulesReviewSpec {
            namespace: Some(namespace.to_string()),
        },
        ..SelfSubjectRulesReview::default()
    };
    let answer = Api::<SelfSubjectRulesReview>::all(connection.client.clone())
        .create(&PostParams::default(), &review)
        .await
        .map_err(explain(connection))?;
    let Some(status) = answer.status else {
        return Ok(AccessRules::default());
    };
    let rules = status
        .resource_rules
        .into_iter()
        .map(|rule| ResourceRule {
            verbs: rule.verbs,
            groups: rule.api_groups.unwrap_or_default(),
            resources: rule.resources.unwrap_or_default(),
            names: rule.resource_names.unwrap_or_default(),
        })
        .collect();
    Ok(AccessRules {
        rules,
        complete: !status.incomplete,
        answers: Vec::new(),
    })
}

/// Whether `check` is allowed in `namespace` (`None`: cluster-wide, or in every namespace).
pub async fn allowed(connection: &Connection, namespace: Option<&str>, check: &Check) -> Result<bool, KubeError> {
    let (resource, subresource) = match check.resource.split_once('/') {
        Some((resource, sub)) => (resource.to_string(), Some(sub.to_string())),
        None => (check.resource.clone(), None),
    };
    let review = SelfSubjectAccessReview {
        spec: SelfSubjectAccessReviewSpec {
            resource_attributes: Some(ResourceAttributes {
                verb: Some(check.verb.clone()),
                group: Some(check.group.clone()),
                resource: Some(resource),
                subresource,
                namespace: namespace.map(str::to_string),
                ..ResourceAttributes::default()
            }),
            ..SelfSubjectAccessReviewSpec::default()
        },
        ..SelfSubjectAccessReview::default()
    };
    let answer = Api::<SelfSubjectAccessReview>::all(connection.client.clone())
        .create(&PostParams::default(), &review)
        .await
        .map_err(explain(connection))?;
    Ok(answer.status.is_some_and(|s| s.allowed))
}

/// What kubic's keys need to know in `namespace` (`None`: cluster-wide): the rules
/// review, completed by an access review of each of `checks` the rules cannot decide.
pub async fn review(
    connection: &Connection,
    namespace: Option<&str>,
    checks: &[Check],
) -> Result<AccessRules, KubeError> {
    let mut rules = match namespace {
        Some(namespace) => rules_in(connection, namespace).await?,
        None => AccessRules::default(),
    };
    let open: Vec<&Check> = checks
        .iter()
        .filter(|c| !rules.covers(std::slice::from_ref(c)))
        .collect();
    let answers = try_join_all(open.iter().map(|check| allowed(connection, namespace, check))).await?;
    rules.merge_answers(open.into_iter().cloned().zip(answers).collect());
    Ok(rules)
}
