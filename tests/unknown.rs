//! Unknown events, values and parameters are kept, never errors.

mod common;

use status_callbacks::video::{
    Codec, Container, FailedOperation, ParticipantStatus, RecordingType, RoomEvent, RoomStatus,
    RoomType, TrackKind,
};
use status_callbacks::{parse, Event, EventKind, Extra, Family};

use common::{assert_round_trip, fixture, with_param};

#[test]
fn an_unknown_event_keeps_its_kind_and_every_pair() {
    let body = b"Timestamp=2027-01-01T00%3A00%3A00.5Z&StatusCallbackEvent=transcription-started\
        &AccountSid=AC00000000000000000000000000000000&RoomSid=RM00000000000000000000000000000000\
        &TranscriptionText=Hello+world&LanguageCode=en-US&LanguageCode=fr-FR";
    let event = parse(body).unwrap();
    let Event::Unknown(unknown) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.kind, "transcription-started");
    assert_eq!(
        unknown.account_sid.as_ref().map(|sid| sid.as_str()),
        Some("AC00000000000000000000000000000000")
    );
    let pairs: Vec<(&str, &str)> = unknown.extra.iter().collect();
    assert_eq!(
        pairs,
        [
            ("Timestamp", "2027-01-01T00:00:00.5Z"),
            ("RoomSid", "RM00000000000000000000000000000000"),
            ("TranscriptionText", "Hello world"),
            ("LanguageCode", "en-US"),
            ("LanguageCode", "fr-FR"),
        ]
    );
    assert_eq!(event.kind(), None);
    assert_eq!(event.kind_str(), "transcription-started");
    assert_eq!(
        event.timestamp().map(|t| t.timestamp_millis()),
        Some(1_798_761_600_500)
    );
    assert_round_trip(body, &event);

    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["StatusCallbackEvent"], "transcription-started");
    assert_eq!(json["TranscriptionText"], "Hello world");
}

#[test]
fn an_unknown_event_without_account_or_timestamp_still_parses() {
    let event = parse(b"StatusCallbackEvent=something-new&AccountSid=&Timestamp=soon").unwrap();
    let Event::Unknown(unknown) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.account_sid, None);
    assert_eq!(unknown.extra.get("AccountSid"), Some(""));
    assert_eq!(event.account_sid(), None);
    assert_eq!(event.timestamp(), None);
    assert_round_trip(
        b"StatusCallbackEvent=something-new&AccountSid=&Timestamp=soon",
        &event,
    );
}

#[test]
fn conference_callbacks_are_never_taken_for_video_events() {
    let base = fixture("video/participant-connected.txt");
    // Conference kinds on a Video body: conference events missing their parameters, never
    // Video events.
    for kind in [
        "participant-join",
        "participant-leave",
        "participant-mute",
        "participant-unmute",
        "participant-hold",
        "participant-unhold",
        "participant-modify",
        "participant-speech-start",
        "participant-speech-stop",
        "conference-start",
        "conference-end",
        "announcement-end",
        "announcement-fail",
    ] {
        let body = with_param(&base, "StatusCallbackEvent", Some(kind));
        let err = parse(&body).unwrap_err();
        assert_eq!(
            err.event_kind().map(|kind| kind.family()),
            Some(Family::Conference),
            "{kind}: {err:?}"
        );
        assert_eq!(err.event_kind().map(EventKind::as_str), Some(kind));
    }
    // Near misses of documented kinds: matching is exact.
    for kind in [
        "Participant-Connected",
        "participant-connected ",
        "room_ended",
        "participant-whisper",
    ] {
        let body = with_param(&base, "StatusCallbackEvent", Some(kind));
        let event = parse(&body).unwrap();
        let Event::Unknown(unknown) = &event else {
            panic!("{kind} parsed as {event:?}")
        };
        assert_eq!(unknown.kind, kind);
        assert_eq!(unknown.extra.get("ParticipantIdentity"), Some("alice"));
        assert_round_trip(&body, &event);
    }
}

#[test]
fn unknown_enum_values_are_kept_in_other() {
    let room = fixture("video/track-added.txt");
    let body = with_param(&room, "RoomStatus", Some("paused"));
    let body = with_param(&body, "RoomType", Some("group-large"));
    let body = with_param(&body, "ParticipantStatus", Some("reconnecting"));
    let body = with_param(&body, "TrackKind", Some("screen"));
    let event = parse(&body).unwrap();
    let Event::Room(RoomEvent::TrackAdded(added)) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(added.room_status, RoomStatus::Other("paused".into()));
    assert_eq!(added.room_type, Some(RoomType::Other("group-large".into())));
    assert_eq!(added.participant_status, ParticipantStatus::Reconnecting);
    assert_eq!(added.track_kind, TrackKind::Other("screen".into()));
    assert_round_trip(&body, &event);
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["TrackKind"], "screen");

    let recording = fixture("video/recording-failed.txt");
    let body = with_param(&recording, "Container", Some("mp4"));
    let body = with_param(&body, "Codec", Some("AV1"));
    let body = with_param(&body, "Type", Some("data"));
    let body = with_param(&body, "FailedOperation", Some("RecordingTranscode"));
    let event = parse(&body).unwrap();
    let Event::Room(RoomEvent::RecordingFailed(failed)) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(failed.container, Container::Other("mp4".into()));
    assert_eq!(failed.codec, Codec::Other("AV1".into()));
    assert_eq!(failed.codec.canonical(), Codec::Other("AV1".into()));
    assert!(!failed.codec.is_audio() && !failed.codec.is_video());
    assert_eq!(failed.r#type, Some(RecordingType::Data));
    assert_eq!(
        failed.failed_operation,
        FailedOperation::Other("RecordingTranscode".into())
    );
    assert_round_trip(&body, &event);
}

#[test]
fn unknown_parameters_are_kept_in_order_on_every_event() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/video");
    for file in std::fs::read_dir(root).unwrap() {
        let path = file.unwrap().path();
        if path.is_dir() {
            // `real/`: captured shapes, tested in tests/fixtures.rs.
            continue;
        }
        let mut body = std::fs::read(&path).unwrap();
        body.extend_from_slice(b"&ZNew=1&AFlag=&ZNew=%2B2");
        let event = parse(&body).unwrap_or_else(|err| panic!("{path:?}: {err}"));
        let tail: Vec<(&str, &str)> = event
            .extra()
            .iter()
            .filter(|(name, _)| *name == "ZNew" || *name == "AFlag")
            .collect();
        assert_eq!(
            tail,
            [("ZNew", "1"), ("AFlag", ""), ("ZNew", "+2")],
            "{path:?}"
        );
        assert_round_trip(&body, &event);
    }
}

#[test]
fn extra_is_a_plain_ordered_multimap() {
    let mut extra: Extra = [("B", "1"), ("A", "2")].into_iter().collect();
    extra.push("B", "3");
    assert_eq!(extra.get("B"), Some("1"));
    assert_eq!(extra.get_all("B").collect::<Vec<_>>(), ["1", "3"]);
    assert_eq!(extra.len(), 3);
    assert_eq!(format!("{extra:?}"), r#"{"B": "1", "A": "2", "B": "3"}"#);
    assert_eq!(
        serde_json::to_string(&extra).unwrap(),
        r#"{"B":"1","A":"2","B":"3"}"#
    );
}
