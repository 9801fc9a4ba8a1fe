//! Telling the family of a body: `StatusCallbackEvent`, then `RecordingStatus`, then
//! `CallStatus`; and the provider heuristic.

mod common;

use status_callbacks::live::{MediaProcessorEvent, PlayerStreamerEvent};
use status_callbacks::video::RoomEvent;
use status_callbacks::voice::{
    CallStatus, CallStatusCallback, RecordingStatus, RecordingStatusCallback,
};
use status_callbacks::{
    parse, parse_query, Event, EventKind, Family, OtherWebhook, ParseError, Provider,
};

use common::{assert_round_trip, fixture, with_param};

fn appended(path: &str, tail: &str) -> Vec<u8> {
    let mut body = fixture(path);
    body.extend_from_slice(tail.as_bytes());
    body
}

#[test]
fn status_callback_event_comes_first() {
    let body = appended(
        "video/room-ended.txt",
        "&CallStatus=completed&RecordingStatus=completed",
    );
    let event = parse(&body).unwrap();
    let Event::Room(RoomEvent::RoomEnded(ended)) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(ended.extra.get("CallStatus"), Some("completed"));
    assert_eq!(ended.extra.get("RecordingStatus"), Some("completed"));
    assert_round_trip(&body, &event);
}

#[test]
fn an_unknown_status_callback_event_stays_unknown_even_with_a_call_status() {
    let body = appended("voice/call-completed.txt", "&StatusCallbackEvent=answered");
    let event = parse(&body).unwrap();
    let Event::Unknown(unknown) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.kind, "answered");
    assert_eq!(unknown.extra.get("CallStatus"), Some("completed"));
    assert_round_trip(&body, &event);
}

#[test]
fn recording_status_comes_before_call_status() {
    let body = appended("voice/recording-completed.txt", "&CallStatus=completed");
    let event = parse(&body).unwrap();
    let Event::RecordingStatus(recording) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(recording.recording_status, RecordingStatus::Completed);
    assert_eq!(recording.extra.get("CallStatus"), Some("completed"));
    assert_round_trip(&body, &event);
}

#[test]
fn an_empty_discriminator_is_no_discriminator() {
    let body = appended(
        "voice/call-ringing.txt",
        "&RecordingStatus=&StatusCallbackEvent=",
    );
    let event = parse(&body).unwrap();
    let Event::CallStatus(call) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(call.call_status, CallStatus::Ringing);
    assert_eq!(call.extra.get("RecordingStatus"), Some(""));
    assert_eq!(call.extra.get("StatusCallbackEvent"), Some(""));
    assert_round_trip(&body, &event);
}

#[test]
fn voice_callbacks_parse_directly_and_from_queries() {
    let call = fixture("voice/call-completed-signalwire.txt");
    let direct = CallStatusCallback::from_form(&call).unwrap();
    assert_eq!(parse(&call), Ok(Event::from(direct.clone())));
    let query = format!("?{}", String::from_utf8(call).unwrap());
    assert_eq!(CallStatusCallback::from_query(&query), Ok(direct.clone()));
    assert_eq!(parse_query(&query), Ok(Event::from(direct)));

    let recording = fixture("voice/recording-absent.txt");
    let direct = RecordingStatusCallback::from_form(&recording).unwrap();
    assert_eq!(direct.recording_status, RecordingStatus::Absent);
    assert_eq!(Event::from(direct).kind(), Some(EventKind::RecordingStatus));
}

#[test]
fn a_voice_parser_names_its_missing_parameters() {
    let body = with_param(&fixture("voice/call-completed.txt"), "CallSid", None);
    let err = CallStatusCallback::from_form(&body).unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::MissingParameter {
                param: "CallSid",
                kind: EventKind::CallStatus,
                ..
            }
        ),
        "{err:?}"
    );
    let body = with_param(
        &fixture("voice/recording-completed.txt"),
        "RecordingUrl",
        None,
    );
    let err = parse(&body).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing required parameter `RecordingUrl` for event `recording-status`"
    );
}

