//! Runs the effects the state machine asks for: each request is a task whose result
//! comes back as an action, so the UI never waits on the network.

use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;

use crate::app::input::overlay::TextKind;
use crate::app::kubic::ops::KubicOp;
use crate::app::{Action, Effect, Fetched, Purpose};
use crate::kube::objects;
use crate::kube::tables::{TableWatch, watch_rows};
use crate::kube::{self, ConnectOptions, Connection, discovery};
use crate::model::cluster::ObjectRef;
use crate::model::resource::Known;

/// Owns the connection and the current table watch.
pub struct Executor {
    connection: Connection,
    options: ConnectOptions,
    actions: UnboundedSender<Action>,
    table: Option<TableWatch>,
    /// While apps are shown: the pod watch that keeps their state following their pods.
    app_follower: Option<TableWatch>,
    /// The open log pane's stream.
    logs: Option<super::background::Background>,
    consoles: super::consoles::Consoles,
    /// Samples metrics and counts for the dashboard, the hosts table and the monitor.
    poller: Option<super::background::Background>,
    /// `None`: no polling (the table benchmark).
    metrics_interval: Option<std::time::Duration>,
    /// While image builds are shown: their phase following their pods.
    build_follower: Option<super::background::Background>,
    /// The build log being followed (one at a time).
    build_log: Option<super::background::Background>,
}

impl Executor {
    pub fn new(
        connection: Connection,
        options: ConnectOptions,
        actions: UnboundedSender<Action>,
        metrics_interval: Option<std::time::Duration>,
    ) -> Executor {
        let executor = Executor {
            connection,
            options,
            actions,
            table: None,
            app_follower: None,
            logs: None,
            consoles: super::consoles::Consoles::default(),
            poller: None,
            metrics_interval,
            build_follower: None,
            build_log: None,
        };
        executor.fetch_server_version();
        executor
    }

    /// Polls metrics only while a screen shows them (the dashboard, a host monitor, the
    /// hosts table): elsewhere a big cluster is not listed every few seconds for nothing.
    pub fn set_polling(&mut self, wanted: bool) {
        if !wanted {
            self.poller = None;
        } else if self.poller.is_none() {
            self.start_poller();
        }
    }

    fn start_poller(&mut self) {
        self.poller = None;
        self.poller = self
            .metrics_interval
            .map(|interval| super::poller::start(self.connection.clone(), interval, self.actions.clone()));
    }

