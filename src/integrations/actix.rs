//! An actix-web 4 extractor that verifies and parses a status callback.
//!
//! Register a [`WebhookConfig`] as app data (`App::app_data(web::Data::new(config))` or
//! `App::app_data(config)`), and take [`TwilioCallback<T>`] in the handler, with `T` being
//! [`Event`] or a family type. The body is read through actix-web's own [`Bytes`] extractor, so
//! [`PayloadConfig`](actix_web::web::PayloadConfig) limits apply.
//!
//! ```no_run
//! use actix_web::{web, App, HttpResponse, HttpServer};
//! use status_callbacks::integrations::actix::TwilioCallback;
//! use status_callbacks::integrations::WebhookConfig;
//! use status_callbacks::signature::Validator;
//! use status_callbacks::Event;
//!
//! async fn callback(TwilioCallback(event): TwilioCallback<Event>) -> HttpResponse {
//!     println!("{}", event.summary());
//!     HttpResponse::Ok().finish()
//! }
//!
//! #[actix_web::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let config = WebhookConfig::new(
//!         Validator::twilio(&std::env::var("TWILIO_AUTH_TOKEN")?)?,
//!         std::env::var("PUBLIC_URL")?.parse()?,
//!     );
//!     HttpServer::new(move || {
//!         App::new()
//!             .app_data(web::Data::new(config.clone()))
//!             .route("/callbacks", web::post().to(callback))
//!             .route("/callbacks", web::get().to(callback))
//!     })
//!     .bind(("127.0.0.1", 3000))?
//!     .run()
//!     .await?;
//!     Ok(())
//! }
//! ```

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_core::future::LocalBoxFuture;

use crate::integrations::{CallbackRejection, WebhookConfig};
use crate::{Event, StatusCallback};

/// A verified, parsed status callback: `T` is [`Event`] or a family type.
///
/// Rejects the request with a [`CallbackRejection`] (400, 403, 413 or 500).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwilioCallback<T = Event>(pub T);

impl<T: StatusCallback + 'static> FromRequest for TwilioCallback<T> {
    type Error = CallbackRejection;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let config = request
            .app_data::<Data<WebhookConfig>>()
            .map(|data| data.get_ref().clone())
            .or_else(|| request.app_data::<WebhookConfig>().cloned());
        let request = request.clone();
        // Refuse an unsigned request before reading its body: the body future only reads
        // when it is polled.
        let config = config
            .ok_or(CallbackRejection::Misconfigured(
                "no WebhookConfig is registered as app data",
            ))
            .and_then(|config| {
                config.check_headers(|name| {
                    request
                        .headers()
                        .get(name)
                        .and_then(|value| value.to_str().ok())
                })?;
                Ok(config)
            });
        let body = Bytes::from_request(&request, payload);
        Box::pin(async move {
            let config = config?;
            let body = body.await.map_err(|err| {
                if err.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
                    CallbackRejection::PayloadTooLarge
                } else {
                    CallbackRejection::BodyUnreadable
                }
            })?;
            let uri = request.uri();
            let path_and_query = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
            let header = |name: &str| {
                request
                    .headers()
                    .get(name)
                    .and_then(|value| value.to_str().ok())
            };
            config
                .verify(path_and_query, &body, header)
                .map(TwilioCallback)
        })
    }
}

impl ResponseError for CallbackRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type("text/plain; charset=utf-8")
            .body(self.to_string())
    }
}
