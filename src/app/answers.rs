//! Answers from the cluster: rows, discovery, fetched objects, applies and deletes.

use super::input::editing::yaml_text;
use super::input::overlay::{Editor, TextKind, TextView};
use super::{Action, App, Effect, Fetched, Mode, Purpose};
use crate::config::i18n::t;
use crate::model::cluster::ObjectRef;
use crate::model::cluster::RowEvent;
use crate::model::failure::{Failure, FailureKind};
use crate::model::resource::Known;
use crate::model::{describe, yaml};

impl App {
    pub(super) fn on_result(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ServerVersion(Ok(version)) => {
                self.header.server_version = Some(version);
                vec![Effect::Redraw]
            }
            Action::ServerVersion(Err(reason)) => self.error(reason.message),
            Action::Discovered(Ok(kinds)) => {
                self.registry.merge(kinds);
                vec![Effect::Redraw]
            }
            Action::Discovered(Err(reason)) => self.error(t!(
                self.lang,
                "note.discovery_failed",
                reason = self.lang.failure(&reason)
            )),
            Action::Rows { view, event } => {
                self.join_pod_usage();
                let missing_kubic_kind = match self.views.last_mut() {
                    Some(top) if top.id == view => {
                        let missing = top.kind.known().is_some_and(Known::is_kubic)
                            && matches!(&event, RowEvent::Failed { failure, .. } if failure.is(FailureKind::NotFound));
                        top.table.apply(event);
                        missing
                    }
                    _ => return Vec::new(),
                };
                self.fill_host_cells();
                if missing_kubic_kind {
                    return self.offer_install();
                }
                vec![Effect::Redraw]
            }
            Action::Fetched {
                purpose,
                object,
                result,
            } => match result {
                // An answer that arrives after the operator moved on (typing, editing,
                // confirming) must not replace what they are doing.
                Ok(_) if !matches!(self.mode, Mode::Normal | Mode::Viewer(_)) => Vec::new(),
                Ok(fetched) => self.show_fetched(purpose, object, fetched),
                Err(reason) => self.error(t!(
                    self.lang,
                    "note.cannot_read",
                    object = object.describe(),
                    reason = self.lang.failure(&reason)
                )),
            },
            Action::Applied { object, result } => self.on_applied(object, result),
            Action::Deleted { object, result } => match result {
                Ok(()) => self.info(t!(self.lang, "note.deleted", object = object.describe())),
                Err(reason) => self.error(t!(
                    self.lang,
                    "note.cannot_delete",
                    object = object.describe(),
                    reason = self.lang.failure(&reason)
                )),
            },
            Action::ContextSwitched(Ok((header, namespace))) => {
                self.switches += 1;
                self.header = header;
                self.access.clear();
                self.namespace = namespace;
                self.metrics = crate::model::metrics::Metrics::new(self.metrics.window);
                self.overview = None;
                // The new cluster may serve other kinds: forget the old cluster's.
                self.registry = crate::model::resource::Registry::builtin();
                let kind = self
                    .view()
                    .map_or_else(|| "pods".to_string(), |v| v.kind.plural.clone());
                let mut effects = vec![Effect::Discover];
                effects.extend(self.open_kind(&kind, false));
                effects.extend(self.info(t!(self.lang, "note.context", context = self.header.context)));
                effects
            }
            Action::ContextSwitched(Err(reason)) => self.error(t!(
                self.lang,
                "note.context_not_switched",
                reason = self.lang.failure(&reason)
            )),
            Action::TextReady { kind, object, result } => match result {
                Ok(text) if matches!(self.mode, Mode::Normal | Mode::Viewer(_)) => {
                    self.status = None;
                    self.mode = Mode::Viewer(TextView::new(kind, object, &text));
                    vec![Effect::Redraw]
                }
                Ok(_) => Vec::new(),
                Err(reason) => self.error(t!(
                    self.lang,
                    "note.cannot_read",
                    object = object.describe(),
                    reason = self.lang.failure(&reason)
                )),
            },
            Action::RegistryAnswer { request, result } => self.on_registry_answer(request, result),
            Action::KubicDone { op, result } => {
                self.after_cluster_op(&op, &result);
                match result {
                    Ok(done) => self.info(super::kubic::done::done_text(self.lang, &op, &done)),
                    Err(failure) => self.error(super::kubic::done::failed_text(self.lang, &op, &failure)),
                }
            }
            Action::ExternalEdited {
                object,
                original,
                result,
            } => self.on_external_edit(object, original, result),
            _ => Vec::new(),
        }
    }

    fn show_fetched(&mut self, purpose: Purpose, object: ObjectRef, fetched: Fetched) -> Vec<Effect> {
        self.status = None;
        match purpose {
            Purpose::Describe => {
                let text = describe::describe(&fetched.object, &fetched.events, self.now);
                self.mode = Mode::Viewer(TextView::new(TextKind::Describe, object, &text));
            }
            Purpose::Yaml | Purpose::Manifest => {
                let text = yaml_text(fetched.object.clone(), false);
                let mut view = TextView::new(TextKind::Yaml, object, &text);
                view.source = Some(fetched.object);
                self.mode = Mode::Viewer(view);
            }
            Purpose::Decode => {
                let text = super::xray::secret_text(&fetched.object, false, self.lang);
                let mut view = TextView::new(TextKind::Secret, object, &text);
                view.source = Some(fetched.object);
                self.mode = Mode::Viewer(view);
            }
            Purpose::Edit => {
                let text = yaml_text(fetched.object, true);
                self.mode = Mode::Editor(Box::new(Editor::new(object, &text)));
            }
            Purpose::EditExternal => {
                let yaml = yaml_text(fetched.object, true);
                return vec![Effect::EditExternal { object, yaml }];
            }
        }
        vec![Effect::Redraw]
    }

    fn on_applied(&mut self, object: ObjectRef, result: Result<(), Failure>) -> Vec<Effect> {
        // Only the editor that is saving this object takes the answer; otherwise it is news.
        let editing_it = matches!(&self.mode, Mode::Editor(editor) if editor.object == object && editor.saving);
        let Mode::Editor(editor) = &mut self.mode else {
            return self.report_save(&object, result);
        };
        if !editing_it {
            return self.report_save(&object, result);
        }
        editor.saving = false;
        match result {
            Ok(()) => {
                self.mode = Mode::Normal;
                self.info(t!(self.lang, "note.saved", object = object.describe()))
            }
            Err(failure) => {
                editor.error = Some(t!(
                    self.lang,
                    "note.editor_not_saved",
                    why = self.lang.failure(&failure)
                ));
                vec![Effect::Redraw]
            }
        }
    }

    fn report_save(&mut self, object: &ObjectRef, result: Result<(), Failure>) -> Vec<Effect> {
        match result {
            Ok(()) => self.info(t!(self.lang, "note.saved", object = object.describe())),
            Err(reason) => self.error(t!(
                self.lang,
                "note.not_saved",
                object = object.describe(),
                reason = self.lang.failure(&reason)
            )),
        }
    }

    /// An `$EDITOR` session ended: apply the text, or keep it in the inline editor with the reason.
    fn on_external_edit(
        &mut self,
        object: ObjectRef,
        original: String,
        result: Result<String, Failure>,
    ) -> Vec<Effect> {
        let text = match result {
            Ok(text) => text,
            Err(reason) => return self.error(t!(self.lang, "note.editor_failed", reason = self.lang.failure(&reason))),
        };
        if text.trim_end() == original.trim_end() {
            return self.info(t!(self.lang, "note.no_changes"));
        }
        let mut editor = Editor::new(object.clone(), &original);
        editor.set_text(&text);
        match yaml::from_yaml(&text) {
            Ok(edited) => {
                editor.saving = true;
                self.mode = Mode::Editor(Box::new(editor));
                vec![Effect::Apply { object, edited }, Effect::Redraw]
            }
            Err(error) => {
                editor.error = Some(t!(self.lang, "note.editor_not_saved", why = error));
                self.mode = Mode::Editor(Box::new(editor));
                vec![Effect::Redraw]
            }
        }
    }
}
