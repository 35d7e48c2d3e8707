//! KUBIC's operations on the cluster: projects, IP pools, catalogs and the app
//! lifecycle, each checking KUBIC's rules before it changes anything.

pub mod apply;
pub mod apps;
pub mod build_log;
pub mod builder;
pub mod builds;
pub mod catalogs;
pub mod choices;
pub mod ippools;
pub mod projects;
pub mod registries;
pub mod status;

use crate::kube::connect::explain;
