//! The `:` command line: `:pods`, `:ns demo`, `:ctx prod`, `:q`, and what `tab` completes.

use crate::app::{App, Effect};
use crate::config::i18n::t;
use crate::model::resource::Known;

/// What the command line runs besides the kinds' names.
const COMMANDS: [&str; 14] = [
    "audit",
    "ctx",
    "dashboard",
    "logout",
    "messages",
    "ns",
    "password",
    "portforwards",
    "project",
    "quit",
    "sessions",
    "tour",
    "users",
    "xray",
];

impl App {
    pub(in crate::app) fn run_command_line(&mut self, line: &str) -> Vec<Effect> {
        let mut words = line.split_whitespace();
        let Some(verb) = words.next() else {
            return vec![Effect::Redraw];
        };
        let argument = words.next();
        match (verb, argument) {
            ("q" | "q!" | "quit", _) => vec![Effect::Quit],
            ("logout", None) => vec![Effect::Quit],
            ("password", None) => self.open_password(),
            ("ctx" | "context", _) if self.login.is_some() => self.error(t!(self.lang, "cmdline.no_ctx_served")),
            ("xray", kind) => self.xray_command(kind),
            ("consoles", None) => self.open_console_list(),
            ("portforwards" | "portforward" | "pf", None) => self.open_forward_list(),
            ("messages" | "msgs", None) => self.open_messages(),
            ("console", None) => self.open_kubic_console(),
            ("tour", None) => self.open_tour(),
            ("ctx" | "context", None) => {
                let list = self.contexts.join(", ");
                let current = &self.header.context;
                self.info(t!(self.lang, "cmdline.contexts", list = list, current = current))
            }
            ("ctx" | "context", Some(name)) => {
                if !self.contexts.iter().any(|c| c == name) {
                    let known = self.contexts.join(", ");
                    return self.error(t!(
                        self.lang,
                        "cmdline.no_context",
                        name = format!("{name:?}"),
                        known = known
                    ));
                }
                let mut effects = self.info(t!(self.lang, "cmdline.switching", name = name));
                effects.push(Effect::SwitchContext(name.to_string()));
                effects
            }
            ("ns" | "namespace" | "project" | "projects", Some(name)) => self.switch_namespace(name),
            ("project", None) => self.open_kind("projects", false),
            (name, None) if crate::app::hosts::dashboard::is_dashboard(name) => self.open_dashboard(),
            (name, None) if let Some(screen) = crate::app::server::server_screen(name) => {
                self.open_server_screen(screen)
            }
            (name, namespace) => {
                if self.registry.resolve(name).is_none() {
                    return self.open_kind(name, false);
                }
                if let Some(ns) = namespace {
                    self.namespace = (ns != "all").then(|| ns.to_string());
                }
                self.open_kind(name, false)
            }
        }
    }

    fn switch_namespace(&mut self, name: &str) -> Vec<Effect> {
        self.namespace = (name != "all").then(|| name.to_string());
        self.access.forget(&self.namespace.clone());
        if let Some(mut effects) = self.reopen_xray() {
            effects.extend(self.info(t!(self.lang, "cmdline.project", name = name)));
            return effects;
        }
        let Some(view) = self.views.last() else {
            return vec![Effect::Redraw];
        };
        let kind = view.kind.plural.clone();
        let mut effects = self.open_kind(&kind, false);
        effects.extend(self.info(t!(self.lang, "cmdline.project", name = name)));
        effects
    }

    /// Completion candidates for the command line as typed so far.
    pub(in crate::app) fn suggestions_for(&self, input: &str) -> Vec<String> {
        let mut words = input.split(' ');
        let first = words.next().unwrap_or_default();
        let Some(second) = words.next() else {
            let mut names: Vec<String> = COMMANDS
                .into_iter()
                .filter(|n| n.starts_with(first))
                .map(String::from)
                .collect();
            for name in self.registry.completions(first) {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
            names.truncate(8);
            return names;
        };
        let pool: Vec<String> = match first {
            "ctx" | "context" => self.contexts.clone(),
            "xray" => crate::app::xray::ROOTS.map(String::from).to_vec(),
            _ => self
                .namespace_names()
                .into_iter()
                .chain(std::iter::once("all".to_string()))
                .collect(),
        };
        pool.into_iter().filter(|n| n.starts_with(second)).take(8).collect()
    }

    /// Namespaces the app has seen (rows of a namespaces view, or the current one).
    pub(in crate::app) fn namespace_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .views
            .iter()
            .flat_map(|v| {
                let is_namespace = v.kind.is_known(Known::Namespace);
                v.table.visible_rows().map(move |r| {
                    if is_namespace {
                        r.key.name.clone()
                    } else {
                        r.key.namespace.clone()
                    }
                })
            })
            .filter(|n| !n.is_empty())
            .collect();
        names.extend(self.namespace.clone());
        names.sort();
        names.dedup();
        names
    }
}
