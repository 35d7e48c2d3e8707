//! One accepted connection of a port-forward: it waits for the forward to have a pod,
//! opens a `pods/portforward` stream to it and copies bytes both ways, counting them.
//! A stream that cannot be opened asks the forward to re-target and tries the next pod
//! (a few times, each after the forward found one).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc::UnboundedSender, watch};

use crate::kube::Connection;
use crate::kube::port_forward::{self, Resolved};
use crate::model::forward::session::ForwardCounters;

/// How long a connection waits for the forward to find a pod before it closes.
const WAIT_FOR_POD: Duration = Duration::from_secs(30);
/// How many pods a connection tries before it closes.
const TRIES: usize = 5;

/// What a forward's connections share: the pod to go to, and the counters.
pub struct Shared {
    current: watch::Sender<Option<Resolved>>,
    open: AtomicU64,
    total: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            current: watch::Sender::new(None),
            open: AtomicU64::new(0),
            total: AtomicU64::new(0),
            bytes_in: AtomicU64::new(0),
            bytes_out: AtomicU64::new(0),
        }
    }

    /// New connections go to `pod` from now on (`None`: they wait).
    pub fn serve(&self, pod: Option<Resolved>) {
        self.current.send_replace(pod);
    }

    pub fn counters(&self) -> ForwardCounters {
        ForwardCounters {
            open: self.open.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            bytes_in: self.bytes_in.load(Ordering::Relaxed),
            bytes_out: self.bytes_out.load(Ordering::Relaxed),
        }
    }
}

/// Serves `stream` to its end; `retarget` tells the forward a pod could not be reached
/// (its name and why).
pub async fn serve(
    stream: TcpStream,
    connection: Connection,
    shared: Arc<Shared>,
    retarget: UnboundedSender<(String, String)>,
) {
    shared.open.fetch_add(1, Ordering::Relaxed);
    shared.total.fetch_add(1, Ordering::Relaxed);
    let mut current = shared.current.subscribe();
    for _ in 0..TRIES {
        let waited = tokio::time::timeout(WAIT_FOR_POD, current.wait_for(Option::is_some)).await;
        let Some(resolved) = waited.ok().and_then(|r| r.ok()).and_then(|pod| pod.clone()) else {
            break;
        };
        current.mark_unchanged();
        match port_forward::open(&connection, &resolved).await {
            Ok(forward) => {
                pump(stream, forward, &shared).await;
                break;
            }
            Err(error) => {
                tracing::info!("a port-forward to pod {} could not open: {error}", resolved.pod);
                let _ = retarget.send((resolved.pod.clone(), error.to_string()));
                let _ = tokio::time::timeout(WAIT_FOR_POD, current.changed()).await;
            }
        }
    }
    shared.open.fetch_sub(1, Ordering::Relaxed);
}

/// Copies both ways until the pod's side ends (then the client is closed too) or the
/// client's does (then the pod gets the end of input and may still answer).
async fn pump(stream: TcpStream, mut forward: port_forward::Forward, shared: &Shared) {
    {
        let (mut client_in, mut client_out) = stream.into_split();
        let (mut pod_in, mut pod_out) = tokio::io::split(&mut forward.stream);
        let upstream = async {
            let _ = copy(&mut client_in, &mut pod_out, &shared.bytes_out).await;
            let _ = pod_out.shutdown().await;
            std::future::pending::<()>().await;
        };
        let downstream = async {
            let _ = copy(&mut pod_in, &mut client_out, &shared.bytes_in).await;
            let _ = client_out.shutdown().await;
        };
        tokio::select! {
            () = upstream => {}
            () = downstream => {}
        }
    }
    if let Some(error) = forward.finish().await {
        tracing::info!("a port-forward connection ended: {error}");
    }
}

/// Copies `from` into `to` until `from` ends, adding what it copied to `counter`.
async fn copy(
    from: &mut (impl AsyncRead + Unpin),
    to: &mut (impl AsyncWrite + Unpin),
    counter: &AtomicU64,
) -> std::io::Result<()> {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = from.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        to.write_all(&buffer[..read]).await?;
        counter.fetch_add(read as u64, Ordering::Relaxed);
    }
}
