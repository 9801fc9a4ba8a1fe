//! Property tests, with a bounded number of cases so `cargo test` stays quick.

mod common;

use proptest::prelude::*;
use status_callbacks::{parse, Event, EventKind, ParseError};

use common::{assert_round_trip, fixture};

/// One fixture of every kind: the shapes the generated events follow.
const SHAPES: &[&str] = &[
    "video/room-created.txt",
    "video/room-ended.txt",
    "video/participant-connected.txt",
    "video/participant-disconnected.txt",
    "video/track-added.txt",
    "video/track-removed.txt",
    "video/track-enabled.txt",
    "video/track-disabled.txt",
    "video/recording-started.txt",
    "video/recording-completed-external-storage.txt",
    "video/recording-failed.txt",
    "video/composition-enqueued.txt",
    "video/composition-hook-failed.txt",
    "video/composition-started.txt",
    "video/composition-available.txt",
    "video/composition-progress.txt",
    "video/composition-failed.txt",
    "live/media-processor-started.txt",
    "live/media-processor-ended.txt",
    "live/media-processor-failed.txt",
    "live/stream-started.txt",
    "live/stream-ended.txt",
    "live/player-streamer-failed.txt",
    "voice/call-completed-child-leg-with-recording.txt",
    "voice/call-completed-signalwire.txt",
    "voice/recording-completed.txt",
    "voice/recording-completed-signalwire.txt",
];

const U16: &[&str] = &["SipResponseCode", "SipResultCode"];
const U32: &[&str] = &[
    "PercentageDone",
    "RecordingChannels",
    "ErrorCode",
    "AudioInAveragePtime",
    "AudioInJitterMaxVariance",
    "AudioInJitterMinVariance",
    "AudioInLargestJbSize",
];
const DISCRIMINATORS: &[&str] = &["StatusCallbackEvent", "CallStatus", "RecordingStatus"];

/// A value of the kind a parameter holds, as its family writes it.
fn value_for(name: &str, json: &serde_json::Value, voice: bool) -> BoxedStrategy<String> {
    if name == "Timestamp" || name == "RecordingStartTime" {
        let whole = 0i64..253_402_300_799; // 1970 to 9999
        return if voice {
            whole
                .prop_map(|secs| {
                    let time = chrono::DateTime::from_timestamp(secs, 0).unwrap();
                    time.format("%a, %d %b %Y %H:%M:%S %z").to_string()
                })
                .boxed()
        } else {
            (whole, prop_oneof![Just(0u32), 1u32..1000, 1u32..1_000_000])
                .prop_map(|(secs, fraction)| {
                    let nanos = if fraction < 1000 {
                        fraction * 1_000_000
                    } else {
                        fraction * 1000
                    };
                    let time = chrono::DateTime::from_timestamp(secs, nanos).unwrap();
                    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                })
                .boxed()
        };
    }
    if name == "AudioInMos" {
        return (1u32..5, 0u32..100)
            .prop_map(|(whole, cents)| format!("{whole}.{cents:02}"))
            .boxed();
    }
    if json.is_number() {
        let max = if U16.contains(&name) {
            u64::from(u16::MAX)
        } else if U32.contains(&name) {
            u64::from(u32::MAX)
        } else {
            u64::MAX
        };
        return (0..=max).prop_map(|n| n.to_string()).boxed();
    }
    // Identifiers, names, URLs and enumerated values: any non-empty text.
    prop_oneof![
        "[A-Za-z0-9:/.+_-]{1,40}",
        "\\PC{1,20}",
        Just(json.as_str().unwrap_or("x").to_owned()),
    ]
    .boxed()
}

