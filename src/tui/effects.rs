//! Runs the effects the state machine asks for: each request is a task whose result
//! comes back as an action, so the UI never waits on the network.

use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;

use super::streams::Streams;
use crate::app::input::overlay::TextKind;
use crate::app::kubic::ops::KubicOp;
use crate::app::{Action, Effect, Fetched, Purpose, Subscriptions};
use crate::config::i18n::Lang;
use crate::kube::objects;
use crate::kube::{self, ConnectOptions, Connection, discovery};
use crate::model::cluster::ObjectRef;
use crate::model::failure::Failure;
use crate::model::resource::Known;

/// Owns the connection, the streams the state declares, and the consoles.
pub struct Executor {
    connection: Connection,
    /// How to reach another context of the kubeconfig; `None` in a served session,
    /// which stays on the server's cluster as its user.
    options: Option<ConnectOptions>,
    actions: UnboundedSender<Action>,
    streams: Streams,
    consoles: super::consoles::Consoles,
    /// The session's port-forwards; they stop with the session.
    forwards: super::forwards::Forwards,
    /// Set in a session served over SSH.
    served: Option<super::served::Served>,
    /// Forwards the server's live sessions while the session is served.
    forwarder: Option<tokio::task::JoinHandle<()>>,
    /// Where the server last heard the session is (told again only when it changes).
    told_view: String,
    /// The session's language, for the texts composed here from several reads.
    lang: Lang,
}

impl Executor {
    pub fn new(
        connection: Connection,
        options: Option<ConnectOptions>,
        actions: UnboundedSender<Action>,
        metrics_interval: Option<std::time::Duration>,
        lang: Lang,
    ) -> Executor {
        let executor = Executor {
            connection,
            options,
            actions,
            streams: Streams::new(metrics_interval),
            consoles: super::consoles::Consoles::default(),
            forwards: super::forwards::Forwards::default(),
            served: None,
            forwarder: None,
            told_view: String::new(),
            lang,
        };
        executor.fetch_server_version();
        executor
    }

    /// The session is served over SSH as `served.login`: the live sessions of the
    /// server are forwarded to the state machine as they change.
    pub fn serve(&mut self, served: super::served::Served) {
        if let Some(forwarder) = self.forwarder.take() {
            forwarder.abort();
        }
        self.forwarder = Some(tokio::spawn(super::user_ops::forward_live_sessions(
            served.live_sessions.clone(),
            self.actions.clone(),
        )));
        self.streams.serve(served.side.clone());
        self.served = Some(served);
    }

    /// Tells the server of a served session about an answer that is a change (for its
    /// audit trail); a local session keeps no trail.
    pub fn audit(&self, action: &Action) {
        if let Some(served) = &self.served
            && let Some(change) = super::audit_trail::change_of(action)
        {
            served.side.record(change);
        }
    }

    /// Tells the server of a served session where the session is now.
    pub fn viewing(&mut self, view: String) {
        if let Some(served) = &self.served
            && view != self.told_view
        {
            served.side.viewing(&view);
            self.told_view = view;
        }
    }

    /// Runs exactly the streams the state declares: what is newly wanted starts, what
    /// is no longer wanted stops (metrics are polled only while a screen shows them).
    pub fn follow(&mut self, wanted: &Subscriptions) {
        self.streams.follow(wanted, &self.connection, &self.actions);
    }

