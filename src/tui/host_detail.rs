//! A host's detail: schedulability, taints and the pods it carries first, then the
//! kubectl-like description (conditions, addresses, capacity and allocatable, system
//! info) and its events.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::kube::Connection;
use crate::kube::hosts::pods_on;
use crate::kube::objects;
use crate::model::cluster::ObjectRef;
use crate::model::describe::describe;
use crate::model::failure::Failure;

pub async fn detail(connection: &Connection, object: &ObjectRef) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let uid = value
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // The detail still shows when events or pods cannot be listed.
    let events = objects::events_for(connection, object, uid).await.unwrap_or_default();
    let pods = pods_on(connection, &object.name).await;
    let cordoned = value.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true);
    let mut text = format!(
        "Schedulable:  {}\n",
        if cordoned {
            "no (cordoned: SchedulingDisabled)"
        } else {
            "yes"
        }
    );
    let taints = value
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    text.push_str("Taints:");
    if taints.is_empty() {
        text.push_str("       <none>\n");
    } else {
        text.push('\n');
    }
    for taint in &taints {
        let value = taint["value"].as_str().filter(|v| !v.is_empty());
        let key = taint["key"].as_str().unwrap_or("?");
        let effect = taint["effect"].as_str().unwrap_or("?");
        match value {
            Some(v) => text.push_str(&format!("  {key}={v}:{effect}\n")),
            None => text.push_str(&format!("  {key}:{effect}\n")),
        }
    }
    match pods {
        Ok(pods) => {
            text.push_str(&format!("Pods on this host ({}):\n", pods.len()));
            for pod in &pods {
                text.push_str(&format!(
                    "  {:<50} {:<10} {:<6} {}\n",
                    pod.name, pod.phase, pod.ready, pod.owner
                ));
            }
        }
        Err(error) => text.push_str(&format!("Pods on this host: cannot list them: {error}\n")),
    }
    text.push('\n');
    text.push_str(&describe(&value, &events, Timestamp::now()));
    Ok(text)
}
