//! Receiving on the `http` crate's types: hyper, tower, `lambda_http`, poem, salvo and any
//! other stack that hands you an [`http::Request`].
//!
//! [`verify_request`] takes the request with its body read (as bytes, within your limit) and
//! returns the parsed callback or a [`CallbackRejection`]; [`rejection_response`] turns the
//! rejection into the response the extractors give (400, 403, 405, 413 or 500).
//!
//! ```
//! use status_callbacks::integrations::http::{rejection_response, verify_request};
//! use status_callbacks::integrations::WebhookConfig;
//! use status_callbacks::signature::{sign_body, Validator};
//! use status_callbacks::{Event, Received};
//!
//! let config = WebhookConfig::new(Validator::twilio("token")?, "https://hooks.example.com".parse()?);
//! let body = b"CallSid=CA1&AccountSid=AC1&CallStatus=completed&ApiVersion=2010-04-01\
//!     &Direction=outbound-api&From=%2B15550100&To=%2B15550199&CallbackSource=call-progress-events\
//!     &Timestamp=Sun%2C%2025%20Mar%202018%2009%3A53%3A19%20%2B0000";
//! let signature = sign_body("token", "https://hooks.example.com/callbacks", body)?;
//! let request = http::Request::post("/callbacks")
//!     .header("X-Twilio-Signature", signature)
//!     .body(body.to_vec())?;
//!
//! let response = match verify_request::<Received<Event>, _>(&config, &request) {
//!     Ok(Received::Typed(event)) => {
//!         assert_eq!(event.kind_str(), "call-status");
//!         http::Response::new(String::new())
//!     }
//!     Ok(Received::Untyped(raw)) => http::Response::new(raw.to_string()),
//!     Err(rejection) => rejection_response(&rejection),
//! };
//! assert_eq!(response.status(), 200);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use http::{HeaderMap, Method, Request, Response, StatusCode, Uri};

use crate::integrations::{CallbackRejection, WebhookConfig};
use crate::StatusCallback;

/// Verifies and parses a request whose body has been read: POST (the parameters in the body)
/// or GET (in the query string).
///
/// The URL checked is the configured public URL followed by the request's path and query as
/// received (`request.uri()`; an absolute URI's authority is ignored). A body over
/// [`WebhookConfig::body_limit`] is [`CallbackRejection::PayloadTooLarge`].
pub fn verify_request<T, B>(
    config: &WebhookConfig,
    request: &Request<B>,
) -> Result<T, CallbackRejection>
where
    T: StatusCallback,
    B: AsRef<[u8]>,
{
    verify_parts(
        config,
        request.method(),
        request.uri(),
        request.headers(),
        request.body().as_ref(),
    )
}

/// [`verify_request`] from the parts of a request.
pub fn verify_parts<T: StatusCallback>(
    config: &WebhookConfig,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, CallbackRejection> {
    check_head(config, method, headers)?;
    if body.len() > config.body_limit() {
        return Err(CallbackRejection::PayloadTooLarge);
    }
    config.verify(path_and_query(uri), body, header_lookup(headers))
}

/// What can be checked before the body is read: the method, the configuration, a signature
/// header, and a `Content-Length` within [`WebhookConfig::body_limit`]. Call it first so that
/// an unsigned or oversized request is refused without reading its body.
pub fn check_head(
    config: &WebhookConfig,
    method: &Method,
    headers: &HeaderMap,
) -> Result<(), CallbackRejection> {
    if method != Method::POST && method != Method::GET {
        return Err(CallbackRejection::MethodNotAllowed);
    }
    config.check_headers(header_lookup(headers))?;
    let announced = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if announced.is_some_and(|length| length > config.body_limit() as u64) {
        return Err(CallbackRejection::PayloadTooLarge);
    }
    Ok(())
}

/// The response for a rejection: its status, and its [`Display`](std::fmt::Display) text as a
/// plain-text body (`forbidden` for every unauthenticated request).
pub fn rejection_response(rejection: &CallbackRejection) -> Response<String> {
    let mut response = Response::new(rejection.to_string());
    *response.status_mut() =
        StatusCode::from_u16(rejection.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The raw path and query of a request's URI, as received.
pub(crate) fn path_and_query(uri: &Uri) -> &str {
    uri.path_and_query()
        .map_or_else(|| uri.path(), |pq| pq.as_str())
}

/// A header's value by name, when it is text.
pub(crate) fn header_lookup<'h>(headers: &'h HeaderMap) -> impl Fn(&str) -> Option<&'h str> + 'h {
    move |name: &str| headers.get(name).and_then(|value| value.to_str().ok())
}