/// A body of the same kind as `path`, every value regenerated, plus unknown parameters.
fn generated_body(path: &'static str) -> BoxedStrategy<(String, Vec<u8>)> {
    let body = fixture(path);
    let event = parse(&body).unwrap();
    let json = serde_json::to_value(&event).unwrap();
    let voice = matches!(
        event,
        Event::CallStatus(_) | Event::RecordingStatus(_) | Event::PhoneNumberCallStatus(_)
    );
    let fields: Vec<BoxedStrategy<(String, String)>> = form_urlencoded::parse(&body)
        .map(|(name, value)| {
            let name = name.into_owned();
            if DISCRIMINATORS.contains(&name.as_str()) || value.is_empty() {
                Just((name, value.into_owned())).boxed()
            } else {
                let strategy = value_for(&name, &json[name.as_str()], voice);
                strategy
                    .prop_map(move |value| (name.clone(), value))
                    .boxed()
            }
        })
        .collect();
    let unknown = proptest::collection::vec(("[A-Z][a-z]{2,8}X", "\\PC{0,12}"), 0..4);
    (fields, unknown)
        .prop_map(move |(fields, unknown)| {
            let mut out = form_urlencoded::Serializer::new(String::new());
            for (name, value) in fields.iter().chain(&unknown) {
                out.append_pair(name, value);
            }
            (path.to_owned(), out.finish().into_bytes())
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Generated events of every kind parse, and round-trip through `to_form`.
    #[test]
    fn generated_events_of_every_kind_round_trip(
        (path, body) in proptest::sample::select(SHAPES).prop_flat_map(generated_body)
    ) {
        let event = parse(&body).unwrap_or_else(|err| panic!("{path}: {err}\n{}", String::from_utf8_lossy(&body)));
        let expected = parse(&fixture(&path)).unwrap();
        prop_assert_eq!(event.kind(), expected.kind());
        assert_round_trip(&body, &event);
    }

    /// Arbitrary bytes never panic the parser.
    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = parse(&body);
    }

    /// Arbitrary text made of form syntax never panics the parser either, and whatever parses
    /// round-trips.
    #[test]
    fn form_like_text_never_panics(body in "([A-Za-z%=&+0-9]|%[0-9A-Fa-f]{2}){0,200}") {
        if let Ok(event) = parse(body.as_bytes()) {
            prop_assert_eq!(parse(event.to_form().as_bytes()), Ok(event));
        }
    }

    /// Any `StatusCallbackEvent` lands in some variant: unknown strings in `Unknown` with the
    /// string kept; documented kinds in their own variant, or an error about one of their
    /// parameters.
    #[test]
    fn any_status_callback_event_lands_in_some_variant(
        kind in prop_oneof![
            "\\PC{1,30}",
            proptest::sample::select(EventKind::all().iter().copied().map(|k| k.as_str()).collect::<Vec<_>>())
                .prop_map(str::to_owned),
        ]
    ) {
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("StatusCallbackEvent", &kind);
        let base = fixture("video/participant-connected.txt");
        for (name, value) in form_urlencoded::parse(&base).filter(|(name, _)| name != "StatusCallbackEvent") {
            body.append_pair(&name, &value);
        }
        let body = body.finish();
        // `call-status`, `recording-status` and `phone-number-call-status` name voice
        // callbacks; they are no wire value.
        let wire_kind = EventKind::from_wire("StatusCallbackEvent", &kind);
        match (wire_kind.ok_or(()), parse(body.as_bytes())) {
            (Err(()), Ok(Event::Unknown(unknown))) => prop_assert_eq!(unknown.kind, kind),
            (Ok(known), Ok(event)) => prop_assert_eq!(event.kind(), Some(known)),
            (Ok(_), Err(ParseError::MissingParameter { .. } | ParseError::InvalidValue { .. })) => {}
            (expected, got) => prop_assert!(false, "{kind:?}: {expected:?} gave {got:?}"),
        }
    }
}

#[cfg(feature = "signature")]
mod signatures {
    use proptest::prelude::*;
    use status_callbacks::signature::{sign, sign_body, SignatureError, Validator};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// `sign` then `validate` always agrees, over the pairs or over the body; a changed
        /// value or secret never does.
        #[test]
        fn sign_then_validate_agrees(
            url in "https?://[a-z]{1,10}(\\.example)?(:[0-9]{1,5})?/[a-z/]{0,10}(\\?[a-z=&+%0-9]{0,20})?",
            pairs in proptest::collection::vec(("[A-Za-z.]{1,12}", "\\PC{0,16}"), 0..12),
            secret in "[!-~][ -~]{0,31}",
        ) {
            let mut body = form_urlencoded::Serializer::new(String::new());
            for (name, value) in &pairs {
                body.append_pair(name, value);
            }
            let body = body.finish();
            let validator = Validator::twilio(&secret).unwrap();
            let signed = sign_body(&secret, &url, body.as_bytes()).unwrap();
            prop_assert_eq!(validator.validate(&url, body.as_bytes(), &signed), Ok(()));
            let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            prop_assert_eq!(sign(&secret, &url, &refs), signed.clone());
            let changed = format!("{body}&Changed=1");
            prop_assert_eq!(validator.validate(&url, changed.as_bytes(), &signed), Err(SignatureError::Mismatch));
            let other = Validator::twilio(&format!("{secret}x")).unwrap();
            prop_assert_eq!(other.validate(&url, body.as_bytes(), &signed), Err(SignatureError::Mismatch));
        }
    }
}
