//! Host maintenance as data: the changes a host (or the shared description) can get,
//! the inputs they are typed in, and the drain options, each validated before it runs.

use crate::config::i18n::{Lang, t};
use crate::model::invalid::Invalid;
use crate::model::metrics::overview::validate_description;
use crate::model::taint::{self, TaintChange};

/// The drain timeout when the operator does not say.
pub const DEFAULT_DRAIN_TIMEOUT: u64 = 120;

/// A change of the cluster's hosts or of its shared description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterOp {
    Cordon(String),
    Uncordon(String),
    Drain { node: String, options: DrainChoice },
    Taint { node: String, change: TaintChange },
    SetDescription(String),
}

impl ClusterOp {
    /// What the log says about it.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// What the footer and the confirmation say about it, in `lang`.
    pub fn describe_in(&self, lang: Lang) -> String {
        match self {
            ClusterOp::Cordon(node) => t!(lang, "op.cordon", node = node),
            ClusterOp::Uncordon(node) => t!(lang, "op.uncordon", node = node),
            ClusterOp::Drain { node, options } => {
                let local = if options.local_storage {
                    t!(lang, "op.drain_local_evicted")
                } else {
                    t!(lang, "op.drain_local_kept")
                };
                let force = if options.force { t!(lang, "op.drain_force") } else { "" };
                let timeout = options.timeout_secs;
                t!(
                    lang,
                    "op.drain",
                    node = node,
                    timeout = timeout,
                    local = local,
                    force = force
                )
            }
            ClusterOp::Taint { node, change } => t!(lang, "op.taint", change = taint_change(change, lang), node = node),
            ClusterOp::SetDescription(text) => t!(lang, "op.set_description", text = format!("{text:?}")),
        }
    }

    /// Every host change is confirmed; the description is confirmed by its enter.
    pub fn is_destructive(&self) -> bool {
        !matches!(self, ClusterOp::SetDescription(_))
    }
}

/// A taint change as the confirmation and the footer say it.
fn taint_change(change: &TaintChange, lang: Lang) -> String {
    match change {
        TaintChange::Add(taint) => t!(lang, "op.taint_add", taint = taint.text()),
        TaintChange::Remove { key, effect: Some(e) } => t!(lang, "op.taint_remove", key = key, effect = e),
        TaintChange::Remove { key, effect: None } => t!(lang, "op.taint_remove_key", key = key),
    }
}

/// What a host input asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostInput {
    Taint { node: String },
    Drain { node: String },
    Description,
}

impl HostInput {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            HostInput::Taint { node } => t!(lang, "prompt.taint", node = node),
            HostInput::Drain { node } => t!(lang, "prompt.drain", node = node),
            HostInput::Description => t!(lang, "prompt.description").into(),
        }
    }

    pub fn parse(&self, input: &str) -> Result<ClusterOp, Invalid> {
        let op = match self {
            HostInput::Taint { node } => ClusterOp::Taint {
                node: node.clone(),
                change: taint::parse(input)?,
            },
            HostInput::Drain { node } => ClusterOp::Drain {
                node: node.clone(),
                options: drain_options(input)?,
            },
            HostInput::Description => ClusterOp::SetDescription(validate_description(input)?),
        };
        Ok(op)
    }
}

/// How the operator asked a drain to behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrainChoice {
    pub timeout_secs: u64,
    /// Evict pods with emptyDir volumes.
    pub local_storage: bool,
    /// Evict pods no controller manages.
    pub force: bool,
}

/// `timeout=90s local-storage force`. Durations take s, m or no unit (seconds); the
/// switches take `=yes`/`=no` too.
pub fn drain_options(input: &str) -> Result<DrainChoice, Invalid> {
    let mut choice = DrainChoice {
        timeout_secs: DEFAULT_DRAIN_TIMEOUT,
        local_storage: false,
        force: false,
    };
    for word in input.split_whitespace() {
        let (name, value) = word.split_once('=').unwrap_or((word, "yes"));
        let switch = || match value {
            "yes" | "true" => Ok(true),
            "no" | "false" => Ok(false),
            _ => Err(Invalid::DrainSwitch {
                name: name.into(),
                value: value.into(),
            }),
        };
        match name {
            "timeout" => choice.timeout_secs = seconds(value)?,
            "local-storage" => choice.local_storage = switch()?,
            "force" => choice.force = switch()?,
            _ => {
                return Err(Invalid::DrainOption { word: word.into() });
            }
        }
    }
    Ok(choice)
}

fn seconds(value: &str) -> Result<u64, Invalid> {
    let (number, factor) = match value.strip_suffix('m') {
        Some(minutes) => (minutes, 60),
        None => (value.strip_suffix('s').unwrap_or(value), 1),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|seconds| (1..=3600).contains(seconds))
        .ok_or_else(|| Invalid::DrainTimeout { value: value.into() })
}
