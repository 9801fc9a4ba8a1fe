//! Every error kind, with the parameter and event it names; and inputs that must not panic.

mod common;

use status_callbacks::video::{CompositionEvent, RoomEvent};
use status_callbacks::{parse, parse_query, Event, EventKind, Expected, Family, ParseError};

use common::{fixture, with_param};

const ROOM_PARAMS: &[&str] = &[
    "AccountSid",
    "RoomSid",
    "RoomName",
    "RoomStatus",
    // Not `RoomType`: a real participant-disconnected callback lacks it.
    "SequenceNumber",
    "Timestamp",
];
const PARTICIPANT_PARAMS: &[&str] = &["ParticipantSid", "ParticipantIdentity", "ParticipantStatus"];
const TRACK_PARAMS: &[&str] = &["TrackSid", "TrackKind"];
const RECORDING_PARAMS: &[&str] = &[
    "AccountSid",
    "RecordingSid",
    "Timestamp",
    "RoomSid",
    "RoomName",
    "RoomType",
    "ParticipantSid",
    "SourceSid",
    "RecordingUri",
    "Container",
    "Codec",
    "ParticipantIdentity",
    "TrackName",
    "OffsetFromTwilioVideoEpoch",
];
const COMPOSITION_PARAMS: &[&str] = &["AccountSid", "RoomSid", "Timestamp"];
const COMPOSITION: &[&str] = &["CompositionSid", "CompositionUri"];
const HOOK: &[&str] = &["HookSid", "HookUri", "HookFriendlyName"];

const MEDIA_PROCESSOR: &[&str] = &[
    "AccountSid",
    "MediaProcessorSid",
    "Extension",
    "ExtensionContext",
    "Timestamp",
    "Url",
];
const PLAYER_STREAMER: &[&str] = &[
    "AccountSid",
    "PlayerStreamerSid",
    "Timestamp",
    "Source",
    "Url",
];
const CALL: &[&str] = &[
    "AccountSid",
    "CallSid",
    "CallStatus",
    "Direction",
    "ApiVersion",
    "From",
    "To",
    "CallbackSource",
    // Not `SequenceNumber`: real SignalWire callbacks omit it.
    "Timestamp",
];
const RECORDING: &[&str] = &[
    "AccountSid",
    "RecordingSid",
    "RecordingUrl",
    "RecordingStatus",
    "RecordingChannels",
    "RecordingSource",
];

const CONFERENCE: &[&str] = &["AccountSid", "ConferenceSid", "FriendlyName", "Timestamp"];
const CONFERENCE_PARTICIPANT: &[&str] = &[
    "CallSid",
    "Muted",
    "Hold",
    "EndConferenceOnExit",
    "StartConferenceOnEnter",
];
const STREAM: &[&str] = &["AccountSid", "CallSid", "StreamSid", "Timestamp"];
const TRANSCRIPTION: &[&str] = &["AccountSid", "CallSid", "Timestamp"];
const SIPREC: &[&str] = &["AccountSid", "CallSid", "SiprecSid", "Timestamp"];

