//! A status callback receiver on actix-web: verifies, parses and prints every callback.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=... PUBLIC_URL=https://hooks.example.com \
//!     cargo run --example actix_receiver --features actix-web
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

use actix_web::dev::Service;
use actix_web::{web, App, HttpResponse, HttpServer};
use status_callbacks::integrations::actix::TwilioCallback;
use status_callbacks::integrations::{CallbackRejection, WebhookConfig};
use status_callbacks::{Event, Received};

use support::{read_timeout, RejectionLog, BODY_LIMIT, MAX_CONNECTIONS};

static REJECTIONS: RejectionLog = RejectionLog::new();

async fn callback(
    callback: Result<TwilioCallback<Received<Event>>, CallbackRejection>,
) -> Result<HttpResponse, CallbackRejection> {
    match callback {
        Ok(TwilioCallback(Received::Typed(event))) => {
            println!("{} dedupe={}", event.summary(), event.dedupe_key());
            Ok(HttpResponse::Ok().finish())
        }
        // Authentic, but a value does not fit the model: answered 200 all the same, since
        // Twilio does not retry a 4xx and the callback would be lost.
        Ok(TwilioCallback(Received::Untyped(raw))) => {
            println!("{raw}");
            Ok(HttpResponse::Ok().finish())
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

#[actix_web::main]
async fn main() -> ExitCode {
    let config = match WebhookConfig::from_env() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("actix_receiver: {problem}");
            return ExitCode::from(2);
        }
    };
    let listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let timeout = read_timeout();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(config.clone()))
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            // The body must arrive within the read timeout too.
            .wrap_fn(move |request, service| {
                let response = service.call(request);
                async move {
                    match actix_web::rt::time::timeout(timeout, response).await {
                        Ok(response) => response,
                        Err(_) => {
                            REJECTIONS.log("rejected (408): the body was not sent in time");
                            Err(actix_web::error::ErrorRequestTimeout(
                                "the body was not sent in time",
                            ))
                        }
                    }
                }
            })
            .route("/callbacks", web::post().to(callback))
            .route("/callbacks", web::get().to(callback))
    })
    .workers(2)
    // Per worker: 2 x 128 connections at once.
    .max_connections(MAX_CONNECTIONS / 2)
    .client_request_timeout(timeout)
    .client_disconnect_timeout(std::time::Duration::from_secs(1))
    .bind(&listen);
    let server = match server {
        Ok(server) => server,
        Err(err) => {
            eprintln!("actix_receiver: cannot listen on {listen}: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("listening on http://{listen}/callbacks");
    // actix-web stops gracefully on Ctrl-C (SIGINT) and SIGTERM.
    match server.run().await {
        Ok(()) => {
            eprintln!("stopped");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("actix_receiver: {err}");
            ExitCode::FAILURE
        }
    }
}
