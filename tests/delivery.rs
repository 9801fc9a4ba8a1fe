//! Delivery semantics: dedupe keys, the replay guard, ordering helpers.

mod common;

use std::collections::BTreeMap;

use status_callbacks::voice::{CallStatus, CallStatusCallback};
use status_callbacks::{parse, Event, Family, StatusCallback};

use common::{fixture, fixture_paths, with_param};

/// Every family has a natural key: its family and the parameters that identify an event.
/// Two deliveries of one callback share it; another status, kind or sequence number does not.
#[test]
fn every_family_has_a_dedupe_key() {
    let mut families = BTreeMap::new();
    for path in fixture_paths() {
        let body = fixture(&path);
        let event = parse(&body).unwrap();
        let key = event.dedupe_key();
        // Delivered again, with its parameters in another order: the same key.
        let mut pairs: Vec<(String, String)> = form_urlencoded::parse(&body)
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        pairs.reverse();
        let again = Event::from_pairs(pairs).unwrap();
        assert_eq!(again.dedupe_key(), key, "{path}");
        let family = event
            .family()
            .map_or("unknown".to_owned(), |family| family.name().to_owned());
        let encoded: String = form_urlencoded::byte_serialize(family.as_bytes()).collect();
        assert!(
            key.as_str().starts_with(&format!("family={encoded}")),
            "{path}: {key}"
        );
        families.insert(family, key);
    }
    for family in Family::ALL {
        assert!(
            families.contains_key(family.name()),
            "no fixture of {family}"
        );
    }

    // What changes the key.
    let call = fixture("voice/call-completed.txt");
    let key = parse(&call).unwrap().dedupe_key();
    assert_eq!(
        key.as_str(),
        "family=voice+call+status&CallSid=CA53b9e9679a8ea25880376080b76f98ad&CallStatus=completed&SequenceNumber=3"
    );
    for (name, value) in [
        ("CallStatus", "busy"),
        ("SequenceNumber", "4"),
        ("CallSid", "CA0"),
    ] {
        let other = parse(&with_param(&call, name, Some(value))).unwrap();
        assert_ne!(other.dedupe_key(), key, "{name}");
    }
    // What does not: a parameter outside the key.
    let other = parse(&with_param(&call, "CallDuration", Some("99"))).unwrap();
    assert_eq!(other.dedupe_key(), key);

    // Messaging: the status and `EventType` are part of the key, so later statuses are kept.
    let sent = parse(&fixture("messaging/sent.txt")).unwrap().dedupe_key();
    let delivered = parse(&fixture("messaging/delivered.txt"))
        .unwrap()
        .dedupe_key();
    assert_ne!(sent, delivered);
    // Conference: (`ConferenceSid`, `SequenceNumber`, ...).
    let mute = parse(&fixture("conference/participant-mute.txt"))
        .unwrap()
        .dedupe_key();
    assert!(mute.as_str().contains("SequenceNumber=3"), "{mute}");
}

#[cfg(feature = "signature")]
#[test]
fn the_replay_guard_refuses_old_events_of_the_families_that_carry_a_time() {
    use status_callbacks::integrations::WebhookConfig;
    use status_callbacks::signature::{sign_body, Validator};

    const TOKEN: &str = "token";
    let config = WebhookConfig::new(
        Validator::twilio(TOKEN).unwrap(),
        "https://hooks.example.com".parse().unwrap(),
    )
    .refuse_older_than(std::time::Duration::from_secs(600));
    let verify = |body: &[u8]| {
        let signature = sign_body(TOKEN, "https://hooks.example.com/c", body).unwrap();
        config.verify::<Event>("/c", body, |name| {
            (name == "X-Twilio-Signature").then_some(signature.as_str())
        })
    };
    let now: chrono::DateTime<chrono::Utc> = std::time::SystemTime::now().into();
    let room = fixture("video/room-ended.txt");
    // An event of 2020: refused, 403 `forbidden`, the age in the log line.
    let old = verify(&room).unwrap_err();
    assert_eq!(old.status(), 403);
    assert_eq!(old.to_string(), "forbidden");
    assert!(
        old.log_line().contains("replay guard"),
        "{}",
        old.log_line()
    );
    // The same event a minute ago: accepted.
    let fresh = with_param(
        &room,
        "Timestamp",
        Some(&(now - chrono::Duration::seconds(60)).to_rfc3339()),
    );
    assert!(verify(&fresh).is_ok());
    // A voice call callback of 2018: refused; with a fresh RFC 2822 time: accepted.
    let call = fixture("voice/call-completed.txt");
    assert_eq!(verify(&call).unwrap_err().status(), 403);
    let fresh_call = with_param(&call, "Timestamp", Some(&now.to_rfc2822()));
    assert!(verify(&fresh_call).is_ok());
    // Families whose time is not the event's, or without one, pass.
    for path in [
        "messaging/delivered.txt",
        "voice/recording-completed.txt",
        "voice/phone-number-call-completed.txt",
        "voice/amd-human.txt",
    ] {
        assert!(verify(&fixture(path)).is_ok(), "{path}");
    }
    // Without the guard, old events pass.
    let unguarded = WebhookConfig::new(
        Validator::twilio(TOKEN).unwrap(),
        "https://hooks.example.com".parse().unwrap(),
    );
    let signature = sign_body(TOKEN, "https://hooks.example.com/c", &room).unwrap();
    assert!(unguarded
        .verify::<Event>("/c", &room, |name| (name == "X-Twilio-Signature")
            .then_some(signature.as_str()))
        .is_ok());
}

#[test]
fn call_callbacks_order_by_sequence_number() {
    let completed = CallStatusCallback::from_form(&fixture("voice/call-completed.txt")).unwrap();
    let ringing = CallStatusCallback::from_form(&with_param(
        &fixture("voice/call-completed.txt"),
        "SequenceNumber",
        Some("1"),
    ))
    .unwrap();
    assert_eq!(ringing.precedes(&completed), Some(true));
    assert_eq!(completed.precedes(&ringing), Some(false));
    let other_call = CallStatusCallback::from_form(&with_param(
        &fixture("voice/call-completed.txt"),
        "CallSid",
        Some("CA0"),
    ))
    .unwrap();
    assert_eq!(other_call.precedes(&completed), None);
    let signalwire =
        CallStatusCallback::from_form(&fixture("voice/call-completed-signalwire.txt")).unwrap();
    assert_eq!(signalwire.precedes(&completed), None);
    assert!(CallStatus::Completed.is_final());
    assert!(CallStatus::NoAnswer.is_final());
    assert!(!CallStatus::Ringing.is_final());
    assert!(!CallStatus::Other("x".into()).is_final());
}
