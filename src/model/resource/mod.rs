//! The resource kinds kubic can show, and the names operators type to reach them
//! (`:pods`, `:po`, `:deploy`, `:hosts`…). Built-in kinds are known at once;
//! discovery adds everything else the API server serves, CRDs included.

mod known;

use std::collections::BTreeMap;

pub use known::Known;

/// One kind the API server serves.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourceKind {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub plural: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub namespaced: bool,
    pub verbs: Vec<String>,
    /// The kind kubic treats specially that this is, resolved from group and kind
    /// when the kind is built (see [`Known::of`]); `None` for every other kind.
    pub known: Option<Known>,
}

impl ResourceKind {
    /// `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Whether the API server allows `verb` (`watch`, `delete`, `update`…) on this kind.
    pub fn allows(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }

    /// The name the command line and titles use: the plural, qualified by group when
    /// a core kind shares the plural.
    pub fn display_name(&self) -> &str {
        &self.plural
    }

    /// The kind kubic treats specially that this is, if any.
    pub fn known(&self) -> Option<Known> {
        self.known
    }

    /// Whether this is the known kind `known`.
    pub fn is_known(&self, known: Known) -> bool {
        self.known == Some(known)
    }
}

/// KUBIC's own names for Kubernetes kinds.
const KUBIC_ALIASES: [(&str, &str); 6] = [
    ("hosts", "nodes"),
    ("host", "nodes"),
    ("projects", "namespaces"),
    ("project", "namespaces"),
    ("recipes", "buildrecipes"),
    ("images", "imagebuilds"),
];

/// All known kinds and every name that reaches one.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    kinds: Vec<ResourceKind>,
    aliases: BTreeMap<String, usize>,
}

impl Registry {
    /// The kinds every cluster has, known before discovery answers.
    pub fn builtin() -> Registry {
        let mut registry = Registry::default();
        for kind in builtin_kinds() {
            registry.add(kind);
        }
        registry
    }

    /// Adds or replaces kinds found by discovery.
    pub fn merge(&mut self, kinds: impl IntoIterator<Item = ResourceKind>) {
        for kind in kinds {
            self.add(kind);
        }
    }

