//! The interactive dashboard: wires cluster watches and terminal input into the
//! application state machine and redraws only when something changed.

mod terminal;

use std::time::Duration;

use ::kube::Api;
use ::kube::runtime::watcher;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use k8s_openapi::api::core::v1::Node;
use k8s_openapi::jiff::Timestamp;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::app::{Action, App, Effect, Header};
use crate::cli::Cli;
use crate::kube::watch::{Watch, WatchNotice};
use crate::kube::{self, Connection};
use crate::model::host::host_row;
use terminal::TerminalGuard;

/// The shortest time between two frames: bursts of events are drawn once.
const FRAME: Duration = Duration::from_millis(16);
/// How often ages are refreshed when nothing else happens.
const AGE_TICK: Duration = Duration::from_secs(1);

/// Connects, then runs the dashboard until the operator quits.
pub async fn run(cli: &Cli) -> anyhow::Result<()> {
    let connection = kube::connect(&cli.connect_options()).await?;
    let mut app = App::new(header_of(&connection, cli));
    let (actions, mut inbox) = mpsc::unbounded_channel::<Action>();
    spawn_server_version(&connection, actions.clone());
    let (notices, mut host_notices) = mpsc::unbounded_channel::<WatchNotice>();
    let hosts = Watch::<Node>::start(
        Api::all(connection.client.clone()),
        watcher::Config::default(),
        move |notice| {
            let _ = notices.send(notice);
        },
    );

    let mut guard = TerminalGuard::enter()?;
    let mut input = EventStream::new();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut ages = tokio::time::interval(AGE_TICK);
    let mut dirty = true;
    let mut next_frame = Instant::now();
    let mut hosts_live = false;

    loop {
        if dirty && Instant::now() >= next_frame {
            guard.terminal.draw(|frame| crate::ui::render(frame, &app))?;
            dirty = false;
            next_frame = Instant::now() + FRAME;
        }
        let action = tokio::select! {
            Some(event) = input.next() => match event? {
                Event::Key(key) if key.kind != KeyEventKind::Release => Action::Key(key),
                Event::Resize(..) => Action::Resized,
                _ => continue,
            },
            Some(action) = inbox.recv() => action,
            Some(notice) = host_notices.recv() => match notice {
                WatchNotice::Failed(reason) => Action::HostsFailed(reason),
                WatchNotice::Ready | WatchNotice::Changed => {
                    hosts_live = true;
                    Action::Hosts(host_rows(&hosts))
                }
            },
            _ = ages.tick(), if hosts_live => Action::Hosts(host_rows(&hosts)),
            _ = terminate.recv() => Action::Terminate,
            _ = hangup.recv() => Action::Terminate,
            _ = tokio::time::sleep_until(next_frame), if dirty => continue,
        };
        for effect in app.update(action) {
            match effect {
                Effect::Redraw => dirty = true,
                Effect::Quit => return Ok(()),
            }
        }
    }
}

fn header_of(connection: &Connection, cli: &Cli) -> Header {
    Header {
        context: connection.context.clone(),
        cluster: connection.cluster.clone(),
        server_url: connection.server_url.clone(),
        namespace: if cli.all_namespaces {
            "all".into()
        } else {
            connection.namespace.clone()
        },
        client_version: crate::CLIENT_VERSION.into(),
        server_version: None,
    }
}

fn spawn_server_version(connection: &Connection, actions: mpsc::UnboundedSender<Action>) {
    let connection = connection.clone();
    tokio::spawn(async move {
        let result = kube::version::server_version(&connection)
            .await
            .map_err(|e| e.to_string());
        let _ = actions.send(Action::ServerVersion(result));
    });
}

fn host_rows(hosts: &Watch<Node>) -> Vec<crate::model::host::HostRow> {
    let now = Timestamp::now();
    let mut rows: Vec<_> = hosts.store().state().iter().map(|node| host_row(node, now)).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}
