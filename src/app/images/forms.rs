//! The registry and image forms: registering or editing a registry (URL checked while
//! typing, the password masked) and creating an image (recipe and registry picked).

use crate::app::input::form::{Field, Form, FormKind, Offer, Pick, name};
use crate::app::kubic::ops::KubicOp;
use crate::model::cluster::NewBuild;
use crate::model::cluster::NewRegistry;

fn url(value: &str) -> Result<(), String> {
    crate::oci::Endpoint::parse(value, true).map(drop)
}

fn anything(_: &str) -> Result<(), String> {
    Ok(())
}

fn version(value: &str) -> Result<(), String> {
    let value = value.trim();
    let valid = !value.is_empty()
        && value.len() <= 128
        && value.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && !value.starts_with(['.', '-']);
    if valid {
        Ok(())
    } else {
        Err("an image tag: letters, digits, '.', '_', '-', e.g. 9.18.24".into())
    }
}

/// A field whose choices load after the form opens and only suggest: any valid value goes.
fn offered(mut field: Field) -> Field {
    field.pick = Pick::Free;
    field.offer = Offer::Loading;
    field
}

fn pick(mut field: Field, choices: Vec<String>) -> Field {
    field.choices = choices;
    field
}

impl Form {
    /// Registering a registry; `default_url` is the master's address on port 5000.
    pub fn new_registry(default_url: &str) -> Form {
        Form::registry_form(
            "register a registry",
            FormKind::Registry { editing: false },
            "",
            default_url,
            "insecure",
            "",
        )
    }

    /// Editing registry `name` (its name stays).
    pub fn edit_registry(registry: &str, url: &str, transport: &str, description: &str) -> Form {
        let mut form = Form::registry_form(
            &format!("edit registry {registry}"),
            FormKind::Registry { editing: true },
            registry,
            url,
            transport,
            description,
        );
        form.fields[0].choices = vec![registry.to_string()];
        form.focus = 2;
        form
    }

    fn registry_form(
        title: &str,
        kind: FormKind,
        registry: &str,
        url_value: &str,
        transport: &str,
        description: &str,
    ) -> Form {
        let mut password = Field::new("password", "", "kept in a Secret of kubic-system", anything);
        password.secret = true;
        let fields = vec![
            Field::new(
                "name",
                registry,
                "a DNS-1123 name: lowercase letters, digits, '-'",
                name,
            ),
            Field::new(
                "URL",
                url_value,
                "host:port, e.g. the master's address and port 5000",
                url,
            ),
            Field::new(
                "description",
                description,
                "what the registry holds (optional)",
                anything,
            ),
            pick(
                Field::new("transport", transport, "tls, or insecure for plain HTTP", anything),
                vec!["insecure".into(), "tls".into()],
            ),
            Field::new(
                "username",
                "",
                "optional; empty keeps the current credentials",
                anything,
            ),
            password,
        ];
        Form::with_fields(title.to_string(), kind, fields)
    }

    /// Creating an image: pick a recipe, type a version, pick the registry.
    pub fn new_build(recipes: Vec<String>, registries: Vec<String>) -> Form {
        let first = |list: &[String]| list.first().cloned().unwrap_or_default();
        let fields = vec![
            pick(
                Field::new("recipe", &first(&recipes), "the build recipe", anything),
                recipes,
            ),
            offered(Field::new(
                "version",
                "",
                "the version to build, e.g. 9.18.24 (the image's tag)",
                version,
            )),
            pick(
                Field::new("registry", &first(&registries), "where the image is pushed", anything),
                registries,
            ),
        ];
        Form::with_fields("create an image".into(), FormKind::Build, fields)
    }

    pub(in crate::app) fn registry_op(&self) -> KubicOp {
        KubicOp::SaveRegistry(Box::new(NewRegistry {
            name: self.value("name"),
            url: self.value("URL"),
            description: self.value("description"),
            insecure: self.value("transport") == "insecure",
            username: self.value("username"),
            password: self
                .fields
                .iter()
                .find(|f| f.label == "password")
                .map(|f| f.value.clone())
                .unwrap_or_default(),
        }))
    }

    pub(in crate::app) fn build_op(&self) -> KubicOp {
        KubicOp::CreateBuild(Box::new(NewBuild {
            recipe: self.value("recipe"),
            version: self.value("version"),
            registry: self.value("registry"),
        }))
    }
}
