//! The values a catalog template sees: everything the app creation form asks for.

use serde::Serialize;

use crate::model::crd::AppPort;

/// An app's values as template variables: `{{ name }}`, `{{ image }}`, `{{ replicas }}`,
/// `{% for p in ports %}`, `{{ service_ips | tojson }}`…
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppValues {
    /// The app's name, also the name of the objects it creates.
    pub name: String,
    /// The project (namespace) the app lives in.
    pub namespace: String,
    /// The full image reference: `registry/repository:tag`.
    pub image: String,
    pub registry: String,
    pub repository: String,
    pub tag: String,
    pub replicas: i32,
    /// CPU limit as a quantity (`500m`), or none.
    pub cpu: Option<String>,
    /// Memory limit as a quantity (`512Mi`), or none.
    pub memory: Option<String>,
    pub ports: Vec<AppPort>,
    pub host: Option<String>,
    pub service_ips: Vec<String>,
}

impl AppValues {
    /// Values for `name` in `namespace` from a catalog's registry and image.
    pub fn new(name: &str, namespace: &str, registry: &str, repository: &str, tag: &str) -> AppValues {
        let image = if registry.is_empty() {
            format!("{repository}:{tag}")
        } else {
            format!("{}/{repository}:{tag}", registry.trim_end_matches('/'))
        };
        AppValues {
            name: name.into(),
            namespace: namespace.into(),
            image,
            registry: registry.into(),
            repository: repository.into(),
            tag: tag.into(),
            replicas: 1,
            cpu: None,
            memory: None,
            ports: Vec::new(),
            host: None,
            service_ips: Vec::new(),
        }
    }
}

/// The values a template is checked with when a catalog is saved.
pub fn sample_values() -> AppValues {
    let mut values = AppValues::new("sample", "sample-project", "127.0.0.1:5000", "sample", "1.0");
    values.replicas = 2;
    values.cpu = Some("500m".into());
    values.memory = Some("256Mi".into());
    values.ports = vec![
        AppPort {
            port: 53,
            protocol: "TCP".into(),
        },
        AppPort {
            port: 53,
            protocol: "UDP".into(),
        },
    ];
    values.host = Some("kube-minion1".into());
    values.service_ips = vec!["192.0.2.10".into()];
    values
}
