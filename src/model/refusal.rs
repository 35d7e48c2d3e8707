//! Why kubic refused an operation by one of KUBIC's rules before asking the API server
//! (an IP still in use, an app that still runs, a catalog apps were made from), as data:
//! the kube layer finds the reason, each session says it in its language
//! (`config::i18n::refusal` holds the words), the log and subcommands in English.

/// A KUBIC rule an operation broke, with what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoCatalog {
        name: String,
    },
    /// A catalog's template the engine could not render (its own words).
    CatalogTemplate {
        catalog: String,
        why: String,
    },
    CatalogNeedsImage,
    CatalogHasApps {
        catalog: String,
        apps: String,
    },
    /// Work for every pod of a catalog's apps, when none of them has a pod.
    NoAppPods {
        catalog: String,
    },
    AppPort {
        port: String,
    },
    IpsNeedHost,
    IpNotInPool {
        ip: String,
        host: String,
    },
    IpUsedBy {
        ip: String,
        app: String,
    },
    AlreadyRunsTag {
        tag: String,
    },
    NoRevision {
        app: String,
        revision: u32,
    },
    AppRunning {
        app: String,
    },
    AppStopping {
        app: String,
        pods: usize,
    },
    ProjectRuns {
        project: String,
        count: usize,
        pods: String,
    },
    NoProject {
        project: String,
    },
    RegistryAddressChanged {
        old: String,
        new: String,
    },
    NoRegistry {
        name: String,
    },
    NoHost {
        host: String,
    },
    IpRegistered {
        ip: String,
        host: String,
    },
    IpHeld {
        ip: String,
        app: String,
    },
    IpNotRegistered {
        ip: String,
        host: String,
    },
    DrainStopped {
        node: String,
        refused: String,
    },
    DrainIncomplete {
        node: String,
        evicted: usize,
        refused: String,
    },
    TaintExists {
        node: String,
        taint: String,
    },
    NoTaint {
        node: String,
        taint: String,
    },
    UserExists {
        name: String,
    },
    NoUser {
        name: String,
    },
    NotInstalled,
    NoRecipe {
        name: String,
    },
    /// A recipe's Dockerfile template the engine could not render (its own words).
    Dockerfile {
        why: String,
    },
    ObjectIncomplete,
    PodNotRunning {
        pod: String,
    },
    NoDeployment {
        target: String,
    },
    NoServicePort {
        target: String,
        port: u16,
    },
    SelectsNoPods {
        target: String,
    },
    NoRunningPod {
        target: String,
    },
    TargetPortNotPort {
        target: String,
        port: i32,
    },
    NoNamedPort {
        target: String,
        port: String,
    },
}
