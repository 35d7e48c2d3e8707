//! `kubic serve`: kubic as a multi-user SSH server. Every SSH session with a pty runs
//! its own kubic session drawn into its channel, acting as its logged-in user.

pub mod auth;
pub mod handler;
pub mod host_key;
pub mod server;
pub mod session_task;
pub mod sessions;
pub mod throttle;
