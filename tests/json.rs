//! `Event` reads back the JSON its `Serialize` writes, and JSON written by hand, checked as a
//! received body is.

mod common;

use status_callbacks::video::RoomEvent;
use status_callbacks::{parse, Decimal, Event};

use common::{fixture, fixture_paths, with_param};

/// Every fixture: `from_str(to_string(parse(body))) == parse(body)`.
#[test]
fn every_fixture_reads_back_from_its_json() {
    let paths = fixture_paths();
    assert!(!paths.is_empty());
    for path in paths {
        let event = parse(&fixture(&path)).unwrap_or_else(|err| panic!("{path}: {err}"));
        let json = serde_json::to_string(&event).unwrap();
        let back: Event =
            serde_json::from_str(&json).unwrap_or_else(|err| panic!("{path}: {err}\n{json}"));
        assert_eq!(back, event, "{path}\n{json}");
    }
}

/// A room-ended callback as JSON, with `fields` added at the end (each `"Name": value`).
fn room_ended(fields: &str) -> String {
    format!(
        r#"{{"StatusCallbackEvent": "room-ended",
            "AccountSid": "ACe268443e43d93dab7ebef303bbe9642f",
            "RoomSid": "RMfef2576d54dbde017a3a8e4df699ef6d", "RoomName": "DailyStandup",
            "RoomStatus": "completed", "RoomType": "group-small",
            "Timestamp": "2020-08-19T17:40:05.273Z"{fields}}}"#
    )
}

fn read_room_ended(json: &str) -> status_callbacks::video::RoomEnded {
    match serde_json::from_str(json) {
        Ok(Event::Room(RoomEvent::RoomEnded(ended))) => ended,
        other => panic!("expected room-ended, got {other:?}"),
    }
}

#[test]
fn integers_may_be_numbers_or_strings() {
    let as_numbers = read_room_ended(&room_ended(r#", "RoomDuration": 312, "SequenceNumber": 1"#));
    let as_strings = read_room_ended(&room_ended(
        r#", "RoomDuration": "312", "SequenceNumber": "1""#,
    ));
    assert_eq!(as_numbers.room_duration.get(), 312);
    assert_eq!(as_numbers.sequence_number, 1);
    assert_eq!(as_numbers, as_strings);
    assert_eq!(
        Event::from(as_numbers),
        parse(&fixture("video/room-ended.txt")).unwrap()
    );
}

#[test]
fn a_repeated_name_keeps_every_value_in_order() {
    let ended = read_room_ended(&room_ended(
        r#", "RoomDuration": 312, "SequenceNumber": 1, "Tag": "b", "Tag": "a""#,
    ));
    assert_eq!(ended.extra.get_all("Tag").collect::<Vec<_>>(), ["b", "a"]);
}

#[test]
fn booleans_and_decimals_are_read_as_their_text_and_null_as_absent() {
    let ended = read_room_ended(&room_ended(
        r#", "RoomDuration": 312, "SequenceNumber": 1, "Flag": true, "Ratio": 0.5,
            "Gone": null"#,
    ));
    assert_eq!(
        ended.extra.iter().collect::<Vec<_>>(),
        [("Flag", "true"), ("Ratio", "0.5")]
    );
}

#[test]
fn an_invalid_value_is_an_error_naming_its_parameter() {
    for duration in [r#""4x11""#, "-1", "3.5", "[312]", "{}"] {
        let json = room_ended(&format!(
            r#", "RoomDuration": {duration}, "SequenceNumber": 1"#
        ));
        let err = serde_json::from_str::<Event>(&json).unwrap_err();
        assert!(
            err.to_string().contains("RoomDuration"),
            "{duration}: {err}"
        );
    }
    // A required parameter set to null is missing.
    let json = room_ended(r#", "RoomDuration": null, "SequenceNumber": 1"#);
    let err = serde_json::from_str::<Event>(&json).unwrap_err();
    assert!(err.to_string().contains("RoomDuration"), "{err}");
    // Not a map at all.
    assert!(serde_json::from_str::<Event>("[]").is_err());
}

/// A `Decimal` is written as a JSON number: its value reads back, its text in shortest form.
#[test]
fn a_decimal_reads_back_as_its_shortest_text() {
    let body = with_param(
        &fixture("voice/real/signalwire-call-completed-1.txt"),
        "AudioInMos",
        Some("4.50"),
    );
    let Event::CallStatus(call) = parse(&body).unwrap() else {
        panic!("expected a call status callback")
    };
    let json = serde_json::to_string(&call).unwrap();
    let Event::CallStatus(back) = serde_json::from_str(&json).unwrap() else {
        panic!("expected a call status callback")
    };
    assert_eq!(call.audio_in_mos, Decimal::new("4.50"));
    assert_eq!(back.audio_in_mos, Decimal::new("4.5"));
}

/// Writes `value` as JSON and reads it back as the same type.
fn json_round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|err| panic!("{err}: {json}"));
    assert_eq!(&back, value, "{json}");
}

/// Every family type and event struct reads back from its own JSON, and JSON written for one
/// family does not read as another.
#[test]
fn family_types_and_event_structs_read_back_from_their_json() {
    use status_callbacks::live::{PlayerStreamerEvent, StreamEnded};
    use status_callbacks::video::{CompositionEvent, RoomEnded};
    use status_callbacks::voice::{
        CallStatusCallback, PhoneNumberCallStatus, RecordingStatusCallback,
    };
    for path in fixture_paths() {
        match parse(&fixture(&path)).unwrap() {
            Event::Room(event) => {
                json_round_trip(&event);
                if let RoomEvent::RoomEnded(ended) = &event {
                    json_round_trip::<RoomEnded>(ended);
                }
            }
            Event::Composition(event) => json_round_trip::<CompositionEvent>(&event),
            Event::PlayerStreamer(event) => {
                json_round_trip(&event);
                if let PlayerStreamerEvent::StreamEnded(ended) = &event {
                    // `player-streamer-ended` too: the spelling received comes back.
                    json_round_trip::<StreamEnded>(ended);
                }
            }
            Event::CallStatus(call) => json_round_trip::<CallStatusCallback>(&call),
            Event::RecordingStatus(recording) => {
                json_round_trip::<RecordingStatusCallback>(&recording)
            }
            Event::PhoneNumberCallStatus(call) => json_round_trip::<PhoneNumberCallStatus>(&call),
            other => json_round_trip(&other),
        }
    }
    let room = serde_json::to_string(&parse(&fixture("video/room-ended.txt")).unwrap()).unwrap();
    let err = serde_json::from_str::<CompositionEvent>(&room).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected Video composition callback"),
        "{err}"
    );
}
