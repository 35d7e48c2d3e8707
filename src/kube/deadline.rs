//! A time limit on every request that should answer at once (get, list, patch, delete,
//! a log without follow): a stalled API server ends it with "the API server did not
//! answer within 10s" instead of leaving it waiting forever. Watches, followed logs and upgraded
//! connections (exec, attach) are long by nature and are left alone: kube's watcher
//! has its own idle timeout, and a quiet shell is not a stalled server.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use ::kube::client::{Body, ClientBuilder, DynBody};
use ::kube::{Client, Config};
use bytes::Bytes;
use http::{Request, Response};
use http_body::Frame;
use tower::{BoxError, Layer, Service};

/// How long the API server may stay silent: before the answer starts, and between two
/// pieces of it.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a request ended without its answer.
#[derive(Debug, thiserror::Error)]
#[error("no answer within {}", self.limit())]
pub struct NoAnswer(pub Duration);

impl NoAnswer {
    /// The limit in words: `10s`, or `300ms` below a second.
    pub fn limit(&self) -> String {
        if self.0.as_secs() > 0 {
            format!("{}s", self.0.as_secs())
        } else {
            format!("{}ms", self.0.as_millis())
        }
    }
}

/// A client over `config` whose short requests end after `limit` of silence.
pub fn client(config: Config, limit: Duration) -> Result<Client, ::kube::Error> {
    Ok(ClientBuilder::try_from(config)?
        .with_layer(&DeadlineLayer(limit))
        .build())
}

/// True for a request whose answer is a stream that may rightly stay silent.
fn is_stream<B>(request: &Request<B>) -> bool {
    let query = request.uri().query().unwrap_or_default();
    let streaming = query
        .split('&')
        .any(|pair| pair == "watch=true" || pair == "watch=1" || pair == "follow=true");
    streaming || request.headers().contains_key(http::header::UPGRADE)
}

struct DeadlineLayer(Duration);

impl<S> Layer<S> for DeadlineLayer {
    type Service = Deadline<S>;

    fn layer(&self, inner: S) -> Deadline<S> {
        Deadline { inner, limit: self.0 }
    }
}

/// The service that applies the limit.
#[derive(Clone)]
pub struct Deadline<S> {
    inner: S,
    limit: Duration,
}

type Answer = Result<Response<SilenceLimited>, BoxError>;

impl<S> Service<Request<Body>> for Deadline<S>
where
    S: Service<Request<Body>, Response = Response<Box<DynBody>>, Error = BoxError>,
    S::Future: Send + 'static,
{
    type Response = Response<SilenceLimited>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Answer> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let limit = (!is_stream(&request)).then_some(self.limit);
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = match limit {
                Some(limit) => tokio::time::timeout(limit, answer)
                    .await
                    .map_err(|_| Box::new(NoAnswer(limit)) as BoxError)?
                    .map_err(|error| silence_of(error, limit))?,
                None => answer.await?,
            };
            Ok(response.map(|body| SilenceLimited::new(body, limit)))
        })
    }
}

/// The connection's own timeouts (connecting, sending) end a stalled request too, as
/// an I/O error "timed out": said the same way as the limit.
fn silence_of(error: BoxError, limit: Duration) -> BoxError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error.as_ref());
    while let Some(current) = cause {
        let timed_out = current
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut);
        if timed_out {
            return Box::new(NoAnswer(limit));
        }
        cause = current.source();
    }
    error
}

/// A response body that fails once no piece of it arrived for its limit.
pub struct SilenceLimited {
    inner: Box<DynBody>,
    limit: Option<(Duration, Pin<Box<tokio::time::Sleep>>)>,
}

impl SilenceLimited {
    fn new(inner: Box<DynBody>, limit: Option<Duration>) -> Self {
        let limit = limit.map(|limit| (limit, Box::pin(tokio::time::sleep(limit))));
        SilenceLimited { inner, limit }
    }
}

impl http_body::Body for SilenceLimited {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                if let Some((limit, timer)) = &mut this.limit {
                    timer.as_mut().reset(tokio::time::Instant::now() + *limit);
                }
                Poll::Ready(frame)
            }
            Poll::Pending => match &mut this.limit {
                Some((limit, timer)) => match timer.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(NoAnswer(*limit))))),
                    Poll::Pending => Poll::Pending,
                },
                None => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;

    /// A server on 127.0.0.1 that reads each request and then writes `answer` (the
    /// status line and headers, maybe a first piece of body) and nothing more.
    fn silent_server(answer: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let mut stream = stream.unwrap();
                std::thread::spawn(move || {
                    let mut buffer = [0u8; 4096];
                    let _ = stream.read(&mut buffer);
                    let _ = stream.write_all(answer.as_bytes());
                    std::thread::sleep(Duration::from_secs(30));
                });
            }
        });
        url
    }

    fn client_of(url: &str, limit: Duration) -> Client {
        client(Config::new(url.parse().unwrap()), limit).unwrap()
    }

    fn get(path: &str) -> Request<Vec<u8>> {
        Request::get(path).body(Vec::new()).unwrap()
    }

    #[tokio::test]
    async fn a_request_without_an_answer_ends_after_the_limit() {
        let client = client_of(&silent_server(""), Duration::from_millis(300));
        let started = std::time::Instant::now();
        let error = client.request_text(get("/api/v1/pods")).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        let message = crate::kube::errors::root_cause(&error);
        assert_eq!(message, "no answer within 300ms");
    }

    #[tokio::test]
    async fn an_answer_that_stops_halfway_ends_after_the_limit() {
        let started_answer = "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"kind\":";
        let client = client_of(&silent_server(started_answer), Duration::from_millis(300));
        let started = std::time::Instant::now();
        let error = client.request_text(get("/api/v1/pods")).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert!(crate::kube::errors::root_cause(&error).starts_with("no answer within"));
    }

    #[tokio::test]
    async fn a_quiet_watch_or_followed_log_is_not_cut() {
        let headers = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
        let client = client_of(&silent_server(headers), Duration::from_millis(200));
        for path in [
            "/api/v1/pods?watch=true",
            "/api/v1/namespaces/a/pods/b/log?&follow=true",
        ] {
            let waiting = client.request_text(get(path));
            let outcome = tokio::time::timeout(Duration::from_millis(1000), waiting).await;
            assert!(outcome.is_err(), "{path} ended: {outcome:?}");
        }
    }

    #[test]
    fn a_connection_timeout_reads_as_no_answer() {
        let limit = Duration::from_secs(10);
        let connect: BoxError = Box::new(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "deadline has elapsed",
        ));
        assert_eq!(silence_of(connect, limit).to_string(), "no answer within 10s");
        let refused: BoxError = Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert_ne!(silence_of(refused, limit).to_string(), "no answer within 10s");
    }

    #[test]
    fn streams_are_told_apart_from_short_requests() {
        assert!(is_stream(&get("/api/v1/pods?watch=true&resourceVersion=1")));
        assert!(is_stream(&get("/api/v1/namespaces/a/pods/b/log?&follow=true")));
        let mut exec = get("/api/v1/namespaces/a/pods/b/exec?command=sh");
        exec.headers_mut()
            .insert(http::header::UPGRADE, http::HeaderValue::from_static("websocket"));
        assert!(is_stream(&exec));
        assert!(!is_stream(&get("/api/v1/pods?limit=500")));
        assert!(!is_stream(&get("/api/v1/namespaces/a/pods/b/log?&tailLines=100")));
        assert!(!is_stream(&get("/api/v1/pods?watchers=true")));
    }
}
