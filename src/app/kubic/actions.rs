//! What KUBIC's keys do on the current view: app actions on `:apps`, create on
//! `:projects` and `:ippools`, and deletes that follow KUBIC's rules.

use crate::app::input::form::Form;
use crate::app::input::overlay::Confirm;
use crate::app::input::prompt::PromptKind;
use crate::app::kubic::ops::{InputPurpose, KubicOp};
use crate::app::{App, Effect, Mode};
use crate::config::command::Command;
use crate::config::i18n::t;
use crate::model::resource::Known;

impl App {
    /// Runs a KUBIC command on the selected row.
    pub(in crate::app) fn run_kubic_command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(command) {
            return refused;
        }
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let kind = view.kind.known();
        if command == Command::NewCatalog {
            return self.new_catalog_editor();
        }
        if command == Command::Create && kind == Some(Known::User) {
            return self.new_user_form();
        }
        if command == Command::Create
            && let Some(effects) = self.create_image_kinds()
        {
            return effects;
        }
        if command == Command::Create {
            return match kind {
                Some(Known::Namespace) => self.open_prompt(PromptKind::Input(InputPurpose::NewProject)),
                Some(Known::IpPool) => {
                    let initial = match self.selected_pool_host() {
                        Some(host) if !host.is_empty() => format!("{host} "),
                        _ => String::new(),
                    };
                    self.open_prompt_with(PromptKind::Input(InputPurpose::AddIp), &initial)
                }
                Some(Known::Catalog) => match self.view().and_then(|v| v.table.selected_row()) {
                    Some(row) => {
                        let catalog = row.key.name.clone();
                        let project = self.namespace.clone().unwrap_or_else(|| "default".into());
                        self.mode = Mode::Form(Box::new(Form::new_app(&catalog, &project, self.lang)));
                        let mut effects = vec![Effect::Redraw, crate::app::images::catalog_tags(catalog)];
                        effects.extend(crate::app::input::choices::app_form_requests());
                        effects
                    }
                    None => self.error(t!(self.lang, "note.no_catalog_selected")),
                },
                _ => self.error(t!(self.lang, "note.create_works_on")),
            };
        }
        if kind != Some(Known::App) {
            return self.error(t!(self.lang, "note.works_on_apps", command = command.name()));
        }
        let Some(row) = self.view().and_then(|v| v.table.selected_row()) else {
            return self.error(t!(self.lang, "note.no_app_selected"));
        };
        let (project, name) = (row.key.namespace.clone(), row.key.name.clone());
        let app = row.facts.app().cloned().unwrap_or_default();
        let replicas = app.replicas.map(|r| r.to_string()).unwrap_or_default();
        let previous_revision = app.previous_revision().map(|r| r.to_string()).unwrap_or_default();
        let input = |purpose: InputPurpose, initial: String| (PromptKind::Input(purpose), initial);
        let (kind, initial) = match command {
            Command::Run => return self.start_kubic(KubicOp::Run { project, name }),
            Command::Halt => return self.start_kubic(KubicOp::Halt { project, name }),
            Command::Scale => input(InputPurpose::Scale { project, name }, replicas),
            Command::RollingUpdate => {
                let mut effects =
                    self.open_prompt_with(PromptKind::Input(InputPurpose::Update { project, name }), &app.tag);
                effects.push(crate::app::images::catalog_tags(app.catalog));
                return effects;
            }
            Command::Rollback => input(InputPurpose::Rollback { project, name }, previous_revision),
            Command::Rebalance => input(InputPurpose::Rebalance { project, name }, app.service_ips.join(",")),
            _ => return Vec::new(),
        };
        self.open_prompt_with(kind, &initial)
    }

    /// `enter` on an IP pool: which app holds each of its IPs.
    pub(in crate::app) fn show_pool(&mut self) -> Option<Vec<Effect>> {
        let host = self.selected_pool_host()?;
        Some(self.run_kubic(KubicOp::ShowPool { host }))
    }

    /// ctrl-d on an IP pool asks which of its IPs to remove.
    pub(in crate::app) fn remove_ip_prompt(&mut self) -> Option<Vec<Effect>> {
        let host = self.selected_pool_host()?;
        Some(self.open_prompt(PromptKind::Input(InputPurpose::RemoveIp { host })))
    }

    /// The KUBIC rule-following delete for KUBIC's kinds, if the view shows one.
    pub(in crate::app) fn kubic_delete(&self) -> Option<KubicOp> {
        let view = self.view()?;
        let row = view.table.selected_row()?;
        let (project, name) = (row.key.namespace.clone(), row.key.name.clone());
        match view.kind.known() {
            Some(Known::Namespace) => Some(KubicOp::DeleteProject(name)),
            Some(Known::App) => Some(KubicOp::DeleteApp { project, name }),
            Some(Known::Catalog) => Some(KubicOp::DeleteCatalog { name, cascade: false }),
            _ => self.image_kinds_delete().or_else(|| self.user_delete()),
        }
    }

    /// Asks first when `op` is destructive, otherwise starts it.
    pub(in crate::app) fn start_kubic(&mut self, op: KubicOp) -> Vec<Effect> {
        if op.is_destructive() {
            self.mode = Mode::Confirm(Confirm::Kubic(op));
            return vec![Effect::Redraw];
        }
        self.run_kubic(op)
    }

    /// Sends `op` to the runner.
    pub(in crate::app) fn run_kubic(&mut self, op: KubicOp) -> Vec<Effect> {
        let mut effects = self.info(t!(self.lang, "status.working", what = op.describe_in(self.lang)));
        effects.push(Effect::Kubic(op));
        effects
    }

    /// The editor with a new catalog to write, starting from the bind sample.
    fn new_catalog_editor(&mut self) -> Vec<Effect> {
        let Some(kind) = self.registry.known(Known::Catalog).cloned() else {
            return self.error(t!(self.lang, "note.no_catalogs_install"));
        };
        let sample = include_str!("../../../catalogs/bind.yaml").replacen("name: bind", "name: my-catalog", 1);
        self.open_new_object_editor(kind, &sample)
    }

    /// The editor with a new object of `kind` to write, starting from `sample`; ctrl-s creates it.
    pub(in crate::app) fn open_new_object_editor(
        &mut self,
        kind: crate::model::resource::ResourceKind,
        sample: &str,
    ) -> Vec<Effect> {
        let object = crate::model::cluster::ObjectRef {
            kind,
            namespace: String::new(),
            name: String::new(),
        };
        let mut editor = crate::app::input::overlay::Editor::new(object, sample);
        editor.creating = true;
        self.mode = Mode::Editor(Box::new(editor));
        vec![Effect::Redraw]
    }

    /// The host of the selected IP pool, when the view shows IP pools.
    fn selected_pool_host(&self) -> Option<String> {
        let view = self.view()?;
        if !view.kind.is_known(Known::IpPool) {
            return None;
        }
        Some(view.table.selected_row()?.facts.ip_pool()?.host.clone())
    }
}
