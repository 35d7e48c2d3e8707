//! The port-forward form: the target's port (the TCP ports it declares offered by
//! `←`/`→`, any other one typed), the local address (127.0.0.1; a served session listens
//! on its server, on 127.0.0.1 only) and the local port (a free one suggested), each
//! checked while typing, the local end against the session's other forwards and what
//! the runner found when it tried to listen there.

use std::net::IpAddr;

use super::draft::{ForwardDraft, LOOPBACK};
use crate::app::input::form::{Field, Form, FormKind};
use crate::config::i18n::t;
use crate::model::forward::ports::{ForwardOffer, parse_port};
use crate::model::forward::session::ForwardRequest;
use crate::model::forward::{ForwardKind, ForwardTarget};
use crate::model::validate::Invalid;

/// The fields, in order.
pub const PORT: usize = 0;
pub const ADDRESS: usize = 1;
pub const LOCAL_PORT: usize = 2;

fn anything(_: &str) -> Result<(), Invalid> {
    Ok(())
}

/// The form for `draft`'s target with what the runner offered: the first declared port
/// (any typed port when none is declared), 127.0.0.1 and the free local port.
pub fn new_form(draft: ForwardDraft, offer: &ForwardOffer) -> Form {
    let lang = draft.lang;
    let choices: Vec<String> = offer.ports.iter().map(|p| p.port.to_string()).collect();
    let declared: Vec<String> = offer.ports.iter().map(|p| p.label()).collect();
    let what = if draft.kind == ForwardKind::Service {
        t!(lang, "forward.port_of_service")
    } else {
        t!(lang, "forward.port_of_container")
    };
    let hint = if declared.is_empty() {
        t!(lang, "forward.hint_no_ports", what = what)
    } else {
        t!(lang, "forward.hint_ports", what = what, ports = declared.join(", "))
    };
    let first = choices.first().cloned().unwrap_or_default();
    let fields = vec![
        Field::new(t!(lang, "forward.field_port"), &first, "", anything).suggesting(choices, hint),
        Field::new(
            t!(lang, "forward.field_address"),
            &LOOPBACK.to_string(),
            if draft.loopback_only {
                t!(lang, "forward.hint_address_served")
            } else {
                t!(lang, "forward.hint_address")
            },
            anything,
        ),
        Field::new(
            t!(lang, "forward.field_local_port"),
            &offer.local_port.to_string(),
            t!(lang, "forward.hint_local_port"),
            anything,
        ),
    ];
    let title = t!(lang, "forward.title", target = draft.target_text());
    Form::with_fields(title, FormKind::Forward(Box::new(draft)), fields, lang)
}

impl Form {
    fn raw_value(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", |f| f.value.trim())
    }

    /// Why field `index` of a port-forward form is not acceptable (`None` for other forms).
    pub(in crate::app) fn forward_error(&self, index: usize) -> Option<String> {
        let FormKind::Forward(draft) = &self.kind else {
            return None;
        };
        let value = self.raw_value(index);
        match index {
            PORT => draft.port_error(value),
            ADDRESS => draft.address_error(value),
            LOCAL_PORT => draft.port_error(value).or_else(|| {
                let (address, port) = self.forward_local_end()?;
                draft.local_error(address, port)
            }),
            _ => None,
        }
    }

    /// The local end typed so far, when both halves read.
    pub(in crate::app) fn forward_local_end(&self) -> Option<(IpAddr, u16)> {
        let address = self.raw_value(ADDRESS).parse().ok()?;
        Some((address, parse_port(self.raw_value(LOCAL_PORT))?))
    }

    /// The forward a checked form asks for; otherwise focuses the first bad field and says why.
    pub(in crate::app) fn forward_request(&mut self, id: u64) -> Result<ForwardRequest, String> {
        self.check()?;
        let FormKind::Forward(draft) = &self.kind else {
            return Err(t!(self.lang, "form.not_forward_form").into());
        };
        let bad = || draft.port_error("").unwrap_or_default();
        let (address, local_port) = self.forward_local_end().ok_or_else(bad)?;
        let port = parse_port(self.raw_value(PORT)).ok_or_else(bad)?;
        Ok(ForwardRequest {
            id,
            target: ForwardTarget {
                kind: draft.kind,
                namespace: draft.namespace.clone(),
                name: draft.name.clone(),
                port,
            },
            address,
            local_port,
        })
    }
}
