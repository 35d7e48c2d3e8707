//! Rows of the registry and build kinds: registries (address, TLS, credentials),
//! build recipes, and image builds with their phase.

use kube::core::DynamicObject;

use super::{Drill, Health, RegistryFacts, RowFacts, at, raw, text};

pub const REGISTRY_COLUMNS: &[&str] = &["URL", "TLS", "CREDENTIALS", "DESCRIPTION"];
pub const RECIPE_COLUMNS: &[&str] = &["IMAGE", "FILES", "DESCRIPTION"];
pub const IMAGE_BUILD_COLUMNS: &[&str] = &["IMAGE", "PHASE", "REGISTRY", "RECIPE", "VERSION"];

type Projection = (Vec<String>, Health, Option<Drill>);

pub fn registry(object: &DynamicObject) -> Projection {
    let insecure = insecure(object);
    let cells = vec![
        text(object, "/spec/url"),
        if insecure { "insecure" } else { "tls" }.to_string(),
        text(object, "/spec/credentialsSecret"),
        text(object, "/spec/description").replace('\n', " "),
    ];
    (cells, Health::Neutral, None)
}

/// What the registry's edit form starts from.
pub fn registry_facts(object: &DynamicObject) -> RowFacts {
    RowFacts::Registry(Box::new(RegistryFacts {
        url: raw(object, "/spec/url"),
        insecure: insecure(object),
        description: raw(object, "/spec/description"),
    }))
}

fn insecure(object: &DynamicObject) -> bool {
    at(object, "/spec/insecure").and_then(|v| v.as_bool()).unwrap_or(false)
}

pub fn recipe(object: &DynamicObject) -> Projection {
    let files = at(object, "/spec/files")
        .and_then(|v| v.as_object())
        .map_or(0, |f| f.len());
    let cells = vec![
        text(object, "/spec/image"),
        files.to_string(),
        text(object, "/spec/description").replace('\n', " "),
    ];
    (cells, Health::Neutral, None)
}

pub fn image_build(object: &DynamicObject) -> Projection {
    let phase = match text(object, "/status/phase").as_str() {
        "-" => "Pending".to_string(),
        phase => phase.to_string(),
    };
    let health = match phase.as_str() {
        "Succeeded" => Health::Ok,
        "Failed" => Health::Error,
        _ => Health::Pending,
    };
    let cells = vec![
        text(object, "/spec/image"),
        phase,
        text(object, "/spec/registry"),
        text(object, "/spec/recipe"),
        text(object, "/spec/version"),
    ];
    (cells, health, None)
}

#[cfg(test)]
mod tests {
    use super::super::object;
    use super::*;
    use serde_json::json;

    #[test]
    fn registries_show_their_address_and_tls() {
        let (cells, _, _) = registry(&object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "Registry", "metadata": {"name": "local"},
            "spec": {"url": "192.0.2.1:5000", "insecure": true, "description": "the master's"}
        })));
        assert_eq!(cells, ["192.0.2.1:5000", "insecure", "-", "the master's"]);
    }

    #[test]
    fn a_registry_row_knows_its_url_transport_and_description() {
        let facts = registry_facts(&object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "Registry", "metadata": {"name": "local"},
            "spec": {"url": "192.0.2.1:5000", "insecure": true, "description": "the master's\nmirror"}
        })));
        let expected = RegistryFacts {
            url: "192.0.2.1:5000".into(),
            insecure: true,
            description: "the master's\nmirror".into(),
        };
        assert_eq!(facts.registry(), Some(&expected));
        let tls = registry_facts(&object(json!({
            "apiVersion": "kubic.io/v1alpha1", "kind": "Registry", "metadata": {"name": "hub"},
            "spec": {"url": "https://registry.example"}
        })));
        let tls = tls.registry().unwrap();
        assert!(!tls.insecure && tls.description.is_empty());
    }

    #[test]
    fn image_builds_colour_by_phase() {
        let build = |phase: &str| {
            image_build(&object(json!({
                "apiVersion": "kubic.io/v1alpha1", "kind": "ImageBuild", "metadata": {"name": "b"},
                "spec": {"recipe": "bind", "version": "9.18", "registry": "local", "image": "bind:9.18"},
                "status": {"phase": phase}
            })))
        };
        assert_eq!(build("Succeeded").1, Health::Ok);
        assert_eq!(build("Failed").1, Health::Error);
        assert_eq!(build("").0[1], "Pending");
    }
}
