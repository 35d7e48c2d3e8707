//! Port-forwards of the session: `shift-f` on a pod, service, deployment or app asks the
//! runner for the target's ports and a free local port, opens the form, and starts the
//! forward; the runner reports each forward's state and counters, shown by
//! `:portforwards`. The forwards themselves run in the runner, never here.

pub mod draft;
pub mod form;
pub mod list;

use std::net::IpAddr;

use crate::app::input::form::{Form, FormKind};
use crate::app::{App, Effect, Mode};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;
use crate::model::forward::ForwardKind;
use crate::model::forward::ports::ForwardOffer;
use crate::model::forward::session::{ForwardRequest, ForwardState, ForwardStatus};
use crate::model::resource::Known;
use draft::{LOOPBACK, Probe};

/// One forward of the session, as the runner last reported it.
#[derive(Debug, Clone)]
pub struct PortForward {
    pub request: ForwardRequest,
    pub status: ForwardStatus,
    /// The form it came from, kept until it listens: a local end that cannot be listened
    /// on opens it again as it was.
    form: Option<Box<Form>>,
}

impl PortForward {
    /// A forward as the runner reported it (the panes' tests draw such lists).
    #[cfg(test)]
    pub fn reported(request: ForwardRequest, status: ForwardStatus) -> PortForward {
        PortForward {
            request,
            status,
            form: None,
        }
    }

    /// `pod/demo/web-0` (the target without its port).
    pub fn target(&self) -> String {
        let target = &self.request.target;
        format!("{}/{}/{}", target.kind.word(), target.namespace, target.name)
    }
}

/// The forward kind of a table's kind, when `shift-f` works there.
fn forward_kind(object: &ObjectRef) -> Option<ForwardKind> {
    let known = object.kind.known()?;
    Some(match known {
        Known::Pod => ForwardKind::Pod,
        Known::Service => ForwardKind::Service,
        Known::Deployment => ForwardKind::Deployment,
        Known::App => ForwardKind::App,
        _ => return None,
    })
}