#[test]
fn live_family_parsers_refuse_each_other() {
    let stream = fixture("live/stream-started.txt");
    let err = MediaProcessorEvent::from_form(&stream).unwrap_err();
    assert!(
        matches!(&err, ParseError::WrongFamily {
            expected: Family::MediaProcessor,
            found: Some(Family::PlayerStreamer),
            kind,
            ..
        } if kind == "stream-started"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "expected Live MediaProcessor callback, got Live PlayerStreamer `stream-started`"
    );
    let processor = fixture("live/media-processor-ended.txt");
    assert!(matches!(
        PlayerStreamerEvent::from_form(&processor),
        Err(ParseError::WrongFamily {
            expected: Family::PlayerStreamer,
            found: Some(Family::MediaProcessor),
            ..
        })
    ));
    assert!(matches!(
        PlayerStreamerEvent::from_form(&fixture("live/player-streamer-failed.txt")),
        Ok(PlayerStreamerEvent::StreamFailed(_))
    ));
}

#[test]
fn voice_kinds_are_not_status_callback_event_values() {
    // `call-status` is this crate's name for voice callbacks, not a wire value.
    let body = with_param(
        &fixture("video/room-created.txt"),
        "StatusCallbackEvent",
        Some("call-status"),
    );
    assert!(matches!(parse(&body), Ok(Event::Unknown(unknown)) if unknown.kind == "call-status"));
}

#[test]
fn the_provider_is_told_by_the_account_identifier() {
    let cases = [
        ("voice/call-completed.txt", Provider::Twilio),
        ("voice/call-completed-signalwire.txt", Provider::SignalWire),
        (
            "voice/recording-completed-signalwire.txt",
            Provider::SignalWire,
        ),
        ("video/room-ended.txt", Provider::Twilio),
        ("live/stream-ended.txt", Provider::Twilio),
    ];
    for (path, provider) in cases {
        assert_eq!(
            parse(&fixture(path)).unwrap().provider(),
            provider,
            "{path}"
        );
    }
    let made_up = with_param(
        &fixture("voice/call-completed.txt"),
        "AccountSid",
        Some("AC123"),
    );
    assert_eq!(parse(&made_up).unwrap().provider(), Provider::Unknown);
    let anonymous = parse(b"StatusCallbackEvent=conference-paused").unwrap();
    assert_eq!(anonymous.provider(), Provider::Unknown);
}

/// SignalWire's phone-number-level callback has `CallStatus` but none of the call callback's
/// `ApiVersion`, `Direction`, `CallbackSource` and `SequenceNumber`; with one of them it is no
/// longer taken for it.
#[test]
fn a_phone_number_callback_is_told_by_what_it_lacks() {
    let body = fixture("voice/phone-number-call-completed.txt");
    let event = parse(&body).unwrap();
    assert!(
        matches!(event, Event::PhoneNumberCallStatus(_)),
        "{event:?}"
    );
    assert_eq!(event.kind_str(), "phone-number-call-status");
    for added in [
        "ApiVersion",
        "Direction",
        "CallbackSource",
        "SequenceNumber",
    ] {
        let with = [&body[..], format!("&{added}=1").as_bytes()].concat();
        // Now a call's own callback (it has a `Timestamp`), which requires more than this.
        let err = parse(&with).unwrap_err();
        assert_eq!(
            err.event_kind(),
            Some(EventKind::CallStatus),
            "{added}: {err}"
        );
    }
    // A call status callback stays one.
    assert!(matches!(
        parse(&fixture("voice/call-completed-signalwire.txt")).unwrap(),
        Event::CallStatus(_)
    ));
}

/// A `<Record>` transcription callback carries `CallStatus` and the call's parameters too: it
/// is told by `TranscriptionStatus` first.
#[test]
fn a_record_transcription_with_call_status_is_a_transcription() {
    let body = "AccountSid=AC00000000000000000000000000000000&ApiVersion=2010-04-01\
        &CallSid=CA00000000000000000000000000000000&Direction=inbound&From=%2B14155550199\
        &To=%2B14155550100&CallStatus=completed&TranscriptionSid=TR00000000000000000000000000000000\
        &TranscriptionText=hello&TranscriptionStatus=completed";
    let event = parse(body.as_bytes()).unwrap();
    assert_eq!(
        event.kind(),
        Some(EventKind::RecordTranscription),
        "{event:?}"
    );
}

/// Voice webhooks that are not status callbacks share `CallStatus` and the call's parameters,
/// but have no `CallbackSource`, `SequenceNumber` or `Timestamp`: each gets an error that says
/// what it looks like.
#[test]
fn voice_webhooks_that_are_not_status_callbacks_say_what_they_look_like() {
    const CALL: &str = "AccountSid=AC00000000000000000000000000000000&ApiVersion=2010-04-01\
        &CallSid=CA00000000000000000000000000000000&Called=%2B14155550100&Caller=%2B14155550199\
        &Direction=inbound&From=%2B14155550199&To=%2B14155550100";
    for (extra, looks_like, telling) in [
        (
            "&CallStatus=completed&DialCallStatus=no-answer&DialCallSid=CA11111111111111111111111111111111&DialCallDuration=0&DialBridged=false",
            "a `<Dial>` action request",
            "DialCallStatus",
        ),
        (
            "&CallStatus=in-progress&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC00000000000000000000000000000000%2FRecordings%2FRE00000000000000000000000000000000&RecordingDuration=7&RecordingSid=RE00000000000000000000000000000000&Digits=hangup",
            "a `<Record>` action request",
            "RecordingUrl",
        ),
        (
            "&CallStatus=ringing&CallerCountry=US&FromCountry=US&StirVerstat=TN-Validation-Passed-A",
            "an incoming call or another request asking for TwiML",
            "CallStatus",
        ),
    ] {
        let body = format!("{CALL}{extra}");
        let err = parse(body.as_bytes()).unwrap_err();
        assert!(
            matches!(err, ParseError::NotAStatusCallback { looks_like: l, telling: t, .. }
                if l.to_string() == looks_like && t == telling),
            "{extra}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("not a status callback: the body looks like {looks_like} (it has `{telling}` but no `CallbackSource`, `SequenceNumber` or `Timestamp`)")
        );
        // Not a parameter error: kept raw would be wrong, it is refused.
        assert_eq!(err.param(), None);
    }
    // A transcription callback without `CallStatus` is one too (missing its `AccountSid`).
    let body = "TranscriptionSid=TR0&TranscriptionStatus=failed&RecordingSid=RE0";
    let err = parse(body.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::MissingParameter {
                param: "AccountSid",
                kind: EventKind::RecordTranscription,
                ..
            }
        ),
        "{err:?}"
    );
    // A status callback with a recording keeps parsing: it has `CallbackSource`.
    let event = parse(&fixture(
        "voice/call-completed-child-leg-with-recording.txt",
    ))
    .unwrap();
    assert!(matches!(event, Event::CallStatus(_)));
}

