//! All cluster IO lives here: connecting, watching, logs, exec, metrics and changes.
//! Nothing outside this module talks to the API server.

pub mod access;
pub mod batch;
pub mod catalog_files;
pub mod census;
pub mod connect;
pub mod deadline;
pub mod discovery;
pub mod drain;
pub mod errors;
pub mod exec;
pub mod file_deploy;
pub mod hosts;
pub mod install;
pub mod kubic;
pub mod log_follow;
pub mod logs;
pub mod metrics;
pub mod namespaces;
pub mod objects;
pub mod overview;
pub mod pod_wait;
pub mod port_forward;
pub mod rbac_changes;
pub mod retry;
pub mod ssh_host_key;
pub mod stats;
pub mod tables;
pub mod toolbox;
pub mod tour;
pub mod users;
pub mod version;
pub mod watch;
pub mod workloads;
pub mod xray;

pub use connect::{ConnectOptions, Connection, connect};
pub use errors::KubeError;
