//! `kubic serve`: kubic as a multi-user SSH server. Every SSH session with a pty runs
//! its own kubic session drawn into its channel, acting as its logged-in user: logins
//! and their throttling, the live sessions and the audit trail, the host key, and the byte-level ends of a
//! far terminal (input decoded into events, frames queued for a slow reader, colours
//! brought down to what the far terminal shows).

pub mod audit;
pub mod auth;
pub mod color;
pub mod forward;
pub mod handler;
pub mod host_key;
pub mod input;
pub mod output;
pub mod server;
pub mod session_side;
pub mod session_task;
pub mod sessions;
pub mod shared;
pub mod tables;
pub mod throttle;
pub mod usage;
