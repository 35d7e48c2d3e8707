//! Changes of who may do what: Roles, RoleBindings, ClusterRoles and ClusterRoleBindings
//! changed or removed (after their first lists), for the server to ask its access
//! questions again. A watch the identity may not make retries quietly, as every watch.

use ::kube::Api;
use ::kube::runtime::{WatchStreamExt, watcher};
use futures::{Stream, StreamExt};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use serde::de::DeserializeOwned;

use crate::kube::Connection;
use crate::kube::retry::Retry;

/// One item per change of the cluster's roles and bindings, for as long as it is polled.
pub fn rbac_changes(connection: &Connection) -> impl Stream<Item = ()> + Send + use<> {
    let client = &connection.client;
    futures::stream::select_all([
        changes(Api::<Role>::all(client.clone()), "roles"),
        changes(Api::<RoleBinding>::all(client.clone()), "rolebindings"),
        changes(Api::<ClusterRole>::all(client.clone()), "clusterroles"),
        changes(Api::<ClusterRoleBinding>::all(client.clone()), "clusterrolebindings"),
    ])
}

fn changes<K>(api: Api<K>, what: &'static str) -> std::pin::Pin<Box<dyn Stream<Item = ()> + Send>>
where
    K: ::kube::Resource + Clone + DeserializeOwned + std::fmt::Debug + Send + 'static,
{
    let mut said = false;
    Box::pin(
        watcher(api, watcher::Config::default())
            .backoff(Retry::default())
            .filter_map(move |event| {
                let change = match event {
                    Ok(watcher::Event::Apply(_) | watcher::Event::Delete(_)) => Some(()),
                    Ok(_) => None,
                    Err(error) => {
                        if !said {
                            tracing::warn!(
                                "the watch of {what} broke (retrying; access answers are kept 5 s): {error}"
                            );
                            said = true;
                        }
                        None
                    }
                };
                std::future::ready(change)
            }),
    )
}