    pub async fn execute(&mut self, effect: Effect) {
        match effect {
            Effect::Watch { view, kind, scope } => {
                let actions = self.actions.clone();
                self.stop_view_watches();
                self.app_follower = if kind.is_known(Known::App) {
                    super::app_follow::follow(&self.connection, scope.namespace.clone())
                } else {
                    None
                };
                self.build_follower = kind
                    .is_known(Known::ImageBuild)
                    .then(|| super::build_follow::follow(&self.connection));
                self.table = Some(watch_rows(&self.connection, &kind, &scope, move |event| {
                    let _ = actions.send(Action::Rows { view, event });
                }));
            }
            Effect::Discover => self.spawn(|connection| async move {
                Action::Discovered(discovery::discover(&connection).await.map_err(|e| e.to_string()))
            }),
            Effect::Fetch { purpose, object }
                if object.kind.is_known(Known::App) && matches!(purpose, Purpose::Describe | Purpose::Manifest) =>
            {
                self.spawn(move |connection| async move {
                    let (kind, result) = if purpose == Purpose::Describe {
                        (
                            TextKind::Describe,
                            super::app_detail::detail(&connection, &object).await,
                        )
                    } else {
                        (TextKind::Yaml, super::app_detail::manifest(&connection, &object).await)
                    };
                    Action::TextReady { kind, object, result }
                })
            }
            Effect::Fetch {
                purpose: Purpose::Describe,
                object,
            } if object.kind.is_known(Known::IpPool) => self.spawn(move |connection| async move {
                let result = super::app_detail::pool_detail(&connection, &object).await;
                Action::TextReady {
                    kind: TextKind::Describe,
                    object,
                    result,
                }
            }),
            Effect::Fetch {
                purpose: Purpose::Describe,
                object,
            } if object.kind.is_known(Known::Node) => self.spawn(move |connection| async move {
                let result = super::host_detail::detail(&connection, &object).await;
                Action::TextReady {
                    kind: TextKind::Describe,
                    object,
                    result,
                }
            }),
            Effect::Fetch { purpose, object } => self.spawn(move |connection| async move {
                let result = fetch(&connection, &object, purpose).await;
                Action::Fetched {
                    purpose,
                    object,
                    result,
                }
            }),
            Effect::Apply { object, edited } => self.spawn(move |connection| async move {
                let result = objects::replace(&connection, &object, edited)
                    .await
                    .map_err(|e| e.to_string());
                Action::Applied { object, result }
            }),
            Effect::Create { object, edited } => self.spawn(move |connection| async move {
                let result = objects::create(&connection, &object, edited)
                    .await
                    .map_err(|e| e.to_string());
                Action::Applied { object, result }
            }),
            Effect::Delete(object) => self.spawn(move |connection| async move {
                let result = objects::delete(&connection, &object).await.map_err(|e| e.to_string());
                Action::Deleted { object, result }
            }),
            Effect::SwitchContext(context) => self.switch_context(context).await,
            Effect::Unwatch => self.stop_view_watches(),
            Effect::Kubic(KubicOp::Cluster(op)) => {
                let progress = self.actions.clone();
                self.spawn(move |connection| async move {
                    let report = move |line: String| drop(progress.send(Action::ClusterProgress(line)));
                    let result = super::cluster_ops::perform(&connection, &op, report).await;
                    Action::KubicDone {
                        op: KubicOp::Cluster(op),
                        result,
                    }
                })
            }
            Effect::Kubic(op) => self.spawn(move |connection| async move {
                let result = super::kubic_ops::perform(&connection, &op).await;
                Action::KubicDone { op, result }
            }),
            Effect::FollowLogs {
                stream,
                object,
                options,
            } => {
                self.logs = None;
                self.logs = Some(super::log_feed::start(
                    &self.connection,
                    stream,
                    object,
                    options,
                    self.actions.clone(),
                ));
            }
            Effect::StopLogs => self.logs = None,
            Effect::OpenConsole {
                id,
                request,
                rows,
                cols,
            } => self
                .consoles
                .open(&self.connection, id, request, (rows, cols), self.actions.clone()),
            Effect::OpenToolbox {
                id,
                namespace,
                image,
                files_of,
                rows,
                cols,
            } => self.consoles.open_toolbox(
                &self.connection,
                id,
                (
                    namespace.unwrap_or_else(|| self.connection.namespace.clone()),
                    image,
                    files_of,
                ),
                (rows, cols),
                self.actions.clone(),
            ),
            Effect::Batch { catalog, argv } => self.spawn(move |connection| async move {
                let result = super::batch_files::batch(&connection, &catalog, &argv).await;
                Action::BatchDone { catalog, result }
            }),
            Effect::DeployFiles { catalog, image } => self.spawn(move |connection| async move {
                let result = super::batch_files::deploy(&connection, &catalog, &image).await;
                Action::FilesDeployed { catalog, result }
            }),
            Effect::RestartApps(apps) => self.spawn(move |connection| async move {
                let result = crate::kube::file_deploy::restart_apps(&connection, &apps).await;
                Action::AppsRestarted(result.map_err(|e| e.to_string()))
            }),
            Effect::ConsoleInput { id, bytes } => self.consoles.input(id, bytes),
            Effect::ConsoleResize { id, rows, cols } => self.consoles.resize(id, rows, cols),
            Effect::CloseConsole { id } => self.consoles.close(id),
            Effect::SaveLog { path, text } => {
                self.spawn(move |_| async move { Action::LogSaved(super::log_feed::save(path, text).await) })
            }
            Effect::Registry(crate::app::images::browse::RegistryRequest::StopBuildLog) => self.build_log = None,
            Effect::Registry(request) => {
                let is_log = matches!(request, crate::app::images::browse::RegistryRequest::BuildLog { .. });
                let task = super::registry_ops::run(self.connection.clone(), request, self.actions.clone());
                if is_log {
                    self.build_log = Some(super::background::Background::spawn(task));
                } else {
                    tokio::spawn(task);
                }
            }
            Effect::Redraw | Effect::Quit | Effect::EditExternal { .. } => {}
        }
    }

    /// Before kubic exits: consoles stop and their toolbox pods are removed.
    pub async fn shutdown(&mut self) {
        self.consoles.shutdown().await;
    }

    fn spawn<F, Fut>(&self, task: F)
    where
        F: FnOnce(Connection) -> Fut,
        Fut: std::future::Future<Output = Action> + Send + 'static,
    {
        let actions = self.actions.clone();
        let future = task(self.connection.clone());
        tokio::spawn(async move {
            let _ = actions.send(future.await);
        });
    }

    fn fetch_server_version(&self) {
        self.spawn(|connection| async move {
            Action::ServerVersion(
                kube::version::server_version(&connection)
                    .await
                    .map_err(|e| e.to_string()),
            )
        });
    }

    /// Reconnects with another context (a local kubeconfig read, no network wait).
    /// Stops what follows the current table: its watch, and the app or build followers.
    fn stop_view_watches(&mut self) {
        self.table = None;
        self.app_follower = None;
        self.build_follower = None;
    }

    async fn switch_context(&mut self, context: String) {
        let mut options = self.options.clone();
        options.context = Some(context);
        options.namespace = None;
        match kube::connect(&options).await {
            Ok(connection) => {
                self.stop_view_watches();
                self.build_log = None;
                let header = super::header_of(&connection);
                let namespace = Some(connection.namespace.clone());
                self.connection = connection;
                self.options = options;
                self.fetch_server_version();
                if self.poller.is_some() {
                    self.start_poller();
                }
                let _ = self.actions.send(Action::ContextSwitched(Ok((header, namespace))));
            }
            Err(error) => {
                let _ = self.actions.send(Action::ContextSwitched(Err(error.to_string())));
            }
        }
    }
}

async fn fetch(connection: &Connection, object: &ObjectRef, purpose: Purpose) -> Result<Fetched, String> {
    let value: Value = objects::get(connection, object).await.map_err(|e| e.to_string())?;
    let events = if purpose == Purpose::Describe {
        let uid = value
            .pointer("/metadata/uid")
            .and_then(Value::as_str)
            .unwrap_or_default();
        // Describe still works when events cannot be listed.
        objects::events_for(connection, object, uid).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(Fetched { object: value, events })
}
