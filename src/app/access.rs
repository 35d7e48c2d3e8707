//! What the connection's identity may do, asked of the API server per namespace
//! (cached for [`ACCESS_TTL_SECONDS`]) so the table leaves out keys the API server
//! would refuse and answers them at once. While nothing is known (not answered yet, or
//! the review itself failed) nothing is left out and the API server decides.

use crate::config::i18n::t;
use std::collections::{BTreeMap, HashMap};

use k8s_openapi::jiff::Timestamp;

use super::hosts::dashboard::Screen;
use super::table::applicable::applies;
use super::table::permits::needs;
use super::{App, Effect};
use crate::config::command::Command;
use crate::model::access::{AccessRules, Check};
use crate::model::failure::Failure;

/// Whose rules: a namespace's, or `None` for the cluster's.
pub type AccessKey = Option<String>;

/// How long an answer holds before it is asked again.
pub const ACCESS_TTL_SECONDS: i64 = 60;

#[derive(Debug, Clone)]
struct Cached {
    /// `None`: the review failed; the API server decides until it is asked again.
    rules: Option<AccessRules>,
    at: Timestamp,
}

/// The answers of one session, and the questions on their way.
#[derive(Debug, Default)]
pub struct Access {
    cached: HashMap<AccessKey, Cached>,
    asked: HashMap<AccessKey, Timestamp>,
}

fn older_than_ttl(then: Timestamp, now: Timestamp) -> bool {
    now.as_second() - then.as_second() >= ACCESS_TTL_SECONDS
}

impl Access {
    /// The rules of `key`, if the API server said them.
    pub fn rules(&self, key: &AccessKey) -> Option<&AccessRules> {
        self.cached.get(key).and_then(|c| c.rules.as_ref())
    }

    /// Keeps the answer about `key` (`None`: the review failed) from `now` on.
    pub fn remember(&mut self, key: AccessKey, rules: Option<AccessRules>, now: Timestamp) {
        self.cached.insert(key, Cached { rules, at: now });
    }

    /// Whether `key` must be asked (again) to decide `checks`.
    fn wants(&self, key: &AccessKey, checks: &[Check], now: Timestamp) -> bool {
        if self.asked.get(key).is_some_and(|at| !older_than_ttl(*at, now)) {
            return false;
        }
        match self.cached.get(key) {
            None => true,
            Some(cached) if older_than_ttl(cached.at, now) => true,
            Some(Cached { rules: None, .. }) => false,
            Some(Cached { rules: Some(rules), .. }) => !rules.covers(checks),
        }
    }

    /// Takes in the answer about `key`; `false` for one nobody is waiting for (asked
    /// before a context switch).
    fn answered(&mut self, key: AccessKey, result: Result<AccessRules, Failure>, now: Timestamp) -> bool {
        if self.asked.remove(&key).is_none() {
            return false;
        }
        let rules = result.ok().map(|mut rules| {
            if let Some(old) = self.cached.get(&key).filter(|c| !older_than_ttl(c.at, now))
                && let Some(old) = &old.rules
            {
                let newer = std::mem::replace(&mut rules.answers, old.answers.clone());
                rules.merge_answers(newer);
            }
            rules
        });
        self.remember(key, rules, now);
        true
    }

    /// Asks `key` again next time (a project just switched to).
    pub fn forget(&mut self, key: &AccessKey) {
        self.cached.remove(key);
        self.asked.remove(key);
    }

    /// Forgets everything (another connection, another identity).
    pub fn clear(&mut self) {
        self.cached.clear();
        self.asked.clear();
    }
}

/// One request a command would send: whose rules decide it, what, and for which object.
struct Request {
    key: AccessKey,
    check: Check,
    name: Option<String>,
}

impl App {
    /// The requests `command` sends on the table on screen, for its selected row.
    fn requests(&self, command: Command) -> Vec<Request> {
        let Some(view) = self.view().filter(|_| self.screen == Screen::Table) else {
            return Vec::new();
        };
        if !applies(command, &view.kind) {
            return Vec::new();
        }
        let row = view.table.selected_row();
        let row_namespace = row.map(|r| r.key.namespace.as_str());
        needs(command, &view.kind)
            .iter()
            .filter_map(|need| {
                let key = need.key(&view.kind, row_namespace, self.namespace.as_deref())?;
                Some(Request {
                    key,
                    check: need.check(&view.kind),
                    name: need.named.then(|| row.map(|r| r.key.name.clone())).flatten(),
                })
            })
            .collect()
    }

    /// Why the API server would refuse `command` on this table, when it is known.
    pub fn refusal(&self, command: Command) -> Option<String> {
        self.requests(command).into_iter().find_map(|request| {
            let rules = self.access.rules(&request.key)?;
            let check = &request.check;
            let decided = rules.decide(&check.verb, &check.group, &check.resource, request.name.as_deref());
            (decided == Some(false)).then(|| {
                let lang = self.lang;
                let place = match &request.key {
                    Some(namespace) => t!(lang, "failure.in_namespace", namespace = namespace),
                    None => t!(lang, "failure.cluster_wide").to_string(),
                };
                let reason = format!("{} {place}", check.describe());
                self.lang.failure(&Failure::forbidden(&self.header.identity, &reason))
            })
        })
    }

    /// Whether `command` is worth showing: not known to be refused.
    pub fn permits(&self, command: Command) -> bool {
        self.refusal(command).is_none()
    }

    /// Answers a key the API server would refuse at once, sending nothing.
    pub(super) fn refuse_unpermitted(&mut self, command: Command) -> Option<Vec<Effect>> {
        let refusal = self.refusal(command)?;
        Some(self.error(refusal))
    }

    /// What must be asked to decide the keys of the table on screen: call after every
    /// update; each namespace is asked once per [`ACCESS_TTL_SECONDS`].
    pub fn ask_access(&mut self) -> Vec<Effect> {
        let mut wanted: BTreeMap<AccessKey, Vec<Check>> = BTreeMap::new();
        for &command in Command::ALL {
            for request in self.requests(command) {
                let checks = wanted.entry(request.key).or_default();
                if !checks.contains(&request.check) {
                    checks.push(request.check);
                }
            }
        }
        let now = self.now;
        let mut effects = Vec::new();
        for (key, checks) in wanted {
            if self.access.wants(&key, &checks, now) {
                self.access.asked.insert(key.clone(), now);
                effects.push(Effect::AccessRules { namespace: key, checks });
            }
        }
        effects
    }

    pub(super) fn on_access_rules(&mut self, key: AccessKey, result: Result<AccessRules, Failure>) -> Vec<Effect> {
        if self.access.answered(key, result, self.now) {
            vec![Effect::Redraw]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests;
