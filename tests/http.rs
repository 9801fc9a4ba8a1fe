//! Receiving on the `http` crate's types, and the tower layer.
#![cfg(all(feature = "tower", feature = "axum"))]

mod common;

use std::convert::Infallible;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use status_callbacks::integrations::http::{rejection_response, verify_request};
use status_callbacks::integrations::tower::VerifyLayer;
use status_callbacks::integrations::{CallbackRejection, WebhookConfig};
use status_callbacks::signature::{sign_body, Validator};
use status_callbacks::{Event, Received};
use tower::{service_fn, Layer, ServiceExt};

use common::fixture;

const TOKEN: &str = "test-auth-token";
const BASE: &str = "https://hooks.example.com";

fn config() -> WebhookConfig {
    WebhookConfig::new(Validator::twilio(TOKEN).unwrap(), BASE.parse().unwrap())
}

fn request(method: Method, target: &str, body: &[u8], signature: Option<&str>) -> Request<Vec<u8>> {
    let mut builder = Request::builder().method(method).uri(target);
    if let Some(signature) = signature {
        builder = builder.header("X-Twilio-Signature", signature);
    }
    builder.body(body.to_vec()).unwrap()
}

fn signed(target: &str, body: &[u8]) -> Request<Vec<u8>> {
    let signature = sign_body(TOKEN, &format!("{BASE}{target}"), body).unwrap();
    request(Method::POST, target, body, Some(&signature))
}

#[test]
fn requests_are_verified_and_parsed_with_the_extractors_statuses() {
    let body = fixture("voice/call-completed.txt");
    let event: Event = verify_request(&config(), &signed("/callbacks?t=1", &body)).unwrap();
    assert_eq!(event.kind_str(), "call-status");

    // GET: the parameters in the query string, signed as part of the URL.
    let query = String::from_utf8(fixture("video/room-ended.txt")).unwrap();
    let target = format!("/callbacks?{query}");
    let signature = sign_body(TOKEN, &format!("{BASE}{target}"), b"").unwrap();
    let get: Event = verify_request(
        &config(),
        &request(Method::GET, &target, b"", Some(&signature)),
    )
    .unwrap();
    assert_eq!(get.kind_str(), "room-ended");

    let status = |result: Result<Received<Event>, CallbackRejection>| match result {
        Ok(_) => 200,
        Err(rejection) => rejection.status(),
    };
    // Unsigned, badly signed, changed after signing: 403.
    assert_eq!(
        status(verify_request(
            &config(),
            &request(Method::POST, "/c", &body, None)
        )),
        403
    );
    assert_eq!(
        status(verify_request(
            &config(),
            &request(Method::POST, "/c", &body, Some("x"))
        )),
        403
    );
    let mut changed = signed("/c", &body);
    changed.body_mut().push(b'x');
    assert_eq!(status(verify_request(&config(), &changed)), 403);
    // Authentic but not a status callback: 400.
    assert_eq!(
        status(verify_request(&config(), &signed("/c", b"Hello=world"))),
        400
    );
    // Another method: 405.
    assert_eq!(
        status(verify_request(
            &config(),
            &request(Method::PUT, "/c", &body, Some("x"))
        )),
        405
    );
    // Over the limit: 413, announced or not.
    let small = config().with_body_limit(100);
    assert_eq!(status(verify_request(&small, &signed("/c", &body))), 413);
    // Not configured: 500.
    let empty = WebhookConfig::from_parts(None, None);
    assert_eq!(status(verify_request(&empty, &signed("/c", &body))), 500);

    let response = rejection_response(&CallbackRejection::MethodNotAllowed);
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let forbidden =
        verify_request::<Event, _>(&config(), &request(Method::POST, "/c", &body, None))
            .unwrap_err();
    assert_eq!(rejection_response(&forbidden).body(), "forbidden");
}

/// The layer answers unauthentic requests itself; the inner service sees only verified
/// callbacks, with the parsed event in the request's extensions and the body as received.
#[tokio::test]
async fn the_tower_layer_refuses_unauthentic_requests_before_the_service() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = calls.clone();
    let inner = service_fn(move |request: Request<Full<Bytes>>| {
        let seen = seen.clone();
        async move {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let received = request.extensions().get::<Received<Event>>().cloned();
            let body = request.into_body().collect().await.unwrap().to_bytes();
            let text = match received {
                Some(Received::Typed(event)) => format!("{} {}", event.kind_str(), body.len()),
                other => format!("{other:?}"),
            };
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(text))))
        }
    });
    let service = VerifyLayer::new(config()).layer(inner);

    let body = fixture("conference/participant-join.txt");
    let to_full = |request: Request<Vec<u8>>| request.map(|body| Full::new(Bytes::from(body)));
    let response = service
        .clone()
        .oneshot(to_full(signed("/callbacks", &body)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(text, format!("participant-join {}", body.len()));
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);

    for (request, expected) in [
        (
            request(Method::POST, "/callbacks", &body, Some("bad")),
            StatusCode::FORBIDDEN,
        ),
        (
            request(Method::POST, "/callbacks", &body, None),
            StatusCode::FORBIDDEN,
        ),
        (
            signed("/callbacks", b"Hello=world"),
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let response = service.clone().oneshot(to_full(request)).await.unwrap();
        assert_eq!(response.status(), expected);
    }
    assert_eq!(
        calls.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "the service was reached"
    );
}
