//! Where a port-forward goes, as an SSH client names it in `ssh -L 8080:pod/NS/NAME:80`:
//! a pod, a service, a deployment or a KUBIC app, with its namespace or the user's own
//! project; and (`session`, `ports`) the forwards a session keeps open itself.

use std::fmt;

pub mod ports;
pub mod session;

/// What a forward reaches: a pod itself, or one running pod of a service, a deployment
/// or an app (through the app's deployment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardKind {
    Pod,
    Service,
    Deployment,
    App,
}

impl ForwardKind {
    fn parse(word: &str) -> Option<ForwardKind> {
        match word.to_ascii_lowercase().as_str() {
            "pod" | "pods" | "po" => Some(ForwardKind::Pod),
            "service" | "services" | "svc" => Some(ForwardKind::Service),
            "deployment" | "deployments" | "deploy" => Some(ForwardKind::Deployment),
            "app" | "apps" | "kapp" => Some(ForwardKind::App),
            _ => None,
        }
    }

    /// The short name kubectl knows the kind by (`svc`, `deploy`), for narrow lists.
    pub fn short(self) -> &'static str {
        match self {
            ForwardKind::Pod => "pod",
            ForwardKind::Service => "svc",
            ForwardKind::Deployment => "deploy",
            ForwardKind::App => "app",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            ForwardKind::Pod => "pod",
            ForwardKind::Service => "service",
            ForwardKind::Deployment => "deployment",
            ForwardKind::App => "app",
        }
    }
}

/// One forward's far end: `kind/namespace/name` and the port there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardTarget {
    pub kind: ForwardKind,
    pub namespace: String,
    pub name: String,
    /// The container port for a pod or deployment; the service's port for a service.
    pub port: u16,
}

impl fmt::Display for ForwardTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}:{}", self.kind.word(), self.namespace, self.name, self.port)
    }
}

/// Why a forward's destination was not understood; the SSH client prints it.
pub const FORWARD_FORMS: &str = "forward to pod/NAMESPACE/NAME, service/NAMESPACE/NAME, deployment/NAMESPACE/NAME or app/NAMESPACE/NAME (or KIND/NAME in your project)";

/// Reads `host` (`kind/namespace/name` or `kind/name`, the latter in `project`) and
/// `port` as an SSH direct-tcpip request gives them.
pub fn parse_forward(host: &str, port: u32, project: &str) -> Result<ForwardTarget, String> {
    let port = u16::try_from(port)
        .ok()
        .filter(|port| *port > 0)
        .ok_or_else(|| format!("port {port} is not a port (1-65535)"))?;
    let parts: Vec<&str> = host.split('/').collect();
    let (kind, namespace, name) = match parts.as_slice() {
        [kind, namespace, name] => (*kind, *namespace, *name),
        [kind, name] => (*kind, project, *name),
        _ => return Err(format!("{host:?}: {FORWARD_FORMS}")),
    };
    let kind = ForwardKind::parse(kind).ok_or_else(|| format!("{host:?}: {FORWARD_FORMS}"))?;
    for (what, value) in [("namespace", namespace), ("name", name)] {
        if !is_dns_name(value) {
            return Err(format!("{host:?}: {value:?} is not a {what}"));
        }
    }
    Ok(ForwardTarget {
        kind,
        namespace: namespace.to_string(),
        name: name.to_string(),
        port,
    })
}

/// A Kubernetes object name (DNS subdomain: lower-case letters, digits, `-` and `.`).
fn is_dns_name(value: &str) -> bool {
    let bytes = value.as_bytes();
    !value.is_empty()
        && value.len() <= 253
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'.')
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_three_kinds_with_or_without_a_namespace() {
        let pod = parse_forward("pod/shop/web-0", 80, "mine").unwrap();
        assert_eq!(
            (pod.kind, pod.namespace.as_str(), pod.name.as_str(), pod.port),
            (ForwardKind::Pod, "shop", "web-0", 80)
        );
        let svc = parse_forward("svc/db", 5432, "mine").unwrap();
        assert_eq!(
            (svc.kind, svc.namespace.as_str(), svc.name.as_str()),
            (ForwardKind::Service, "mine", "db")
        );
        let deploy = parse_forward("Deployment/shop/api", 8080, "mine").unwrap();
        assert_eq!(deploy.kind, ForwardKind::Deployment);
        assert_eq!(deploy.to_string(), "deployment/shop/api:8080");
        let app = parse_forward("app/dns", 53, "mine").unwrap();
        assert_eq!(
            (app.kind, app.to_string().as_str()),
            (ForwardKind::App, "app/mine/dns:53")
        );
    }

    #[test]
    fn what_is_not_a_forward_is_refused_with_the_forms_it_takes() {
        for host in [
            "localhost",
            "node/shop/x",
            "pod/a/b/c",
            "pod//x",
            "pod/Shop/x",
            "pod/shop/-x",
            "",
        ] {
            let error = parse_forward(host, 80, "mine").unwrap_err();
            assert!(error.contains(host) || error.contains("is not a"), "{host}: {error}");
        }
        assert!(parse_forward("pod/a/b", 0, "mine").unwrap_err().contains("not a port"));
        assert!(
            parse_forward("pod/a/b", 70000, "mine")
                .unwrap_err()
                .contains("not a port")
        );
    }

    proptest! {
        #[test]
        fn whatever_the_client_sends_is_parsed_or_refused_without_panicking(host in ".{0,80}", port in any::<u32>()) {
            if let Ok(target) = parse_forward(&host, port, "mine") {
                prop_assert!(target.port > 0);
                prop_assert!(is_dns_name(&target.namespace) && is_dns_name(&target.name));
                let again = parse_forward(target.to_string().rsplit_once(':').unwrap().0, port, "other");
                prop_assert_eq!(again, Ok(target));
            }
        }
    }
}
