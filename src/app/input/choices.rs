//! The choices forms load as they open: the app form's projects, hosts and each host's
//! free service IPs, the image form's versions not yet built. The runner answers each
//! request; an answer fills the field it is for, or tells it why it could not.

use std::collections::BTreeMap;

use crate::app::input::form::{Form, FormKind};
use crate::app::{App, Effect, Mode};
use crate::config::i18n::t;
use crate::model::failure::Failure;

/// What a form asks the runner for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceRequest {
    /// The projects there are.
    Projects,
    /// The cluster's hosts.
    Hosts,
    /// Each host's pool IPs that no app holds.
    FreeIps,
    /// The tags of `recipe`'s repository in `registry` that no build has made.
    UnbuiltTags { recipe: String, registry: String },
}

/// What the runner answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceReply {
    Names(Vec<String>),
    /// Per host.
    ByHost(BTreeMap<String, Vec<String>>),
}

/// The image form's version field.
const VERSION: &str = "version";

/// The requests that fill the app form (its tags come with the catalog's, see `images`).
pub(in crate::app) fn app_form_requests() -> Vec<Effect> {
    [ChoiceRequest::Projects, ChoiceRequest::Hosts, ChoiceRequest::FreeIps]
        .into_iter()
        .map(Effect::Choices)
        .collect()
}

/// The request for the versions the image form offers, for its recipe and registry now.
pub(in crate::app) fn unbuilt_tags_request(form: &Form) -> Option<ChoiceRequest> {
    (form.kind == FormKind::Build).then(|| ChoiceRequest::UnbuiltTags {
        recipe: form.value("recipe"),
        registry: form.value("registry"),
    })
}

impl App {
    /// An answer for the open form; one for a form that has closed, or for a recipe and
    /// registry the image form no longer names, is dropped.
    pub(in crate::app) fn on_choices(
        &mut self,
        request: ChoiceRequest,
        result: Result<ChoiceReply, Failure>,
    ) -> Vec<Effect> {
        let lang = self.lang;
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        let reason = |failure: Failure| lang.failure(&failure);
        match (request, form.kind.clone()) {
            (ChoiceRequest::Projects, FormKind::App) => form.offer("project", names(result).map_err(reason)),
            (ChoiceRequest::Hosts, FormKind::App) => form.offer("host", names(result).map_err(reason)),
            (ChoiceRequest::FreeIps, FormKind::App) => match result {
                Ok(ChoiceReply::ByHost(free)) => form.offer_by_leader("service IPs", free),
                Ok(ChoiceReply::Names(_)) => form.offer("service IPs", Err(t!(lang, "picker.unexpected").into())),
                Err(failure) => form.offer("service IPs", Err(lang.failure(&failure))),
            },
            (request @ ChoiceRequest::UnbuiltTags { .. }, FormKind::Build) => {
                if unbuilt_tags_request(form).as_ref() != Some(&request) {
                    return Vec::new();
                }
                form.offer(VERSION, names(result).map_err(reason));
            }
            _ => return Vec::new(),
        }
        vec![Effect::Redraw]
    }

    /// After a key in the image form: a new recipe or registry asks for its versions.
    pub(in crate::app) fn after_build_form_key(&mut self, before: Option<ChoiceRequest>) -> Vec<Effect> {
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        let now = unbuilt_tags_request(form);
        if now == before {
            return Vec::new();
        }
        let Some(request) = now else {
            return Vec::new();
        };
        if let Some(field) = form.fields.iter_mut().find(|f| f.key == VERSION) {
            field.choices.clear();
            field.offer = crate::app::input::form::Offer::Loading;
        }
        vec![Effect::Choices(request)]
    }
}

fn names(result: Result<ChoiceReply, Failure>) -> Result<Vec<String>, Failure> {
    match result? {
        ChoiceReply::Names(names) => Ok(names),
        ChoiceReply::ByHost(by_host) => Ok(by_host.into_keys().collect()),
    }
}
