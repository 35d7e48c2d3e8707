//! KUBIC's projects, IP pools, catalogs and apps from the keyboard: the operations as
//! data (`ops`), what the keys do on each view (`actions`), and the catalog-wide batch
//! command and file deploy.

mod actions;
mod batch;
pub mod done;
mod file_deploy;
pub mod install_offer;
pub mod ops;

pub use batch::parse_argv;
#[cfg(test)]
mod tests;
