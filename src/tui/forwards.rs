//! The runner's side of a session's port-forwards. Each forward is one task: it listens
//! on the local end, plans its target once, keeps a pod picked (a new one, by the retry
//! policy, whenever the current one goes away or cannot be reached: "re-targeting"), and
//! hands every accepted connection to the pod picked at the time. Its state and
//! counters go to the state machine as actions. Stopping a forward, or the session
//! ending, drops its task: the listener closes and its connections end.

mod connection;
mod offer;

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::{JoinHandle, JoinSet};

use crate::app::Action;
use crate::kube::port_forward::Resolved;
use crate::kube::port_forward::follow::{self, Plan};
use crate::kube::retry::Retry;
use crate::kube::{Connection, KubeError};
use crate::model::forward::session::{ForwardRequest, ForwardState, ForwardStatus};
pub use offer::{prepare, probe};

/// How often the counters are reported while they change.
const REPORT: Duration = Duration::from_millis(500);

/// Every forward of the session, by id; dropping one stops it.
#[derive(Default)]
pub struct Forwards {
    open: HashMap<u64, JoinHandle<()>>,
}

impl Drop for Forwards {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Forwards {
    /// Starts forward `request` through `connection`; `loopback_only` (a served session)
    /// refuses to listen anywhere but 127.0.0.1.
    pub fn start(
        &mut self,
        connection: &Connection,
        request: ForwardRequest,
        loopback_only: bool,
        actions: UnboundedSender<Action>,
    ) {
        let id = request.id;
        let connection = connection.clone();
        let task = tokio::spawn(async move {
            let report = Reporter { id, actions };
            if loopback_only && request.address != IpAddr::from([127, 0, 0, 1]) {
                let reason = "a session served over SSH listens on 127.0.0.1 only".to_string();
                return report.state(ForwardState::Unbound { reason }, Default::default());
            }
            match TcpListener::bind((request.address, request.local_port)).await {
                Ok(listener) => run(connection, request, listener, report).await,
                Err(error) => {
                    tracing::info!("port-forward {id}: cannot listen on {}: {error}", request.local());
                    let reason = error.to_string();
                    report.state(ForwardState::Unbound { reason }, Default::default())
                }
            }
        });
        if let Some(old) = self.open.insert(id, task) {
            old.abort();
        }
    }

    pub fn stop(&mut self, id: u64) {
        if let Some(task) = self.open.remove(&id) {
            task.abort();
            tracing::info!("port-forward {id} stopped");
        }
    }

