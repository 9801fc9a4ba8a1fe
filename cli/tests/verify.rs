//! `status-callbacks verify`, run as a user would.

mod common;

use std::process::Output;

fn run(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    common::run(&all, env, stdin)
}

const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
const P: &[u8] = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
    &From=%2B14158675309&To=%2B18005551212";
const T1: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_valid_signature_prints_valid() {
    let out = run(
        &["--url", URL, "--signature", T1],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        P,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "valid\n");
}

#[test]
fn the_body_can_come_from_a_file() {
    let path = std::env::temp_dir().join(format!("verify-body-{}.txt", std::process::id()));
    std::fs::write(&path, P).unwrap();
    let out = run(
        &["--url", URL, "--signature", T1, path.to_str().unwrap()],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        b"",
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(stdout(&out), "valid\n");
}

#[test]
fn an_invalid_signature_shows_what_was_tried_but_never_the_token() {
    let token = "a-very-secret-token";
    let mut body = P.to_vec();
    body.push(b'\n');
    let out = run(
        &["--url", URL, "--signature", T1],
        &[("TWILIO_AUTH_TOKEN", token)],
        &body,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("invalid: the signature does not match the request\n"),
        "{text}"
    );
    assert!(text.contains(&format!("tried URL:     {URL}\n")), "{text}");
    assert!(text.contains("tried URL:     https://mycompany.com:443/myapp.php?foo=1&bar=2\n"));
    assert!(text.contains(&format!(
        "signed string: {URL}CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212\n"
    )), "{text}");
    assert!(text.contains("line break"), "{text}");
    let all = format!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(token), "{all}");
}

#[test]
fn misuse_exits_2() {
    let no_token = run(&["--url", URL, "--signature", T1], &[], P);
    assert_eq!(no_token.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_token.stderr).contains("TWILIO_AUTH_TOKEN"));
    let no_url = run(&["--signature", T1], &[("TWILIO_AUTH_TOKEN", "12345")], P);
    assert_eq!(no_url.status.code(), Some(2));
    let no_key = run(
        &["--signalwire", "--url", URL, "--signature", T1],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        P,
    );
    assert_eq!(no_key.status.code(), Some(2));
    let no_shared = run(
        &[
            "--url",
            URL,
            "--signature",
            T1,
            "--settings",
            "key=k,algorithm=HMAC_SHA256",
        ],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        P,
    );
    assert_eq!(no_shared.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_shared.stderr).contains("TWILIO_SHARED_KEY"));
}

#[test]
fn signalwire_and_shared_keys() {
    let body = br#"{"event":"call.state","params":{"call_id":"abc-123","state":"answered"}}"#;
    let out = run(
        &[
            "--signalwire",
            "--url",
            "https://example.ngrok.io/webhook",
            "--signature",
            "c3c08c1fefaf9ee198a100d5906765a6f394bf0f",
        ],
        &[("SIGNALWIRE_SIGNING_KEY", "PSKtest1234567890abcdef")],
        body,
    );
    assert_eq!(stdout(&out), "valid\n");

    let shared = &[
        "--url",
        URL,
        "--signature",
        "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=",
        "--settings",
        "key=sk_1,algorithm=HMAC_SHA256",
    ];
    let out = run(shared, &[("TWILIO_SHARED_KEY", "12345")], P);
    assert_eq!(stdout(&out), "valid\n");
    let out = run(shared, &[("TWILIO_SHARED_KEY", "other")], P);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("settings:      key=sk_1,algorithm=HMAC_SHA256"));
}

/// Every signature the official Python helper computed is accepted by the tool.
#[test]
fn signatures_from_the_official_helper_are_valid() {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/data/helper_signatures.json")).unwrap();
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let mut args = vec![
            "--url",
            case["url"].as_str().unwrap(),
            "--signature",
            case["signature"].as_str().unwrap(),
        ];
        let secret = case["secret"].as_str().unwrap();
        let env = match case["settings"].as_str() {
            Some(settings) => {
                args.extend(["--settings", settings]);
                [("TWILIO_SHARED_KEY", secret)]
            }
            None => [("TWILIO_AUTH_TOKEN", secret)],
        };
        let out = run(&args, &env, case["body"].as_str().unwrap().as_bytes());
        assert_eq!(stdout(&out), "valid\n", "{name}");
    }
}