/// The traps of `reference/domain-extension.md` section 6.2: no body of one family is taken for
/// another.
#[test]
fn shared_keys_do_not_trap_detection() {
    // `participant-join` (conference) is not Video's `participant-connected`.
    assert_eq!(
        parse(&fixture("conference/participant-join.txt"))
            .unwrap()
            .family(),
        Some(Family::Conference)
    );
    assert_eq!(
        parse(&fixture("video/participant-connected.txt"))
            .unwrap()
            .family(),
        Some(Family::Room)
    );
    // `stream-started` under two parameters is two kinds of two families.
    let media = parse(&fixture("streams/stream-started.txt")).unwrap();
    let live = parse(&fixture("live/stream-started.txt")).unwrap();
    assert_eq!(media.family(), Some(Family::MediaStream));
    assert_eq!(live.family(), Some(Family::PlayerStreamer));
    assert_eq!(media.kind_str(), live.kind_str());
    assert_ne!(media.kind(), live.kind());
    // `CallStatus` inside conference (SignalWire), SIPREC and `<Record>` transcription bodies.
    for (path, family) in [
        (
            "conference/signalwire-participant-join.txt",
            Family::Conference,
        ),
        (
            "conference/signalwire-conference-end.txt",
            Family::Conference,
        ),
        ("siprec/siprec-started.txt", Family::Siprec),
        (
            "voice/record-transcription-completed.txt",
            Family::RecordTranscription,
        ),
    ] {
        let body = fixture(path);
        assert!(
            form_urlencoded::parse(&body).any(|(name, _)| name == "CallStatus"),
            "{path} has no CallStatus"
        );
        assert_eq!(parse(&body).unwrap().family(), Some(family), "{path}");
    }
    // A conference recording's callback carries `ConferenceSid` and is a recording callback.
    let recording = parse(&fixture("voice/recording-completed-conference.txt")).unwrap();
    assert_eq!(recording.family(), Some(Family::RecordingStatus));
    // A SignalWire stream of a conference carries `ConferenceSid` and is a stream callback.
    assert_eq!(
        parse(&fixture("streams/signalwire-stream-started.txt"))
            .unwrap()
            .family(),
        Some(Family::MediaStream)
    );
    // A call status callback with synchronous answering machine detection is a call status
    // callback, not an AMD callback.
    assert_eq!(
        parse(&fixture("voice/real/twilio-call-completed-amd-human-1.txt"))
            .unwrap()
            .family(),
        Some(Family::CallStatus)
    );
}

/// A delivered message is a messaging status callback; an incoming message (`SmsStatus` or
/// `MessageStatus` `received`) is refused with an error that says what it is.
#[test]
fn incoming_messages_are_not_status_callbacks() {
    let delivered = parse(&fixture("messaging/delivered.txt")).unwrap();
    assert_eq!(delivered.kind(), Some(EventKind::MessageStatus));
    for path in [
        "tests/data/incoming/incoming-message-twilio-sms-1.txt",
        "tests/data/incoming/incoming-message-twilio-whatsapp-1.txt",
    ] {
        let body = std::fs::read(path).unwrap();
        let err = parse(&body).unwrap_err();
        assert!(
            matches!(
                err,
                ParseError::NotAStatusCallback {
                    looks_like: OtherWebhook::IncomingMessage,
                    ..
                }
            ),
            "{path}: {err:?}"
        );
        assert!(err.to_string().contains("an incoming message"), "{err}");
    }
    // `MessageStatus=received` (as some test tools send it) too.
    let body = with_param(
        &fixture("messaging/sent.txt"),
        "MessageStatus",
        Some("received"),
    );
    let err = parse(&body).unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::NotAStatusCallback {
                telling: "MessageStatus",
                ..
            }
        ),
        "{err:?}"
    );
}