impl App {
    /// `shift-f`: asks the runner for the selected object's ports and a free local port.
    pub(in crate::app) fn open_forward(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::PortForward) {
            return refused;
        }
        let Some(object) = self.selected_object() else {
            return self.error(t!(self.lang, "forward.nothing_selected"));
        };
        let Some(kind) = forward_kind(&object) else {
            return self.error(t!(self.lang, "forward.wrong_kind", kind = object.kind.plural));
        };
        let mut effects = self.info(t!(self.lang, "forward.reading", object = object.describe()));
        effects.push(Effect::PrepareForward { kind, object });
        effects
    }

    /// The runner's offer: the form opens (unless the operator went elsewhere meanwhile).
    pub(in crate::app) fn on_forward_prepared(
        &mut self,
        kind: ForwardKind,
        object: ObjectRef,
        result: Result<ForwardOffer, Failure>,
    ) -> Vec<Effect> {
        let offer = match result {
            Ok(offer) => offer,
            Err(failure) => {
                let text = t!(
                    self.lang,
                    "forward.prepare_failed",
                    object = object.describe(),
                    why = self.lang.failure(&failure)
                );
                return self.error(text);
            }
        };
        if !matches!(self.mode, Mode::Normal) {
            return Vec::new();
        }
        let draft = draft::ForwardDraft {
            kind,
            namespace: object.namespace.clone(),
            name: object.name.clone(),
            lang: self.lang,
            loopback_only: self.login.is_some(),
            taken: self.taken_local_ends(),
            probes: Default::default(),
        };
        let mut form = form::new_form(draft, &offer);
        if let FormKind::Forward(draft) = &mut form.kind {
            draft.probes.insert((LOOPBACK, offer.local_port), Probe::Free);
        }
        self.mode = Mode::Form(Box::new(form));
        self.status = None;
        vec![Effect::Redraw]
    }

    /// The local ends the session's live forwards hold, with their targets.
    fn taken_local_ends(&self) -> Vec<(IpAddr, u16, String)> {
        self.forwards
            .iter()
            .filter(|f| {
                !matches!(
                    f.status.state,
                    ForwardState::Failed { .. } | ForwardState::Unbound { .. }
                )
            })
            .map(|f| (f.request.address, f.request.local_port, f.target()))
            .collect()
    }

    /// `enter` on the form: a checked form starts the forward; a bad field keeps it open.
    pub(in crate::app) fn submit_forward(&mut self) -> Vec<Effect> {
        let id = self.new_view_id();
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        let request = match form.forward_request(id) {
            Ok(request) => request,
            Err(reason) => return self.error(reason),
        };
        let Mode::Form(form) = std::mem::take(&mut self.mode) else {
            return Vec::new();
        };
        let text = t!(
            self.lang,
            "forward.starting",
            local = request.local(),
            target = request.target
        );
        self.forwards.push(PortForward {
            request: request.clone(),
            status: ForwardStatus::default(),
            form: Some(form),
        });
        let mut effects = self.info(text);
        effects.push(Effect::StartForward(request));
        effects
    }

    /// After a key in the form: asks the runner whether the local end typed is free, once.
    pub(in crate::app) fn probe_forward_end(&mut self) -> Vec<Effect> {
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        let Some((address, port)) = form.forward_local_end() else {
            return Vec::new();
        };
        let FormKind::Forward(draft) = &mut form.kind else {
            return Vec::new();
        };
        if draft.probes.contains_key(&(address, port)) {
            return Vec::new();
        }
        draft.probes.insert((address, port), Probe::Asked);
        vec![Effect::ProbeLocalPort { address, port }]
    }

    /// Whether `address:port` could be listened on, for the form that asked.
    pub(in crate::app) fn on_port_probed(
        &mut self,
        address: IpAddr,
        port: u16,
        result: Result<(), String>,
    ) -> Vec<Effect> {
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        let FormKind::Forward(draft) = &mut form.kind else {
            return Vec::new();
        };
        let probe = match result {
            Ok(()) => Probe::Free,
            Err(reason) => Probe::Busy(reason),
        };
        draft.probes.insert((address, port), probe);
        vec![Effect::Redraw]
    }

    /// The runner's report of forward `id`. A forward whose local end could not be
    /// listened on leaves the list, and its form opens again with the reason.
    pub(in crate::app) fn on_forward_update(&mut self, id: u64, status: ForwardStatus) -> Vec<Effect> {
        let Some(at) = self.forwards.iter().position(|f| f.request.id == id) else {
            return Vec::new();
        };
        let changed = self.forwards[at].status.state != status.state;
        if let ForwardState::Unbound { reason } = &status.state {
            let forward = self.forwards.remove(at);
            let text = t!(
                self.lang,
                "forward.unbound",
                local = forward.request.local(),
                why = reason
            );
            if let (Some(form), Mode::Normal) = (forward.form, &self.mode) {
                self.mode = Mode::Form(form);
            }
            return self.error(text);
        }
        let forward = &mut self.forwards[at];
        if !matches!(status.state, ForwardState::Starting) {
            forward.form = None;
        }
        forward.status = status;
        if changed && let ForwardState::Failed { reason } = &forward.status.state {
            let text = t!(self.lang, "forward.failed", target = forward.target(), why = reason);
            return self.error(text);
        }
        if changed || matches!(self.mode, Mode::Forwards(_)) {
            vec![Effect::Redraw]
        } else {
            Vec::new()
        }
    }

    /// Stops forward `id`: its listener closes and its connections end.
    pub(in crate::app) fn stop_forward(&mut self, id: u64) -> Vec<Effect> {
        let Some(at) = self.forwards.iter().position(|f| f.request.id == id) else {
            return Vec::new();
        };
        let forward = self.forwards.remove(at);
        let text = t!(
            self.lang,
            "forward.stopped",
            local = forward.request.local(),
            target = forward.target()
        );
        if let Mode::Forwards(selected) = self.mode {
            self.mode = Mode::Forwards(selected.min(self.forwards.len().saturating_sub(1)));
        }
        let mut effects = self.info(text);
        effects.push(Effect::StopForward { id });
        effects
    }
}

#[cfg(test)]
mod tests;
