//! Registries, recipes and image builds from the keyboard: `n`/`e` open their forms,
//! `enter` browses a registry, `l` follows a build log; the browser's keys; the answers.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::images::browse::{Browser, RegistryReply, RegistryRequest};
use crate::app::input::form::{Form, FormKind};
use crate::app::input::overlay::{TextKind, TextView};
use crate::app::kubic::ops::KubicOp;
use crate::app::{App, Effect, Mode};
use crate::config::command::{Command, Section};
use crate::config::i18n::t;
use crate::model::build_line::BuildLine;
use crate::model::resource::Known;

pub mod browse;
mod forms;
#[cfg(test)]
mod tests;

impl App {
    /// Whether the view on top shows the kind `known`.
    pub(in crate::app) fn viewing(&self, known: Known) -> bool {
        self.view().is_some_and(|v| v.kind.is_known(known))
    }

    fn selected_name(&self) -> Option<String> {
        Some(self.view()?.table.selected_row()?.key.name.clone())
    }

    /// `n` on `:registries`, `:recipes` or `:images`.
    pub(in crate::app) fn create_image_kinds(&mut self) -> Option<Vec<Effect>> {
        if self.viewing(Known::Registry) {
            let host = self
                .header
                .server_url
                .split("://")
                .last()
                .and_then(|rest| rest.split([':', '/']).next())
                .unwrap_or_default()
                .to_string();
            let default_url = if host.is_empty() {
                String::new()
            } else {
                format!("{host}:5000")
            };
            self.mode = Mode::Form(Box::new(Form::new_registry(&default_url, self.lang)));
            return Some(vec![Effect::Redraw]);
        }
        if self.viewing(Known::BuildRecipe) {
            return Some(self.new_recipe_editor());
        }
        if self.viewing(Known::ImageBuild) {
            let mut effects = self.info(t!(self.lang, "note.reading_recipes"));
            effects.push(Effect::Registry(RegistryRequest::BuildChoices));
            return Some(effects);
        }
        None
    }

    fn new_recipe_editor(&mut self) -> Vec<Effect> {
        let Some(kind) = self.view().map(|v| v.kind.clone()) else {
            return Vec::new();
        };
        let sample = include_str!("../../../catalogs/bind-recipe.yaml").replacen("name: bind", "name: my-recipe", 1);
        self.open_new_object_editor(kind, &sample)
    }

    /// `e` on `:registries`: the registration form, filled in.
    pub(in crate::app) fn edit_registry(&mut self) -> Option<Vec<Effect>> {
        if !self.viewing(Known::Registry) {
            return None;
        }
        let row = self.view()?.table.selected_row()?;
        let registry = row.facts.registry().cloned().unwrap_or_default();
        let transport = if registry.insecure { "insecure" } else { "tls" };
        let description = registry.description.replace('\n', " ");
        let form = Form::edit_registry(&row.key.name, &registry.url, transport, &description, self.lang);
        self.mode = Mode::Form(Box::new(form));
        Some(vec![Effect::Redraw])
    }

    /// `enter` on a registry browses it; on an image build shows its log.
    pub(in crate::app) fn enter_image_kinds(&mut self) -> Option<Vec<Effect>> {
        if self.viewing(Known::ImageBuild) {
            return Some(self.build_log());
        }
        if !self.viewing(Known::Registry) {
            return None;
        }
        let registry = self.selected_name()?;
        let (browser, request) = Browser::open(&registry);
        self.mode = Mode::Browse(Box::new(browser));
        self.status = None;
        Some(vec![Effect::Registry(request), Effect::Redraw])
    }

