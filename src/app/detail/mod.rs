//! The texts the viewer shows for what is composed from several reads (an app, an IP
//! pool, a host, work run in every pod of a catalog), in the session's language: pure
//! functions of what was read, so the runner only reads and these only write. The
//! kubectl-like description under them keeps the object's own field names.

pub mod app;
pub mod host;
pub mod ip_pool;
pub mod reports;
