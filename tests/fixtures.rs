//! One test per fixture body: the variant, decoded values, the JSON form and the round trip.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{TimeZone, Timelike, Utc};
use status_callbacks::video::{
    Codec, CompositionEvent, Container, FailedOperation, ParticipantStatus, RecordingType,
    RoomEvent, RoomStatus, RoomType, TrackKind,
};
use status_callbacks::{parse, Event, EventKind};
use strum::IntoEnumIterator;

use common::{assert_round_trip, fixture};

const ACCOUNT: &str = "ACe268443e43d93dab7ebef303bbe9642f";
const ROOM: &str = "RMfef2576d54dbde017a3a8e4df699ef6d";
const ALICE: &str = "PA6384e2b2184bcbf58eccf10ca7a6563c";
const COMPOSITION: &str = "CJee05e1dadf1b7f7e166ce182e1d39f86";
const HOOK: &str = "HK5a582ef17d6a088d9cb644e4c1ea3cdd";

/// Declares one `#[test]` per fixture, and [`FIXTURES`] listing them all.
///
/// Each test parses the fixture, checks the round trip (`parse(to_form(e)) == e`, same pairs
/// as the fixture), checks that the JSON form names the kind, then runs its own assertions on
/// the event bound to the given name.
macro_rules! fixtures {
    ($( $test:ident: $path:literal => |$event:ident| $check:block )+) => {
        const FIXTURES: &[&str] = &[$($path),+];

        $(
            #[test]
            fn $test() {
                let body = fixture($path);
                let $event = parse(&body)
                    .unwrap_or_else(|err| panic!("{} does not parse: {err}", $path));
                assert_round_trip(&body, &$event);
                let json = serde_json::to_value(&$event).unwrap();
                assert_eq!(json["StatusCallbackEvent"], $event.kind_str());
                $check
            }
        )+
    };
}

