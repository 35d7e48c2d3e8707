//! Pure KUBIC domain types: what the screens show, derived from Kubernetes objects without IO.

pub mod age;
pub mod host;
pub mod quantity;
