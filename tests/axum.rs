//! The axum extractor: in-process requests, and a real server on a loopback port.
#![cfg(feature = "axum")]

mod common;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use status_callbacks::integrations::axum::TwilioCallback;
use status_callbacks::integrations::WebhookConfig;
use status_callbacks::signature::{sign, sign_body, sign_with, Algorithm, Validator};
use status_callbacks::voice::CallStatusCallback;
use status_callbacks::Event;
use tower::ServiceExt;

use common::{fixture, http_request, status_before_full_body};

const TOKEN: &str = "test-auth-token";
const BASE: &str = "https://hooks.example.com";

async fn any_event(TwilioCallback(event): TwilioCallback<Event>) -> String {
    event.summary()
}

async fn calls_only(TwilioCallback(call): TwilioCallback<CallStatusCallback>) -> String {
    format!("call {} {}", call.call_sid, call.call_status)
}

fn config() -> WebhookConfig {
    WebhookConfig::new(
        Validator::twilio(TOKEN)
            .unwrap()
            .with_shared_key("sk_1", "shared secret")
            .unwrap(),
        BASE.parse().unwrap(),
    )
}

fn app(config: WebhookConfig) -> Router {
    Router::new()
        .route("/callbacks", post(any_event).get(any_event))
        .route("/calls", post(calls_only))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .with_state(config)
}

fn post_request(target: &str, body: &[u8], signature: Option<&str>) -> Request<Body> {
    let mut request =
        Request::post(target).header("Content-Type", "application/x-www-form-urlencoded");
    if let Some(signature) = signature {
        request = request.header("X-Twilio-Signature", signature);
    }
    request.body(Body::from(body.to_vec())).unwrap()
}

fn signed_post(target: &str, body: &[u8]) -> Request<Body> {
    let signature = sign_body(TOKEN, &format!("{BASE}{target}"), body).unwrap();
    post_request(target, body, Some(&signature))
}

