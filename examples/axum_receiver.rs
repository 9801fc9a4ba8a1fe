//! A status callback receiver on axum: verifies, parses and prints every callback.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=... PUBLIC_URL=https://hooks.example.com \
//!     cargo run --example axum_receiver --features axum
//! ```
//!
//! `PUBLIC_URL` is the scheme, host and port Twilio calls (the URL it signs); `LISTEN` is the
//! address to listen on (default `127.0.0.1:3000`). `POST /callbacks` and `GET /callbacks`
//! accept every family: a valid callback is answered 200 with an empty body and printed as
//! one line (kind, identifiers, timestamp); an authentic one whose values do not fit the model
//! is answered 200 too and printed as one line naming the parameter; a rejected one gets its
//! status (400 for an authentic request that is not a status callback, 403, 413) and a line on
//! standard error, at most ten such lines a second. Ctrl-C stops it.
//!
//! It is safe to expose as it is: bodies over 64 KiB are refused (413), a client gets
//! `READ_TIMEOUT_SECS` (default 10) to send its headers and as long again for its body before
//! it is disconnected, and at most 256 connections are served at once.

mod support;

use std::process::ExitCode;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use hyper_util::service::TowerToHyperService;
use status_callbacks::integrations::axum::TwilioCallback;
use status_callbacks::integrations::{CallbackRejection, WebhookConfig};
use status_callbacks::{Event, Received};

use support::{read_timeout, RejectionLog, BODY_LIMIT};

static REJECTIONS: RejectionLog = RejectionLog::new();

async fn callback(
    callback: Result<TwilioCallback<Received<Event>>, CallbackRejection>,
) -> Result<StatusCode, CallbackRejection> {
    match callback {
        Ok(TwilioCallback(Received::Typed(event))) => {
            println!("{} dedupe={}", event.summary(), event.dedupe_key());
            Ok(StatusCode::OK)
        }
        // Authentic, but a value does not fit the model: answered 200 all the same, since
        // Twilio does not retry a 4xx and the callback would be lost.
        Ok(TwilioCallback(Received::Untyped(raw))) => {
            println!("{raw}");
            Ok(StatusCode::OK)
        }
        Err(rejection) => {
            REJECTIONS.log(format_args!(
                "rejected ({}): {}",
                rejection.status(),
                rejection.log_line()
            ));
            Err(rejection)
        }
    }
}

/// Answers 408 when a request (its body, mostly) takes longer than the read timeout.
async fn within_read_timeout(request: Request, next: Next) -> Response {
    match tokio::time::timeout(read_timeout(), next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            REJECTIONS.log("rejected (408): the body was not sent in time");
            StatusCode::REQUEST_TIMEOUT.into_response()
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match WebhookConfig::from_env() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("axum_receiver: {problem}");
            return ExitCode::from(2);
        }
    };
    let listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let app = Router::new()
        .route("/callbacks", post(callback).get(callback))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(within_read_timeout))
        .with_state(config);
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("axum_receiver: cannot listen on {listen}: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("listening on http://{listen}/callbacks");

    // hyper's own connection loop, for what `axum::serve` does not offer: a header read
    // timeout and a connection limit.
    support::serve_until_ctrl_c(listener, &REJECTIONS, move || {
        TowerToHyperService::new(app.clone())
    })
    .await;
    ExitCode::SUCCESS
}
