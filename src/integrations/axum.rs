//! An axum 0.8 extractor that verifies and parses a status callback.
//!
//! Take [`TwilioCallback<T>`] as the handler's last argument, with `T` being [`Event`] or a
//! family type, and give it a [`WebhookConfig`] in one of three ways:
//!
//! - as the router's state, or inside it: `with_state(config)`, or your own state with
//!   `impl FromRef<AppState> for WebhookConfig` (or `#[derive(FromRef)]`);
//! - behind an `Arc`: `with_state(Arc::new(app_state))` works whenever `AppState` gives one;
//! - in an [`Extension`](axum::Extension) layer: `.layer(Extension(config))`, which is read
//!   first, whatever the state.
//!
//! The body is read through axum's own [`Bytes`] extractor, so
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
//!
//! Your own state behind an `Arc`, or an `Extension`:
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use axum::extract::FromRef;
//! use axum::{routing::post, Extension, Router};
//! use status_callbacks::integrations::axum::TwilioCallback;
//! use status_callbacks::integrations::WebhookConfig;
//! use status_callbacks::{Event, Received};
//!
//! struct AppState {
//!     webhooks: WebhookConfig,
//!     // ... the database pool, ...
//! }
//!
//! impl FromRef<AppState> for WebhookConfig {
//!     fn from_ref(state: &AppState) -> Self {
//!         state.webhooks.clone()
//!     }
//! }
//!
//! async fn callback(TwilioCallback(received): TwilioCallback<Received<Event>>) {}
//!
//! # fn build(config: WebhookConfig) {
//! let with_arc_state: Router = Router::new()
//!     .route("/callbacks", post(callback))
//!     .with_state(Arc::new(AppState { webhooks: config.clone() }));
//! let with_extension: Router = Router::new()
//!     .route("/callbacks", post(callback))
//!     .layer(Extension(config));
//! # }
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::integrations::http::{header_lookup, path_and_query};
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
        // An `Extension` layer's configuration first, then the state's.
        let (mut parts, body) = request.into_parts();
        let config = match parts.extensions.get::<WebhookConfig>() {
            Some(config) => config.clone(),
            None => WebhookConfig::from_ref(state),
        };
        let uri = match parts.extensions.remove::<OriginalUri>() {
            Some(original) => original.0,
            None => std::mem::take(&mut parts.uri),
        };
        config.check_headers(header_lookup(&parts.headers))?;
        // The body is read by axum's own extractor, so that `DefaultBodyLimit` (an extension)
        // applies; the head stays here, with the headers the signature is read from.
        let mut body = Request::new(body);
        *body.extensions_mut() = std::mem::take(&mut parts.extensions);
        let body = Bytes::from_request(body, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    CallbackRejection::PayloadTooLarge
                } else {
                    CallbackRejection::BodyUnreadable
                }
            })?;
        let headers = parts.headers;
        config
            .verify(path_and_query(&uri), &body, header_lookup(&headers))
            .map(TwilioCallback)
    }
}

/// An application state behind an [`Arc`] gives the configuration its inner state gives, so
/// `Router::with_state(Arc::new(app))` works when `WebhookConfig: FromRef<App>`.
impl<T> FromRef<Arc<T>> for WebhookConfig
where
    WebhookConfig: FromRef<T>,
{
    fn from_ref(state: &Arc<T>) -> Self {
        WebhookConfig::from_ref(&**state)
    }
}

/// A router without state: the configuration must come from an
/// [`Extension`](axum::Extension); without one, requests are refused with 500
/// ([`CallbackRejection::Misconfigured`]).
impl FromRef<()> for WebhookConfig {
    fn from_ref((): &()) -> Self {
        WebhookConfig::from_parts(None, None)
    }
}

impl IntoResponse for CallbackRejection {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}
