//! End to end: requests a second through a real axum server on loopback, the crate's
//! extractor (signature checked, body parsed into an [`Event`]) against a bare handler that
//! takes `Form<HashMap<String, String>>` and checks nothing.
//!
//! ```text
//! cargo bench --bench receive --features axum
//! ```
//!
//! Both servers run in this process, on `127.0.0.1` with ports the system picks; clients on
//! the same runtime send every fixture body, signed, over keep-alive connections. The rounds
//! alternate between the two servers, so that the machine's load changes hit both alike; the
//! median over rounds of the extractor's throughput over the bare handler's is printed
//! (target: at least 0.90). Bounded: a fixed number of requests, then the servers stop.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

mod support;

use axum::routing::post;
use axum::{Form, Router};
use status_callbacks::integrations::axum::TwilioCallback;
use status_callbacks::integrations::WebhookConfig;
use status_callbacks::signature::{sign_body, Validator};
use status_callbacks::Event;
use support::Spread;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "bench auth token";
const BASE: &str = "https://hooks.example.com";
/// Concurrent keep-alive connections a round.
const CONNECTIONS: usize = 4;
/// Requests per connection per round.
const REQUESTS: usize = 1000;
const ROUNDS: usize = 15;

async fn typed(TwilioCallback(event): TwilioCallback<Event>) -> &'static str {
    std::hint::black_box(&event);
    "ok"
}

async fn bare(Form(map): Form<HashMap<String, String>>) -> &'static str {
    std::hint::black_box(&map);
    "ok"
}

/// Every fixture body that parses, signed for `path`: the raw requests to send.
fn requests(path: &str) -> Vec<Vec<u8>> {
    support::fixture_bodies()
        .into_iter()
        .filter(|body| status_callbacks::parse(body).is_ok())
        .map(|body| {
            let signature = sign_body(TOKEN, &format!("{BASE}{path}"), &body).unwrap();
            let mut request = format!(
                "POST {path} HTTP/1.1\r\nHost: hooks.example.com\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\n\
                 X-Twilio-Signature: {signature}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            request.extend_from_slice(&body);
            request
        })
        .collect()
}

/// Sends `REQUESTS` requests over one connection, each after the previous answer; panics on
/// any answer but 200.
async fn client(addr: SocketAddr, requests: &[Vec<u8>], offset: usize) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let mut buffer = vec![0u8; 4096];
    for i in 0..REQUESTS {
        let request = &requests[(offset + i) % requests.len()];
        stream.write_all(request).await.unwrap();
        // A response's head, then its body of `Content-Length` bytes.
        let mut filled = 0;
        loop {
            let read = stream.read(&mut buffer[filled..]).await.unwrap();
            assert!(read > 0, "the server closed the connection");
            filled += read;
            let head = &buffer[..filled];
            let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") else {
                continue;
            };
            let text = std::str::from_utf8(&head[..end]).unwrap();
            assert!(text.starts_with("HTTP/1.1 200"), "{text}");
            let length: usize = text
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0);
            if filled >= end + 4 + length {
                break;
            }
        }
    }
}

/// Requests a second served by the server at `addr` in one round.
async fn round(addr: SocketAddr, requests: &[Vec<u8>]) -> f64 {
    let started = Instant::now();
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            let requests = requests.to_vec();
            tokio::spawn(async move { client(addr, &requests, c * 7).await })
        })
        .collect();
    for client in clients {
        client.await.unwrap();
    }
    (CONNECTIONS * REQUESTS) as f64 / started.elapsed().as_secs_f64()
}

async fn serve(app: Router) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (addr, server)
}

fn main() {
    // Only `cargo bench` runs the rounds; `cargo test --benches` just checks it builds.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let config = WebhookConfig::new(Validator::twilio(TOKEN).unwrap(), BASE.parse().unwrap());
        let (typed_addr, typed_server) = serve(
            Router::new()
                .route("/callbacks", post(typed))
                .with_state(config),
        )
        .await;
        let (bare_addr, bare_server) = serve(Router::new().route("/callbacks", post(bare))).await;
        let requests = requests("/callbacks");
        // Warm up both.
        round(typed_addr, &requests).await;
        round(bare_addr, &requests).await;
        let mut ratios = Vec::new();
        let (mut typed_rates, mut bare_rates) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let typed = round(typed_addr, &requests).await;
            let bare = round(bare_addr, &requests).await;
            ratios.push(typed / bare);
            typed_rates.push(typed);
            bare_rates.push(bare);
        }
        typed_server.abort();
        bare_server.abort();
        println!(
            "end to end over loopback, {} fixture bodies, {CONNECTIONS} keep-alive connections, \
             median of {ROUNDS} interleaved rounds:",
            requests.len()
        );
        println!(
            "extractor (verify + parse) over bare Form<HashMap> (no verification): {} of its \
             throughput, quartiles in brackets (target >= 0.90)",
            Spread::of(ratios)
        );
        println!(
            "(medians: extractor {:.0} requests/s, bare {:.0} requests/s; absolute figures \
             depend on the machine)",
            Spread::of(typed_rates).median,
            Spread::of(bare_rates).median
        );
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
}
