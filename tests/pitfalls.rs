//! Regression tests for the serde_urlencoded pitfalls listed in the reference (prior art,
//! section C, probes numbered as there) that apply to these callbacks. Each test shows that
//! this crate's parser gets the case right.
//!
//! Not applicable: probes 20/21 (`1` or `True` into a `bool`): no typed parameter is a
//! boolean.

mod common;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use status_callbacks::video::{
    Codec, CompositionEvent, ParticipantStatus, RecordingCompleted, RoomEnded, RoomEvent, RoomKind,
    RoomStatus, RoomType,
};
use status_callbacks::{
    parse, parse_query, Event, EventKind, Extra, Milliseconds, ParseError, Seconds, StatusCallback,
};

use common::{assert_round_trip, decoded_pairs, fixture, with_param};

/// Probes 1, 2, 4: typed (non-string) fields inside shared parameter groups, inside an
/// event chosen by `StatusCallbackEvent`, parse as numbers and enums.
#[test]
fn typed_fields_in_groups_and_tagged_events_parse() {
    let event = parse(&fixture("video/participant-disconnected.txt")).unwrap();
    let Event::Room(RoomEvent::ParticipantDisconnected(e)) = event else {
        panic!()
    };
    assert_eq!(e.sequence_number, 9);
    assert_eq!(e.participant_duration, Seconds(301));
    assert_eq!(e.participant_status, ParticipantStatus::Disconnected);
    assert_eq!(e.room_type, Some(RoomType::Group));
}

/// Probe 6: an unknown tag falls back to `Unknown` instead of failing.
#[test]
fn an_unknown_tag_is_not_an_error() {
    let body = with_param(
        &fixture("video/room-ended.txt"),
        "StatusCallbackEvent",
        Some("room-exploded"),
    );
    let Event::Unknown(unknown) = parse(&body).unwrap() else {
        panic!()
    };
    assert_eq!(unknown.kind, "room-exploded");
    assert_eq!(unknown.extra.get("RoomDuration"), Some("312"));
}

/// Probes 7/8 and E: open enums keep the unknown string, and `as_str` gives it back (strum's
/// `AsRefStr` would have said `"other"`).
#[test]
fn open_enums_keep_and_give_back_the_unknown_string() {
    let status = RoomStatus::from("teleported");
    assert_eq!(status, RoomStatus::Other("teleported".into()));
    assert_eq!(status.as_str(), "teleported");
    assert_eq!(status.to_string(), "teleported");
    assert_eq!(RoomStatus::from("in-progress"), RoomStatus::InProgress);
    assert_eq!(EventKind::Room(RoomKind::RoomEnded).as_str(), "room-ended");
}

