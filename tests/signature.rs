//! Signature validation: the official vectors (reference section 13.2 and the shared-key
//! addendum), SignalWire's (13.5), signatures computed by the official Python helper, and
//! tampering.
#![cfg(feature = "signature")]

mod common;

use status_callbacks::signature::{
    sign, sign_body, sign_body_with, sign_with, signing_strings, Algorithm, PublicUrl,
    RepeatedValues, SignatureError, Validator, WebhookError,
};
use status_callbacks::video::RoomEvent;
use status_callbacks::{Event, ParseError, Received, StatusCallback};

use common::fixture;

const TOKEN: &str = "12345";
const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

/// The documented parameters P of section 13.2, as a form body.
const P: &[u8] = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
    &From=%2B14158675309&To=%2B18005551212";

fn twilio() -> Validator {
    Validator::twilio(TOKEN).unwrap()
}

fn body_with(extra: &str) -> Vec<u8> {
    let mut body = P.to_vec();
    body.extend_from_slice(extra.as_bytes());
    body
}

#[test]
fn t1_the_documented_parameters() {
    assert_eq!(
        twilio().validate(URL, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Ok(())
    );
}

#[test]
fn t2_to_t5_the_url_with_and_without_its_port() {
    let https_443 = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    // Signed with :443: accepted whether the request URL has the port or not.
    assert_eq!(
        twilio().validate(https_443, P, "kvajT1Ptam85bY51eRf/AJRuM3w="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(URL, P, "kvajT1Ptam85bY51eRf/AJRuM3w="),
        Ok(())
    );
    // Signed without the port, received with it.
    assert_eq!(
        twilio().validate(https_443, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Ok(())
    );
    // http and :80.
    let http = "http://mycompany.com/myapp.php?foo=1&bar=2";
    let http_80 = "http://mycompany.com:80/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(http, P, "0ZXoZLH/DfblKGATFgpif+LLRf4="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(http_80, P, "0ZXoZLH/DfblKGATFgpif+LLRf4="),
        Ok(())
    );
    // A non-default port, signed with it (T4) or without it (T5).
    let http_1234 = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(http_1234, P, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="),
        Ok(())
    );
    let https_1234 = "https://mycompany.com:1234/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(https_1234, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Ok(())
    );
    // The port candidates do not make a wrong signature right.
    assert_eq!(
        twilio().validate(http_1234, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn t6_t7_repeated_values_are_sorted_and_deduplicated() {
    let body = b"Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234";
    assert_eq!(
        twilio().validate(URL, body, "IK+Dwps556ElfBT0I3Rgjkr1wJU="),
        Ok(())
    );
    for body in [
        &b"MessagingBinding.Address=%2B1325xxxxxxx&MessagingBinding.Address=%2B1415xxxxxxx"[..],
        &b"MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx"[..],
    ] {
        assert_eq!(
            twilio().validate(URL, body, "83O6e2vORAoJHUNzJjDWN1jz+BA="),
            Ok(())
        );
    }
}

#[test]
fn t8_to_t10_credentials_in_the_url() {
    let with_user_pass = "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2";
    let with_user = "https://user@mycompany.com/myapp.php?foo=1&bar=2";
    let with_port = "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(with_user_pass, P, "CukzLTc1tT5dXEDIHm/tKBanW10="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(with_user, P, "2YRLlVAflCqxaNicjMpJcSTgzSs="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(with_port, P, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="),
        Ok(())
    );
    // The port is added after the credentials' host, not after the user name.
    assert_eq!(
        twilio().validate(with_user_pass, P, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(with_port, P, "CukzLTc1tT5dXEDIHm/tKBanW10="),
        Ok(())
    );
}

#[test]
fn t11_the_query_is_signed_exactly_as_sent() {
    let encoded = format!("{URL}&Body=It%27s+amazing");
    let literal = format!("{URL}&Body=It's+amazing");
    assert_eq!(
        twilio().validate(&encoded, P, "TfZzewPq8wqrGlMfyAud8+/IvJ0="),
        Ok(())
    );
    assert_eq!(
        twilio().validate(&literal, P, "dsq4Ehbj6cs+KdTkpF5sSSplOWw="),
        Ok(())
    );
    // The query is not re-encoded: each spelling matches its own signature only.
    assert_eq!(
        twilio().validate(&literal, P, "TfZzewPq8wqrGlMfyAud8+/IvJ0="),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn t12_to_t16_json_bodies_are_signed_through_body_sha256() {
    let body = br#"{"property": "value", "boolean": true}"#;
    let hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    let url = format!("{URL}&bodySHA256={hash}");
    assert_eq!(
        twilio().validate(&url, body, "a9nBmqA0ju/hNViExpshrM61xv4="),
        Ok(())
    );
    let url = format!("https://mycompany.com/myapp.php?bodySHA256={hash}");
    assert_eq!(
        twilio().validate(&url, body, "y77kIzt2vzLz71DgmJGsen2scGs="),
        Ok(())
    );
    // A changed body no longer matches its hash, even with a valid signature.
    assert_eq!(
        twilio().validate(
            &url,
            br#"{"property": "other", "boolean": true}"#,
            "y77kIzt2vzLz71DgmJGsen2scGs="
        ),
        Err(SignatureError::BodyHashMismatch)
    );
    let empty_hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    let url = format!("{URL}&bodySHA256={empty_hash}");
    assert_eq!(
        twilio().validate(&url, b"{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc="),
        Ok(())
    );
}

/// Found by fuzzing the signature target: signing a URL whose `bodySHA256` is not the body's
/// hash gives a signature of the URL, and the request is still refused for its body.
#[test]
fn a_wrong_body_hash_is_refused_even_when_the_url_is_signed() {
    let url = "https://hooks.example.com/cb?bodySHA256=NEW%20YORK";
    let body = br#"{"a":1}"#;
    let signature = sign_body(TOKEN, url, body).unwrap();
    assert_eq!(sign(TOKEN, url, &[]), signature);
    assert_eq!(
        twilio().validate(url, body, &signature),
        Err(SignatureError::BodyHashMismatch)
    );
}

/// Found by fuzzing: the official algorithm drops repeated values, so a copy of a pair the
/// body already holds does not change what is signed (nor the event: the copy lands in
/// `extra`). Any other added pair does.
#[test]
fn a_copy_of_an_existing_pair_is_signed_as_the_original() {
    let body = b"CallSid=CA1&Injected=1";
    let signature = sign_body(TOKEN, URL, body).unwrap();
    assert_eq!(
        twilio().validate(URL, b"CallSid=CA1&Injected=1&Injected=1", &signature),
        Ok(())
    );
    assert_eq!(
        twilio().validate(URL, b"CallSid=CA1&Injected=1&Injected=2", &signature),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn t17_and_go_vectors() {
    let docs = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675310&Digits=1234\
        &From=%2B14158675310&To=%2B18005551212";
    assert_eq!(
        twilio().validate(URL, docs, "GvWf1cFY/Q7PnoempGyD5oXAezc="),
        Ok(())
    );

    let g = body_with("&ReasonConferenceEnded=test&Reason=Participant");
    assert_eq!(
        twilio().validate(URL, &g, "vOEb5UThFn24KEfnOFLQY2AE5FY="),
        Ok(())
    );
    let http = "http://mycompany.com/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(http, &g, "n2xBNyzSW7rfYStDtOFiFMv7qNo="),
        Ok(())
    );
    let http_1234 = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio().validate(http_1234, &g, "n2xBNyzSW7rfYStDtOFiFMv7qNo="),
        Ok(())
    );
    // Sorting by name+value instead of by name gives this signature: it must be refused.
    assert_eq!(
        twilio().validate(URL, &g, "95+Bu0JVPi0r/SsESZCVf0dWAjw="),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        twilio().validate(
            URL,
            b"property=value&boolean=true",
            "NBdBDr/T/lgjI+tlgpXjKZQZs/k="
        ),
        Ok(())
    );
}

#[test]
fn shared_keys_sign_with_hmac_sha256() {
    let validator = Validator::twilio("the auth token")
        .unwrap()
        .with_shared_key("sk_1", TOKEN)
        .unwrap();
    let settings = Some("key=sk_1,algorithm=HMAC_SHA256");
    let s2 = "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=";
    let s3 = "grxRoa/VNtXxd524NGLxIdev83nh23xhrRUVm50Umq4=";
    assert_eq!(
        validator.validate_with_settings(URL, P, s2, settings),
        Ok(())
    );
    let url_443 = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assert_eq!(
        validator.validate_with_settings(url_443, P, s3, settings),
        Ok(())
    );
    assert_eq!(
        validator.validate_with_settings(URL, P, s3, settings),
        Ok(())
    );
    // The algorithm's name is read without regard to case, spaces around parts ignored.
    let loose = Some(" algorithm=hmac_sha256 , key=sk_1 ");
    assert_eq!(validator.validate_with_settings(URL, P, s2, loose), Ok(()));
    // S1: HMAC-SHA1 with the shared key.
    let sha1 = Some("key=sk_1,algorithm=HMAC_SHA1");
    assert_eq!(
        validator.validate_with_settings(URL, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", sha1),
        Ok(())
    );
    // The same signature without settings is checked with the Auth Token, and fails.
    assert_eq!(
        validator.validate(URL, P, s2),
        Err(SignatureError::Mismatch)
    );
    // A SHA-256 signature claimed as SHA-1 fails.
    assert_eq!(
        validator.validate_with_settings(URL, P, s2, sha1),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn keys_rotate_and_unknown_keys_or_algorithms_are_refused_without_fallback() {
    let validator = Validator::twilio(TOKEN)
        .unwrap()
        .with_shared_key("old", "old secret")
        .unwrap()
        .with_shared_key("new", "new secret")
        .unwrap();
    for (key, secret) in [("old", "old secret"), ("new", "new secret")] {
        let signature = sign_with(Algorithm::HmacSha256, secret, URL, &[("CallSid", "CA1")]);
        let settings = format!("key={key},algorithm=HMAC_SHA256");
        assert_eq!(
            validator.validate_with_settings(URL, b"CallSid=CA1", &signature, Some(&settings)),
            Ok(())
        );
    }
    // Signed with the Auth Token but naming an unknown key: refused as unknown, the Auth
    // Token is not tried.
    let with_token = sign_with(Algorithm::HmacSha256, TOKEN, URL, &[("CallSid", "CA1")]);
    assert_eq!(
        validator.validate_with_settings(
            URL,
            b"CallSid=CA1",
            &with_token,
            Some("key=gone,algorithm=HMAC_SHA256")
        ),
        Err(SignatureError::UnknownKey {
            key_id: "gone".into()
        })
    );
    assert_eq!(
        validator.validate_with_settings(
            URL,
            P,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
            Some("key=old,algorithm=HMAC_SHA512")
        ),
        Err(SignatureError::UnsupportedAlgorithm {
            algorithm: "HMAC_SHA512".into()
        })
    );
    // No algorithm named: the legacy Auth Token signature.
    for legacy in [Some(""), Some("key=old"), Some("algorithm="), None] {
        assert_eq!(
            validator.validate_with_settings(URL, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", legacy),
            Ok(()),
            "{legacy:?}"
        );
    }
    // A validator with shared keys only cannot check a request that names none.
    let only = Validator::shared_keys_only()
        .with_shared_key("old", "old secret")
        .unwrap();
    assert_eq!(
        only.validate(URL, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Err(SignatureError::NoSecret)
    );
}

#[test]
fn signalwire_vectors() {
    let key = "PSKtest1234567890abcdef";
    let validator = Validator::signalwire(key).unwrap();
    // SW-A: hex HMAC-SHA1 over the URL and the raw JSON body.
    let body = br#"{"event":"call.state","params":{"call_id":"abc-123","state":"answered"}}"#;
    let url = "https://example.ngrok.io/webhook";
    assert_eq!(
        validator.validate(url, body, "c3c08c1fefaf9ee198a100d5906765a6f394bf0f"),
        Ok(())
    );
    assert_eq!(
        validator.validate(url, body, "C3C08C1FEFAF9EE198A100D5906765A6F394BF0F"),
        Ok(())
    );
    // SW-B = T1, with the signing key as the key.
    assert_eq!(
        Validator::signalwire(TOKEN)
            .unwrap()
            .validate(URL, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        Ok(())
    );
    // SW-C: Base64 over the URL with bodySHA256.
    let hash = "69f3cbfc18e386ef8236cb7008cd5a54b7fed637a8cb3373b5a1591d7f0fd5f4";
    let url_c = format!("{url}?bodySHA256={hash}");
    assert_eq!(
        validator.validate(
            &url_c,
            br#"{"event":"call.state"}"#,
            "dfO9ek8mxyFtn2nMz24plPmPfIY="
        ),
        Ok(())
    );
    // SW-R: a RELAY request.
    let relay = Validator::signalwire("PSK_7TruNcSNTxp4zNrykMj4EPzF").unwrap();
    let relay_body = concat!(
        r#"{"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","#,
        r#""node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west","#,
        r#""segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","#,
        r#""direction":"inbound","type":"phone","from":"+12135877632","to":"+12089806814","#,
        r#""from_number":"+12135877632","to_number":"+12089806814","#,
        r#""project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","#,
        r#""space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}}"#
    );
    let relay_url = "https://81f2-2-45-18-191.ngrok-free.app/";
    let relay_sig = "b18500437ebb010220ddd770cbe6fd531ea0ba0d";
    assert_eq!(
        relay.validate(relay_url, relay_body.as_bytes(), relay_sig),
        Ok(())
    );
    assert_eq!(
        Validator::signalwire("PSK_foo").unwrap().validate(
            relay_url,
            relay_body.as_bytes(),
            relay_sig
        ),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        relay.validate(
            "https://81f2-2-45-18-191.ngrok-free.app/bar?q=hello",
            relay_body.as_bytes(),
            relay_sig
        ),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        relay.validate(relay_url, br#"{"foo":"bar"}"#, relay_sig),
        Err(SignatureError::Mismatch)
    );
    // The Twilio validator does not accept SignalWire's hex scheme.
    assert_eq!(
        Validator::twilio("PSK_7TruNcSNTxp4zNrykMj4EPzF")
            .unwrap()
            .validate(relay_url, relay_body.as_bytes(), relay_sig),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn signalwire_keeps_repeated_values_in_submission_order() {
    let url = "https://example.com/x";
    // Signed as url + "ToaTob".
    let signature = "5pTRdZYAQtkPbEgfNHAwv2ju+OQ=";
    let signalwire = Validator::signalwire(TOKEN).unwrap();
    assert_eq!(signalwire.validate(url, b"To=a&To=b", signature), Ok(()));
    assert_eq!(
        signalwire.validate(url, b"To=b&To=a", signature),
        Err(SignatureError::Mismatch)
    );
    // Twilio's order sorts the values, so both orders match.
    assert_eq!(twilio().validate(url, b"To=b&To=a", signature), Ok(()));
    let sorted = Validator::signalwire(TOKEN)
        .unwrap()
        .with_repeated_values(RepeatedValues::Sorted);
    assert_eq!(sorted.validate(url, b"To=b&To=a", signature), Ok(()));
}

#[test]
fn tampering_is_rejected() {
    let sig = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    let changed_value = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1235\
        &From=%2B14158675309&To=%2B18005551212";
    let added = body_with("&Extra=1");
    let removed =
        b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309";
    let trimmed = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
        &From=%2B14158675309&To=%2B18005551212%20";
    let raw_plus = b"CallSid=CA1234567890ABCDE&Caller=+14158675309&Digits=1234\
        &From=%2B14158675309&To=%2B18005551212";
    for body in [
        &changed_value[..],
        &added,
        &removed[..],
        &trimmed[..],
        &raw_plus[..],
    ] {
        assert_eq!(
            twilio().validate(URL, body, sig),
            Err(SignatureError::Mismatch)
        );
    }
    for url in [
        "https://mycompany.com/myapp.php?foo=1&bar=3",
        "https://mycompany.com/myapp.php?bar=2&foo=1",
        "https://mycompany.com/myapp.php",
        "https://mycompany.com/other.php?foo=1&bar=2",
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        "https://evil.example.com/myapp.php?foo=1&bar=2",
    ] {
        assert_eq!(
            twilio().validate(url, P, sig),
            Err(SignatureError::Mismatch),
            "{url}"
        );
    }
    assert_eq!(
        Validator::twilio("54321").unwrap().validate(URL, P, sig),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(twilio().validate(URL, P, ""), Err(SignatureError::Missing));
    assert_eq!(
        twilio().validate(URL, P, "not base64!"),
        Err(SignatureError::Mismatch)
    );
    // Surrounding white space of a header value is not part of the signature.
    assert_eq!(
        twilio().validate(URL, P, " RSOYDt4T1cUTdK1PDd93/VVr8B8= "),
        Ok(())
    );
}

#[test]
fn unknown_parameters_count_because_the_raw_pairs_are_signed() {
    let body = fixture("video/room-ended-extra-params.txt");
    let url = "https://hooks.example.com/video?tenant=7";
    let signature = sign_body("token", url, &body).unwrap();
    let validator = Validator::twilio("token").unwrap();
    assert_eq!(validator.validate(url, &body, &signature), Ok(()));
    // Re-serialising the typed event changes the order but not the pairs: still valid.
    let event = validator.verify_and_parse(url, &body, &signature).unwrap();
    assert!(matches!(event, Received::Typed(_)));
    assert_eq!(
        validator.validate(url, event.to_form().as_bytes(), &signature),
        Ok(())
    );
    // Dropping an unknown parameter breaks it.
    let without_unknown = common::with_param(&body, "RoomStatusReason", None);
    assert_eq!(
        validator.validate(url, &without_unknown, &signature),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn verify_and_parse_keeps_signature_and_parse_failures_apart() {
    let validator = Validator::twilio("token").unwrap();
    let url = "https://hooks.example.com/cb";
    let body = fixture("video/room-ended.txt");
    let signature = sign_body("token", url, &body).unwrap();
    assert!(matches!(
        validator.verify_and_parse(url, &body, &signature),
        Ok(Received::Typed(Event::Room(RoomEvent::RoomEnded(_))))
    ));
    // An authentic callback whose value does not fit: received raw, naming the parameter;
    // the strict parse refuses it with the same error.
    let odd = common::with_param(&body, "RoomDuration", Some("4x11"));
    let odd_signature = sign_body("token", url, &odd).unwrap();
    let Received::Untyped(raw) = validator
        .verify_and_parse(url, &odd, &odd_signature)
        .unwrap()
    else {
        panic!("typed")
    };
    assert_eq!(raw.error.param(), Some("RoomDuration"));
    assert_eq!(raw.kind(), Some("room-ended"));
    assert_eq!(raw.params.len(), form_urlencoded::parse(&odd).count());
    assert_eq!(
        validator.verify_and_parse_as::<Event>(url, &odd, &odd_signature, None),
        Err(WebhookError::Parse(raw.error.clone()))
    );
    let typed: RoomEvent = validator
        .verify_and_parse_as(url, &body, &signature, None)
        .unwrap();
    assert_eq!(typed.room_name(), "DailyStandup");
    assert_eq!(
        validator.verify_and_parse(url, &body, "bad"),
        Err(WebhookError::Signature(SignatureError::Mismatch))
    );
    // A correctly signed body that is not a callback is a parse error, not a signature one.
    let not_callback = b"Hello=world";
    let signature = sign_body("token", url, not_callback).unwrap();
    assert!(matches!(
        validator.verify_and_parse(url, not_callback, &signature),
        Err(WebhookError::Parse(ParseError::MissingDiscriminator { .. }))
    ));
    // A GET callback: the URL alone is signed, the parameters come from its query.
    let get_url = format!("{url}?{}", String::from_utf8(body).unwrap());
    let signature = sign("token", &get_url, &[]);
    let event: Event = validator
        .verify_and_parse_as(&get_url, b"", &signature, None)
        .unwrap();
    assert_eq!(event.kind_str(), "room-ended");
}

/// The messages of an error and of each of its sources, in order.
fn message_chain(err: &dyn std::error::Error) -> Vec<String> {
    std::iter::successors(Some(err), |err| err.source())
        .map(|err| err.to_string())
        .collect()
}

/// A `WebhookError` prints as the error inside it, so a reporter that prints every source
/// prints each message once.
#[test]
fn webhook_errors_print_each_cause_once() {
    let validator = Validator::twilio("token").unwrap();
    let url = "https://hooks.example.com/cb";
    let body = fixture("video/room-ended.txt");
    let odd = common::with_param(&body, "RoomDuration", Some("4x11"));
    let odd_signature = sign_body("token", url, &odd).unwrap();
    let not_callback = b"Hello=world";
    let not_callback_signature = sign_body("token", url, not_callback).unwrap();
    let failures = [
        // A signature failure with no cause.
        validator.verify_and_parse_as::<Event>(url, &body, "bad", None),
        // A signature failure caused by a parse error.
        validator.verify_and_parse_as::<Event>(url, b"RoomName=%FF", "bad", None),
        // Parse failures.
        validator.verify_and_parse_as::<Event>(url, &odd, &odd_signature, None),
        validator.verify_and_parse_as::<Event>(url, not_callback, &not_callback_signature, None),
    ];
    let mut shapes = Vec::new();
    for failure in failures {
        let err = failure.unwrap_err();
        let (variant, inner): (_, &dyn std::error::Error) = match &err {
            WebhookError::Signature(inner) => ("signature", inner),
            WebhookError::Parse(inner) => ("parse", inner),
            other => panic!("unexpected {other:?}"),
        };
        let chain = message_chain(&err);
        assert_eq!(chain[0], inner.to_string(), "{err:?}");
        assert_eq!(chain[1..], message_chain(inner)[1..], "{err:?}");
        for pair in chain.windows(2) {
            assert!(!pair[0].contains(&pair[1]), "{chain:?}");
        }
        shapes.push((variant, chain.len()));
    }
    // The malformed body's chain goes on to the parse error that made it unreadable.
    assert_eq!(
        shapes,
        [
            ("signature", 1),
            ("signature", 2),
            ("parse", 1),
            ("parse", 1)
        ]
    );
}

#[test]
fn headers_are_read_by_name() {
    let validator = Validator::twilio(TOKEN)
        .unwrap()
        .with_shared_key("k", "shared")
        .unwrap();
    let sig = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    let twilio_header = |name: &str| (name == "X-Twilio-Signature").then_some(sig);
    assert_eq!(validator.validate_headers(URL, P, twilio_header), Ok(()));
    let signalwire_header = |name: &str| (name == "X-SignalWire-Signature").then_some(sig);
    assert_eq!(
        validator.validate_headers(URL, P, signalwire_header),
        Ok(())
    );
    assert_eq!(
        validator.validate_headers(URL, P, |_| None),
        Err(SignatureError::Missing)
    );
    let shared = sign_with(Algorithm::HmacSha256, "shared", URL, &[("A", "1")]);
    let headers = |name: &str| match name {
        "X-Twilio-Signature" => Some(shared.as_str()),
        "X-Twilio-Webhooks-Signature-Settings" => Some("key=k,algorithm=HMAC_SHA256"),
        _ => None,
    };
    assert_eq!(validator.validate_headers(URL, b"A=1", headers), Ok(()));
}

#[test]
fn secrets_never_show() {
    let validator = Validator::twilio("super-secret-token")
        .unwrap()
        .with_shared_key("k1", "shared-secret-value")
        .unwrap();
    let debug = format!("{validator:?}");
    assert!(
        !debug.contains("super-secret-token") && !debug.contains("shared-secret-value"),
        "{debug}"
    );
    assert!(debug.contains("k1"));
    let errors = [
        validator.validate(URL, P, "x").unwrap_err(),
        validator
            .validate_with_settings(URL, P, "x", Some("key=zz,algorithm=HMAC_SHA256"))
            .unwrap_err(),
        validator
            .validate_with_settings(URL, P, "x", Some("key=k1,algorithm=MD5"))
            .unwrap_err(),
        Validator::shared_keys_only()
            .validate(URL, P, "x")
            .unwrap_err(),
    ];
    for err in errors {
        for text in [err.to_string(), format!("{err:?}")] {
            assert!(!text.contains("secret"), "{text}");
        }
    }
}

#[test]
fn signing_strings_show_what_is_signed() {
    let strings = signing_strings(URL, b"B=2&A=1&A=0", RepeatedValues::Sorted).unwrap();
    assert_eq!(
        strings,
        [
            (URL.to_owned(), format!("{URL}A0A1B2")),
            (
                "https://mycompany.com:443/myapp.php?foo=1&bar=2".to_owned(),
                "https://mycompany.com:443/myapp.php?foo=1&bar=2A0A1B2".to_owned()
            ),
        ]
    );
    let in_order = signing_strings(URL, b"B=2&A=1&A=0", RepeatedValues::SubmissionOrder).unwrap();
    assert_eq!(in_order[0].1, format!("{URL}A1A0B2"));
    assert!(matches!(
        signing_strings(URL, b"A=%FF", RepeatedValues::Sorted),
        Err(SignatureError::MalformedBody(ParseError::Malformed { .. }))
    ));
}

#[test]
fn sign_agrees_with_validate() {
    let body = fixture("voice/call-completed.txt");
    for algorithm in [Algorithm::HmacSha1, Algorithm::HmacSha256] {
        let signature = sign_body_with(algorithm, "s", "https://a.example/x?y=1", &body).unwrap();
        let validator = Validator::twilio("s")
            .unwrap()
            .with_shared_key("id", "s")
            .unwrap();
        let settings = format!("key=id,algorithm={algorithm}");
        assert_eq!(
            validator.validate_with_settings(
                "https://a.example/x?y=1",
                &body,
                &signature,
                Some(&settings)
            ),
            Ok(())
        );
    }
}

#[test]
fn public_urls_rebuild_the_signed_url() {
    let base = PublicUrl::parse("https://hooks.example.com:8443/").unwrap();
    assert_eq!(base.as_str(), "https://hooks.example.com:8443");
    assert_eq!(
        base.signed_url("/cb?a=%27&b=+"),
        "https://hooks.example.com:8443/cb?a=%27&b=+"
    );
    assert_eq!(base.signed_url("cb"), "https://hooks.example.com:8443/cb");
    for bad in [
        "hooks.example.com",
        "ftp://x",
        "https://",
        "https:///path",
        "https://x/path?q",
        "https://x/path#f",
        "https://x?q",
        "https://x y",
    ] {
        assert!(PublicUrl::parse(bad).is_err(), "{bad}");
    }
    // A path prefix, for a proxy that strips it.
    let prefixed = PublicUrl::parse("https://example.com/api/v2/").unwrap();
    assert_eq!(prefixed.as_str(), "https://example.com/api/v2");
    assert_eq!(
        prefixed.signed_url("/callbacks?x=1"),
        "https://example.com/api/v2/callbacks?x=1"
    );
    let forwarded =
        PublicUrl::from_forwarded("https, http", "hooks.example.com, proxy.internal").unwrap();
    assert_eq!(forwarded.signed_url("/cb"), "https://hooks.example.com/cb");
    assert!(PublicUrl::from_forwarded("https", "evil.example/x").is_err());
}

/// Signatures computed by the official Python helper (twilio 9.13.0) over awkward requests:
/// each is accepted, and any change to the request is rejected.
#[test]
fn signatures_from_the_official_helper() {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("data/helper_signatures.json")).unwrap();
    let key_id = data["shared_key_id"].as_str().unwrap();
    let cases = data["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let secret = case["secret"].as_str().unwrap();
        let url = case["url"].as_str().unwrap();
        let body = case["body"].as_str().unwrap().as_bytes();
        let signature = case["signature"].as_str().unwrap();
        let settings = case["settings"].as_str();
        let validator = if settings.is_some() {
            Validator::twilio("not the shared key")
                .unwrap()
                .with_shared_key(key_id, secret)
                .unwrap()
        } else {
            Validator::twilio(secret).unwrap()
        };
        let check = |url: &str, body: &[u8]| {
            validator.validate_with_settings(url, body, signature, settings)
        };
        assert_eq!(check(url, body), Ok(()), "{name}");

        // Any change is rejected: a changed value, an added parameter, a changed query, a
        // wrong secret.
        if !body.is_empty() {
            let mut changed = body.to_vec();
            let last = changed.len() - 1;
            changed[last] = if changed[last] == b'0' { b'1' } else { b'0' };
            assert_eq!(
                check(url, &changed),
                Err(SignatureError::Mismatch),
                "{name}: value"
            );
        }
        let mut added = body.to_vec();
        if !added.is_empty() {
            added.push(b'&');
        }
        added.extend_from_slice(b"Injected=1");
        assert_eq!(
            check(url, &added),
            Err(SignatureError::Mismatch),
            "{name}: added"
        );
        let changed_query = if url.contains('?') {
            format!("{url}&x=1")
        } else {
            format!("{url}?x=1")
        };
        assert_eq!(
            check(&changed_query, body),
            Err(SignatureError::Mismatch),
            "{name}: query"
        );
        let wrong = if settings.is_some() {
            Validator::twilio(secret)
                .unwrap()
                .with_shared_key(key_id, "wrong")
                .unwrap()
        } else {
            Validator::twilio("wrong").unwrap()
        };
        assert_eq!(
            wrong.validate_with_settings(url, body, signature, settings),
            Err(SignatureError::Mismatch),
            "{name}: secret"
        );
    }
}
