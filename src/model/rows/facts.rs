//! What a kind's actions need to know about one row, typed, so no action parses a
//! display cell back (`<none>`, `-`, a number). Only the few kinds whose keys act on
//! such facts carry them; every other row carries `RowFacts::None`, which allocates
//! nothing. A pod carries its summed requests and limits only when it sets any.

use crate::model::resources::PodResources;

/// The typed facts of one row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RowFacts {
    /// The kind has no actions that read its row.
    #[default]
    None,
    /// A KUBIC app: what scale, rolling update, rebalance and rollback start from.
    App(Box<AppFacts>),
    /// A KUBIC IP pool: whose IPs it holds.
    IpPool(Box<IpPoolFacts>),
    /// A registered registry: what the edit form starts from.
    Registry(Box<RegistryFacts>),
    /// A KUBIC user: what the detail and the edit form show.
    User(Box<UserFacts>),
    /// A pod that requests or limits CPU or memory: what its use is a percentage of.
    Pod(Box<PodResources>),
}

/// A KUBIC app's spec as its keys use it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppFacts {
    pub catalog: String,
    pub tag: String,
    /// The replicas asked for, when the spec says.
    pub replicas: Option<i64>,
    pub service_ips: Vec<String>,
    /// The revision the app was last rendered from (0 before the first).
    pub revision: u32,
}

impl AppFacts {
    /// The revision a rollback goes back to by default: the one before the current.
    pub fn previous_revision(&self) -> Option<u32> {
        (self.revision > 1).then(|| self.revision - 1)
    }
}

/// A KUBIC IP pool.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IpPoolFacts {
    /// The host (node) the pool's IPs route to.
    pub host: String,
}

/// A registered registry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryFacts {
    /// `host:port`, or with a scheme.
    pub url: String,
    /// Plain HTTP rather than TLS.
    pub insecure: bool,
    /// As written, line breaks included.
    pub description: String,
}

/// A KUBIC user's record, without any password.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserFacts {
    /// `admin` or `user`.
    pub role: String,
    pub projects: Vec<String>,
    pub description: String,
    pub ssh_keys: usize,
    /// When the user last logged in, in seconds since the epoch.
    pub last_login: Option<i64>,
    /// The client address of that login.
    pub last_login_from: Option<String>,
}

impl RowFacts {
    /// The app facts, if this row is an app's.
    pub fn app(&self) -> Option<&AppFacts> {
        match self {
            RowFacts::App(app) => Some(app),
            _ => None,
        }
    }

    /// The IP pool facts, if this row is a pool's.
    pub fn ip_pool(&self) -> Option<&IpPoolFacts> {
        match self {
            RowFacts::IpPool(pool) => Some(pool),
            _ => None,
        }
    }

    /// The registry facts, if this row is a registry's.
    pub fn registry(&self) -> Option<&RegistryFacts> {
        match self {
            RowFacts::Registry(registry) => Some(registry),
            _ => None,
        }
    }

    /// The requests and limits, if this row is a pod's that sets any.
    pub fn pod(&self) -> Option<&PodResources> {
        match self {
            RowFacts::Pod(pod) => Some(pod),
            _ => None,
        }
    }

    /// The user facts, if this row is a user's.
    pub fn user(&self) -> Option<&UserFacts> {
        match self {
            RowFacts::User(user) => Some(user),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_cost_a_pod_row_no_more_than_a_tag_and_a_pointer() {
        assert!(std::mem::size_of::<RowFacts>() <= 2 * std::mem::size_of::<usize>());
    }

    #[test]
    fn a_rollback_goes_back_one_revision_when_there_is_one() {
        let app = |revision| AppFacts {
            revision,
            ..AppFacts::default()
        };
        assert_eq!(app(3).previous_revision(), Some(2));
        assert_eq!(app(1).previous_revision(), None);
        assert_eq!(app(0).previous_revision(), None);
    }

    #[test]
    fn each_accessor_answers_only_for_its_kind() {
        let pool = RowFacts::IpPool(Box::new(IpPoolFacts { host: "h".into() }));
        assert_eq!(pool.ip_pool().map(|p| p.host.as_str()), Some("h"));
        assert!(pool.app().is_none() && pool.registry().is_none());
        assert!(RowFacts::None.app().is_none());
    }
}