    pub async fn execute(&mut self, effect: Effect) {
        let lang = self.lang;
        if let Some(served) = &self.served
            && let Some(change) = super::audit_trail::change_of_effect(&effect)
        {
            served.side.record(change);
        }
        match effect {
            Effect::Discover => self.spawn(|connection| async move {
                Action::Discovered(discovery::discover(&connection).await.map_err(Failure::from))
            }),
            Effect::Fetch { purpose, object }
                if object.kind.is_known(Known::App) && matches!(purpose, Purpose::Describe | Purpose::Manifest) =>
            {
                self.spawn(move |connection| async move {
                    let (kind, result) = if purpose == Purpose::Describe {
                        (
                            TextKind::Describe,
                            super::app_detail::detail(&connection, &object, lang).await,
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
                let result = super::app_detail::pool_detail(&connection, &object, lang).await;
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
                let result = super::host_detail::detail(&connection, &object, lang).await;
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
                    .map_err(Failure::from);
                Action::Applied { object, result }
            }),
            Effect::Create { object, edited } => self.spawn(move |connection| async move {
                let result = objects::create(&connection, &object, edited)
                    .await
                    .map_err(Failure::from);
                Action::Applied { object, result }
            }),
            Effect::Delete(object) => self.spawn(move |connection| async move {
                let result = objects::delete(&connection, &object).await.map_err(Failure::from);
                Action::Deleted { object, result }
            }),
            Effect::SwitchContext(context) => self.switch_context(context).await,
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
                Action::BatchDone { catalog, argv, result }
            }),
            Effect::DeployFiles { catalog, image } => self.spawn(move |connection| async move {
                let result = super::batch_files::deploy(&connection, &catalog, &image).await;
                Action::FilesDeployed { catalog, result }
            }),
            Effect::RestartApps(apps) => self.spawn(move |connection| async move {
                let result = crate::kube::file_deploy::restart_apps(&connection, &apps).await;
                Action::AppsRestarted(result.map_err(Failure::from))
            }),
            Effect::ConsoleInput { id, bytes } => self.consoles.input(id, bytes),
            Effect::ConsoleResize { id, rows, cols } => self.consoles.resize(id, rows, cols),
            Effect::CloseConsole { id } => self.consoles.close(id),
            Effect::CancelConsole { id } => self.consoles.cancel(id, self.actions.clone()),
            Effect::MayInstall(check) => self.spawn(move |connection| async move {
                let result = crate::kube::access::allowed(&connection, None, &check).await;
                Action::InstallAllowed(result.map_err(Failure::from))
            }),
            Effect::Install => self.spawn(move |connection| async move {
                let result = crate::kube::install::install(&connection).await;
                Action::Installed(result.map(|applied| applied.len()).map_err(Failure::from))
            }),
            Effect::CountTour => self.spawn(move |connection| async move {
                Action::TourCounted(Box::new(crate::kube::tour::counts(&connection).await))
            }),
            Effect::RememberTourDone if self.served.is_none() => super::tour_mark::remember(),
            Effect::RememberTourDone => {}
            Effect::SaveLog { path, text } => {
                self.spawn(move |_| async move { Action::LogSaved(super::log_feed::save(path, text).await) })
            }
            Effect::Registry(request) => {
                tokio::spawn(super::registry_ops::run(
                    self.connection.clone(),
                    request,
                    self.actions.clone(),
                ));
            }
            Effect::ListProjects => {
                self.spawn(
                    |connection| async move { Action::ProjectsListed(super::user_ops::projects(&connection).await) },
                )
            }
            Effect::Choices(request) => self.spawn(move |connection| async move {
                let result = super::choice_ops::answer(&connection, &request).await;
                Action::Choices { request, result }
            }),
            Effect::ChangePassword(change) => {
                let server = self.served.as_ref().map(|served| served.server.clone());
                super::user_ops::change_password(server, change, self.actions.clone());
            }
            Effect::AccessRules { namespace, checks } => self.spawn(move |connection| async move {
                let result = kube::access::review(&connection, namespace.as_deref(), &checks).await;
                Action::AccessRules {
                    namespace,
                    result: result.map_err(Failure::from),
                }
            }),
            Effect::EndSession(id) => {
                let ended = self.served.as_ref().is_some_and(|served| served.side.end_session(id));
                let _ = self.actions.send(Action::SessionEnded { id, ended });
            }
            Effect::PrepareForward { kind, object } => self.spawn(move |connection| async move {
                let result = super::forwards::prepare(&connection, kind, &object).await;
                Action::ForwardPrepared { kind, object, result }
            }),
            Effect::ProbeLocalPort { address, port } => self.spawn(move |_| async move {
                let result = super::forwards::probe(address, port).await;
                Action::LocalPortProbed { address, port, result }
            }),
            Effect::StartForward(request) => {
                // A served session listens on the server's host, for its user only.
                let loopback_only = self.served.is_some();
                self.forwards
                    .start(&self.connection, request, loopback_only, self.actions.clone());
            }
            Effect::StopForward { id } => self.forwards.stop(id),
            Effect::Redraw | Effect::Quit | Effect::EditExternal { .. } | Effect::Copy { .. } => {}
        }
    }

    /// Before kubic exits: port-forwards and consoles stop, toolbox pods are removed.
    pub async fn shutdown(&mut self) {
        if let Some(forwarder) = self.forwarder.take() {
            forwarder.abort();
        }
        self.forwards.shutdown();
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
            let action = future.await;
            super::answer_log::log_answer(&action);
            let _ = actions.send(action);
        });
    }

    fn fetch_server_version(&self) {
        self.spawn(|connection| async move {
            Action::ServerVersion(kube::version::server_version(&connection).await.map_err(Failure::from))
        });
    }

    /// Reconnects with another context (a local kubeconfig read, no network wait); every
    /// stream stops, and streams start again once the state has taken in the switch.
    async fn switch_context(&mut self, context: String) {
        let Some(mut options) = self.options.clone() else {
            let refusal = Failure::invalid("a served session stays on the server's cluster");
            let _ = self.actions.send(Action::ContextSwitched(Err(refusal)));
            return;
        };
        options.context = Some(context.clone());
        options.namespace = None;
        match kube::connect(&options).await {
            Ok(connection) => {
                tracing::info!("switched to context {context} (API server {})", connection.server_url);
                self.streams.connection_replaced();
                let header = super::header_of(&connection);
                let namespace = Some(connection.namespace.clone());
                self.connection = connection;
                self.options = Some(options);
                self.fetch_server_version();
                let _ = self.actions.send(Action::ContextSwitched(Ok((header, namespace))));
            }
            Err(error) => {
                tracing::warn!("switching to context {context} failed: {error}");
                let _ = self.actions.send(Action::ContextSwitched(Err(error.into())));
            }
        }
    }
}

async fn fetch(connection: &Connection, object: &ObjectRef, purpose: Purpose) -> Result<Fetched, Failure> {
    let value: Value = objects::get(connection, object).await.map_err(Failure::from)?;
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
