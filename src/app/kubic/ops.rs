//! KUBIC's actions from the keyboard: which one a key means on the current view, the
//! one-line inputs they need (validated while typing), and the confirmations of the
//! destructive ones. The kube layer carries them out and enforces KUBIC's rules.

use crate::config::i18n::{Lang, t};
use crate::model::cluster::NewApp;
use crate::model::cluster::NewBuild;
use crate::model::cluster::NewRegistry;
use crate::model::invalid::Part;
use crate::model::validate::{self, Invalid};

/// A KUBIC operation the runner performs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KubicOp {
    CreateApp(Box<NewApp>),
    CreateProject(String),
    DeleteProject(String),
    AddIp {
        host: String,
        ip: String,
    },
    RemoveIp {
        host: String,
        ip: String,
    },
    /// Not a change: which app holds each IP of the host's pool.
    ShowPool {
        host: String,
    },
    Run {
        project: String,
        name: String,
    },
    Halt {
        project: String,
        name: String,
    },
    Scale {
        project: String,
        name: String,
        replicas: i32,
    },
    Update {
        project: String,
        name: String,
        tag: String,
    },
    Rollback {
        project: String,
        name: String,
        revision: u32,
    },
    Rebalance {
        project: String,
        name: String,
        ips: Vec<String>,
    },
    DeleteApp {
        project: String,
        name: String,
    },
    DeleteCatalog {
        name: String,
        cascade: bool,
    },
    SaveRegistry(Box<NewRegistry>),
    DeleteRegistry(String),
    CreateBuild(Box<NewBuild>),
    /// The build record, its Job, and its image in the registry.
    DeleteBuild(String),
    /// Host maintenance and the cluster description.
    Cluster(crate::app::hosts::ops::ClusterOp),
    /// KUBIC's users.
    User(crate::app::users::ops::UserOp),
}

impl KubicOp {
    /// What the log says about it: `run app demo/dns`.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// What the footer and the confirmation say about it, in `lang`.
    pub fn describe_in(&self, lang: Lang) -> String {
        match self {
            KubicOp::CreateApp(app) => t!(
                lang,
                "op.create_app",
                project = app.project,
                name = app.name,
                catalog = app.catalog
            ),
            KubicOp::CreateProject(name) => t!(lang, "op.create_project", name = name),
            KubicOp::DeleteProject(name) => t!(lang, "op.delete_project", name = name),
            KubicOp::AddIp { host, ip } => t!(lang, "op.add_ip", ip = ip, host = host),
            KubicOp::RemoveIp { host, ip } => t!(lang, "op.remove_ip", ip = ip, host = host),
            KubicOp::ShowPool { host } => t!(lang, "op.show_pool", host = host),
            KubicOp::Run { project, name } => t!(lang, "op.run", project = project, name = name),
            KubicOp::Halt { project, name } => t!(lang, "op.halt", project = project, name = name),
            KubicOp::Scale {
                project,
                name,
                replicas,
            } => t!(lang, "op.scale", project = project, name = name, replicas = replicas),
            KubicOp::Update { project, name, tag } => t!(lang, "op.update", project = project, name = name, tag = tag),
            KubicOp::Rollback {
                project,
                name,
                revision,
            } => t!(lang, "op.rollback", project = project, name = name, revision = revision),
            KubicOp::Rebalance { project, name, ips } => {
                t!(
                    lang,
                    "op.rebalance",
                    project = project,
                    name = name,
                    ips = ips.join(", ")
                )
            }
            KubicOp::DeleteApp { project, name } => t!(lang, "op.delete_app", project = project, name = name),
            KubicOp::DeleteCatalog { name, cascade: false } => t!(lang, "op.delete_catalog", name = name),
            KubicOp::DeleteCatalog { name, cascade: true } => t!(lang, "op.delete_catalog_cascade", name = name),
            KubicOp::SaveRegistry(registry) => {
                t!(lang, "op.save_registry", name = registry.name, url = registry.url)
            }
            KubicOp::DeleteRegistry(name) => t!(lang, "op.delete_registry", name = name),
            KubicOp::CreateBuild(build) => t!(
                lang,
                "op.create_build",
                recipe = build.recipe,
                version = build.version,
                registry = build.registry
            ),
            KubicOp::DeleteBuild(name) => t!(lang, "op.delete_build", name = name),
            KubicOp::Cluster(op) => op.describe_in(lang),
            KubicOp::User(op) => op.describe_in(lang),
        }
    }

    /// Whether the operator must confirm it first.
    pub fn is_destructive(&self) -> bool {
        if let KubicOp::Cluster(op) = self {
            return op.is_destructive();
        }
        if let KubicOp::User(op) = self {
            return op.is_destructive();
        }
        matches!(
            self,
            KubicOp::DeleteProject(_)
                | KubicOp::RemoveIp { .. }
                | KubicOp::Halt { .. }
                | KubicOp::DeleteApp { .. }
                | KubicOp::DeleteCatalog { .. }
                | KubicOp::DeleteRegistry(_)
                | KubicOp::DeleteBuild(_)
        )
    }
}

/// What a one-line input asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPurpose {
    NewProject,
    AddIp,
    RemoveIp { host: String },
    Scale { project: String, name: String },
    Update { project: String, name: String },
    Rollback { project: String, name: String },
    Rebalance { project: String, name: String },
    Host(crate::app::hosts::ops::HostInput),
}