async fn send(app: Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn valid_callbacks_of_every_family_are_parsed() {
    for path in [
        "video/room-ended.txt",
        "video/composition-available.txt",
        "live/stream-ended.txt",
        "voice/call-completed.txt",
        "voice/recording-completed-signalwire.txt",
    ] {
        let body = fixture(path);
        let expected = status_callbacks::parse(&body).unwrap().summary();
        let (status, text) = send(app(config()), signed_post("/callbacks?tenant=7", &body)).await;
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
        assert_eq!(text, expected, "{path}");
    }
}

#[tokio::test]
async fn the_handler_type_chooses_the_family() {
    let (status, text) = send(
        app(config()),
        signed_post("/calls", &fixture("voice/call-busy.txt")),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (
            StatusCode::OK,
            "call CA53b9e9679a8ea25880376080b76f98ad busy"
        )
    );
    let (status, text) = send(
        app(config()),
        signed_post("/calls", &fixture("video/room-ended.txt")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        text.contains("expected voice call status callback, got Video room"),
        "{text}"
    );
}

#[tokio::test]
async fn missing_or_bad_signatures_are_forbidden_without_echoing_secrets() {
    let body = fixture("video/room-ended.txt");
    let (status, text) = send(app(config()), post_request("/callbacks", &body, None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(text, "forbidden");

    let wrong = sign_body("another token", &format!("{BASE}/callbacks"), &body).unwrap();
    let (status, text) = send(
        app(config()),
        post_request("/callbacks", &body, Some(&wrong)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!text.contains(&wrong) && !text.contains(TOKEN), "{text}");

    // Signed for another path.
    let other = sign_body(TOKEN, &format!("{BASE}/elsewhere"), &body).unwrap();
    let (status, _) = send(
        app(config()),
        post_request("/callbacks", &body, Some(&other)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // An altered body.
    let signature = sign_body(TOKEN, &format!("{BASE}/callbacks"), &body).unwrap();
    let altered = common::with_param(&body, "RoomDuration", Some("1"));
    let (status, _) = send(
        app(config()),
        post_request("/callbacks", &altered, Some(&signature)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // An unknown shared key.
    let request = Request::post("/callbacks")
        .header("X-Twilio-Signature", signature.as_str())
        .header(
            "X-Twilio-Webhooks-Signature-Settings",
            "key=sk_gone,algorithm=HMAC_SHA256",
        )
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, text) = send(app(config()), request).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );

    // A validator with only shared keys: a request that names none is unauthenticated (403),
    // not a server error.
    let only_shared = WebhookConfig::new(
        Validator::shared_keys_only()
            .with_shared_key("sk_1", "shared secret")
            .unwrap(),
        BASE.parse().unwrap(),
    );
    let (status, text) = send(app(only_shared), signed_post("/callbacks", &body)).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    // One without any secret at all is a configuration error.
    let no_secret = WebhookConfig::new(Validator::shared_keys_only(), BASE.parse().unwrap());
    let (status, _) = send(app(no_secret), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn shared_keys_and_signalwire_headers_are_read() {
    let body = fixture("voice/recording-completed.txt");
    let signature = sign_with(
        Algorithm::HmacSha256,
        "shared secret",
        &format!("{BASE}/callbacks"),
        &form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect::<Vec<_>>()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
    );
    let request = Request::post("/callbacks")
        .header("X-Twilio-Signature", signature)
        .header(
            "X-Twilio-Webhooks-Signature-Settings",
            "key=sk_1,algorithm=HMAC_SHA256",
        )
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(send(app(config()), request).await.0, StatusCode::OK);

    let signature = sign_body(TOKEN, &format!("{BASE}/callbacks"), &body).unwrap();
    let request = Request::post("/callbacks")
        .header("X-SignalWire-Signature", signature)
        .body(Body::from(body))
        .unwrap();
    assert_eq!(send(app(config()), request).await.0, StatusCode::OK);
}

#[tokio::test]
async fn malformed_bodies_are_bad_requests() {
    for body in [&b"Hello=world"[..], b""] {
        let (status, text) = send(app(config()), signed_post("/callbacks", body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    }
    // Not UTF-8: it cannot be authenticated, so it gets the 403 of any unauthenticated
    // request, with nothing of what the parser would say.
    let not_utf8 = b"StatusCallbackEvent=room-ended&RoomName=%FF";
    let (status, text) = send(
        app(config()),
        post_request("/callbacks", not_utf8, Some("x")),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let body = common::with_param(
        &fixture("video/room-ended.txt"),
        "RoomDuration",
        Some("abc"),
    );
    let (status, text) = send(app(config()), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("`RoomDuration`"), "{text}");
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let mut body = fixture("video/room-ended.txt");
    body.extend(std::iter::repeat_n(b'x', 20 * 1024));
    let (status, text) = send(app(config()), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
}

#[tokio::test]
async fn get_callbacks_are_verified_and_parsed_from_the_query() {
    let query = String::from_utf8(fixture("voice/call-ringing.txt")).unwrap();
    let target = format!("/callbacks?{query}");
    let signature = sign(TOKEN, &format!("{BASE}{target}"), &[]);
    let request = Request::get(&target)
        .header("X-Twilio-Signature", signature)
        .body(Body::empty())
        .unwrap();
    let (status, text) = send(app(config()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.starts_with("call-status AccountSid=AC"), "{text}");
}

#[tokio::test]
async fn missing_configuration_is_a_server_error() {
    let body = fixture("video/room-ended.txt");
    let no_validator = WebhookConfig::from_parts(None, Some(BASE.parse().unwrap()));
    let (status, _) = send(app(no_validator), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let no_url = WebhookConfig::from_parts(Some(Validator::twilio(TOKEN).unwrap()), None);
    let (status, text) = send(app(no_url), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        text,
        "the callback receiver is misconfigured: no public URL is configured"
    );
    let shared_only = WebhookConfig::new(Validator::shared_keys_only(), BASE.parse().unwrap());
    let (status, _) = send(app(shared_only), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn forwarded_headers_count_only_when_trusted() {
    let body = fixture("video/room-ended.txt");
    let signature = sign_body(TOKEN, "https://public.example.net/callbacks", &body).unwrap();
    let request = || {
        Request::post("/callbacks")
            .header("X-Twilio-Signature", signature.as_str())
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "public.example.net")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    assert_eq!(
        send(app(config()), request()).await.0,
        StatusCode::FORBIDDEN
    );
    let trusting = config().trust_forwarded_headers(["Public.Example.NET"]);
    assert_eq!(send(app(trusting), request()).await.0, StatusCode::OK);

    // A host that is not on the allow-list is refused, even with a signature made for it.
    let other = config().trust_forwarded_headers(["hooks.example.com"]);
    let (status, text) = send(app(other), request()).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    // Without forwarded headers the configured public URL counts, as before.
    let plain = signed_post("/callbacks", &body);
    let trusting = config().trust_forwarded_headers(["public.example.net"]);
    assert_eq!(send(app(trusting), plain).await.0, StatusCode::OK);
    // An empty list trusts nothing.
    let none = config().trust_forwarded_headers(Vec::<String>::new());
    assert_eq!(send(app(none), request()).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_nested_router_checks_the_url_as_received() {
    let nested = Router::new().nest("/api", app(config()));
    let body = fixture("video/room-created.txt");
    let (status, text) = send(nested, signed_post("/api/callbacks", &body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
}

/// A real server on a loopback port, real HTTP requests; it stops at the end of the test.
#[test]
fn a_server_on_a_loopback_port() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let config = WebhookConfig::new(Validator::twilio(TOKEN).unwrap(), base.parse().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(async move {
        axum::serve(listener, app(config))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });

    let body = fixture("voice/call-completed.txt");
    let signature = sign_body(TOKEN, &format!("{base}/callbacks?tenant=7"), &body).unwrap();
    let headers = [("X-Twilio-Signature", signature.as_str())];
    let (status, text) = http_request(addr, "POST", "/callbacks?tenant=7", &headers, &body);
    assert_eq!(status, 200, "{text}");
    assert!(
        text.contains("call-status AccountSid=ACe268443e43d93dab7ebef303bbe9642f"),
        "{text}"
    );
    let (status, _) = http_request(addr, "POST", "/callbacks?tenant=8", &headers, &body);
    assert_eq!(status, 403);
    let (status, _) = http_request(addr, "POST", "/callbacks", &[], &body);
    assert_eq!(status, 403);
    // No signature header: refused before the body is read, so the answer comes while most
    // of the announced body has not been sent.
    assert_eq!(
        status_before_full_body(addr, "/callbacks", &[], &body[..10], 10_000),
        403
    );

    stop.send(()).unwrap();
    let result = runtime
        .block_on(async { tokio::time::timeout(std::time::Duration::from_secs(5), server).await });
    assert!(
        matches!(result, Ok(Ok(Ok(())))),
        "the server did not stop cleanly"
    );
}

/// The configuration in the application's own state (`FromRef`), behind an `Arc`, and in an
/// `Extension` layer: each verifies and parses; a stateless router without the extension is
/// misconfigured (500).
#[tokio::test]
async fn the_configuration_comes_from_state_arc_state_or_an_extension() {
    use axum::extract::FromRef;
    use axum::Extension;
    use std::sync::Arc;

    #[derive(Clone)]
    struct AppState {
        webhooks: WebhookConfig,
        name: &'static str,
    }

    impl FromRef<AppState> for WebhookConfig {
        fn from_ref(state: &AppState) -> Self {
            state.webhooks.clone()
        }
    }

    let state = AppState {
        webhooks: config(),
        name: "app",
    };
    assert_eq!(state.name, "app");
    let body = fixture("voice/call-busy.txt");
    let expected = "call CA53b9e9679a8ea25880376080b76f98ad busy";

    let routers: [(&str, Router); 3] = [
        (
            "state",
            Router::new()
                .route("/calls", post(calls_only))
                .with_state(state.clone()),
        ),
        (
            "arc state",
            Router::new()
                .route("/calls", post(calls_only))
                .with_state(Arc::new(state.clone())),
        ),
        (
            "extension",
            Router::new()
                .route("/calls", post(calls_only))
                .layer(Extension(config())),
        ),
    ];
    for (how, router) in routers {
        let (status, text) = send(router, signed_post("/calls", &body)).await;
        assert_eq!((status, text.as_str()), (StatusCode::OK, expected), "{how}");
        let unsigned = post_request("/calls", &body, Some("bad"));
        let (status, _) = send(
            Router::new()
                .route("/calls", post(calls_only))
                .layer(Extension(config())),
            unsigned,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{how}");
    }
    let (status, _) = send(
        Router::new().route("/calls", post(calls_only)),
        signed_post("/calls", &body),
    )
    .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

/// Behind a proxy that strips `/api`: Twilio signed `https://example.com/api/callbacks`, the
/// router sees `/callbacks`.
#[tokio::test]
async fn a_public_url_with_a_path_prefix_verifies_behind_a_stripping_proxy() {
    let config = WebhookConfig::new(
        Validator::twilio(TOKEN).unwrap(),
        "https://example.com/api".parse().unwrap(),
    );
    let body = fixture("video/room-ended.txt");
    let signature = sign_body(TOKEN, "https://example.com/api/callbacks?t=1", &body).unwrap();
    let (status, text) = send(
        app(config.clone()),
        post_request("/callbacks?t=1", &body, Some(&signature)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    // The same signature for the URL without the prefix does not verify.
    let wrong = sign_body(TOKEN, "https://example.com/callbacks?t=1", &body).unwrap();
    let (status, _) = send(
        app(config),
        post_request("/callbacks?t=1", &body, Some(&wrong)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
