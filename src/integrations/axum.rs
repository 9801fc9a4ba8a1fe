//! An axum 0.8 extractor that verifies and parses a status callback.
//!
//! Put a [`WebhookConfig`] in the router's state (or anything it can be taken from with
//! [`FromRef`]), and take [`TwilioCallback<T>`] as the handler's last argument, with `T` being
//! [`Event`] or a family type. The body is read through axum's own [`Bytes`] extractor, so
//! [`DefaultBodyLimit`](axum::extract::DefaultBodyLimit) applies.
//!
//! ```no_run
//! use axum::{routing::post, Router};
//! use status_callbacks::integrations::axum::TwilioCallback;
//! use status_callbacks::integrations::WebhookConfig;
//! use status_callbacks::signature::Validator;
//! use status_callbacks::voice::CallStatusCallback;
//! use status_callbacks::Event;
//!
//! async fn any_callback(TwilioCallback(event): TwilioCallback<Event>) {
//!     println!("{}", event.summary());
//! }
//!
//! async fn call_status(TwilioCallback(call): TwilioCallback<CallStatusCallback>) {
//!     println!("call {} is {}", call.call_sid, call.call_status);
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = WebhookConfig::new(
//!     Validator::twilio(&std::env::var("TWILIO_AUTH_TOKEN")?)?,
//!     std::env::var("PUBLIC_URL")?.parse()?,
//! );
//! let app = Router::new()
//!     .route("/callbacks", post(any_callback).get(any_callback))
//!     .route("/calls", post(call_status))
//!     .with_state(config);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(())
//! # }
//! ```

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::integrations::{CallbackRejection, WebhookConfig};
use crate::{Event, StatusCallback};

/// A verified, parsed status callback: `T` is [`Event`] or a family type.
///
/// Rejects the request with a [`CallbackRejection`] (400, 403, 413 or 500).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwilioCallback<T = Event>(pub T);

impl<S, T> FromRequest<S> for TwilioCallback<T>
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
    T: StatusCallback,
{
    type Rejection = CallbackRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        // The URI as received, even inside a nested router.
        let uri = request
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| request.uri().clone(), |original| original.0.clone());
        let path_and_query = uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
        let headers = request.headers().clone();
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        // Refuse an unsigned request before reading its body.
        config.check_headers(header)?;
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    CallbackRejection::PayloadTooLarge
                } else {
                    CallbackRejection::BodyUnreadable
                }
            })?;
        config
            .verify(&path_and_query, &body, header)
            .map(TwilioCallback)
    }
}

impl IntoResponse for CallbackRejection {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}