    /// `l`: the selected image build's log, followed live.
    pub(in crate::app) fn build_log(&mut self) -> Vec<Effect> {
        if !self.viewing(Known::ImageBuild) {
            return self.error(t!(self.lang, "note.l_on_images"));
        }
        let Some(object) = self.selected_object() else {
            return self.error(t!(self.lang, "note.no_build_selected"));
        };
        let name = object.name.clone();
        let mut view = TextView::new(TextKind::Log, object, "");
        view.lines.push(t!(self.lang, "note.waiting_build_log", name = name));
        view.waiting = true;
        self.mode = Mode::Viewer(view);
        vec![Effect::Redraw]
    }

    /// The KUBIC delete of the registry and build kinds.
    pub(in crate::app) fn image_kinds_delete(&self) -> Option<KubicOp> {
        let name = self.selected_name()?;
        if self.viewing(Known::Registry) {
            return Some(KubicOp::DeleteRegistry(name));
        }
        self.viewing(Known::ImageBuild).then_some(KubicOp::DeleteBuild(name))
    }

    /// Keys while browsing a registry.
    pub(in crate::app) fn on_browse_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Mode::Browse(browser) = &mut self.mode else {
            return Vec::new();
        };
        if let Some(tag) = browser.pending_delete.take() {
            if !matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                return self.info("cancelled");
            }
            let Some(crate::app::images::browse::Level::Tags { repository }) = browser.page().map(|p| p.level.clone())
            else {
                return Vec::new();
            };
            let request = RegistryRequest::DeleteTag {
                registry: browser.registry.clone(),
                repository: repository.clone(),
                tag: tag.clone(),
            };
            let mut effects = self.info(t!(self.lang, "note.deleting_tag", repository = repository, tag = tag));
            effects.push(Effect::Registry(request));
            return effects;
        }
        let page = self.page;
        let command = self.keymap.lookup(Section::Table, &key);
        let Mode::Browse(browser) = &mut self.mode else {
            return Vec::new();
        };
        let mut move_by = |delta: isize| {
            if let Some(p) = browser.page_mut() {
                p.move_cursor(delta);
            }
            vec![Effect::Redraw]
        };
        match command {
            Some(Command::Up) => move_by(-1),
            Some(Command::Down) => move_by(1),
            Some(Command::PageUp) => move_by(-(page as isize)),
            Some(Command::PageDown) => move_by(page as isize),
            Some(Command::Top) => move_by(isize::MIN / 2),
            Some(Command::Bottom) => move_by(isize::MAX / 2),
            Some(Command::Enter) => match browser.enter() {
                Some(request) => vec![Effect::Registry(request), Effect::Redraw],
                None => Vec::new(),
            },
            Some(Command::Back) => {
                browser.pages.pop();
                if browser.pages.is_empty() {
                    self.mode = Mode::Normal;
                }
                self.status = None;
                vec![Effect::Redraw]
            }
            Some(Command::Delete) => self.ask_delete_tag(),
            Some(Command::Help) => self.open_help(),
            Some(Command::Quit) => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn ask_delete_tag(&mut self) -> Vec<Effect> {
        if let Some(refused) = self.refuse_in_readonly(Command::Delete) {
            return refused;
        }
        let Mode::Browse(browser) = &mut self.mode else {
            return Vec::new();
        };
        let Some(page) = browser.page() else {
            return Vec::new();
        };
        let (crate::app::images::browse::Level::Tags { repository }, Some(tag)) = (&page.level, page.selected()) else {
            return self.error(t!(self.lang, "note.ctrl_d_tag"));
        };
        let question = format!("delete {repository}:{tag} from registry {}? (y/n)", browser.registry);
        browser.pending_delete = Some(tag.clone());
        self.info(question)
    }

    /// An answer about a registry or a build.
    pub(in crate::app) fn on_registry_answer(
        &mut self,
        request: RegistryRequest,
        result: Result<RegistryReply, crate::model::failure::Failure>,
    ) -> Vec<Effect> {
        match (&request, result) {
            (RegistryRequest::BuildChoices, Ok(RegistryReply::Choices { recipes, registries })) => {
                if recipes.is_empty() || registries.is_empty() {
                    return self.error(t!(self.lang, "note.build_needs"));
                }
                self.status = None;
                let form = Form::new_build(recipes, registries, self.lang);
                let versions = crate::app::input::choices::unbuilt_tags_request(&form);
                self.mode = Mode::Form(Box::new(form));
                let mut effects = vec![Effect::Redraw];
                effects.extend(versions.map(Effect::Choices));
                effects
            }
            (RegistryRequest::BuildLog { name }, Ok(RegistryReply::LogLine { line, done })) => {
                let page = self.page;
                if let Mode::Viewer(view) = &mut self.mode
                    && view.kind == TextKind::Log
                    && view.object.name == *name
                {
                    if std::mem::take(&mut view.waiting) {
                        view.lines.clear();
                    }
                    let text = match line {
                        BuildLine::Log(text) => text,
                        BuildLine::PodWaits(why) => t!(self.lang, "note.build_pod_waits", why = why),
                    };
                    if !(done && text.is_empty()) {
                        // A builder's colours are dropped here; its other sequences must
                        // never reach the terminal.
                        view.lines.push(crate::model::ansi::parse_ansi(&text).text);
                    }
                    view.scroll_by(isize::MAX / 2, page);
                }
                if done {
                    return self.info(t!(self.lang, "note.build_ended", name = name));
                }
                vec![Effect::Redraw]
            }
            (RegistryRequest::CatalogTags { .. }, Ok(RegistryReply::Names(tags))) => {
                self.offer_tags(tags);
                vec![Effect::Redraw]
            }
            (RegistryRequest::CatalogTags { .. }, Err(failure)) => {
                if let Mode::Form(form) = &mut self.mode
                    && form.kind == FormKind::App
                {
                    form.offer("image tag", Err(failure.message));
                    return vec![Effect::Redraw];
                }
                Vec::new()
            }
            (RegistryRequest::DeleteTag { repository, tag, .. }, Ok(RegistryReply::Deleted(digest))) => {
                let reload = match &mut self.mode {
                    Mode::Browse(browser) => browser.reload(),
                    _ => None,
                };
                let mut effects = self.info(t!(
                    self.lang,
                    "note.deleted_tag",
                    repository = repository,
                    tag = tag,
                    digest = digest
                ));
                effects.extend(reload.map(Effect::Registry));
                effects
            }
            (RegistryRequest::DeleteTag { repository, tag, .. }, Err(reason)) => self.error(t!(
                self.lang,
                "note.cannot_delete_tag",
                repository = repository,
                tag = tag,
                reason = self.lang.failure(&reason)
            )),
            (_, Err(failure)) if !matches!(self.mode, Mode::Browse(_)) => self.error(self.lang.failure(&failure)),
            (_, result) => {
                if let Mode::Browse(browser) = &mut self.mode {
                    browser.fill(&request, result, self.lang);
                }
                vec![Effect::Redraw]
            }
        }
    }

    /// The catalog image's tags: suggested by the rolling update prompt (tab picks the
    /// newest), picked with ←/→ in the app form.
    fn offer_tags(&mut self, mut tags: Vec<String>) {
        tags.sort_by(|a, b| crate::model::choices::version_cmp(a, b));
        match &mut self.mode {
            Mode::Prompt(prompt)
                if matches!(
                    prompt.kind,
                    crate::app::input::prompt::PromptKind::Input(crate::app::kubic::ops::InputPurpose::Update { .. })
                ) =>
            {
                prompt.suggestions = tags.into_iter().rev().take(8).collect();
            }
            Mode::Form(form) if form.kind == FormKind::App => form.offer("image tag", Ok(tags)),
            _ => {}
        }
    }
}

/// The request for catalog `catalog`'s image tags (in its registry).
pub(in crate::app) fn catalog_tags(catalog: String) -> Effect {
    Effect::Registry(RegistryRequest::CatalogTags { catalog })
}
