//! `status-callbacks inspect`, `sign` and the help, run as a user would.

mod common;

use std::process::Output;

use common::run;

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// A fixture of the library, as a path the tool can open.
fn fixture(path: &str) -> String {
    format!("{}/../fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
const P: &[u8] = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
    &From=%2B14158675309&To=%2B18005551212";

#[test]
fn inspect_prints_a_fixture_as_typed_json() {
    let out = run(&["inspect", &fixture("video/room-ended.txt")], &[], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["StatusCallbackEvent"], "room-ended");
    assert!(json["RoomDuration"].is_number(), "{json}");
}

#[test]
fn inspect_reads_standard_input_and_ignores_a_final_line_break() {
    let mut body = std::fs::read(fixture("video/room-ended.txt")).unwrap();
    body.extend_from_slice(b"\r\n");
    for args in [&["inspect"][..], &["inspect", "-"]] {
        let out = run(args, &[], &body);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("\"room-ended\""));
    }
}

#[test]
fn inspect_names_what_is_wrong_and_exits_1() {
    let out = run(&["inspect"], &[], b"Foo=bar");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("StatusCallbackEvent"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn inspect_misuse_exits_2() {
    let two_files = run(&["inspect", "a.txt", "b.txt"], &[], b"");
    assert_eq!(two_files.status.code(), Some(2));
    assert!(stderr(&two_files).contains("Usage: status-callbacks inspect"));
    let unknown = run(&["inspect", "--pretty"], &[], b"");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown option --pretty"));
    let missing = run(&["inspect", "no/such/file.txt"], &[], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read the body"));
}

#[test]
fn sign_prints_the_signature_twilio_sends() {
    // The vector of Twilio's documentation, also checked by `verify`.
    let out = run(
        &["sign", "--url", URL],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        P,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "RSOYDt4T1cUTdK1PDd93/VVr8B8=\n");

    let shared = run(
        &["sign", "--algorithm", "HMAC_SHA256", "--url", URL],
        &[("TWILIO_SHARED_KEY", "12345")],
        P,
    );
    assert_eq!(
        stdout(&shared),
        "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=\n"
    );
}

#[test]
fn what_sign_prints_verify_accepts() {
    let file = fixture("video/room-ended.txt");
    let url = "http://127.0.0.1:3000/callbacks";
    let token = [("TWILIO_AUTH_TOKEN", "test-token")];
    let signed = run(&["sign", "--url", url, &file], &token, b"");
    let signature = stdout(&signed);
    let out = run(
        &[
            "verify",
            "--url",
            url,
            "--signature",
            signature.trim_end(),
            &file,
        ],
        &token,
        b"",
    );
    assert_eq!(stdout(&out), "valid\n");
}

#[test]
fn sign_misuse_exits_2() {
    let token = [("TWILIO_AUTH_TOKEN", "12345")];
    let no_url = run(&["sign"], &token, P);
    assert_eq!(no_url.status.code(), Some(2));
    assert!(stderr(&no_url).contains("--url is required"));
    let no_token = run(&["sign", "--url", URL], &[], P);
    assert_eq!(no_token.status.code(), Some(2));
    assert!(stderr(&no_token).contains("TWILIO_AUTH_TOKEN"));
    let no_shared_key = run(
        &["sign", "--algorithm", "HMAC_SHA256", "--url", URL],
        &token,
        P,
    );
    assert_eq!(no_shared_key.status.code(), Some(2));
    assert!(stderr(&no_shared_key).contains("TWILIO_SHARED_KEY"));
    let bad_algorithm = run(&["sign", "--algorithm", "MD5", "--url", URL], &token, P);
    assert_eq!(bad_algorithm.status.code(), Some(2));
    let no_value = run(&["sign", "--url"], &token, P);
    assert_eq!(no_value.status.code(), Some(2));
    assert!(stderr(&no_value).contains("--url needs a value"));
}

#[test]
fn sign_refuses_a_body_that_is_not_a_form_with_1() {
    let out = run(
        &["sign", "--url", URL],
        &[("TWILIO_AUTH_TOKEN", "12345")],
        b"%FF=1",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn every_help_says_how_to_call_and_what_the_exit_status_means() {
    let cases: [(&[&str], &str); 8] = [
        (&["--help"], "Usage: status-callbacks COMMAND"),
        (&["-h"], "Usage: status-callbacks COMMAND"),
        (&["help"], "Usage: status-callbacks COMMAND"),
        (&["help", "inspect"], "Usage: status-callbacks inspect"),
        (&["inspect", "--help"], "Usage: status-callbacks inspect"),
        (&["verify", "-h"], "Usage: status-callbacks verify"),
        (&["sign", "--help"], "Usage: status-callbacks sign"),
        (&["--help", "sign"], "Usage: status-callbacks sign"),
    ];
    for (args, usage) in cases {
        let out = run(args, &[], b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        assert!(text.contains(usage), "{args:?}: {text}");
        assert!(text.contains("Exit status:\n  0  "), "{args:?}: {text}");
    }
}

#[test]
fn the_tool_without_a_known_command_exits_2() {
    let nothing = run(&[], &[], b"");
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("Commands:"));
    let unknown = run(&["parse"], &[], b"");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown command `parse`"));
    let unknown_topic = run(&["help", "parse"], &[], b"");
    assert_eq!(unknown_topic.status.code(), Some(2));
}

#[test]
fn version() {
    let out = run(&["--version"], &[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        format!("status-callbacks {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    // `status-callbacks inspect F | head -1`: the pipe may close before the tool writes.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_status-callbacks"))
        .args(["inspect", &fixture("video/room-ended.txt")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
