//! The texts the viewer shows for what is composed from several reads (an app, an IP
//! pool, a host, work run in every pod of a catalog): pure functions of what was read,
//! so the runner only reads and these only write.

pub mod app;
pub mod host;
pub mod ip_pool;
pub mod pod_runs;