/// Unwraps `Event::$family($enum::$variant(e))` or fails the test.
macro_rules! expect {
    ($event:expr, Room::$variant:ident) => {
        match $event {
            Event::Room(RoomEvent::$variant(inner)) => inner,
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
    ($event:expr, Composition::$variant:ident) => {
        match $event {
            Event::Composition(CompositionEvent::$variant(inner)) => inner,
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
}

fixtures! {
    room_created: "video/room-created.txt" => |event| {
        let e = expect!(&event, Room::RoomCreated);
        assert_eq!(e.account_sid, ACCOUNT);
        assert_eq!(e.room.sid, ROOM);
        assert_eq!(e.room.name, "DailyStandup");
        assert_eq!(e.room.status, RoomStatus::InProgress);
        assert_eq!(e.room.room_type, RoomType::Group);
        assert_eq!(e.sequence_number, 0);
        assert_eq!(e.timestamp, Utc.with_ymd_and_hms(2025, 11, 16, 10, 0, 0).unwrap());
        assert!(e.extra.is_empty());
    }

    room_ended: "video/room-ended.txt" => |event| {
        let e = expect!(&event, Room::RoomEnded);
        assert_eq!(e.room.status, RoomStatus::Completed);
        assert_eq!(e.room.room_type, RoomType::GroupSmall);
        assert_eq!(e.room_duration.get(), 312);
        assert_eq!(e.room_duration.as_duration(), Duration::from_secs(312));
        assert_eq!(e.sequence_number, 1);
        assert_eq!(e.timestamp.nanosecond(), 273_000_000);
        assert_eq!(event.account_sid().map(|sid| sid.as_str()), Some(ACCOUNT));
        assert_eq!(event.kind(), Some(EventKind::RoomEnded));
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["RoomDuration"], 312);
        assert_eq!(json["Timestamp"], "2020-08-19T17:40:05.273Z");
        assert_eq!(json["RoomType"], "group-small");
    }

    room_ended_extra_params: "video/room-ended-extra-params.txt" => |event| {
        let e = expect!(&event, Room::RoomEnded);
        assert_eq!(e.room_duration.as_duration(), Duration::from_secs(7200));
        assert_eq!(e.timestamp.nanosecond(), 1_000);
        let extra: Vec<(&str, &str)> = e.extra.iter().collect();
        assert_eq!(
            extra,
            [("MediaRegion", "de1"), ("RoomStatusReason", "max-duration"), ("MediaRegion", "us1")]
        );
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains(r#""RoomStatusReason":"max-duration""#), "{json}");
    }

    participant_connected: "video/participant-connected.txt" => |event| {
        let e = expect!(&event, Room::ParticipantConnected);
        assert_eq!(e.participant.sid, ALICE);
        assert_eq!(e.participant.identity, "alice");
        assert_eq!(e.participant.status, ParticipantStatus::Connected);
        assert_eq!(e.room.status, RoomStatus::InProgress);
        assert_eq!(e.sequence_number, 2);
    }

    participant_connected_non_ascii_identity: "video/participant-connected-non-ascii-identity.txt" => |event| {
        let e = expect!(&event, Room::ParticipantConnected);
        assert_eq!(e.participant.identity, "José Müller+東京 👋");
        assert_eq!(e.room.name, "Réunion d’équipe 東京");
        assert_eq!(e.timestamp.nanosecond(), 417_000_000);
    }

    participant_disconnected: "video/participant-disconnected.txt" => |event| {
        let e = expect!(&event, Room::ParticipantDisconnected);
        assert_eq!(e.participant.status, ParticipantStatus::Disconnected);
        assert_eq!(e.participant_duration.as_duration(), Duration::from_secs(301));
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["ParticipantDuration"], 301);
    }

    track_added: "video/track-added.txt" => |event| {
        let e = expect!(&event, Room::TrackAdded);
        assert_eq!(e.track.sid, "MTb5d9b23353964d58cd5f76ae0a17c34d");
        assert_eq!(e.track.kind, TrackKind::Audio);
        assert_eq!(e.participant.identity, "alice");
        assert_eq!(e.room.name, "DailyStandup");
    }

    track_added_data_track_name: "video/track-added-data-track-name.txt" => |event| {
        let e = expect!(&event, Room::TrackAdded);
        assert_eq!(e.track.kind, TrackKind::Data);
        assert_eq!(e.extra.get("TrackName"), Some("chat"));
        assert_eq!(e.extra.len(), 1);
    }

    track_removed: "video/track-removed.txt" => |event| {
        let e = expect!(&event, Room::TrackRemoved);
        assert_eq!(e.track.kind, TrackKind::Video);
        assert_eq!(e.track.sid, "MTea54e894f000f6f5b8eccd064bd3e1ed");
    }

    track_enabled: "video/track-enabled.txt" => |event| {
        let e = expect!(&event, Room::TrackEnabled);
        assert_eq!(e.track.kind, TrackKind::Video);
        assert_eq!(e.timestamp, Utc.with_ymd_and_hms(2020, 8, 19, 17, 37, 12).unwrap()
            + chrono::Duration::milliseconds(6));
    }

    track_disabled: "video/track-disabled.txt" => |event| {
        let e = expect!(&event, Room::TrackDisabled);
        assert_eq!(e.track.kind, TrackKind::Video);
        assert_eq!(e.participant.sid, ALICE);
    }

    recording_started: "video/recording-started.txt" => |event| {
        let e = expect!(&event, Room::RecordingStarted);
        let r = &e.recording;
        assert!(r.sid.is_well_formed());
        assert_eq!(r.room_sid, ROOM);
        assert_eq!(r.container, Container::Mka);
        assert_eq!(r.codec, Codec::Opus);
        assert_eq!(r.recording_type, Some(RecordingType::Audio));
        assert_eq!(r.track_name, "microphone");
        assert_eq!(r.offset_from_twilio_video_epoch.get(), 155_137_307_765);
        assert_eq!(e.timestamp.nanosecond(), 839_174_000);
    }

    recording_completed: "video/recording-completed.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.recording.codec, Codec::H264);
        assert_eq!(e.recording.container, Container::Mkv);
        assert_eq!(e.duration.as_duration(), Duration::from_secs(301));
        assert_eq!(e.size, 35_199_906_123);
        assert_eq!(e.media_uri, format!("/v1/Recordings/{}/Media", e.recording.sid));
        assert_eq!(e.media_external_location, None);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["Size"], 35_199_906_123u64);
        assert_eq!(json["OffsetFromTwilioVideoEpoch"], 155_137_307_765u64);
        assert_eq!(json["Codec"], "H264");
        assert_eq!(json["Type"], "video");
    }

    recording_completed_external_storage: "video/recording-completed-external-storage.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.recording.codec, Codec::Pcmu);
        assert_eq!(e.duration.get(), 1);
        assert_eq!(
            e.media_external_location.as_deref(),
            Some("https://recordings.example.com/video/RTfb89b9c2b78261ef2ab506e30d9c84f7.mka")
        );
    }

    recording_completed_lowercase_codec: "video/recording-completed-lowercase-codec.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.recording.codec, Codec::Other("vp8".into()));
        assert_eq!(e.recording.codec.canonical(), Codec::Vp8);
        assert!(e.recording.codec.is_video());
        assert_eq!(e.recording.recording_type, None);
        assert_eq!(e.recording.room_type, RoomType::GroupSmall);
        assert_eq!(e.size, 105_956);
        assert!(e.extra.is_empty());
        assert!(event.to_form().contains("Codec=vp8"));
    }

    recording_failed: "video/recording-failed.txt" => |event| {
        let e = expect!(&event, Room::RecordingFailed);
        assert_eq!(e.failed_operation, FailedOperation::RecordingUpload);
        assert_eq!(e.recording.participant_identity, "alice");
        let Event::Room(room_event) = &event else { unreachable!() };
        assert_eq!(room_event.room(), None);
        assert_eq!(room_event.room_sid(), ROOM);
        assert_eq!(room_event.recording().map(|r| &r.codec), Some(&Codec::Opus));
    }

    composition_enqueued: "video/composition-enqueued.txt" => |event| {
        let e = expect!(&event, Composition::CompositionEnqueued);
        assert_eq!(e.room_sid, ROOM);
        assert_eq!(e.composition.sid, COMPOSITION);
        assert_eq!(e.composition.uri, format!("/v1/Compositions/{COMPOSITION}"));
        assert_eq!(e.hook.sid, HOOK);
        assert_eq!(e.hook.friendly_name, "Standup recordings");
        assert_eq!(e.hook.uri, format!("/v1/CompositionHooks/{HOOK}"));
    }

    composition_hook_failed: "video/composition-hook-failed.txt" => |event| {
        let e = expect!(&event, Composition::CompositionHookFailed);
        assert_eq!(e.hook.sid, HOOK);
        assert_eq!(e.failed_operation, FailedOperation::Other("CompositionCreate".into()));
        assert_eq!(e.error_message, "The room has no recordings to compose");
    }

    composition_started: "video/composition-started.txt" => |event| {
        let e = expect!(&event, Composition::CompositionStarted);
        assert_eq!(e.composition.sid, COMPOSITION);
        assert_eq!(e.timestamp.nanosecond(), 514_000_000);
    }

    composition_progress: "video/composition-progress.txt" => |event| {
        let e = expect!(&event, Composition::CompositionProgress);
        assert_eq!(e.percentage_done, 40);
        assert_eq!(e.seconds_remaining.as_duration(), Duration::from_secs(37));
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["PercentageDone"], 40);
        assert_eq!(json["SecondsRemaining"], 37);
    }

    composition_available: "video/composition-available.txt" => |event| {
        let e = expect!(&event, Composition::CompositionAvailable);
        assert_eq!(e.duration.get(), 192);
        assert_eq!(e.size, 35_199_906);
        assert_eq!(e.media_uri, format!("/v1/Compositions/{COMPOSITION}/Media"));
        assert_eq!(e.timestamp.nanosecond(), 839_174_000);
        assert_eq!(e.media_external_location, None);
    }

    composition_available_empty_external_location: "video/composition-available-empty-external-location.txt" => |event| {
        let e = expect!(&event, Composition::CompositionAvailable);
        assert_eq!(e.media_external_location, None);
        assert_eq!(e.extra.get("MediaExternalLocation"), Some(""));
    }

    composition_failed: "video/composition-failed.txt" => |event| {
        let e = expect!(&event, Composition::CompositionFailed);
        assert_eq!(e.failed_operation.as_str(), "MediaProcessing");
        assert_eq!(e.error_message, "Composition failed: no media, check the layout");
    }

    unknown_conference_participant_join: "unknown/conference-participant-join.txt" => |event| {
        let Event::Unknown(e) = &event else { panic!("expected Unknown, got {event:?}") };
        assert_eq!(e.kind, "participant-join");
        assert_eq!(e.account_sid.as_ref().map(|s| s.as_str()), Some(ACCOUNT));
        assert_eq!(e.params.get("Muted"), Some("false"));
        assert_eq!(e.params.len(), 10);
        assert_eq!(event.kind(), None);
        assert_eq!(event.timestamp(), Some(Utc.with_ymd_and_hms(2010, 8, 16, 3, 45, 1).unwrap()));
    }
}

/// Every fixture file has a test, and every test a fixture file.
#[test]
fn every_fixture_file_is_tested() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut on_disk = BTreeSet::new();
    for family in std::fs::read_dir(root).unwrap() {
        let family = family.unwrap();
        for file in std::fs::read_dir(family.path()).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            on_disk.insert(format!("{}/{name}", family.file_name().to_string_lossy()));
        }
    }
    let tested: BTreeSet<String> = FIXTURES.iter().map(|path| path.to_string()).collect();
    assert_eq!(on_disk, tested);
}

/// Every documented kind has a fixture named after it that parses to that kind.
#[test]
fn every_event_kind_has_a_fixture() {
    for kind in EventKind::iter() {
        let path = format!("video/{kind}.txt");
        assert!(FIXTURES.contains(&path.as_str()), "no fixture {path}");
        let event = parse(&fixture(&path)).unwrap();
        assert_eq!(event.kind(), Some(kind), "{path}");
        assert_eq!(event.kind_str(), kind.as_str());
    }
}