/// The parameters the vendor documents as sent with every event of a kind ("All", "Only on
/// this event"), by fixture. Every other parameter of the fixture is optional.
fn required_by_fixture() -> Vec<(&'static str, Vec<&'static str>)> {
    let join = |parts: &[&[&'static str]]| parts.concat();
    vec![
        ("video/room-created.txt", join(&[ROOM_PARAMS])),
        (
            "video/room-ended.txt",
            join(&[ROOM_PARAMS, &["RoomDuration"]]),
        ),
        (
            "video/participant-connected.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS]),
        ),
        (
            "video/participant-disconnected.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS, &["ParticipantDuration"]]),
        ),
        (
            "video/track-added.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS, TRACK_PARAMS]),
        ),
        (
            "video/track-removed.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS, TRACK_PARAMS]),
        ),
        (
            "video/track-enabled.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS, TRACK_PARAMS]),
        ),
        (
            "video/track-disabled.txt",
            join(&[ROOM_PARAMS, PARTICIPANT_PARAMS, TRACK_PARAMS]),
        ),
        ("video/recording-started.txt", join(&[RECORDING_PARAMS])),
        (
            "video/recording-completed.txt",
            join(&[RECORDING_PARAMS, &["MediaUri", "Duration", "Size"]]),
        ),
        (
            "video/recording-failed.txt",
            join(&[RECORDING_PARAMS, &["FailedOperation"]]),
        ),
        (
            "video/composition-enqueued.txt",
            join(&[COMPOSITION_PARAMS, COMPOSITION, HOOK]),
        ),
        (
            "video/composition-hook-failed.txt",
            join(&[
                COMPOSITION_PARAMS,
                HOOK,
                &["FailedOperation", "ErrorMessage"],
            ]),
        ),
        (
            "video/composition-started.txt",
            join(&[COMPOSITION_PARAMS, COMPOSITION]),
        ),
        (
            "video/composition-available.txt",
            join(&[
                COMPOSITION_PARAMS,
                COMPOSITION,
                &["MediaUri", "Duration", "Size"],
            ]),
        ),
        (
            "video/composition-progress.txt",
            join(&[
                COMPOSITION_PARAMS,
                COMPOSITION,
                &["PercentageDone", "SecondsRemaining"],
            ]),
        ),
        (
            "video/composition-failed.txt",
            join(&[
                COMPOSITION_PARAMS,
                COMPOSITION,
                &["FailedOperation", "ErrorMessage"],
            ]),
        ),
        ("live/media-processor-started.txt", join(&[MEDIA_PROCESSOR])),
        (
            "live/media-processor-ended.txt",
            join(&[MEDIA_PROCESSOR, &["Duration", "EndedReason"]]),
        ),
        (
            "live/media-processor-failed.txt",
            join(&[
                MEDIA_PROCESSOR,
                &["Duration", "EndedReason", "ErrorMessage"],
            ]),
        ),
        ("live/stream-started.txt", join(&[PLAYER_STREAMER])),
        (
            "live/stream-ended.txt",
            join(&[PLAYER_STREAMER, &["Duration", "EndedReason"]]),
        ),
        (
            "live/player-streamer-ended.txt",
            join(&[PLAYER_STREAMER, &["Duration", "EndedReason"]]),
        ),
        (
            "live/stream-failed.txt",
            join(&[
                PLAYER_STREAMER,
                &["Duration", "EndedReason", "ErrorMessage"],
            ]),
        ),
        // Twilio's richest call body, and SignalWire's: what is not listed is optional.
        (
            "voice/call-completed-child-leg-with-recording.txt",
            join(&[CALL]),
        ),
        ("voice/call-completed-signalwire.txt", join(&[CALL])),
        ("voice/recording-completed.txt", join(&[RECORDING])),
        (
            "voice/recording-completed-signalwire.txt",
            join(&[RECORDING]),
        ),
        (
            "voice/recording-completed-conference.txt",
            join(&[RECORDING]),
        ),
        (
            "voice/phone-number-call-completed.txt",
            vec!["AccountSid", "CallSid", "From", "To", "Timestamp"],
        ),
        // Conference: the participant's parameters on participant events; SignalWire's
        // standard parameters, the reasons, labels and `SequenceNumber` are optional.
        ("conference/conference-start.txt", join(&[CONFERENCE])),
        ("conference/conference-end.txt", join(&[CONFERENCE])),
        (
            "conference/participant-leave.txt",
            join(&[CONFERENCE, CONFERENCE_PARTICIPANT]),
        ),
        (
            "conference/participant-mute.txt",
            join(&[CONFERENCE, CONFERENCE_PARTICIPANT]),
        ),
        (
            "conference/signalwire-participant-join.txt",
            join(&[CONFERENCE, CONFERENCE_PARTICIPANT]),
        ),
        (
            "conference/announcement-end-participant.txt",
            join(&[CONFERENCE]),
        ),
        (
            "conference/conference-record-end.txt",
            vec!["AccountSid", "ConferenceSid"],
        ),
        // Messaging: every parameter varies with channel and event but the account.
        ("messaging/undelivered.txt", vec!["AccountSid"]),
        ("messaging/signalwire-delivered.txt", vec!["AccountSid"]),
        ("messaging/read-whatsapp.txt", vec!["AccountSid"]),
        ("streams/stream-error.txt", join(&[STREAM])),
        ("streams/signalwire-stream-started.txt", join(&[STREAM])),
        (
            "transcription/transcription-started.txt",
            join(&[TRANSCRIPTION]),
        ),
        (
            "transcription/transcription-content.txt",
            join(&[TRANSCRIPTION]),
        ),
        (
            "transcription/transcription-error.txt",
            join(&[TRANSCRIPTION]),
        ),
        ("siprec/siprec-error.txt", join(&[SIPREC])),
        (
            "voice/record-transcription-completed.txt",
            vec!["AccountSid", "TranscriptionSid", "TranscriptionStatus"],
        ),
        (
            "voice/amd-machine-end-beep.txt",
            vec![
                "AccountSid",
                "CallSid",
                "AnsweredBy",
                "MachineDetectionDuration",
            ],
        ),
    ]
}

fn param_names(body: &[u8]) -> Vec<String> {
    form_urlencoded::parse(body)
        .map(|(name, _)| name.into_owned())
        .collect()
}

#[test]
fn each_documented_parameter_is_required_and_the_others_optional() {
    for (path, required) in required_by_fixture() {
        let body = fixture(path);
        let kind = parse(&body).unwrap().kind().unwrap().as_str();
        for name in param_names(&body) {
            // Without its discriminator, or a parameter its family's detection rule reads, a
            // body is another kind of body (see the detection tests).
            let result = parse(&with_param(&body, &name, None));
            let told_apart = matches!(
                &result,
                Err(ParseError::MissingDiscriminator { .. } | ParseError::NotAStatusCallback { .. })
            ) || result
                .as_ref()
                .is_ok_and(|event| event.kind().map(EventKind::as_str) != Some(kind));
            if status_callbacks::discriminators().contains(&name.as_str()) || told_apart {
                continue;
            }
            if let Some(param) = required.iter().copied().find(|r| *r == name) {
                assert!(
                    matches!(&result, Err(ParseError::MissingParameter { param: p, kind: k, .. })
                        if *p == param && k.as_str() == kind),
                    "{path} without {name}: {result:?}"
                );
                let message = result.unwrap_err().to_string();
                assert!(message.contains(&format!("`{name}`")), "{message}");
                assert!(message.contains(&format!("`{kind}`")), "{message}");
            } else {
                let event = result.unwrap_or_else(|err| panic!("{path} without {name}: {err}"));
                assert_eq!(event.kind_str(), kind);
                assert_eq!(event.extra().get(&name), None, "{path}: {name} is typed");
            }
        }
        for name in &required {
            assert!(
                param_names(&body).iter().any(|n| n == name),
                "{path} lacks the required {name}"
            );
        }
    }
}

#[test]
fn an_invalid_value_names_the_parameter_the_event_and_what_was_expected() {
    let cases = [
        (
            "video/room-ended.txt",
            "RoomDuration",
            "abc",
            "a whole number of seconds",
        ),
        (
            "video/room-ended.txt",
            "RoomDuration",
            "-5",
            "a whole number of seconds",
        ),
        (
            "video/room-created.txt",
            "SequenceNumber",
            "1e3",
            "an unsigned integer",
        ),
        (
            "video/room-created.txt",
            "Timestamp",
            "yesterday",
            "an RFC 3339 or RFC 2822 timestamp",
        ),
        (
            "video/room-created.txt",
            "Timestamp",
            "2020-13-40T99:00:00Z",
            "an RFC 3339 or RFC 2822 timestamp",
        ),
        (
            "video/participant-disconnected.txt",
            "ParticipantDuration",
            "3.5",
            "a whole number of seconds",
        ),
        (
            "video/recording-completed.txt",
            "Size",
            "1.5",
            "an unsigned integer",
        ),
        (
            "video/recording-completed.txt",
            "Size",
            "+4096",
            "an unsigned integer",
        ),
        (
            "video/recording-completed.txt",
            "Duration",
            " 3",
            "a whole number of seconds",
        ),
        (
            "video/recording-started.txt",
            "OffsetFromTwilioVideoEpoch",
            "99999999999999999999999",
            "a whole number of milliseconds",
        ),
        (
            "video/composition-progress.txt",
            "PercentageDone",
            "forty",
            "an unsigned integer",
        ),
        (
            "video/composition-progress.txt",
            "SecondsRemaining",
            "0x10",
            "a whole number of seconds",
        ),
    ];
    for (path, param, value, expected) in cases {
        let body = with_param(&fixture(path), param, Some(value));
        let kind = if path.starts_with("voice/call-") {
            "call-status"
        } else if path.starts_with("voice/recording-") {
            "recording-status"
        } else {
            path.split_once('/').unwrap().1.trim_end_matches(".txt")
        };
        let err = parse(&body).unwrap_err();
        assert!(
            matches!(&err, ParseError::InvalidValue { param: p, kind: k, value: v, expected: e, .. }
                if *p == param && k.as_str() == kind && v == value && e.to_string() == expected),
            "{path} with {param}={value}: {err:?}"
        );
        assert_eq!(err.param(), Some(param));
        assert_eq!(err.event_kind().map(EventKind::as_str), Some(kind));
        assert_eq!(
            err.to_string(),
            format!("invalid value `{value}` for parameter `{param}` of event `{kind}`: expected {expected}")
        );
    }
}

#[test]
fn an_empty_required_value_is_invalid_not_missing() {
    for param in [
        "RoomSid",
        "RoomStatus",
        "RoomName",
        "Timestamp",
        "RoomDuration",
    ] {
        let body = with_param(&fixture("video/room-ended.txt"), param, Some(""));
        let err = parse(&body).unwrap_err();
        assert!(
            matches!(&err, ParseError::InvalidValue { param: p, expected: Expected::NonEmpty, value, .. }
                if *p == param && value.is_empty()),
            "{param}: {err:?}"
        );
    }
}

#[test]
fn long_values_are_cut_short_in_errors() {
    let long = "9".repeat(500) + "x";
    let body = with_param(
        &fixture("video/room-ended.txt"),
        "RoomDuration",
        Some(&long),
    );
    let err = parse(&body).unwrap_err();
    let ParseError::InvalidValue { value, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(value.chars().count(), 41);
    assert!(value.ends_with('…'));
    assert!(err.to_string().len() < 200);
}

#[test]
fn malformed_bodies_say_what_and_where() {
    let err = parse(b"StatusCallbackEvent=room-ended&RoomName=%C3%28").unwrap_err();
    assert!(
        matches!(&err, ParseError::Malformed { param: Some(p), offset: 40, .. } if p == "RoomName"),
        "{err:?}"
    );
    assert_eq!(err.param(), Some("RoomName"));
    assert_eq!(
        err.to_string(),
        "malformed body: the value of `RoomName` at byte 40 is not valid UTF-8 once percent-decoded"
    );
    let err = parse(b"StatusCallbackEvent=room-ended&\xC3\x28=1").unwrap_err();
    assert!(
        matches!(
            &err,
            ParseError::Malformed {
                param: None,
                offset: 31,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        parse_query("?A=%FF"),
        Err(ParseError::Malformed { .. })
    ));
}

#[test]
fn a_body_without_an_event_kind_says_what_was_looked_for() {
    let looked_for = [
        "StreamEvent",
        "TranscriptionEvent",
        "SiprecEvent",
        "StatusCallbackEvent",
        "EventName",
        "TranscriptionStatus",
        "RecordingStatus",
        "MessageStatus",
        "AnsweredBy",
        "CallStatus",
    ];
    assert_eq!(status_callbacks::discriminators(), looked_for);
    let bodies: [&[u8]; 8] = [
        b"",
        b"AccountSid=AC1&RoomSid=RM1",
        b"StatusCallbackEvent=&RoomSid=RM1",
        b"CallStatus=&RecordingStatus=&CallSid=CA1",
        // A status without the message it is about.
        b"MessageStatus=delivered&To=%2B1555",
        b"EventName=conference-record-end&Duration=6",
        br#"{"StatusCallbackEvent":"room-ended"}"#,
        b"statuscallbackevent=room-ended",
    ];
    for body in bodies {
        let err = parse(body).unwrap_err();
        assert!(
            matches!(&err, ParseError::MissingDiscriminator { looked_for: l, .. } if *l == looked_for),
            "{}: {err:?}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            err.to_string(),
            "not a status callback: none of the parameters `StreamEvent`, `TranscriptionEvent`, \
             `SiprecEvent`, `StatusCallbackEvent`, `EventName`, `TranscriptionStatus`, \
             `RecordingStatus`, `MessageStatus`, `AnsweredBy`, `CallStatus` is present"
        );
        // A family's own parser gives the same error.
        assert_eq!(RoomEvent::from_form(body), Err(err));
    }
}

#[test]
fn a_family_parser_refuses_other_families_and_unknown_events() {
    let composition = fixture("video/composition-started.txt");
    assert!(matches!(
        RoomEvent::from_form(&composition),
        Err(ParseError::WrongFamily {
            expected: Family::Room,
            found: Some(Family::Composition),
            kind,
            ..
        }) if kind == "composition-started"
    ));
    let room = fixture("video/room-ended.txt");
    let err = CompositionEvent::from_form(&room).unwrap_err();
    assert!(matches!(&err, ParseError::WrongFamily { kind, .. } if kind == "room-ended"));
    assert_eq!(
        err.to_string(),
        "expected Video composition callback, got Video room `room-ended`"
    );
    let conference = fixture("conference/participant-join.txt");
    assert!(matches!(
        RoomEvent::from_form(&conference),
        Err(ParseError::WrongFamily { found: Some(Family::Conference), kind, .. }) if kind == "participant-join"
    ));
    let unknown = fixture("unknown/conference-participant-whisper.txt");
    assert!(matches!(
        RoomEvent::from_form(&unknown),
        Err(ParseError::WrongFamily { found: None, kind, .. }) if kind == "participant-whisper"
    ));
    assert!(matches!(
        RoomEvent::from_form(b"RoomSid=RM1"),
        Err(ParseError::MissingDiscriminator { .. })
    ));
    // The same bodies parse through the family's own parser when they belong to it.
    assert!(matches!(
        RoomEvent::from_form(&room),
        Ok(RoomEvent::RoomEnded(_))
    ));
    assert!(matches!(
        CompositionEvent::from_query(std::str::from_utf8(&composition).unwrap()),
        Ok(CompositionEvent::CompositionStarted(_))
    ));
}

/// A small deterministic generator, so the test needs no extra crate and never flakes.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn all_fixtures() -> Vec<Vec<u8>> {
    common::fixture_paths()
        .iter()
        .map(|path| fixture(path))
        .collect()
}

/// Errors about one parameter must name it; other errors are fine. Returns whether it parsed.
fn parses_or_explains(body: &[u8]) -> bool {
    match parse(body) {
        Ok(event) => {
            // Whatever parsed must write back and parse to the same event.
            assert_eq!(parse(event.to_form().as_bytes()).as_ref(), Ok(&event));
            true
        }
        Err(err @ (ParseError::MissingParameter { .. } | ParseError::InvalidValue { .. })) => {
            assert!(
                err.param().is_some() && err.event_kind().is_some(),
                "{err:?}"
            );
            false
        }
        Err(_) => false,
    }
}

#[test]
fn no_input_panics_the_parser() {
    let odd: [&[u8]; 14] = [
        b"",
        b"&",
        b"&&&&",
        b"=",
        b"==",
        b"%",
        b"%%%",
        b"%2",
        b"+",
        b"StatusCallbackEvent",
        b"StatusCallbackEvent=room-ended",
        b"StatusCallbackEvent=room-ended&RoomDuration",
        b"\xff\xfe\x00",
        b"StatusCallbackEvent=%00&%00=%00",
    ];
    for body in odd {
        parses_or_explains(body);
    }

    let fixtures = all_fixtures();
    let mut parsed = 0;
    // Every prefix of every fixture: truncated bodies.
    for body in &fixtures {
        for end in 0..=body.len() {
            parsed += usize::from(parses_or_explains(&body[..end]));
        }
    }
    assert!(parsed > 0);

    // Random byte changes to the fixtures.
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"%&=+09AFaz\xc3\xa9\xff\x00";
    for round in 0..20_000 {
        let mut body = fixtures[round % fixtures.len()].clone();
        for _ in 0..(rng.next() % 4 + 1) {
            let at = (rng.next() as usize) % (body.len() + 1);
            let byte = alphabet[(rng.next() as usize) % alphabet.len()];
            match rng.next() % 3 {
                0 if at < body.len() => body[at] = byte,
                1 if at < body.len() => {
                    body.remove(at);
                }
                _ => body.insert(at, byte),
            }
        }
        parses_or_explains(&body);
    }
}

#[test]
fn an_event_parsed_from_a_query_equals_the_one_from_the_body() {
    for body in all_fixtures() {
        let query = format!("?{}", String::from_utf8(body.clone()).unwrap());
        assert_eq!(parse_query(&query), parse(&body));
        assert_eq!(parse_query(&query[1..]), parse(&body));
        assert_eq!(Event::from_query(&query), parse(&body));
    }
}
