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
//! one line (kind, identifiers, timestamp); a rejected one gets its status (400, 403, 413) and
//! a line on standard error. Ctrl-C stops it.

use std::process::ExitCode;

use actix_web::{web, App, HttpResponse, HttpServer};
use status_callbacks::integrations::actix::TwilioCallback;
use status_callbacks::integrations::{CallbackRejection, WebhookConfig};
use status_callbacks::Event;

async fn callback(
    callback: Result<TwilioCallback<Event>, CallbackRejection>,
) -> Result<HttpResponse, CallbackRejection> {
    match callback {
        Ok(TwilioCallback(event)) => {
            println!("{}", event.summary());
            Ok(HttpResponse::Ok().finish())
        }
        Err(rejection) => {
            eprintln!("rejected ({}): {rejection}", rejection.status());
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
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(config.clone()))
            .route("/callbacks", web::post().to(callback))
            .route("/callbacks", web::get().to(callback))
    })
    .workers(2)
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
