//! The messages of the state machine: what happened (actions) and what the runner
//! must do about it (effects), with the objects they carry.

use std::net::IpAddr;

use crossterm::event::KeyEvent;
use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use super::Header;
use crate::model::cluster::ObjectRef;
use crate::model::cluster::RowEvent;
use crate::model::failure::Failure;
use crate::model::forward::ForwardKind;
use crate::model::forward::ports::ForwardOffer;
use crate::model::forward::session::{ForwardRequest, ForwardStatus};
use crate::model::metrics::Sample;
use crate::model::metrics::overview::Overview;
use crate::model::resource::ResourceKind;

/// Why an object is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Describe,
    Yaml,
    Edit,
    EditExternal,
    /// An app's rendered manifest (current revision).
    Manifest,
    /// A Secret's values, decoded from base64 (`x` on a Secret).
    Decode,
}

/// An object read from the cluster, with the events about it (for describe).
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub object: Value,
    pub events: Vec<Value>,
}

/// Something that happened: a key, an answer from the cluster, a signal, the clock.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Resized {
        width: u16,
        height: u16,
    },
    Tick(Timestamp),
    ServerVersion(Result<String, Failure>),
    Discovered(Result<Vec<ResourceKind>, Failure>),
    Rows {
        view: u64,
        event: RowEvent,
    },
    /// An event of the watch of `kind` feeding owner tree `tree`.
    TreeRows {
        tree: u64,
        kind: crate::model::xray::TreeKind,
        event: RowEvent<crate::model::xray::TreeItem>,
    },
    Fetched {
        purpose: Purpose,
        object: ObjectRef,
        result: Result<Fetched, Failure>,
    },
    Applied {
        object: ObjectRef,
        result: Result<(), Failure>,
    },
    Deleted {
        object: ObjectRef,
        result: Result<(), Failure>,
    },
    ContextSwitched(Result<(Header, Option<String>), Failure>),
    ExternalEdited {
        object: ObjectRef,
        original: String,
        result: Result<String, Failure>,
    },
    /// A text the runner composed (an app's detail or manifest), to show in the viewer.
    TextReady {
        kind: super::input::overlay::TextKind,
        object: ObjectRef,
        result: Result<String, Failure>,
    },
    /// A KUBIC operation ended; `Ok` carries what to tell the operator.
    KubicDone {
        op: super::kubic::ops::KubicOp,
        result: Result<crate::model::done::Done, Failure>,
    },
    /// Events of the log stream `stream`, batched.
    Log {
        stream: u64,
        events: Vec<crate::model::cluster::LogEvent>,
    },
    /// A batch command `argv` ended: how it went in each pod, or why it could not run.
    BatchDone {
        catalog: String,
        argv: Vec<String>,
        result: Result<Vec<crate::model::detail::pod_runs::PodResult>, Failure>,
    },
    /// A file deploy ended: how it went in each pod, or why it could not run.
    FilesDeployed {
        catalog: String,
        result: Result<Vec<crate::model::detail::pod_runs::PodResult>, Failure>,
    },
    /// The rolling restart after a file deploy: deployments restarted, or why not.
    AppsRestarted(Result<usize, Failure>),
    /// Text pasted into the terminal.
    Paste(String),
    /// Output of console `id`'s remote terminal.
    ConsoleOutput {
        id: u64,
        bytes: Vec<u8>,
    },
    /// Console `id`'s toolbox pod is being started: its name, image and project.
    ConsoleStarting {
        id: u64,
        pod: String,
        image: String,
        namespace: String,
    },
    /// Console `id`'s shell ended (or never started): how.
    ConsoleEnded {
        id: u64,
        end: crate::model::console_end::ConsoleEnd,
    },
    /// Console `id`'s toolbox pod is not running yet and says why (`None`: it runs now).
    ConsoleWaiting {
        id: u64,
        wait: Option<Box<crate::model::pod_wait::PodWait>>,
    },
    /// A console cancelled while its pod was starting: the pod removed, or why not.
    ConsoleCancelled {
        pod: String,
        result: Result<(), Failure>,
    },
    /// Whether the identity may create CustomResourceDefinitions (for `kubic install`).
    InstallAllowed(Result<bool, Failure>),
    /// `kubic install` ended: how many objects it applied, or why it failed.
    Installed(Result<usize, Failure>),
    /// What the tour's steps find in the cluster.
    TourCounted(Box<crate::model::tour::TourCounts>),
    /// The log buffer was saved (the path) or not (why).
    LogSaved(Result<String, Failure>),
    /// An answer about a registry or an image build.
    RegistryAnswer {
        request: super::images::browse::RegistryRequest,
        result: Result<super::images::browse::RegistryReply, Failure>,
    },
    /// A metrics poll: a sample of every host, or why the cluster could not be polled.
    Metrics(Result<Box<Sample>, Failure>),
    /// The dashboard's counts and description.
    Overview(Box<Overview>),
    /// A list of pod metrics for a pods table of `scope`: each pod's use, or why not.
    PodUsage {
        scope: crate::model::cluster::Scope,
        result: Result<std::sync::Arc<crate::model::metrics::pods::PodUsages>, Failure>,
    },
    /// One step of a long host operation (a drain, pod by pod).
    ClusterProgress(String),
    /// Live sessions per user on the server this session is served by.
    LiveSessions(std::collections::BTreeMap<String, usize>),
    /// The cluster's projects, for the user forms' pick.
    ProjectsListed(Result<Vec<String>, Failure>),
    /// The logged-in user's own password change ended.
    PasswordChanged(Result<(), Failure>),
    /// Choices a form asked for, or why they could not be read.
    Choices {
        request: super::input::choices::ChoiceRequest,
        result: Result<super::input::choices::ChoiceReply, Failure>,
    },
    /// What the identity may do in `namespace` (`None`: cluster-wide), or why the
    /// API server would not say.
    AccessRules {
        namespace: Option<String>,
        result: Result<crate::model::access::AccessRules, Failure>,
    },
    /// The live sessions of the server (for an admin's `:sessions`).
    ServerSessions(std::sync::Arc<Vec<crate::model::server_session::LiveSession>>),
    /// The recent audit entries of the server, newest first (for an admin's `:audit`).
    AuditTrail(std::sync::Arc<Vec<crate::model::server_session::AuditEntry>>),
    /// Whether the server ended session `id` as asked.
    SessionEnded {
        id: u64,
        ended: bool,
    },
    /// The ports `object` declares and a free local port, for the port-forward form.
    ForwardPrepared {
        kind: ForwardKind,
        object: ObjectRef,
        result: Result<ForwardOffer, Failure>,
    },
    /// Whether `address:port` could be listened on (`Err`: why not).
    LocalPortProbed {
        address: IpAddr,
        port: u16,
        result: Result<(), String>,
    },
    /// Port-forward `id`'s state and counters.
    ForwardUpdate {
        id: u64,
        status: ForwardStatus,
    },
    /// A copy reached the terminal (what the footer says), or could not (why).
    Copied(Result<String, String>),
    Terminate,
}

