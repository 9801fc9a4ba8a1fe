//! Failing closed on every signature path: one test per point of the security review.
#![cfg(feature = "signature")]

mod common;

use status_callbacks::signature::{
    sign, sign_body, InvalidSecret, PublicUrl, SignatureError, Validator, WebhookError,
};
use status_callbacks::voice::CallStatusCallback;
use status_callbacks::{Event, EventKind, ParseError, Received};

use common::fixture;

/// Point 1: a URL that carries `bodySHA256` always has its body checked, even when the rest
/// of its query cannot be read. The requests were signed by the official Python helper
/// (twilio 9.13.0), whose own `validate` accepts each with its body and refuses it with an
/// empty one.
#[test]
fn the_body_hash_is_never_skipped() {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("data/helper_body_hash.json")).unwrap();
    let token = data["token"].as_str().unwrap();
    let body = data["body"].as_str().unwrap().as_bytes();
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for validator in [
        Validator::twilio(token).unwrap(),
        Validator::signalwire(token).unwrap(),
    ] {
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let url = case["url"].as_str().unwrap();
            let signature = case["signature"].as_str().unwrap();
            assert_eq!(validator.validate(url, body, signature), Ok(()), "{name}");
            for other in [&b""[..], b"{}", b"CallSid=CA1&CallStatus=completed"] {
                assert_eq!(
                    validator.validate(url, other, signature),
                    Err(SignatureError::BodyHashMismatch),
                    "{name}: {other:?}"
                );
                assert_eq!(
                    validator.verify_and_parse(url, other, signature),
                    Err(WebhookError::Signature(SignatureError::BodyHashMismatch)),
                    "{name}: {other:?}"
                );
            }
        }
    }
}

/// Point 2: a secret that is empty (or white space only) is refused when the validator is
/// built, with a typed error that names which secret.
#[test]
fn empty_secrets_are_refused_when_built() {
    let empty = |what| Err::<Validator, _>(InvalidSecret::Empty { what });
    assert_eq!(
        Validator::twilio("").map(drop),
        empty("Auth Token").map(drop)
    );
    assert_eq!(
        Validator::twilio(" \n").map(drop),
        empty("Auth Token").map(drop)
    );
    assert_eq!(
        Validator::signalwire("").map(drop),
        empty("Signing Key").map(drop)
    );
    assert_eq!(
        Validator::shared_keys_only()
            .with_shared_key("webhooks_sharedkey_1", "")
            .map(drop),
        empty("shared key secret").map(drop)
    );
    assert_eq!(
        Validator::shared_keys_only()
            .with_shared_key("", "secret")
            .map(drop),
        empty("shared key identifier").map(drop)
    );
    assert_eq!(
        InvalidSecret::Empty { what: "Auth Token" }.to_string(),
        "the Auth Token is empty"
    );
    assert!(Validator::twilio("t").is_ok());
}

/// Point 3: the signed string sorts a name's values, so the order of a repeated parameter's
/// copies is not signed; a typed parameter repeated with different values is an error naming
/// it, never the first copy.
#[test]
fn a_typed_parameter_repeated_with_different_values_is_not_trusted() {
    let validator = Validator::twilio("token").unwrap();
    let url = "https://hooks.example.com/calls";
    let call = fixture("voice/call-completed.txt");
    let completed_first = [&call[..], b"&CallStatus=busy"].concat();
    let signature = sign_body("token", url, &completed_first).unwrap();
    // Moving the copy in front leaves the signature valid: the order is not signed.
    let busy_first = [&b"CallStatus=busy&"[..], &call[..]].concat();
    assert_eq!(validator.validate(url, &busy_first, &signature), Ok(()));
    let repeated = CallStatusCallback::from_form(&completed_first).unwrap_err();
    assert!(
        matches!(
            repeated,
            ParseError::RepeatedParameter {
                param: "CallStatus",
                kind: Some(EventKind::CallStatus),
                ..
            }
        ),
        "{repeated:?}"
    );
    for body in [&completed_first, &busy_first] {
        assert_eq!(
            validator.verify_and_parse_as::<Event>(url, body, &signature, None),
            Err(WebhookError::Parse(repeated.clone()))
        );
        // Authentic all the same: received raw, with the error naming the parameter.
        let Received::Untyped(raw) = validator.verify_and_parse(url, body, &signature).unwrap()
        else {
            panic!("typed")
        };
        assert_eq!(raw.error, repeated);
        assert_eq!(raw.params.get_all("CallStatus").count(), 2);
    }
    // A copy of the same value is not signed either (duplicates are dropped), and changes
    // nothing that is typed.
    let signature = sign_body("token", url, &call).unwrap();
    let copied = [&call[..], b"&CallStatus=completed"].concat();
    let event = validator
        .verify_and_parse(url, &copied, &signature)
        .unwrap();
    let Received::Typed(Event::CallStatus(call)) = event else {
        panic!()
    };
    assert_eq!(call.call_status.as_str(), "completed");
    assert_eq!(call.extra.get("CallStatus"), Some("completed"));
}

