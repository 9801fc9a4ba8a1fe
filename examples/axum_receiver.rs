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
//! one line (kind, identifiers, timestamp); a rejected one gets its status (400, 403, 413) and
//! a line on standard error. Ctrl-C stops it.

use std::process::ExitCode;

use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use status_callbacks::integrations::axum::TwilioCallback;
use status_callbacks::integrations::{CallbackRejection, WebhookConfig};
use status_callbacks::Event;

async fn callback(
    callback: Result<TwilioCallback<Event>, CallbackRejection>,
) -> Result<StatusCode, CallbackRejection> {
    match callback {
        Ok(TwilioCallback(event)) => {
            println!("{}", event.summary());
            Ok(StatusCode::OK)
        }
        Err(rejection) => {
            eprintln!("rejected ({}): {rejection}", rejection.status());
            Err(rejection)
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
        .with_state(config);
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("axum_receiver: cannot listen on {listen}: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("listening on http://{listen}/callbacks");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => {
            eprintln!("stopped");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("axum_receiver: {err}");
            ExitCode::FAILURE
        }
    }
}