impl InputPurpose {
    /// The question shown before the input.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            InputPurpose::NewProject => t!(lang, "prompt.new_project").into(),
            InputPurpose::AddIp => t!(lang, "prompt.add_ip").into(),
            InputPurpose::RemoveIp { host } => t!(lang, "prompt.remove_ip", host = host),
            InputPurpose::Scale { name, .. } => t!(lang, "prompt.scale", name = name),
            InputPurpose::Update { name, .. } => t!(lang, "prompt.update", name = name),
            InputPurpose::Rollback { name, .. } => t!(lang, "prompt.rollback", name = name),
            InputPurpose::Rebalance { name, .. } => t!(lang, "prompt.rebalance", name = name),
            InputPurpose::Host(input) => input.label(lang),
        }
    }

    /// The operation the input describes, or why it is not valid yet.
    pub fn parse(&self, input: &str) -> Result<KubicOp, Invalid> {
        let input = input.trim();
        let app = |project: &String, name: &String| (project.clone(), name.clone());
        match self {
            InputPurpose::Host(host) => host.parse(input).map(KubicOp::Cluster),
            InputPurpose::NewProject => validate::dns1123_label(input).map(|()| KubicOp::CreateProject(input.into())),
            InputPurpose::AddIp => {
                let (host, ip) = input.split_once(char::is_whitespace).ok_or(Invalid::HostAndIp)?;
                validate::dns1123_label(host.trim()).map_err(|e| e.of(Part::Host))?;
                let ip = validate::ip_address(ip)?;
                Ok(KubicOp::AddIp {
                    host: host.trim().into(),
                    ip,
                })
            }
            InputPurpose::RemoveIp { host } => Ok(KubicOp::RemoveIp {
                host: host.clone(),
                ip: validate::ip_address(input)?,
            }),
            InputPurpose::Scale { project, name } => {
                let replicas = validate::replicas(input)?;
                let (project, name) = app(project, name);
                Ok(KubicOp::Scale {
                    project,
                    name,
                    replicas,
                })
            }
            InputPurpose::Update { project, name } => {
                if input.is_empty() || input.contains(char::is_whitespace) {
                    return Err(Invalid::ImageTag);
                }
                let (project, name) = app(project, name);
                Ok(KubicOp::Update {
                    project,
                    name,
                    tag: input.into(),
                })
            }
            InputPurpose::Rollback { project, name } => {
                let revision = input.parse::<u32>().ok().filter(|r| *r > 0).ok_or(Invalid::Revision)?;
                let (project, name) = app(project, name);
                Ok(KubicOp::Rollback {
                    project,
                    name,
                    revision,
                })
            }
            InputPurpose::Rebalance { project, name } => {
                let ips = input
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "<none>")
                    .map(validate::ip_address)
                    .collect::<Result<Vec<_>, _>>()?;
                let (project, name) = app(project, name);
                Ok(KubicOp::Rebalance { project, name, ips })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_input(purpose: fn(String, String) -> InputPurpose) -> InputPurpose {
        purpose("demo".into(), "dns".into())
    }

    #[test]
    fn inputs_validate_while_typing() {
        assert_eq!(
            InputPurpose::NewProject.parse("demo-web"),
            Ok(KubicOp::CreateProject("demo-web".into()))
        );
        assert!(InputPurpose::NewProject.parse("Demo").is_err());
        assert_eq!(
            InputPurpose::AddIp.parse("kube-minion1 192.0.2.10"),
            Ok(KubicOp::AddIp {
                host: "kube-minion1".into(),
                ip: "192.0.2.10".into()
            })
        );
        assert!(
            InputPurpose::AddIp
                .parse("kube-minion1")
                .unwrap_err()
                .to_string()
                .contains("host, a space")
        );
        assert!(InputPurpose::AddIp.parse("kube-minion1 300.0.0.1").is_err());
        let scale = app_input(|project, name| InputPurpose::Scale { project, name });
        assert!(matches!(scale.parse("3"), Ok(KubicOp::Scale { replicas: 3, .. })));
        assert!(scale.parse("-1").is_err());
        let rollback = app_input(|project, name| InputPurpose::Rollback { project, name });
        assert!(rollback.parse("0").is_err());
        assert!(matches!(rollback.parse("2"), Ok(KubicOp::Rollback { revision: 2, .. })));
        let rebalance = app_input(|project, name| InputPurpose::Rebalance { project, name });
        assert_eq!(
            rebalance.parse("192.0.2.10, 192.0.2.11"),
            Ok(KubicOp::Rebalance {
                project: "demo".into(),
                name: "dns".into(),
                ips: vec!["192.0.2.10".into(), "192.0.2.11".into()]
            })
        );
        assert!(matches!(rebalance.parse(""), Ok(KubicOp::Rebalance { ips, .. }) if ips.is_empty()));
        assert!(rebalance.parse("192.0.2.10, nope").is_err());
    }

    #[test]
    fn destructive_operations_are_confirmed_and_described() {
        let halt = KubicOp::Halt {
            project: "demo".into(),
            name: "dns".into(),
        };
        assert!(halt.is_destructive());
        assert_eq!(halt.describe(), "halt app demo/dns");
        assert!(!KubicOp::CreateProject("x".into()).is_destructive());
    }
}
