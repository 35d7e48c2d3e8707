//! The question kubic asks before it offers `kubic install` (a SelfSubjectAccessReview of
//! creating CustomResourceDefinitions), against the local cluster: the cluster
//! administrator may, a user bound to kubic's own `kubic-admin` role may not (its rules
//! name no definitions), so kubic explains instead of offering.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

mod support;

use kubic::app::kubic::install_offer::install_check;
use kubic::kube::access::allowed;
use kubic::kube::install::roles::ADMIN;
use support::access::{installed, unbind_cluster_wide, user_bound_to};

#[tokio::test]
async fn the_administrator_may_install_and_a_kubic_admin_may_not() {
    let admin = installed().await;
    assert!(
        allowed(&admin, None, &install_check()).await.unwrap(),
        "the cluster administrator"
    );
    let user = support::unique("kubic-operator");
    let (binding, operator) = user_bound_to(&admin, &user, ADMIN).await;
    let may = allowed(&operator, None, &install_check()).await.unwrap();
    unbind_cluster_wide(&admin, &binding).await;
    assert!(!may, "kubic-admin creates no CustomResourceDefinitions");
}
