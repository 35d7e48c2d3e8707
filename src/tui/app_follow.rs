//! Keeps the recorded state of apps following their pods: while the apps table is open,
//! a watch on the pods that carry the `kubic.io/app` label re-records the state of each
//! app whose pods change (coalesced, so a burst of pod events is one refresh).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::kube::Connection;
use crate::kube::kubic::apps;
use crate::kube::tables::{TableWatch, watch_rows};
use crate::model::cluster::{RowEvent, Scope};
use crate::model::crd::APP_LABEL;
use crate::model::resource::{Known, Registry};
use crate::model::rows::{Row, RowKey};

/// How long pod events for one app are gathered before its state is recorded.
const SETTLE: Duration = Duration::from_millis(400);

/// Starts following the apps in `namespace` (all when `None`).
pub fn follow(connection: &Connection, namespace: Option<String>) -> Option<TableWatch> {
    let pods = Registry::builtin().known(Known::Pod).cloned()?;
    let scope = Scope {
        namespace,
        label_selector: Some(APP_LABEL.to_string()),
        field_selector: None,
    };
    let pending: Arc<Mutex<HashSet<(String, String)>>> = Arc::default();
    // Which app each known pod belongs to: a removal only names the pod.
    let owners: Mutex<HashMap<RowKey, String>> = Mutex::default();
    let connection = connection.clone();
    let watch = watch_rows(&connection.clone(), &pods, &scope, move |event| {
        let Ok(mut owners) = owners.lock() else { return };
        let changed: Vec<(String, String)> = match event {
            RowEvent::Reset(rows) => {
                owners.clear();
                rows.iter().filter_map(|row| remember(&mut owners, row)).collect()
            }
            RowEvent::Upsert(row) => remember(&mut owners, &row).into_iter().collect(),
            RowEvent::Remove(key) => owners
                .remove(&key)
                .map(|app| (key.namespace.clone(), app))
                .into_iter()
                .collect(),
            RowEvent::Failed { .. } => Vec::new(),
        };
        drop(owners);
        for app in changed {
            schedule(&connection, &pending, app);
        }
    });
    Some(watch)
}

/// Notes which app the pod belongs to and returns that app.
fn remember(owners: &mut HashMap<RowKey, String>, row: &Row) -> Option<(String, String)> {
    let app = app_of(row)?;
    owners.insert(row.key.clone(), app.clone());
    Some((row.key.namespace.clone(), app))
}

/// The app a pod row belongs to, from its labels.
fn app_of(row: &Row) -> Option<String> {
    row.labels
        .split(',')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == APP_LABEL)
        .map(|(_, value)| value.to_string())
}

/// Records the app's state once its pod events settle; one refresh per burst.
fn schedule(connection: &Connection, pending: &Arc<Mutex<HashSet<(String, String)>>>, app: (String, String)) {
    let Ok(mut set) = pending.lock() else { return };
    if !set.insert(app.clone()) {
        return;
    }
    drop(set);
    let (connection, pending) = (connection.clone(), Arc::clone(pending));
    tokio::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if let Ok(mut set) = pending.lock() {
            set.remove(&app);
        }
        let _ = apps::refresh_status(&connection, &app.0, &app.1).await;
    });
}
