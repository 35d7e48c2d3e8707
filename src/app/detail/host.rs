//! A host's detail: schedulability, taints and the pods it carries first, then the
//! kubectl-like description (conditions, addresses, capacity and allocatable, system
//! info) and its events.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;
use unicode_width::UnicodeWidthStr as _;

use crate::config::i18n::{Lang, t};
use crate::model::describe::describe;
use crate::model::detail::HostPod;
use crate::model::failure::Failure;
use crate::model::wrap::pad;

/// The detail of the Node `node`; `pods` is the list of its pods or why it could not be read.
pub fn host_detail(
    node: &Value,
    pods: &Result<Vec<HostPod>, Failure>,
    events: &[Value],
    now: Timestamp,
    lang: Lang,
) -> String {
    let labels = [t!(lang, "detail.schedulable"), t!(lang, "detail.taints")];
    // The values start two cells after the wider label, in terminal cells.
    let indent = labels.iter().map(|label| label.width()).max().unwrap_or(0) + 2;
    let mut text = format!("{}{}\n", pad(labels[0], indent), schedulable(node, lang));
    text.push_str(&taints_section(node, &pad(labels[1], indent)));
    text.push_str(&pods_section(pods, lang));
    text.push('\n');
    text.push_str(&describe(node, events, now));
    text
}

fn schedulable(node: &Value, lang: Lang) -> &'static str {
    let cordoned = node.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true);
    if cordoned {
        t!(lang, "detail.cordoned")
    } else {
        t!(lang, "detail.schedulable_yes")
    }
}

/// The taints after their label (`label` padded to the values' column), one a line.
fn taints_section(node: &Value, label: &str) -> String {
    let taints = node
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    if taints.is_empty() {
        return format!("{label}<none>\n");
    }
    let mut text = format!("{}\n", label.trim_end());
    for taint in taints {
        let value = taint["value"].as_str().filter(|v| !v.is_empty());
        let key = taint["key"].as_str().unwrap_or("?");
        let effect = taint["effect"].as_str().unwrap_or("?");
        match value {
            Some(v) => text.push_str(&format!("  {key}={v}:{effect}\n")),
            None => text.push_str(&format!("  {key}:{effect}\n")),
        }
    }
    text
}

fn pods_section(pods: &Result<Vec<HostPod>, Failure>, lang: Lang) -> String {
    let pods = match pods {
        Ok(pods) => pods,
        Err(failure) => {
            return format!(
                "{}\n",
                t!(lang, "detail.host_pods_unread", reason = lang.failure(failure))
            );
        }
    };
    let mut text = format!("{}\n", t!(lang, "detail.host_pods", count = pods.len()));
    for pod in pods {
        text.push_str(&format!(
            "  {:<50} {:<10} {:<6} {}\n",
            pod.name, pod.phase, pod.ready, pod.owner
        ));
    }
    text
}

#[cfg(test)]
mod tests;
