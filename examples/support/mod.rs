//! What both example receivers share: limits that keep a receiver safe to expose, and a
//! rejection log that cannot be used to flood standard error.

use std::fmt::Display;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The largest body accepted. Real callbacks are a few KiB at most; 64 KiB is plenty, and a
/// larger body is answered 413 without being read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The most connections served at once; more are closed as soon as they are accepted.
pub const MAX_CONNECTIONS: usize = 256;

/// How long a client may take to send a request's headers, and then its body: a client that
/// holds a half-sent request is disconnected after this. `READ_TIMEOUT_SECS` sets it
/// (default 10 seconds).
pub fn read_timeout() -> Duration {
    let seconds = std::env::var("READ_TIMEOUT_SECS")
        .ok()
        .and_then(|text| text.parse::<u64>().ok())
        .filter(|&seconds| seconds > 0)
        .unwrap_or(10);
    Duration::from_secs(seconds)
}

/// The most rejection lines written per second; the others are counted, and the count is
/// written with the next line that is allowed.
const LINES_PER_SECOND: u32 = 10;

/// Writes rejection lines to standard error, at most [`LINES_PER_SECOND`] a second.
pub struct RejectionLog {
    state: Mutex<Window>,
}

struct Window {
    started: Option<Instant>,
    written: u32,
    dropped: u64,
}

impl RejectionLog {
    pub const fn new() -> Self {
        RejectionLog {
            state: Mutex::new(Window {
                started: None,
                written: 0,
                dropped: 0,
            }),
        }
    }

    pub fn log(&self, line: impl Display) {
        let mut window = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if window
            .started
            .is_none_or(|started| now.duration_since(started) >= Duration::from_secs(1))
        {
            if window.dropped > 0 {
                eprintln!("({} more rejections not logged)", window.dropped);
            }
            *window = Window {
                started: Some(now),
                written: 0,
                dropped: 0,
            };
        }
        if window.written < LINES_PER_SECOND {
            window.written += 1;
            eprintln!("{line}");
        } else {
            window.dropped += 1;
        }
    }
}

/// Serves HTTP/1 connections from `listener` with a service from `make_service` each, until
/// Ctrl-C: the header read timeout, the connection limit and the rejection log of the
/// hyper-based receivers (the actix-web one has its own server).
#[allow(dead_code)]
pub async fn serve_until_ctrl_c<M, S, B>(
    listener: tokio::net::TcpListener,
    rejections: &'static RejectionLog,
    make_service: M,
) where
    M: Fn() -> S,
    S: hyper::service::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = hyper::Response<B>,
        > + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    use hyper::server::conn::http1;
    use hyper_util::rt::{TokioIo, TokioTimer};

    let connections = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    rejections.log(format_args!("cannot accept a connection: {err}"));
                    continue;
                }
            },
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            rejections.log("rejected: too many connections");
            continue;
        };
        let service = make_service();
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(read_timeout())
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
    eprintln!("stopped");
}