/// What the runner must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Redraw,
    Quit,
    Discover,
    Fetch {
        purpose: Purpose,
        object: ObjectRef,
    },
    Apply {
        object: ObjectRef,
        edited: Value,
    },
    Delete(ObjectRef),
    SwitchContext(String),
    /// Put `text` on the terminal's clipboard (OSC 52); `done` is what the footer says then.
    Copy {
        text: String,
        done: String,
    },
    /// Suspend the TUI and edit `yaml` in `$EDITOR`.
    EditExternal {
        object: ObjectRef,
        yaml: String,
    },
    /// Carry out a KUBIC operation (the kube layer checks KUBIC's rules).
    Kubic(super::kubic::ops::KubicOp),
    /// Create a new object (server-side dry run first).
    Create {
        object: ObjectRef,
        edited: Value,
    },
    /// Start a tty exec for console `id` with a remote terminal of `rows`x`cols`.
    OpenConsole {
        id: u64,
        request: crate::model::cluster::ExecRequest,
        rows: u16,
        cols: u16,
    },
    /// A KUBIC console: a fresh toolbox pod from `image` in `namespace` (`None`: the
    /// context's), then a tty shell in it as console `id`.
    OpenToolbox {
        id: u64,
        namespace: Option<String>,
        image: String,
        /// For a catalog's files console: the catalog whose files volume is mounted at /data.
        files_of: Option<String>,
        rows: u16,
        cols: u16,
    },
    /// Run `argv` in every pod of every app of `catalog`.
    Batch {
        catalog: String,
        argv: Vec<String>,
    },
    /// Copy catalog `catalog`'s files into every pod of its apps.
    DeployFiles {
        catalog: String,
        image: String,
    },
    /// Rolling restart of these apps (`project`, `app`).
    RestartApps(Vec<(String, String)>),
    /// Bytes typed into console `id`.
    ConsoleInput {
        id: u64,
        bytes: Vec<u8>,
    },
    ConsoleResize {
        id: u64,
        rows: u16,
        cols: u16,
    },
    /// Stop console `id`'s session.
    CloseConsole {
        id: u64,
    },
    /// Ask the API server whether the identity may do `check` cluster-wide (before
    /// offering `kubic install`).
    MayInstall(crate::model::access::Check),
    /// Run `kubic install`.
    Install,
    /// Count what the tour's steps find (hosts, IP pool, projects … apps).
    CountTour,
    /// The tour is done: remember it for the next session (locally; a served session
    /// keeps it for itself).
    RememberTourDone,
    /// Stop console `id` while its pod starts, remove the pod and say so.
    CancelConsole {
        id: u64,
    },
    /// Write the log buffer to a file.
    SaveLog {
        path: std::path::PathBuf,
        text: String,
    },
    /// Ask a registry (or the cluster about image builds) one question.
    Registry(super::images::browse::RegistryRequest),
    /// List the projects (for the user forms).
    ListProjects,
    /// Read choices a form offers (projects, hosts, free IPs, unbuilt tags).
    Choices(super::input::choices::ChoiceRequest),
    /// Change the logged-in user's own password, with the server's identity: the old
    /// one is checked first.
    ChangePassword(super::users::ops::PasswordChange),
    /// Ask what the identity may do in `namespace` (`None`: cluster-wide): the rules
    /// review, and an access review of each of `checks` the rules cannot decide.
    AccessRules {
        namespace: Option<String>,
        checks: Vec<crate::model::access::Check>,
    },
    /// Ask the server to end its session `id` (an admin's `ctrl-d` on `:sessions`).
    EndSession(u64),
    /// Read `object`'s declared ports and find a free local port, for the forward form.
    PrepareForward {
        kind: ForwardKind,
        object: ObjectRef,
    },
    /// Try whether `address:port` can be listened on.
    ProbeLocalPort {
        address: IpAddr,
        port: u16,
    },
    /// Start a port-forward: listen locally, each connection to the target's pod.
    StartForward(ForwardRequest),
    /// Stop port-forward `id`: its listener closes, its connections end.
    StopForward {
        id: u64,
    },
}