    /// The session ends: every forward stops.
    pub fn shutdown(&mut self) {
        for (_, task) in self.open.drain() {
            task.abort();
        }
    }
}

/// Sends forward `id`'s reports to the state machine.
struct Reporter {
    id: u64,
    actions: UnboundedSender<Action>,
}

impl Reporter {
    fn state(&self, state: ForwardState, counters: crate::model::forward::session::ForwardCounters) {
        let status = ForwardStatus { state, counters };
        let _ = self.actions.send(Action::ForwardUpdate { id: self.id, status });
    }
}

/// What the forward is busy with between connections.
enum Step {
    Planned(Result<Plan, KubeError>),
    Picked(Result<Resolved, KubeError>),
    Gone(String),
}

type Work = Pin<Box<dyn Future<Output = Step> + Send>>;

/// Plans (then picks) after `pause`.
fn planning(connection: Connection, target: crate::model::forward::ForwardTarget, pause: Duration) -> Work {
    Box::pin(async move {
        tokio::time::sleep(pause).await;
        Step::Planned(follow::plan(&connection, &target).await)
    })
}

fn picking(connection: Connection, plan: Arc<Plan>, pause: Duration) -> Work {
    Box::pin(async move {
        tokio::time::sleep(pause).await;
        Step::Picked(follow::pick(&connection, &plan).await)
    })
}

fn watching(connection: Connection, resolved: Resolved) -> Work {
    Box::pin(async move { Step::Gone(follow::gone(&connection, &resolved).await) })
}

/// A refusal that trying again will not change: the forward fails for good.
fn is_final(error: &KubeError) -> bool {
    matches!(error, KubeError::Refused { code: 401 | 403, .. })
}

/// One forward, listening, until it fails for good or is stopped.
async fn run(connection: Connection, request: ForwardRequest, listener: TcpListener, report: Reporter) {
    let id = request.id;
    tracing::info!("port-forward {id}: {} listens for {}", request.local(), request.target);
    let shared = Arc::new(connection::Shared::new());
    let (retarget, mut retargets) = mpsc::unbounded_channel::<(String, String)>();
    let mut connections = JoinSet::new();
    let mut retry = Retry::default();
    let mut plan: Option<Arc<Plan>> = None;
    let mut serving: Option<Resolved> = None;
    let mut state = ForwardState::Starting;
    let mut work = planning(connection.clone(), request.target.clone(), Duration::ZERO);
    let mut tick = tokio::time::interval(REPORT);
    let mut reported = shared.counters();
    report.state(state.clone(), reported);
    loop {
        let next = tokio::select! {
            step = &mut work => Some(step),
            accepted = listener.accept() => {
                match accepted {
                    Ok((stream, from)) => {
                        tracing::debug!("port-forward {id}: a connection from {from}");
                        let task = connection::serve(stream, connection.clone(), Arc::clone(&shared), retarget.clone());
                        connections.spawn(task);
                    }
                    Err(error) => {
                        tracing::warn!("port-forward {id}: accepting failed: {error}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
                None
            }
            Some((pod, reason)) = retargets.recv() => {
                let current = serving.as_ref().is_some_and(|r| r.pod == pod);
                current.then_some(Step::Gone(reason))
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => None,
            _ = tick.tick() => None,
        };
        if let Some(step) = next {
            let (new_state, new_work) = match step {
                Step::Planned(Ok(planned)) => {
                    let planned = Arc::new(planned);
                    plan = Some(Arc::clone(&planned));
                    (state.clone(), picking(connection.clone(), planned, Duration::ZERO))
                }
                Step::Picked(Ok(resolved)) => {
                    retry.reset();
                    tracing::info!("port-forward {id}: to pod {} port {}", resolved.pod, resolved.port);
                    let active = ForwardState::Active {
                        pod: resolved.pod.clone(),
                        port: resolved.port,
                    };
                    shared.serve(Some(resolved.clone()));
                    serving = Some(resolved.clone());
                    (active, watching(connection.clone(), resolved))
                }
                Step::Planned(Err(error)) | Step::Picked(Err(error)) if is_final(&error) => {
                    tracing::warn!("port-forward {id} failed: {error}");
                    report.state(
                        ForwardState::Failed {
                            reason: error.to_string(),
                        },
                        shared.counters(),
                    );
                    return;
                }
                Step::Planned(Err(error)) => {
                    let pause = retry.next().unwrap_or_default();
                    let why = ForwardState::Retargeting {
                        reason: error.to_string(),
                    };
                    (why, planning(connection.clone(), request.target.clone(), pause))
                }
                Step::Picked(Err(error)) => {
                    let pause = retry.next().unwrap_or_default();
                    let why = ForwardState::Retargeting {
                        reason: error.to_string(),
                    };
                    (why, repick(&connection, plan.as_ref(), &request, pause))
                }
                Step::Gone(reason) => {
                    tracing::info!("port-forward {id}: {reason}; re-targeting");
                    shared.serve(None);
                    serving = None;
                    let why = ForwardState::Retargeting { reason };
                    (why, repick(&connection, plan.as_ref(), &request, Duration::ZERO))
                }
            };
            work = new_work;
            if new_state != state {
                state = new_state;
                reported = shared.counters();
                report.state(state.clone(), reported);
            }
        }
        let counters = shared.counters();
        if counters != reported {
            reported = counters;
            report.state(state.clone(), reported);
        }
    }
}

/// Picks again from the plan, or plans again when there is none yet.
fn repick(connection: &Connection, plan: Option<&Arc<Plan>>, request: &ForwardRequest, pause: Duration) -> Work {
    match plan {
        Some(plan) => picking(connection.clone(), Arc::clone(plan), pause),
        None => planning(connection.clone(), request.target.clone(), pause),
    }
}
