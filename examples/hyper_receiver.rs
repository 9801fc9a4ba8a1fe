//! A status callback receiver on hyper alone (no axum, no actix-web): verifies, parses and
//! prints every callback with `integrations::http`.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=... PUBLIC_URL=https://hooks.example.com \
//!     cargo run --example hyper_receiver --features http
//! ```
//!
//! The same behaviour as the axum receiver: `POST /callbacks` and `GET /callbacks` accept every
//! family; a callback is answered 200 and printed as one line with its dedupe key; a rejected
//! request gets its status (400, 403, 405, 413, 408 for a body not sent in time) and a line on
//! standard error, at most ten a second. Bodies over 64 KiB are refused, a client gets
//! `READ_TIMEOUT_SECS` (default 10) for its headers and again for its body, and at most 256
//! connections are served at once. Ctrl-C stops it.

mod support;

use std::convert::Infallible;
use std::process::ExitCode;

use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use status_callbacks::integrations::http::{check_head, rejection_response, verify_request};
use status_callbacks::integrations::{idempotency_token, CallbackRejection, WebhookConfig};
use status_callbacks::{Event, Received};

use support::{read_timeout, RejectionLog, BODY_LIMIT};

static REJECTIONS: RejectionLog = RejectionLog::new();

fn status(code: StatusCode) -> Response<String> {
    let mut response = Response::new(String::new());
    *response.status_mut() = code;
    response
}

fn rejected(rejection: CallbackRejection) -> Response<String> {
    REJECTIONS.log(format_args!(
        "rejected ({}): {}",
        rejection.status(),
        rejection.log_line()
    ));
    rejection_response(&rejection)
}

async fn handle(
    config: WebhookConfig,
    request: Request<Incoming>,
) -> Result<Response<String>, Infallible> {
    if request.uri().path() != "/callbacks" {
        return Ok(status(StatusCode::NOT_FOUND));
    }
    let (parts, body) = request.into_parts();
    // Method, configuration, a signature header and the announced length, before the body.
    if let Err(rejection) = check_head(&config, &parts.method, &parts.headers) {
        return Ok(rejected(rejection));
    }
    let read = Limited::new(body, config.body_limit()).collect();
    let body = match tokio::time::timeout(read_timeout(), read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => {
            return Ok(rejected(CallbackRejection::PayloadTooLarge));
        }
        Ok(Err(_)) => return Ok(rejected(CallbackRejection::BodyUnreadable)),
        Err(_) => {
            REJECTIONS.log("rejected (408): the body was not sent in time");
            return Ok(status(StatusCode::REQUEST_TIMEOUT));
        }
    };
    let token = idempotency_token(|name| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
    })
    .map(str::to_owned);
    let request = Request::from_parts(parts, body);
    match verify_request::<Received<Event>, _>(&config, &request) {
        Ok(Received::Typed(event)) => {
            // A retry of one request carries the same token; the natural key also catches a
            // callback sent twice.
            println!(
                "{} dedupe={} token={}",
                event.summary(),
                event.dedupe_key(),
                token.as_deref().unwrap_or("-")
            );
            Ok(status(StatusCode::OK))
        }
        // Authentic, but a value does not fit the model: 200, or Twilio would not retry and
        // the callback would be lost.
        Ok(Received::Untyped(raw)) => {
            println!("{raw}");
            Ok(status(StatusCode::OK))
        }
        Err(rejection) => Ok(rejected(rejection)),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match WebhookConfig::from_env() {
        Ok(config) => config.with_body_limit(BODY_LIMIT),
        Err(problem) => {
            eprintln!("hyper_receiver: {problem}");
            return ExitCode::from(2);
        }
    };
    let listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("hyper_receiver: cannot listen on {listen}: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("listening on http://{listen}/callbacks");

    support::serve_until_ctrl_c(listener, &REJECTIONS, move || {
        let config = config.clone();
        service_fn(move |request| handle(config.clone(), request))
    })
    .await;
    ExitCode::SUCCESS
}
