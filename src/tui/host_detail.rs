//! Reads what a host's detail is composed from (the Node, its events, the pods bound to
//! it) and has `app::detail::host` write the text in the session's language.

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use crate::app::detail::host::host_detail;
use crate::config::i18n::Lang;
use crate::kube::Connection;
use crate::kube::hosts::pods_on;
use crate::kube::objects;
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;

pub async fn detail(connection: &Connection, object: &ObjectRef, lang: Lang) -> Result<String, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
    let uid = value
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // The detail still shows when events or pods cannot be listed.
    let events = objects::events_for(connection, object, uid).await.unwrap_or_default();
    let pods = pods_on(connection, &object.name).await.map_err(Failure::from);
    Ok(host_detail(&value, &pods, &events, Timestamp::now(), lang))
}
