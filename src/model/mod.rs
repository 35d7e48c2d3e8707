//! Pure KUBIC domain types: what the screens show, derived from Kubernetes objects without IO.

pub mod access;
pub mod age;
pub mod ansi;
pub mod app;
pub mod choices;
pub mod cluster;
pub mod crd;
pub mod describe;
pub mod detail;
pub mod failure;
pub mod forward;
pub mod login;
pub mod metrics;
pub mod password;
pub mod pod_wait;
pub mod quantity;
pub mod resource;
pub mod rows;
pub mod secret;
pub mod server_session;
pub mod taint;
pub mod typed_password;
pub mod user;
pub mod validate;
pub mod xray;
pub mod yaml;
