//! The interactive dashboard: wires terminal input, cluster tasks and the clock into
//! the application state machine, runs the effects it asks for, and redraws only when
//! something changed (at most once a frame).

mod app_detail;
mod app_follow;
mod background;
mod batch_files;
mod build_follow;
mod cluster_ops;
mod consoles;
mod effects;
mod external_editor;
mod host_detail;
mod kubic_ops;
mod log_feed;
mod poller;
mod registry_ops;
mod streams;
mod terminal;

use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use k8s_openapi::jiff::Timestamp;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::app::{Action, App, Effect, Header};
use crate::cli::Cli;
use crate::config;
use crate::kube::{self, Connection};
use crate::model::failure::Failure;
use effects::Executor;
use terminal::TerminalGuard;

/// The shortest time between two frames: bursts of events are drawn once.
const FRAME: Duration = Duration::from_millis(16);
/// How often ages are refreshed when nothing else happens.
const CLOCK: Duration = Duration::from_secs(1);

/// Connects, then runs the dashboard until the operator quits.
pub async fn run(cli: &Cli) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let options = cli.connect_options();
    let connection = kube::connect(&options).await?;
    let (config, warnings) = config::load(config::user_config_dir().as_deref());
    let namespace = (!cli.all_namespaces).then(|| connection.namespace.clone());
    let mut app = App::new(header_of(&connection), config.keymap, namespace, Timestamp::now());
    app.readonly = cli.readonly || config.readonly;
    app.log_capacity = cli.log_lines.max(1);
    app.console_image = cli.console_image.clone();
    app.contexts = kube::connect::context_names(&options).unwrap_or_default();
    let theme = config.theme;

    let (actions, mut inbox) = mpsc::unbounded_channel::<Action>();
    app.metrics = crate::model::metrics::Metrics::new(cli.metrics_window as i64);
    // The table benchmark measures the table alone: no metrics polling beside it.
    let interval = (!cli.exit_when_loaded).then(|| Duration::from_secs(cli.metrics_interval));
    let mut executor = Executor::new(connection, options, actions.clone(), interval);
    let mut pending = app.start(cli.start_view());
    if let Some(first) = warnings.first() {
        let more = if warnings.len() > 1 {
            format!(" (+{} more)", warnings.len() - 1)
        } else {
            String::new()
        };
        pending.extend(app.update(Action::ServerVersion(Err(Failure::invalid(format!(
            "config: {first}{more}"
        ))))));
    }

    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    pending.extend(app.update(Action::Resized {
        width: size.width,
        height: size.height,
    }));
    let mut input = EventStream::new();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut clock = tokio::time::interval(CLOCK);
    let mut dirty = true;
    let mut next_frame = Instant::now();

    // Every way out, an error included, leaves through the clean-up below (toolbox pods
    // are removed).
    executor.follow(&app.subscriptions());
    let outcome: anyhow::Result<()> = async {
        loop {
            for effect in pending.drain(..) {
                match effect {
                    Effect::Redraw => dirty = true,
                    Effect::Quit => return Ok(()),
                    Effect::EditExternal { object, yaml } => {
                        drop(input);
                        let result = guard.suspended(|| external_editor::edit(&yaml));
                        input = EventStream::new();
                        let _ = actions.send(Action::ExternalEdited {
                            object,
                            original: yaml,
                            result: result.map_err(Failure::other),
                        });
                        dirty = true;
                    }
                    other => executor.execute(other).await,
                }
            }
            if dirty && Instant::now() >= next_frame {
                app.prepare_frame();
                guard.terminal.draw(|frame| crate::ui::render(frame, &app, &theme))?;
                dirty = false;
                next_frame = Instant::now() + FRAME;
                if cli.exit_when_loaded
                    && let Some(rows) = loaded_rows(&app)
                {
                    drop(guard);
                    eprintln!(
                        "kubic: {rows} rows loaded and drawn in {} ms",
                        started.elapsed().as_millis()
                    );
                    return Ok(());
                }
            }
            let action = tokio::select! {
                Some(event) = input.next() => match event? {
                    Event::Key(key) if key.kind != KeyEventKind::Release => Action::Key(key),
                    Event::Resize(width, height) => Action::Resized { width, height },
                    Event::Paste(text) => Action::Paste(text),
                    _ => continue,
                },
                Some(action) = inbox.recv() => action,
                _ = clock.tick() => Action::Tick(Timestamp::now()),
                _ = terminate.recv() => Action::Terminate,
                _ = hangup.recv() => Action::Terminate,
                _ = tokio::time::sleep_until(next_frame), if dirty => continue,
            };
            pending = app.update(action);
            executor.follow(&app.subscriptions());
        }
    }
    .await;
    executor.shutdown().await;
    outcome
}

/// The row count of the first table once it is complete.
fn loaded_rows(app: &App) -> Option<usize> {
    let table = &app.view()?.table;
    (table.feed == crate::app::table::Feed::Live).then(|| table.total_len())
}

/// The top bar's facts about a connection.
pub fn header_of(connection: &Connection) -> Header {
    Header {
        context: connection.context.clone(),
        cluster: connection.cluster.clone(),
        server_url: connection.server_url.clone(),
        client_version: crate::CLIENT_VERSION.into(),
        server_version: None,
    }
}
