//! The TCP ports a forward's target declares, read from the object as the API server
//! returned it: a pod's (or a deployment's pod template's) container ports, a service's
//! ports, an app's ports. Port-forwards carry TCP only, so UDP ports are left out.

use serde_json::Value;

use super::ForwardKind;

/// A port the target declares, with its name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredPort {
    pub port: u16,
    pub name: Option<String>,
}

impl DeclaredPort {
    /// `80` or `80 (http)`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("{} ({name})", self.port),
            None => self.port.to_string(),
        }
    }
}

/// What the runner found before the form opens: the target's ports and a free local port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardOffer {
    pub ports: Vec<DeclaredPort>,
    pub local_port: u16,
}

/// The TCP ports `object` (of `kind`) declares, each once, in the order it lists them.
pub fn declared_ports(kind: ForwardKind, object: &Value) -> Vec<DeclaredPort> {
    let (list, number): (Vec<&Value>, &str) = match kind {
        ForwardKind::Pod => (container_ports(object.pointer("/spec")), "containerPort"),
        ForwardKind::Deployment => (container_ports(object.pointer("/spec/template/spec")), "containerPort"),
        ForwardKind::Service | ForwardKind::App => (items(object.pointer("/spec/ports")), "port"),
    };
    let mut ports: Vec<DeclaredPort> = Vec::new();
    for entry in list {
        let protocol = entry.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
        let port = entry
            .get(number)
            .and_then(Value::as_u64)
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| *n > 0);
        let Some(port) = port.filter(|_| protocol.eq_ignore_ascii_case("TCP")) else {
            continue;
        };
        if !ports.iter().any(|known| known.port == port) {
            let name = entry.get("name").and_then(Value::as_str).map(String::from);
            ports.push(DeclaredPort { port, name });
        }
    }
    ports
}

fn items(value: Option<&Value>) -> Vec<&Value> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// Every port of every container (init containers do not serve) of a pod spec.
fn container_ports(spec: Option<&Value>) -> Vec<&Value> {
    items(spec.and_then(|spec| spec.get("containers")))
        .into_iter()
        .flat_map(|container| items(container.get("ports")))
        .collect()
}

/// A port typed into a form: a number from 1 to 65535.
pub fn parse_port(text: &str) -> Option<u16> {
    text.trim().parse::<u16>().ok().filter(|port| *port > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ports(kind: ForwardKind, object: Value) -> Vec<String> {
        declared_ports(kind, &object).iter().map(DeclaredPort::label).collect()
    }

    #[test]
    fn each_kind_declares_its_tcp_ports_once_in_order() {
        let containers = json!([
            {"name": "web", "ports": [{"name": "http", "containerPort": 8080}, {"containerPort": 53, "protocol": "UDP"}]},
            {"name": "side", "ports": [{"containerPort": 9090, "protocol": "TCP"}, {"containerPort": 8080}]}
        ]);
        let pod = json!({"spec": {"containers": containers}});
        assert_eq!(ports(ForwardKind::Pod, pod), ["8080 (http)", "9090"]);
        let deployment = json!({"spec": {"template": {"spec": {"containers": containers}}}});
        assert_eq!(ports(ForwardKind::Deployment, deployment), ["8080 (http)", "9090"]);
        let service = json!({"spec": {"ports": [{"name": "web", "port": 80, "targetPort": "http"}, {"port": 7}]}});
        assert_eq!(ports(ForwardKind::Service, service), ["80 (web)", "7"]);
        let app = json!({"spec": {"ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]}});
        assert_eq!(ports(ForwardKind::App, app), ["53"]);
    }

    #[test]
    fn an_object_without_ports_or_with_bad_ones_declares_none() {
        assert!(ports(ForwardKind::Pod, json!({})).is_empty());
        let bad = json!({"spec": {"containers": [{"ports": [{"containerPort": 0}, {"containerPort": 70000}, {"containerPort": "x"}]}]}});
        assert!(ports(ForwardKind::Pod, bad).is_empty());
    }

    #[test]
    fn a_typed_port_is_1_to_65535() {
        assert_eq!(parse_port(" 8080 "), Some(8080));
        for bad in ["0", "65536", "-1", "http", ""] {
            assert_eq!(parse_port(bad), None, "{bad}");
        }
    }
}
