//! The two example receivers, run as a user would, on a loopback port: they answer signed
//! callbacks, refuse large bodies with 413, and disconnect clients that hold a half-sent
//! request.
#![cfg(all(feature = "axum", feature = "actix-web"))]

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use status_callbacks::signature::sign_body;

use common::{example_binary, fixture, http_request};

const TOKEN: &str = "receiver-test-token";
/// The read timeout the receivers are started with, in seconds.
const TIMEOUT_SECS: u64 = 2;

/// A receiver running on a free loopback port; killed when dropped.
struct Receiver {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Receiver {
    /// Stops the receiver and returns what it printed on standard output.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut printed = String::new();
        if let Some(mut stdout) = self.child.stdout.take() {
            stdout.read_to_string(&mut printed).unwrap();
        }
        printed
    }
}

fn start(name: &str) -> Receiver {
    // Every feature, as `cargo test --all-features` has built it already; the hyper
    // receiver with `http` alone, to show it needs neither axum nor actix-web.
    let features: &[&str] = if name == "hyper_receiver" {
        &["--no-default-features", "--features", "http"]
    } else {
        &["--all-features"]
    };
    let binary = example_binary(name, features);
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let child = Command::new(binary)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("PUBLIC_URL", format!("http://{addr}"))
        .env("LISTEN", addr.to_string())
        .env("READ_TIMEOUT_SECS", TIMEOUT_SECS.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let receiver = Receiver { child, addr };
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name} did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    receiver
}

/// Sends `partial` and then nothing; returns how long the server took to close the
/// connection, and what it answered before closing.
fn held_open(addr: SocketAddr, partial: &[u8]) -> (Duration, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(TIMEOUT_SECS * 5)))
        .unwrap();
    let started = Instant::now();
    stream.write_all(partial).unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(err) => panic!("still connected after {:?}: {err}", started.elapsed()),
        }
    }
    (
        started.elapsed(),
        String::from_utf8_lossy(&answer).into_owned(),
    )
}

fn check_receiver(name: &str) {
    let receiver = start(name);
    let addr = receiver.addr;

    // Every fixture of the families added after the first: each signed, each answered 200.
    let added = [
        "conference/",
        "messaging/",
        "streams/",
        "transcription/",
        "siprec/",
    ];
    let paths: Vec<String> = common::fixture_paths()
        .into_iter()
        .filter(|path| {
            added.iter().any(|dir| path.starts_with(dir))
                || path.contains("record-transcription")
                || path.contains("amd-")
        })
        .collect();
    assert!(paths.len() > 60, "{} fixtures", paths.len());
    for path in paths {
        let body = fixture(&path);
        let signature = sign_body(TOKEN, &format!("http://{addr}/callbacks"), &body).unwrap();
        let signed = [("X-Twilio-Signature", signature.as_str())];
        let (status, text) = http_request(addr, "POST", "/callbacks", &signed, &body);
        assert_eq!(status, 200, "{name} {path}: {text}");
    }

    let body = fixture("video/room-ended.txt");
    let signature = sign_body(TOKEN, &format!("http://{addr}/callbacks"), &body).unwrap();
    let signed = [("X-Twilio-Signature", signature.as_str())];
    let (status, text) = http_request(addr, "POST", "/callbacks", &signed, &body);
    assert_eq!(status, 200, "{name}: {text}");

    // 100 KiB is over the 64 KiB limit.
    let large = [&body[..], &vec![b'x'; 100 * 1024]].concat();
    let (status, _) = http_request(addr, "POST", "/callbacks", &signed, &large);
    assert_eq!(status, 413, "{name}");

    // Headers never finished: disconnected within the timeout, with two seconds of grace.
    let limit = Duration::from_secs(TIMEOUT_SECS + 2);
    let (after, _) = held_open(addr, b"POST /callbacks HTTP/1.1\r\nHost: x\r\nX-Twi");
    assert!(after <= limit, "{name}: headers held for {after:?}");

    // Headers sent, body not: answered (408) or disconnected within the timeout.
    let partial = format!(
        "POST /callbacks HTTP/1.1\r\nHost: x\r\nX-Twilio-Signature: {signature}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let partial = [partial.as_bytes(), &body[..10]].concat();
    let (after, answer) = held_open(addr, &partial);
    assert!(after <= limit, "{name}: body held for {after:?}");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{name}: {answer}"
    );

    // Still serving.
    let (status, _) = http_request(addr, "POST", "/callbacks", &signed, &body);
    assert_eq!(status, 200, "{name}");

    // Authentic, but a value does not fit: 200, and a line naming the parameter.
    let odd = common::with_param(&body, "RoomDuration", Some("4x11"));
    let odd_signature = sign_body(TOKEN, &format!("http://{addr}/callbacks"), &odd).unwrap();
    let odd_signed = [("X-Twilio-Signature", odd_signature.as_str())];
    let (status, text) = http_request(addr, "POST", "/callbacks", &odd_signed, &odd);
    assert_eq!(status, 200, "{name}: {text}");
    // Authentic, but not a status callback at all: 400.
    let none = b"Hello=world";
    let none_signature = sign_body(TOKEN, &format!("http://{addr}/callbacks"), none).unwrap();
    let none_signed = [("X-Twilio-Signature", none_signature.as_str())];
    let (status, _) = http_request(addr, "POST", "/callbacks", &none_signed, none);
    assert_eq!(status, 400, "{name}");
    // Changed after signing: 403.
    let (status, _) = http_request(addr, "POST", "/callbacks", &signed, &odd);
    assert_eq!(status, 403, "{name}");

    let printed = receiver.stop();
    let untyped: Vec<&str> = printed
        .lines()
        .filter(|line| line.contains("untyped"))
        .collect();
    assert_eq!(untyped.len(), 1, "{name}: {printed}");
    assert!(
        untyped[0].starts_with("room-ended kept untyped")
            && untyped[0].contains("`RoomDuration`")
            && untyped[0].contains("4x11"),
        "{name}: {printed}"
    );
}

#[test]
fn the_axum_receiver_is_safe_to_expose() {
    check_receiver("axum_receiver");
}

#[test]
fn the_actix_receiver_is_safe_to_expose() {
    check_receiver("actix_receiver");
}

#[test]
fn the_hyper_receiver_is_safe_to_expose() {
    check_receiver("hyper_receiver");
}
