//! The kinds kubic treats specially (its own tables, keys and follow-ups), named once:
//! a kind's group and name are resolved to a [`Known`] when its `ResourceKind` is built,
//! so the rest of kubic matches on a variant instead of comparing strings.

use crate::model::crd::GROUP;

/// A kind kubic has its own columns, keys or behaviour for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Known {
    Pod,
    Node,
    Namespace,
    Service,
    Event,
    Secret,
    ConfigMap,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    App,
    AppRevision,
    Catalog,
    IpPool,
    Registry,
    BuildRecipe,
    ImageBuild,
    User,
}

/// Every known kind, in the order `Known::of` tries them.
const ALL: [Known; 20] = [
    Known::Pod,
    Known::Node,
    Known::Namespace,
    Known::Service,
    Known::Event,
    Known::Secret,
    Known::ConfigMap,
    Known::Deployment,
    Known::ReplicaSet,
    Known::StatefulSet,
    Known::DaemonSet,
    Known::Job,
    Known::App,
    Known::AppRevision,
    Known::Catalog,
    Known::IpPool,
    Known::Registry,
    Known::BuildRecipe,
    Known::ImageBuild,
    Known::User,
];

impl Known {
    /// Every known kind.
    pub fn all() -> impl Iterator<Item = Known> {
        ALL.into_iter()
    }

    /// The known kind with this API group and kind name, if kubic treats it specially.
    pub fn of(group: &str, kind: &str) -> Option<Known> {
        ALL.into_iter().find(|known| known.names() == (group, kind))
    }

    /// The API group: "" for the core group.
    pub fn group(self) -> &'static str {
        self.names().0
    }

    /// The kind name as the API server spells it (`IPPool`).
    pub fn kind(self) -> &'static str {
        self.names().1
    }

    /// One of KUBIC's own kinds (the `kubic.io` group), which `kubic install` creates.
    pub fn is_kubic(self) -> bool {
        self.group() == GROUP
    }

    /// A workload that selects pods by label, whose pods' logs `l` follows.
    pub fn is_workload(self) -> bool {
        matches!(
            self,
            Known::Deployment | Known::StatefulSet | Known::DaemonSet | Known::ReplicaSet | Known::Job
        )
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Known::Pod => ("", "Pod"),
            Known::Node => ("", "Node"),
            Known::Namespace => ("", "Namespace"),
            Known::Service => ("", "Service"),
            Known::Event => ("", "Event"),
            Known::Secret => ("", "Secret"),
            Known::ConfigMap => ("", "ConfigMap"),
            Known::Deployment => ("apps", "Deployment"),
            Known::ReplicaSet => ("apps", "ReplicaSet"),
            Known::StatefulSet => ("apps", "StatefulSet"),
            Known::DaemonSet => ("apps", "DaemonSet"),
            Known::Job => ("batch", "Job"),
            Known::App => (GROUP, "App"),
            Known::AppRevision => (GROUP, "AppRevision"),
            Known::Catalog => (GROUP, "Catalog"),
            Known::IpPool => (GROUP, "IPPool"),
            Known::Registry => (GROUP, "Registry"),
            Known::BuildRecipe => (GROUP, "BuildRecipe"),
            Known::ImageBuild => (GROUP, "ImageBuild"),
            Known::User => (GROUP, "User"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_resolves_from_its_group_and_kind() {
        let expected = [
            ("", "Pod", Known::Pod),
            ("", "Node", Known::Node),
            ("", "Namespace", Known::Namespace),
            ("", "Service", Known::Service),
            ("", "Event", Known::Event),
            ("", "Secret", Known::Secret),
            ("", "ConfigMap", Known::ConfigMap),
            ("apps", "Deployment", Known::Deployment),
            ("apps", "ReplicaSet", Known::ReplicaSet),
            ("apps", "StatefulSet", Known::StatefulSet),
            ("apps", "DaemonSet", Known::DaemonSet),
            ("batch", "Job", Known::Job),
            ("kubic.io", "App", Known::App),
            ("kubic.io", "AppRevision", Known::AppRevision),
            ("kubic.io", "Catalog", Known::Catalog),
            ("kubic.io", "IPPool", Known::IpPool),
            ("kubic.io", "Registry", Known::Registry),
            ("kubic.io", "BuildRecipe", Known::BuildRecipe),
            ("kubic.io", "ImageBuild", Known::ImageBuild),
            ("kubic.io", "User", Known::User),
        ];
        for (group, kind, known) in expected {
            assert_eq!(Known::of(group, kind), Some(known), "{group}/{kind}");
            assert_eq!((known.group(), known.kind()), (group, kind));
        }
        assert_eq!(Known::all().count(), expected.len());
    }

    #[test]
    fn the_group_matters_and_unknown_kinds_resolve_to_none() {
        assert_eq!(Known::of("example.com", "App"), None, "an App of another group");
        assert_eq!(Known::of("apps", "Pod"), None);
        assert_eq!(
            Known::of("kubic.io", "Widget"),
            None,
            "a kubic.io kind kubic does not know"
        );
        assert_eq!(Known::of("", "pod"), None, "kind names are case-sensitive");
        assert_eq!(Known::of("", "ServiceAccount"), None);
    }

    #[test]
    fn every_kubic_definition_is_known_and_kubic() {
        for crd in crate::model::crd::definitions() {
            let known = Known::of(&crd.spec.group, &crd.spec.names.kind);
            assert!(known.is_some_and(Known::is_kubic), "{}", crd.spec.names.kind);
        }
        let kubic = Known::all().filter(|k| k.is_kubic()).count();
        assert_eq!(kubic, crate::model::crd::definitions().len());
    }

    #[test]
    fn workloads_are_the_pod_selecting_kinds() {
        let workloads: Vec<Known> = Known::all().filter(|k| k.is_workload()).collect();
        assert_eq!(
            workloads,
            [
                Known::Deployment,
                Known::ReplicaSet,
                Known::StatefulSet,
                Known::DaemonSet,
                Known::Job
            ]
        );
    }
}