/// Point 4 (in the library; the answers of the extractors are in tests/axum.rs and
/// tests/actix.rs): a body that cannot be read is a signature failure, never a parse error
/// reported to an unauthenticated sender, and a validator with only shared keys refuses a
/// request that names none as unauthenticated.
#[test]
fn an_unreadable_body_is_unauthenticated() {
    let validator = Validator::twilio("token").unwrap();
    let url = "https://hooks.example.com/cb";
    let not_utf8 = b"StatusCallbackEvent=room-ended&RoomName=%FF";
    assert!(matches!(
        validator.verify_and_parse(url, not_utf8, "bogus"),
        Err(WebhookError::Signature(SignatureError::MalformedBody(_)))
    ));
    let only_shared = Validator::shared_keys_only()
        .with_shared_key("webhooks_sharedkey_1", "secret")
        .unwrap();
    let body = fixture("video/room-ended.txt");
    let signature = sign_body("token", url, &body).unwrap();
    assert_eq!(
        only_shared.validate(url, &body, &signature),
        Err(SignatureError::NoSecret)
    );
}

/// Point 5: a password in the public URL is signed (Twilio signs the URL it called) but never
/// shown.
#[test]
fn a_password_in_the_public_url_never_shows() {
    let base: PublicUrl = "https://hooks:s3cr3t-pw@hooks.example.com".parse().unwrap();
    assert_eq!(
        base.signed_url("/cb?x=1"),
        "https://hooks:s3cr3t-pw@hooks.example.com/cb?x=1"
    );
    for text in [format!("{base}"), format!("{base:?}")] {
        assert!(!text.contains("s3cr3t-pw"), "{text}");
        assert!(text.contains("hooks:***@hooks.example.com"), "{text}");
    }
    let err = "https://hooks:s3cr3t-pw@hooks.example.com/prefix?q"
        .parse::<PublicUrl>()
        .unwrap_err();
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("s3cr3t-pw"), "{text}");
    }
    // A user without a password, and an `@` outside the authority, are left alone.
    let plain: PublicUrl = "https://user@hooks.example.com".parse().unwrap();
    assert_eq!(plain.to_string(), "https://user@hooks.example.com");
}

/// Point 6: a SignalWire validator reads `X-SignalWire-Signature` before
/// `X-Twilio-Signature`; a Twilio validator the other way round.
#[test]
fn each_vendor_reads_its_own_signature_header_first() {
    let url = "https://hooks.example.com/cb";
    let body = fixture("voice/call-completed-signalwire.txt");
    let good = sign_body("key", url, &body).unwrap();
    let headers = |name: &str| match name {
        "X-SignalWire-Signature" => Some(good.as_str()),
        "X-Twilio-Signature" => Some("not-the-signature"),
        _ => None,
    };
    let signalwire = Validator::signalwire("key").unwrap();
    assert_eq!(signalwire.signature_header(headers), Some(good.as_str()));
    assert_eq!(signalwire.validate_headers(url, &body, headers), Ok(()));
    let twilio = Validator::twilio("key").unwrap();
    assert_eq!(twilio.signature_header(headers), Some("not-the-signature"));
    assert_eq!(
        twilio.validate_headers(url, &body, headers),
        Err(SignatureError::Mismatch)
    );
    // An empty header does not hide the other one.
    let empty_first = |name: &str| match name {
        "X-SignalWire-Signature" => Some(" "),
        "X-Twilio-Signature" => Some(good.as_str()),
        _ => None,
    };
    assert_eq!(signalwire.validate_headers(url, &body, empty_first), Ok(()));
    assert_eq!(signalwire.signature_header(|_| None), None);
}

/// A GET callback signs the URL alone; the shared scan must not change that.
#[test]
fn get_callbacks_still_sign_the_url_alone() {
    let validator = Validator::twilio("token").unwrap();
    let query = String::from_utf8(fixture("video/room-created.txt")).unwrap();
    let url = format!("https://hooks.example.com/cb?{query}");
    let signature = sign("token", &url, &[]);
    assert_eq!(
        validator
            .verify_and_parse_as::<Event>(&url, b"", &signature, None)
            .unwrap()
            .kind_str(),
        "room-created"
    );
}
