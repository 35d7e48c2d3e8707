//! Multi-field forms (the app creation form, the registry, image and user forms): every
//! field validates while typing, the form refuses to submit with the first bad field
//! focused, and nothing typed is lost by a stray `esc`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::app::kubic::ops::KubicOp;
use crate::config::i18n::{Lang, t};
use crate::model::validate::{self, Invalid};

mod app_form;
mod multi;
mod picker;

pub use app_form::parse_ports;

pub use picker::{ListKey, Offer, Pick, PickList, nothing_to_list};

/// One input of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// What the form knows the field by (its English name), whatever the language.
    pub key: &'static str,
    /// What the form shows: the session's word for the field.
    pub label: &'static str,
    pub value: String,
    /// What the field expects, shown when it is focused.
    pub hint: Cow<'static, str>,
    check: fn(&str) -> Result<(), Invalid>,
    /// What the field offers to pick; how binding they are is `pick`.
    pub choices: Vec<String>,
    pub pick: Pick,
    /// Whether the choices are there, loading, or could not be loaded (and why).
    pub offer: Offer,
    /// Shown masked (a password).
    pub secret: bool,
    /// A comma list of the choices (projects) rather than one of them (see `multi`).
    pub multi: bool,
    /// The choice `←`/`→` points at in a multi field; space adds or removes it.
    pub cursor: usize,
    /// What a multi field's items are, in its refusal (`no project "x"`), in the
    /// session's language.
    pub noun: &'static str,
    /// The label of the field whose value these choices follow (the host, for IPs).
    pub follows: Option<&'static str>,
    /// The choices for each value of the field `follows` names.
    pub by_leader: BTreeMap<String, Vec<String>>,
}

impl Field {
    pub(in crate::app) fn new(
        key: &'static str,
        value: &str,
        hint: &'static str,
        check: fn(&str) -> Result<(), Invalid>,
    ) -> Field {
        Field {
            key,
            label: key,
            value: value.to_string(),
            hint: Cow::Borrowed(hint),
            check,
            choices: Vec::new(),
            pick: Pick::Strict,
            offer: Offer::Fixed,
            secret: false,
            multi: false,
            cursor: 0,
            noun: "project",
            follows: None,
            by_leader: BTreeMap::new(),
        }
    }

    /// Why the value is not acceptable, if it is not, in `lang`.
    pub fn error(&self, lang: Lang) -> Option<String> {
        if let Offer::Needs(leader) = self.offer
            && !self.value.trim().is_empty()
        {
            return Some(t!(lang, "form.needs", field = leader));
        }
        if self.multi {
            return self.multi_error(lang);
        }
        if !self.takes(self.value.trim()) {
            return Some(t!(lang, "form.one_of", choices = self.choices_text()));
        }
        (self.check)(&self.value).err().map(|why| lang.invalid(&why))
    }

    /// The field shown as `label` (the catalog's word for it in the session's language).
    pub(in crate::app) fn labelled(mut self, label: &'static str) -> Field {
        self.label = label;
        self
    }

    /// A field whose `choices` `←`/`→` offers while any value its form accepts goes,
    /// with a hint written for it.
    pub(in crate::app) fn suggesting(mut self, choices: Vec<String>, hint: String) -> Field {
        self.choices = choices;
        self.pick = Pick::Free;
        self.hint = Cow::Owned(hint);
        self
    }

    /// The value as the form shows it (a secret masked).
    pub fn shown(&self) -> String {
        if self.secret {
            "•".repeat(self.value.chars().count())
        } else {
            self.value.clone()
        }
    }
}

/// A form being filled in.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    /// The session's language: what the form's refusals are said in.
    pub lang: Lang,
    /// What the form makes.
    pub kind: FormKind,
    pub catalog: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    original: Vec<String>,
    /// Set by a first `esc` on a changed form: a second one discards it.
    pub discard_armed: bool,
    /// The list of the focused field's choices, when open.
    pub list: Option<PickList>,
}

/// What a form makes when submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new app from the catalog.
    App,
    /// A registry (`editing` an existing one keeps its name).
    Registry { editing: bool },
    /// An image build.
    Build,
    /// A new KUBIC user.
    NewUser,
    /// User `user`'s role, projects and description.
    EditUser { user: String },
    /// An admin sets user `user`'s password.
    UserPassword { user: String },
    /// The logged-in `user` changes their own password.
    OwnPassword { user: String },
    /// A port-forward to the selected object.
    Forward(Box<crate::app::forward::draft::ForwardDraft>),
}

pub(in crate::app) fn name(value: &str) -> Result<(), Invalid> {
    validate::dns1123_label(value.trim())
}

pub(in crate::app) fn split(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

impl Form {
    /// The choices of field `key` loaded (`Ok`), or why they could not be.
    pub fn offer(&mut self, key: &str, choices: Result<Vec<String>, String>) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.key == key) {
            match choices {
                Ok(choices) => field.offer_choices(choices),
                Err(reason) => field.choices_failed(reason),
            }
        }
        self.follow();
    }

    /// A form of `kind` with these fields.
    pub(in crate::app) fn with_fields(title: String, kind: FormKind, fields: Vec<Field>, lang: Lang) -> Form {
        let original = fields.iter().map(|f| f.value.clone()).collect();
        Form {
            title,
            lang,
            kind,
            catalog: String::new(),
            fields,
            focus: 0,
            original,
            discard_armed: false,
            list: None,
        }
    }

    pub fn focused(&mut self) -> &mut Field {
        let last = self.fields.len().saturating_sub(1);
        &mut self.fields[self.focus.min(last)]
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn previous(&mut self) {
        let len = self.fields.len().max(1);
        self.focus = (self.focus + len - 1) % len;
    }

    pub fn is_modified(&self) -> bool {
        self.fields.iter().map(|f| &f.value).ne(self.original.iter())
    }

    pub(in crate::app) fn value(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.trim().to_string())
            .unwrap_or_default()
    }

    /// The operation the form describes; otherwise focuses the first bad field and says why.
    pub fn submit(&mut self) -> Result<KubicOp, String> {
        self.check()?;
        match self.kind {
            FormKind::App => self.app_op(),
            FormKind::Registry { .. } => Ok(self.registry_op()),
            FormKind::Build => Ok(self.build_op()),
            FormKind::NewUser | FormKind::EditUser { .. } | FormKind::UserPassword { .. } => self.user_op(),
            FormKind::OwnPassword { .. } => Err(t!(self.lang, "form.own_password_sends").into()),
            FormKind::Forward(_) => Err(t!(self.lang, "form.forward_starts").into()),
        }
    }

    /// Focuses the first bad field and says why, if one is bad.
    pub(in crate::app) fn check(&mut self) -> Result<(), String> {
        let bad = (0..self.fields.len()).find_map(|index| self.field_error(index).map(|error| (index, error)));
        if let Some((index, error)) = bad {
            self.focus = index;
            return Err(format!("{}: {error}", self.fields[index].label));
        }
        Ok(())
    }

    /// Why field `index` is not acceptable: its own check, or one across fields (two
    /// passwords that differ).
    pub fn field_error(&self, index: usize) -> Option<String> {
        let field = self.fields.get(index)?;
        field
            .error(self.lang)
            .or_else(|| self.forward_error(index))
            .or_else(|| self.cross_error(field.key))
    }
}

#[cfg(test)]
mod tests;
