//! A tower [`Layer`] that refuses unauthentic status callbacks before any handler runs.
//!
//! [`VerifyLayer`] reads the body (within [`WebhookConfig::body_limit`]), verifies the
//! signature and parses the callback. A request that fails gets the rejection's response (400,
//! 403, 405, 413 or 500) and never reaches the service inside; one that passes reaches it with
//! its body (as [`Full<Bytes>`]) and the parsed [`Received<Event>`] in its extensions.
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use axum::{routing::post, Extension, Router};
//! use status_callbacks::integrations::tower::VerifyLayer;
//! use status_callbacks::integrations::WebhookConfig;
//! use status_callbacks::signature::Validator;
//! use status_callbacks::{Event, Received};
//!
//! async fn callback(Extension(received): Extension<Received<Event>>) {
//!     if let Received::Typed(event) = received {
//!         println!("{}", event.summary());
//!     }
//! }
//!
//! # fn build() -> Result<(), Box<dyn std::error::Error>> {
//! let config = WebhookConfig::new(Validator::twilio("token")?, "https://hooks.example.com".parse()?);
//! let app: Router = Router::new()
//!     .route("/callbacks", post(callback))
//!     .layer(VerifyLayer::new(config));
//! # Ok(())
//! # }
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use tower_layer::Layer;
use tower_service::Service;

use crate::integrations::http::{check_head, rejection_response, verify_parts};
use crate::integrations::{CallbackRejection, WebhookConfig};
use crate::{Event, Received};

/// Wraps a service so that it only sees verified status callbacks (see the module docs).
#[derive(Debug, Clone)]
pub struct VerifyLayer {
    config: WebhookConfig,
}

impl VerifyLayer {
    /// A layer that verifies with `config`.
    pub fn new(config: WebhookConfig) -> Self {
        VerifyLayer { config }
    }
}

impl<S> Layer<S> for VerifyLayer {
    type Service = Verify<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Verify {
            inner,
            config: self.config.clone(),
        }
    }
}

/// The service [`VerifyLayer`] makes.
#[derive(Debug, Clone)]
pub struct Verify<S> {
    inner: S,
    config: WebhookConfig,
}

impl<S, B, ResBody> Service<Request<B>> for Verify<S>
where
    S: Service<Request<Full<Bytes>>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    ResBody: From<String>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The service that was polled ready handles this request; a clone takes its place.
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        let config = self.config.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            if let Err(rejection) = check_head(&config, &parts.method, &parts.headers) {
                return Ok(respond(&rejection));
            }
            let body = match Limited::new(body, config.body_limit()).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
                    return Ok(respond(&CallbackRejection::PayloadTooLarge));
                }
                Err(_) => return Ok(respond(&CallbackRejection::BodyUnreadable)),
            };
            match verify_parts::<Received<Event>>(
                &config,
                &parts.method,
                &parts.uri,
                &parts.headers,
                &body,
            ) {
                Ok(received) => {
                    parts.extensions.insert(received);
                    inner
                        .call(Request::from_parts(parts, Full::new(body)))
                        .await
                }
                Err(rejection) => Ok(respond(&rejection)),
            }
        })
    }
}

/// The rejection's response, in the inner service's body type.
fn respond<ResBody: From<String>>(rejection: &CallbackRejection) -> Response<ResBody> {
    rejection_response(rejection).map(ResBody::from)
}
