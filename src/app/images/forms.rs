//! The registry and image forms: registering or editing a registry (URL checked while
//! typing, the password masked) and creating an image (recipe and registry picked).

use crate::app::input::form::{Field, Form, FormKind, Offer, Pick, name};
use crate::app::kubic::ops::KubicOp;
use crate::config::i18n::{Lang, t};
use crate::model::cluster::NewBuild;
use crate::model::cluster::NewRegistry;
use crate::model::validate::Invalid;

fn url(value: &str) -> Result<(), Invalid> {
    crate::oci::Endpoint::parse(value, true)
        .map(drop)
        .map_err(Invalid::Said)
}

fn anything(_: &str) -> Result<(), Invalid> {
    Ok(())
}

fn version(value: &str) -> Result<(), Invalid> {
    let value = value.trim();
    let valid = !value.is_empty()
        && value.len() <= 128
        && value.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && !value.starts_with(['.', '-']);
    if valid { Ok(()) } else { Err(Invalid::Version) }
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
    pub fn new_registry(default_url: &str, lang: Lang) -> Form {
        Form::registry_form(
            t!(lang, "form.title_new_registry").to_string(),
            FormKind::Registry { editing: false },
            ("", default_url, "insecure", ""),
            lang,
        )
    }

    /// Editing registry `name` (its name stays).
    pub fn edit_registry(registry: &str, url: &str, transport: &str, description: &str, lang: Lang) -> Form {
        let mut form = Form::registry_form(
            t!(lang, "form.title_edit_registry", registry = registry),
            FormKind::Registry { editing: true },
            (registry, url, transport, description),
            lang,
        );
        form.fields[0].choices = vec![registry.to_string()];
        form.focus = 2;
        form
    }

    /// The registry form: name, URL, description, transport, username and password.
    fn registry_form(
        title: String,
        kind: FormKind,
        (registry, url_value, transport, description): (&str, &str, &str, &str),
        lang: Lang,
    ) -> Form {
        let mut password = Field::new("password", "", t!(lang, "form.hint_registry_password"), anything)
            .labelled(t!(lang, "form.password"));
        password.secret = true;
        let fields = vec![
            Field::new("name", registry, t!(lang, "form.hint_name"), name).labelled(t!(lang, "form.name")),
            Field::new("URL", url_value, t!(lang, "form.hint_url"), url).labelled(t!(lang, "form.url")),
            Field::new(
                "description",
                description,
                t!(lang, "form.hint_registry_description"),
                anything,
            )
            .labelled(t!(lang, "form.description")),
            pick(
                Field::new("transport", transport, t!(lang, "form.hint_transport"), anything)
                    .labelled(t!(lang, "form.transport")),
                vec!["insecure".into(), "tls".into()],
            ),
            Field::new("username", "", t!(lang, "form.hint_username"), anything).labelled(t!(lang, "form.username")),
            password,
        ];
        Form::with_fields(title, kind, fields, lang)
    }

    /// Creating an image: pick a recipe, type a version, pick the registry.
    pub fn new_build(recipes: Vec<String>, registries: Vec<String>, lang: Lang) -> Form {
        let first = |list: &[String]| list.first().cloned().unwrap_or_default();
        let fields = vec![
            pick(
                Field::new("recipe", &first(&recipes), t!(lang, "form.hint_recipe"), anything)
                    .labelled(t!(lang, "form.recipe")),
                recipes,
            ),
            offered(
                Field::new("version", "", t!(lang, "form.hint_version"), version).labelled(t!(lang, "form.version")),
            ),
            pick(
                Field::new(
                    "registry",
                    &first(&registries),
                    t!(lang, "form.hint_build_registry"),
                    anything,
                )
                .labelled(t!(lang, "form.registry")),
                registries,
            ),
        ];
        Form::with_fields(
            t!(lang, "form.title_new_build").to_string(),
            FormKind::Build,
            fields,
            lang,
        )
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
                .find(|f| f.key == "password")
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