/// Probe 9: an empty value of an optional non-string field is `None`, not an error, and the
/// empty pair is kept so the body round-trips.
#[test]
fn an_empty_optional_value_is_none() {
    let body = with_param(&fixture("video/recording-completed.txt"), "Type", Some(""));
    let event = parse(&body).unwrap();
    let Event::Room(RoomEvent::RecordingCompleted(e)) = &event else {
        panic!()
    };
    assert_eq!(e.r#type, None);
    assert_eq!(e.extra.get("Type"), Some(""));
    assert_round_trip(&body, &event);
}

/// Probe 10: an absent optional field is `None`.
#[test]
fn an_absent_optional_value_is_none() {
    let body = with_param(&fixture("video/recording-completed.txt"), "Type", None);
    let Event::Room(RoomEvent::RecordingCompleted(e)) = parse(&body).unwrap() else {
        panic!()
    };
    assert_eq!(e.r#type, None);
    assert!(e.extra.is_empty());
}

/// Probes 11, 12, 13: a repeated parameter is never silently overwritten (probe 13). A
/// signature fixes neither the order nor the number of a repeated parameter's copies, so a
/// typed parameter repeated with *different* values is an error naming it; copies of the same
/// value, and repeated parameters the model does not type, are kept in `extra`, in order.
#[test]
fn a_repeated_parameter_is_typed_only_when_its_copies_agree() {
    let base = fixture("video/room-ended.txt");

    // Different values of a typed parameter: which one counts is not signed.
    for (added, param) in [
        (&b"&RoomDuration=999"[..], "RoomDuration"),
        (b"&RoomName=second", "RoomName"),
        // An empty copy disagrees too: it would make the field `None`.
        (b"&RoomDuration=", "RoomDuration"),
    ] {
        let body = [&base[..], added].concat();
        let err = parse(&body).unwrap_err();
        assert!(
            matches!(&err, ParseError::RepeatedParameter { param: p, kind: Some(EventKind::Room(RoomKind::RoomEnded)), .. }
                if *p == param),
            "{err:?}"
        );
        assert_eq!(err.param(), Some(param));
        assert_eq!(
            err.to_string(),
            format!("parameter `{param}` of event `room-ended` appears more than once with different values")
        );
    }
    // The same for the parameter that tells the kind, in every parser.
    let body = [&base[..], b"&StatusCallbackEvent=room-created"].concat();
    let expected = parse(&body).unwrap_err();
    assert!(
        matches!(
            expected,
            ParseError::RepeatedParameter {
                param: "StatusCallbackEvent",
                kind: None,
                ..
            }
        ),
        "{expected:?}"
    );
    assert_eq!(RoomEvent::from_form(&body).unwrap_err(), expected);

    // Copies of the same value, and repeated unknown parameters: kept.
    let mut body = base.clone();
    body.extend_from_slice(b"&RoomDuration=312&Custom=a&RoomName=DailyStandup&Custom=b");
    let event = parse(&body).unwrap();
    let Event::Room(RoomEvent::RoomEnded(e)) = &event else {
        panic!()
    };
    assert_eq!(e.room_duration.get(), 312);
    assert_eq!(e.room_name, "DailyStandup");
    let extra: Vec<(&str, &str)> = e.extra.iter().collect();
    assert_eq!(
        extra,
        [
            ("RoomDuration", "312"),
            ("Custom", "a"),
            ("RoomName", "DailyStandup"),
            ("Custom", "b")
        ]
    );
    assert_round_trip(&body, &event);

    // A voice callback of more than 16 parameters (looked up through an index) and one of
    // more than 64 (searched in order) find the conflict too.
    let call = fixture("voice/call-completed.txt");
    let body = [&call[..], b"&CallStatus=busy"].concat();
    assert_eq!(parse(&body).unwrap_err().param(), Some("CallStatus"));
    let mut body = call.clone();
    for i in 0..70 {
        body.extend_from_slice(format!("&Custom{i}=x").as_bytes());
    }
    body.extend_from_slice(b"&CallSid=CA00000000000000000000000000000000");
    assert_eq!(parse(&body).unwrap_err().param(), Some("CallSid"));
}

/// Probes 16 and 17: RFC 2822 and RFC 3339 timestamps both parse on a Video event.
#[test]
fn both_timestamp_formats_parse() {
    let base = fixture("video/room-created.txt");
    let expected = Utc.with_ymd_and_hms(2025, 11, 16, 10, 0, 0).unwrap();
    for text in [
        "2025-11-16T10:00:00Z",
        "2025-11-16T10:00:00.000Z",
        "2025-11-16T11:00:00+01:00",
        "Sun, 16 Nov 2025 10:00:00 +0000",
        "Sun, 16 Nov 2025 05:00:00 -0500",
    ] {
        let body = with_param(&base, "Timestamp", Some(text));
        let event = parse(&body).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(event.timestamp(), Some(expected), "{text}");
        // Written back in the Video format; the same instant.
        let again = parse(event.to_form().as_bytes()).unwrap();
        assert_eq!(again, event);
        assert!(event
            .to_form()
            .contains("Timestamp=2025-11-16T10%3A00%3A00Z"));
    }
}

/// Probes 18/19: `%2B` decodes to `+`; a raw `+` is a space, as the encoding says. Bodies must
/// be stored percent-encoded exactly as sent.
#[test]
fn plus_signs_follow_the_form_encoding() {
    let base = fixture("video/participant-connected.txt");
    let encoded =
        String::from_utf8(with_param(&base, "ParticipantIdentity", Some("+1555"))).unwrap();
    assert!(encoded.contains("ParticipantIdentity=%2B1555"));
    let raw = encoded.replace("%2B1555", "+1555");

    let Event::Room(RoomEvent::ParticipantConnected(e)) = parse(encoded.as_bytes()).unwrap() else {
        panic!()
    };
    assert_eq!(e.participant_identity, "+1555");
    let Event::Room(RoomEvent::ParticipantConnected(e)) = parse(raw.as_bytes()).unwrap() else {
        panic!()
    };
    assert_eq!(e.participant_identity, " 1555");
}

/// Probe B: serialising changes the order of keys but not the pairs, and the discriminator is
/// not duplicated into `extra`.
#[test]
fn writing_back_keeps_the_pairs_not_the_order() {
    let body = fixture("video/composition-available.txt");
    let event = parse(&body).unwrap();
    assert!(event.extra().is_empty());
    let form = event.to_form();
    assert!(form.starts_with("StatusCallbackEvent=composition-available&"));
    assert_ne!(form.as_bytes(), &body[..]);
    assert_eq!(decoded_pairs(form.as_bytes()), decoded_pairs(&body));
    assert_eq!(form.matches("StatusCallbackEvent").count(), 1);
}

/// A GET callback: the same parameters in the query string.
#[test]
fn a_get_callback_parses_from_its_query_string() {
    let query = format!(
        "?{}",
        String::from_utf8(fixture("video/composition-progress.txt")).unwrap()
    );
    let Event::Composition(CompositionEvent::CompositionProgress(e)) = parse_query(&query).unwrap()
    else {
        panic!()
    };
    assert_eq!(e.percentage_done, 40);
}

/// 64-bit sizes and offsets: values past `u32::MAX` parse.
#[test]
fn sizes_and_offsets_are_64_bit() {
    let body = with_param(
        &fixture("video/recording-completed.txt"),
        "Size",
        Some("18446744073709551615"),
    );
    let body = with_param(
        &body,
        "OffsetFromTwilioVideoEpoch",
        Some("9007199254740993"),
    );
    let Event::Room(RoomEvent::RecordingCompleted(e)) = parse(&body).unwrap() else {
        panic!()
    };
    assert_eq!(e.size, u64::MAX);
    assert_eq!(
        e.offset_from_twilio_video_epoch.get(),
        9_007_199_254_740_993
    );
}

/// SIDs are not checked against the Twilio shape when parsing (SignalWire sends UUIDs, test
/// payloads use made-up values), but the shape can be asked for.
#[test]
fn sids_of_any_shape_parse() {
    let body = with_param(
        &fixture("video/room-ended.txt"),
        "AccountSid",
        Some("b3877c40-da60-4998-90ad-b792e98472af"),
    );
    let body = with_param(&body, "RoomSid", Some("RMxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    let Event::Room(RoomEvent::RoomEnded(e)) = parse(&body).unwrap() else {
        panic!()
    };
    assert_eq!(e.account_sid, "b3877c40-da60-4998-90ad-b792e98472af");
    assert!(!e.account_sid.is_well_formed());
    assert!(!e.room_sid.is_well_formed());
}

/// Events built in code (as a user's tests would: from pairs, then fields changed) write a
/// body that parses back equal.
#[test]
fn events_built_in_code_round_trip() {
    let mut ended = RoomEnded::from_pairs([
        ("StatusCallbackEvent", "room-ended"),
        ("AccountSid", "AC00000000000000000000000000000001"),
        ("RoomSid", "RM00000000000000000000000000000001"),
        ("RoomName", "placeholder"),
        ("RoomStatus", "completed"),
        ("RoomDuration", "1"),
        ("SequenceNumber", "3"),
        ("Timestamp", "2026-01-02T03:04:05Z"),
    ])
    .unwrap();
    ended.room_name = "Ünïcode & spaces + plus".into();
    ended.room_type = Some(RoomType::Other("future-type".into()));
    ended.room_duration = Seconds(60);
    ended.extra.push("Custom", "a=b&c");
    assert_eq!(
        ended.timestamp,
        Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
    );
    let event = Event::from(ended.clone());
    let form = event.to_form();
    assert_eq!(parse(form.as_bytes()), Ok(event.clone()));
    assert_eq!(ended.to_form(), form);
    assert_eq!(RoomEnded::from_form(form.as_bytes()), Ok(ended.clone()));
    assert_eq!(ended.room_duration.as_duration(), Duration::from_secs(60));

    let mut completed = RecordingCompleted::from_pairs([
        ("StatusCallbackEvent", "recording-completed"),
        ("AccountSid", "AC1"),
        ("RecordingSid", "RT1"),
        ("RoomSid", "RM1"),
        ("RoomName", "r"),
        ("RoomType", "group"),
        ("ParticipantSid", "PA1"),
        ("ParticipantIdentity", "p"),
        ("SourceSid", "MT1"),
        ("TrackName", "t"),
        ("RecordingUri", "/v1/Recordings/RT1"),
        ("Container", "mkv"),
        ("Codec", "VP8"),
        ("OffsetFromTwilioVideoEpoch", "1"),
        ("MediaUri", "/v1/Recordings/RT1/Media"),
        ("Duration", "1"),
        ("Size", "2"),
        ("Timestamp", "2026-01-02T03:04:05Z"),
    ])
    .unwrap();
    assert_eq!(completed.codec, Codec::Vp8);
    assert_eq!(completed.offset_from_twilio_video_epoch, Milliseconds(1));
    completed.media_external_location = Some("https://example.com/x".into());
    completed.extra = Extra::new();
    let event = Event::from(completed);
    assert_eq!(parse(event.to_form().as_bytes()), Ok(event));
}