    fn add(&mut self, kind: ResourceKind) {
        let index = match self
            .kinds
            .iter()
            .position(|k| k.group == kind.group && k.plural == kind.plural)
        {
            Some(i) => {
                self.kinds[i] = kind;
                i
            }
            None => {
                self.kinds.push(kind);
                self.kinds.len() - 1
            }
        };
        let kind = &self.kinds[index];
        let qualified = if kind.group.is_empty() {
            kind.plural.clone()
        } else {
            format!("{}.{}", kind.plural, kind.group)
        };
        let mut names = vec![qualified, kind.kind.to_lowercase()];
        names.extend([kind.plural.clone(), kind.singular.clone()]);
        names.extend(kind.short_names.iter().cloned());
        let core = kind.group.is_empty() || kind.group == "apps";
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            // A core kind keeps its short names when a CRD reuses them.
            let taken_by_core = self
                .aliases
                .get(&name)
                .is_some_and(|&i| i != index && (self.kinds[i].group.is_empty() || self.kinds[i].group == "apps"));
            if core || !taken_by_core {
                self.aliases.insert(name, index);
            }
        }
        for (alias, target) in KUBIC_ALIASES {
            if let Some(&i) = self.aliases.get(target) {
                self.aliases.insert(alias.to_string(), i);
            }
        }
    }

    /// The kind an operator means by `name` (case-insensitive).
    pub fn resolve(&self, name: &str) -> Option<&ResourceKind> {
        self.aliases.get(&name.to_lowercase()).map(|&i| &self.kinds[i])
    }

    /// The kind `known` as this cluster serves it.
    pub fn known(&self, known: Known) -> Option<&ResourceKind> {
        self.kinds.iter().find(|k| k.is_known(known))
    }

    /// Names starting with `prefix`, shortest first, for command-line completion.
    pub fn completions(&self, prefix: &str) -> Vec<&str> {
        let prefix = prefix.to_lowercase();
        let mut names: Vec<&str> = self
            .aliases
            .range(prefix.clone()..)
            .take_while(|(name, _)| name.starts_with(&prefix))
            .map(|(name, _)| name.as_str())
            .collect();
        names.sort_by_key(|n| (n.len(), *n));
        names
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

fn kind(group: &str, version: &str, kind: &str, plural: &str, short: &[&str], namespaced: bool) -> ResourceKind {
    ResourceKind {
        group: group.into(),
        version: version.into(),
        kind: kind.into(),
        plural: plural.into(),
        singular: kind.to_lowercase(),
        short_names: short.iter().map(|s| s.to_string()).collect(),
        namespaced,
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
            .map(String::from)
            .to_vec(),
        known: Known::of(group, kind),
    }
}

fn builtin_kinds() -> Vec<ResourceKind> {
    vec![
        kind("", "v1", "Pod", "pods", &["po"], true),
        kind("", "v1", "Node", "nodes", &["no"], false),
        kind("", "v1", "Namespace", "namespaces", &["ns"], false),
        kind("", "v1", "Service", "services", &["svc"], true),
        kind("", "v1", "Event", "events", &["ev"], true),
        kind("", "v1", "ConfigMap", "configmaps", &["cm"], true),
        kind("", "v1", "Secret", "secrets", &[], true),
        kind("", "v1", "ServiceAccount", "serviceaccounts", &["sa"], true),
        kind(
            "",
            "v1",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            &["pvc"],
            true,
        ),
        kind("", "v1", "PersistentVolume", "persistentvolumes", &["pv"], false),
        kind("apps", "v1", "Deployment", "deployments", &["deploy"], true),
        kind("apps", "v1", "ReplicaSet", "replicasets", &["rs"], true),
        kind("apps", "v1", "StatefulSet", "statefulsets", &["sts"], true),
        kind("apps", "v1", "DaemonSet", "daemonsets", &["ds"], true),
        kind("batch", "v1", "Job", "jobs", &[], true),
        kind("batch", "v1", "CronJob", "cronjobs", &["cj"], true),
        kind("kubic.io", "v1alpha1", "App", "apps", &["kapp"], true),
        kind("kubic.io", "v1alpha1", "Catalog", "catalogs", &["cat"], false),
        kind("kubic.io", "v1alpha1", "IPPool", "ippools", &["ipp"], false),
        kind("kubic.io", "v1alpha1", "AppRevision", "apprevisions", &["arev"], true),
        kind("kubic.io", "v1alpha1", "Registry", "registries", &["reg"], false),
        kind(
            "kubic.io",
            "v1alpha1",
            "BuildRecipe",
            "buildrecipes",
            &["recipe"],
            false,
        ),
        kind("kubic.io", "v1alpha1", "ImageBuild", "imagebuilds", &["img"], false),
        kind("kubic.io", "v1alpha1", "User", "users", &[], false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_singular_short_and_kubic_names_resolve() {
        let registry = Registry::builtin();
        for name in ["pods", "pod", "po", "PODS"] {
            assert_eq!(registry.resolve(name).unwrap().kind, "Pod", "{name}");
        }
        assert_eq!(registry.resolve("deploy").unwrap().kind, "Deployment");
        assert_eq!(registry.resolve("hosts").unwrap().kind, "Node");
        assert_eq!(registry.resolve("projects").unwrap().kind, "Namespace");
        assert_eq!(registry.resolve("deployments.apps").unwrap().kind, "Deployment");
        assert!(registry.resolve("nope").is_none());
    }

    #[test]
    fn a_crd_is_reachable_without_stealing_core_short_names() {
        let mut registry = Registry::builtin();
        let mut crd = kind("kubic.io", "v1alpha1", "Catalog", "catalogs", &["cat", "po"], true);
        crd.singular = "catalog".into();
        registry.merge([crd]);
        assert_eq!(registry.resolve("cat").unwrap().group, "kubic.io");
        assert_eq!(registry.resolve("catalogs.kubic.io").unwrap().kind, "Catalog");
        assert_eq!(registry.resolve("po").unwrap().kind, "Pod");
    }

    #[test]
    fn builtin_kinds_know_what_they_are_and_other_kinds_are_not_known() {
        let registry = Registry::builtin();
        for known in Known::all() {
            let kind = registry.known(known).unwrap();
            assert_eq!(kind.group, known.group());
            assert_eq!(kind.kind, known.kind());
            assert!(kind.is_known(known) && kind.known() == Some(known));
        }
        assert_eq!(registry.resolve("hosts").unwrap().known(), Some(Known::Node));
        assert_eq!(registry.resolve("sa").unwrap().known(), None);
        assert_eq!(registry.resolve("cronjobs").unwrap().known(), None);
    }

    #[test]
    fn a_merged_unknown_crd_is_not_known() {
        let mut registry = Registry::builtin();
        registry.merge([kind("example.com", "v1", "Widget", "widgets", &["wd"], true)]);
        let widget = registry.resolve("wd").unwrap();
        assert_eq!((widget.kind.as_str(), widget.known()), ("Widget", None));
    }

    #[test]
    fn completions_start_with_the_prefix_shortest_first() {
        let registry = Registry::builtin();
        let names = registry.completions("de");
        assert_eq!(names.first(), Some(&"deploy"));
        assert!(names.contains(&"deployments"));
        assert!(names.iter().all(|n| n.starts_with("de")));
    }
}
