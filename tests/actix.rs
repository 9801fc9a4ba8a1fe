//! The actix-web extractor: in-process requests, and a real server on a loopback port.
#![cfg(feature = "actix-web")]

mod common;

use actix_web::http::StatusCode;
use actix_web::test as actix_test;
use actix_web::{web, App, HttpResponse, HttpServer};
use status_callbacks::integrations::actix::TwilioCallback;
use status_callbacks::integrations::WebhookConfig;
use status_callbacks::signature::{sign, sign_body, Validator};
use status_callbacks::voice::CallStatusCallback;
use status_callbacks::Event;

use common::{fixture, http_request, status_before_full_body};

const TOKEN: &str = "test-auth-token";
const BASE: &str = "https://hooks.example.com";

async fn any_event(TwilioCallback(event): TwilioCallback<Event>) -> HttpResponse {
    HttpResponse::Ok().body(event.summary())
}

async fn calls_only(TwilioCallback(call): TwilioCallback<CallStatusCallback>) -> HttpResponse {
    HttpResponse::Ok().body(format!("call {} {}", call.call_sid, call.call_status))
}

fn config() -> WebhookConfig {
    WebhookConfig::new(Validator::twilio(TOKEN).unwrap(), BASE.parse().unwrap())
}

/// Sends one request to an in-process app built with `config`.
async fn send(
    config: Option<WebhookConfig>,
    request: actix_test::TestRequest,
) -> (StatusCode, String) {
    let mut app = App::new()
        .app_data(web::PayloadConfig::new(16 * 1024))
        .route("/callbacks", web::post().to(any_event))
        .route("/callbacks", web::get().to(any_event))
        .route("/calls", web::post().to(calls_only));
    if let Some(config) = config {
        app = app.app_data(web::Data::new(config));
    }
    let app = actix_test::init_service(app).await;
    let response = actix_test::call_service(&app, request.to_request()).await;
    let status = response.status();
    let body = actix_test::read_body(response).await;
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn signed_post(target: &str, body: &[u8]) -> actix_test::TestRequest {
    let signature = sign_body(TOKEN, &format!("{BASE}{target}"), body).unwrap();
    actix_test::TestRequest::post()
        .uri(target)
        .insert_header(("X-Twilio-Signature", signature))
        .set_payload(body.to_vec())
}

#[actix_web::test]
async fn valid_callbacks_of_every_family_are_parsed() {
    for path in [
        "video/track-added.txt",
        "video/composition-progress.txt",
        "live/media-processor-started.txt",
        "voice/call-completed-signalwire.txt",
        "voice/recording-absent.txt",
    ] {
        let body = fixture(path);
        let expected = status_callbacks::parse(&body).unwrap().summary();
        let (status, text) = send(Some(config()), signed_post("/callbacks?tenant=7", &body)).await;
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
        assert_eq!(text, expected, "{path}");
    }
}

#[actix_web::test]
async fn the_handler_type_chooses_the_family() {
    let (status, text) = send(
        Some(config()),
        signed_post("/calls", &fixture("voice/call-failed.txt")),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (
            StatusCode::OK,
            "call CA53b9e9679a8ea25880376080b76f98ad failed"
        )
    );
    let (status, _) = send(
        Some(config()),
        signed_post("/calls", &fixture("live/stream-started.txt")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn missing_or_bad_signatures_are_forbidden_without_echoing_secrets() {
    let body = fixture("video/room-ended.txt");
    let unsigned = actix_test::TestRequest::post()
        .uri("/callbacks")
        .set_payload(body.clone());
    let (status, text) = send(Some(config()), unsigned).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(text, "forbidden");

    let wrong = sign_body("another token", &format!("{BASE}/callbacks"), &body).unwrap();
    let badly_signed = actix_test::TestRequest::post()
        .uri("/callbacks")
        .insert_header(("X-Twilio-Signature", wrong.clone()))
        .set_payload(body.clone());
    let (status, text) = send(Some(config()), badly_signed).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!text.contains(&wrong) && !text.contains(TOKEN), "{text}");

    let signature = sign_body(TOKEN, &format!("{BASE}/callbacks"), &body).unwrap();
    let altered = actix_test::TestRequest::post()
        .uri("/callbacks")
        .insert_header(("X-SignalWire-Signature", signature))
        .set_payload(common::with_param(&body, "RoomName", Some("other")));
    assert_eq!(send(Some(config()), altered).await.0, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn malformed_and_oversized_bodies_are_refused() {
    let (status, text) = send(Some(config()), signed_post("/callbacks", b"Hello=world")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("`StatusCallbackEvent`"), "{text}");
    // Unauthenticated: the same 403 as any bad signature, nothing about the body.
    let not_utf8 = actix_test::TestRequest::post()
        .uri("/callbacks")
        .insert_header(("X-Twilio-Signature", "x"))
        .set_payload(&b"StatusCallbackEvent=room-ended&RoomName=%FF"[..]);
    assert_eq!(
        send(Some(config()), not_utf8).await,
        (StatusCode::FORBIDDEN, "forbidden".to_owned())
    );

    let mut body = fixture("video/room-ended.txt");
    body.extend(std::iter::repeat_n(b'x', 20 * 1024));
    let (status, _) = send(Some(config()), signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[actix_web::test]
async fn get_callbacks_are_verified_and_parsed_from_the_query() {
    let query = String::from_utf8(fixture("video/recording-started.txt")).unwrap();
    let target = format!("/callbacks?{query}");
    let signature = sign(TOKEN, &format!("{BASE}{target}"), &[]);
    let request = actix_test::TestRequest::get()
        .uri(&target)
        .insert_header(("X-Twilio-Signature", signature));
    let (status, text) = send(Some(config()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text.starts_with("recording-started AccountSid=AC"),
        "{text}"
    );
}

#[actix_web::test]
async fn missing_configuration_is_a_server_error() {
    let body = fixture("video/room-ended.txt");
    let (status, text) = send(None, signed_post("/callbacks", &body)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(text.contains("misconfigured"), "{text}");
    let no_url = WebhookConfig::from_parts(Some(Validator::twilio(TOKEN).unwrap()), None);
    assert_eq!(
        send(Some(no_url), signed_post("/callbacks", &body)).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

/// A real server on a loopback port, real HTTP requests; it stops at the end of the test.
#[test]
fn a_server_on_a_loopback_port() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let config = WebhookConfig::new(Validator::twilio(TOKEN).unwrap(), base.parse().unwrap());
    let (handle_sender, handle_receiver) = std::sync::mpsc::channel();
    let server_thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .app_data(web::Data::new(config.clone()))
                    .route("/callbacks", web::post().to(any_event))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)?
            .run();
            handle_sender.send(server.handle()).unwrap();
            server.await
        })
    });
    let handle = handle_receiver
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the server started");

    let body = fixture("video/composition-available.txt");
    let signature = sign_body(TOKEN, &format!("{base}/callbacks"), &body).unwrap();
    let headers = [("X-Twilio-Signature", signature.as_str())];
    let (status, text) = http_request(addr, "POST", "/callbacks", &headers, &body);
    assert_eq!(status, 200, "{text}");
    assert!(
        text.starts_with("composition-available AccountSid=AC"),
        "{text}"
    );
    let (status, _) = http_request(
        addr,
        "POST",
        "/callbacks",
        &headers,
        b"StatusCallbackEvent=x",
    );
    assert_eq!(status, 403);
    // No signature header: refused before the body is read, so the answer comes while most
    // of the announced body has not been sent.
    assert_eq!(
        status_before_full_body(addr, "/callbacks", &[], &body[..10], 10_000),
        403
    );

    actix_web::rt::System::new().block_on(handle.stop(true));
    assert!(
        server_thread.join().unwrap().is_ok(),
        "the server did not stop cleanly"
    );
}
