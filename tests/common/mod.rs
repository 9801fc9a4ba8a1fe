//! Helpers shared by the integration tests.
#![allow(dead_code)]

use status_callbacks::{parse, Event};

/// The bytes of `fixtures/<path>`, exactly as stored.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|err| panic!("cannot read {full}: {err}"))
}

/// The decoded pairs of a body, sorted: a multiset, decoded by an independent decoder.
pub fn decoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(body)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// `parse(to_form(e)) == e`, and `to_form(e)` holds the same pairs as `body`.
pub fn assert_round_trip(body: &[u8], event: &Event) {
    let form = event.to_form();
    let again = parse(form.as_bytes())
        .unwrap_or_else(|err| panic!("to_form output does not parse: {err}\n{form}"));
    assert_eq!(&again, event, "parse(to_form(e)) != e");
    assert_eq!(
        decoded_pairs(form.as_bytes()),
        decoded_pairs(body),
        "to_form does not give back the received pairs"
    );
}

/// Replaces (or, with `None`, removes) every pair called `name` in a body.
pub fn with_param(body: &[u8], name: &str, value: Option<&str>) -> Vec<u8> {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut found = false;
    for (key, old) in form_urlencoded::parse(body) {
        if key == name {
            found = true;
            if let Some(value) = value {
                out.append_pair(&key, value);
            }
        } else {
            out.append_pair(&key, &old);
        }
    }
    assert!(found, "the body has no `{name}` to change");
    out.finish().into_bytes()
}

/// Sends one HTTP/1.1 request to a server on this machine and returns the status and body.
/// Gives up after five seconds.
pub fn http_request(
    addr: std::net::SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    use std::io::{Read, Write};
    use std::time::Duration;

    let start = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    let mut stream = send_head(addr, Duration::from_secs(5), start, headers);
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    // A chunked body (axum) has its chunk sizes around it; tests only look for substrings.
    (status, body.to_owned())
}

/// Sends the headers of a POST that announces `content_length` bytes, then only `sent` of
/// them, and returns the status of the response, which must come while the rest of the body
/// is still outstanding (within two seconds).
pub fn status_before_full_body(
    addr: std::net::SocketAddr,
    target: &str,
    headers: &[(&str, &str)],
    sent: &[u8],
    content_length: usize,
) -> u16 {
    use std::io::{Read, Write};
    use std::time::Duration;

    let start =
        format!("POST {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {content_length}\r\n");
    let mut stream = send_head(addr, Duration::from_secs(2), start, headers);
    stream.write_all(sent).unwrap();
    let mut response = Vec::new();
    let mut buffer = [0u8; 1024];
    while !response.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(&buffer[..n]),
            Err(err) => panic!("no response while the body is outstanding: {err}"),
        }
    }
    let response = String::from_utf8_lossy(&response);
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"))
}

/// Builds the example `name` with the extra cargo arguments `features` (cheap when it is up to
/// date) and returns the path of its binary.
pub fn example_binary(name: &str, features: &[&str]) -> std::path::PathBuf {
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", name])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --example {name} failed");
    let deps = std::env::current_exe().unwrap();
    let target = deps.parent().unwrap().parent().unwrap();
    target
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Every fixture file, as a path relative to `fixtures/` (`voice/real/x.txt`), sorted.
pub fn fixture_paths() -> Vec<String> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let path = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &path, out);
            } else if path.ends_with(".txt") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")),
        "",
        &mut out,
    );
    out.sort();
    out
}

/// Connects to a server on this machine (reads time out after `timeout`) and sends a request's
/// start line and `Host` (in `start`), then `headers` and the blank line that ends them.
fn send_head(
    addr: std::net::SocketAddr,
    timeout: std::time::Duration,
    mut start: String,
    headers: &[(&str, &str)],
) -> std::net::TcpStream {
    use std::io::Write;

    assert!(addr.ip().is_loopback(), "tests only talk to this machine");
    let mut stream =
        std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(timeout)).unwrap();
    for (name, value) in headers {
        start.push_str(&format!("{name}: {value}\r\n"));
    }
    start.push_str("\r\n");
    stream.write_all(start.as_bytes()).unwrap();
    stream
}
