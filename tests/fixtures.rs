//! One test per fixture body: the variant, decoded values, the JSON form and the round trip.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{TimeZone, Timelike, Utc};
use status_callbacks::conference::{ConferenceEvent, ReasonConferenceEnded, ReasonParticipantLeft};
use status_callbacks::live::PlayerStreamerKind;
use status_callbacks::live::{
    EndedReason, ExtensionContext, MediaProcessorEvent, PlayerStreamerEvent,
};
use status_callbacks::messaging::{MessageEventType, MessageStatus, MessageStatusCallback};
use status_callbacks::video::RoomKind;
use status_callbacks::video::{
    Codec, CompositionEvent, Container, FailedOperation, ParticipantStatus, RecordingType,
    RoomEvent, RoomStatus, RoomType, TrackKind,
};
use status_callbacks::voice::{
    AnsweredBy, CallStatus, CallStatusCallback, Direction, RecordingSource, RecordingStatus,
    RecordingStatusCallback, RecordingTrack,
};
use status_callbacks::voice::{
    MediaStreamEvent, MediaStreamKind, SiprecEvent, StreamTrack, TranscriptionEvent,
    TranscriptionStatus, TranscriptionTrack,
};
use status_callbacks::{parse, Decimal, Event, EventKind, Family, Flag, Provider};

use common::{assert_round_trip, fixture};

const ACCOUNT: &str = "ACe268443e43d93dab7ebef303bbe9642f";
const ROOM: &str = "RMfef2576d54dbde017a3a8e4df699ef6d";
const ALICE: &str = "PA6384e2b2184bcbf58eccf10ca7a6563c";
const COMPOSITION: &str = "CJee05e1dadf1b7f7e166ce182e1d39f86";
const HOOK: &str = "HK5a582ef17d6a088d9cb644e4c1ea3cdd";
const PROCESSOR: &str = "ZX649ce0650379a0aaff63c1ce257350de";
const STREAMER: &str = "VJ0fc31ada719b25e2bfacb1f1939cf09e";
const CALL: &str = "CA53b9e9679a8ea25880376080b76f98ad";
const PARENT_CALL: &str = "CAd0e45878043844ffc41aac437e86b602";
const RECORDING: &str = "RE9f7341aae17b1068c38576d5c0bc093a";
const CONFERENCE: &str = "CFab3049da9a0cd8d6e8b7c62586752472";
const SW_PROJECT: &str = "46f86faa-6bbf-9ac9-4a7e-459509a20ed0";
const SW_CALL: &str = "5184fe7e-4de3-94df-1df7-370740fdf23b";
const SW_RECORDING: &str = "6c7ba9f2-3a7a-c49d-784d-c9b141d40e40";

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
                // The JSON form holds the parameter that told the kind, with its value.
                match (&$event, $event.kind()) {
                    (Event::Unknown(unknown), _) => {
                        assert_eq!(json[unknown.discriminator], unknown.kind)
                    }
                    (_, Some(kind)) if kind.wire_value().is_some() => {
                        assert_eq!(json[kind.discriminator()], $event.kind_str())
                    }
                    (_, kind) => {
                        // Every typed parameter received is in the JSON form.
                        let kind = kind.expect("a typed kind");
                        for parameter in kind.parameters() {
                            if $event.get(parameter.name).is_some() {
                                assert!(json.get(parameter.name).is_some(), "{}", parameter.name);
                            }
                        }
                    }
                }
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
    ($event:expr, MediaProcessor::$variant:ident) => {
        match $event {
            Event::MediaProcessor(MediaProcessorEvent::$variant(inner)) => inner,
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
    ($event:expr, PlayerStreamer::$variant:ident) => {
        match $event {
            Event::PlayerStreamer(PlayerStreamerEvent::$variant(inner)) => inner,
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
}

fn call(event: &Event) -> &CallStatusCallback {
    match event {
        Event::CallStatus(call) => call,
        other => panic!("expected a call status callback, got {other:?}"),
    }
}

fn message(event: &Event) -> &MessageStatusCallback {
    match event {
        Event::MessageStatus(message) => message,
        other => panic!("expected a messaging status callback, got {other:?}"),
    }
}

fn recording(event: &Event) -> &RecordingStatusCallback {
    match event {
        Event::RecordingStatus(recording) => recording,
        other => panic!("expected a recording status callback, got {other:?}"),
    }
}

/// For the real captured shapes (`fixtures/*/real/`): the identifying values of the event are
/// those an independent decoder reads from the body: the account, the kind or status, the
/// call or recording, and the instant of `Timestamp` (read by chrono itself).
fn same_as_wire(event: &Event, path: &str) {
    let body = fixture(path);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let wire = |name: &str| {
        pairs
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    };
    assert_eq!(
        event.account_sid().map(|sid| sid.as_str()),
        wire("AccountSid"),
        "{path}: AccountSid"
    );
    match event {
        Event::CallStatus(call) => {
            assert_eq!(
                Some(call.call_status.as_str()),
                wire("CallStatus"),
                "{path}"
            );
            assert_eq!(Some(call.call_sid.as_str()), wire("CallSid"), "{path}");
            assert_eq!(Some(call.from.as_str()), wire("From"), "{path}");
            assert_eq!(Some(call.to.as_str()), wire("To"), "{path}");
            assert_eq!(
                call.sequence_number.map(|n| n.to_string()).as_deref(),
                wire("SequenceNumber"),
                "{path}"
            );
        }
        Event::RecordingStatus(recording) => {
            assert_eq!(
                Some(recording.recording_status.as_str()),
                wire("RecordingStatus"),
                "{path}"
            );
            assert_eq!(
                Some(recording.recording_sid.as_str()),
                wire("RecordingSid"),
                "{path}"
            );
        }
        Event::MessageStatus(message) => {
            assert_eq!(
                message.status().map(|status| status.as_str()),
                wire("MessageStatus").or(wire("SmsStatus")),
                "{path}"
            );
            assert_eq!(
                message.sid().map(|sid| sid.as_str()),
                wire("MessageSid").or(wire("SmsSid")),
                "{path}"
            );
            assert_eq!(message.to.as_deref(), wire("To"), "{path}");
        }
        Event::RecordTranscription(transcription) => {
            assert_eq!(
                Some(transcription.transcription_status.as_str()),
                wire("TranscriptionStatus"),
                "{path}"
            );
            assert_eq!(
                transcription.transcription_text.as_deref(),
                wire("TranscriptionText"),
                "{path}"
            );
        }
        Event::Amd(amd) => {
            assert_eq!(Some(amd.answered_by.as_str()), wire("AnsweredBy"), "{path}");
            assert_eq!(Some(amd.call_sid.as_str()), wire("CallSid"), "{path}");
        }
        other => {
            let kind = other.kind().unwrap_or_else(|| panic!("{path}: {other:?}"));
            assert_eq!(Some(other.kind_str()), wire(kind.discriminator()), "{path}");
        }
    }
    if let Some(text) = wire("Timestamp") {
        let expected = chrono::DateTime::parse_from_rfc3339(text)
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(text))
            .unwrap_or_else(|err| panic!("{path}: chrono cannot read `{text}`: {err}"));
        assert_eq!(
            event.timestamp(),
            Some(expected.to_utc()),
            "{path}: Timestamp"
        );
    }
}

fixtures! {
    conference_start: "conference/conference-start.txt" => |event| {
        let Event::Conference(ConferenceEvent::ConferenceStart(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.conference_sid, CONFERENCE);
        assert_eq!(e.friendly_name, "support");
        assert_eq!(e.sequence_number, Some(2));
        assert_eq!(e.call_sid, None);
        assert_eq!(e.timestamp, Utc.with_ymd_and_hms(2010, 8, 16, 3, 45, 3).unwrap());
    }

    conference_end: "conference/conference-end.txt" => |event| {
        let Event::Conference(ConferenceEvent::ConferenceEnd(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.reason_conference_ended, Some(ReasonConferenceEnded::ParticipantWithEndConferenceOnExitLeft));
        assert_eq!(e.call_sid_ending_conference.as_ref().unwrap(), PARENT_CALL);
        assert_eq!(e.participant_label_ending_conference.as_deref(), Some("agent"));
        assert!(e.reason.as_deref().unwrap().contains("endConferenceOnExit"));
    }

    conference_end_via_api: "conference/conference-end-via-api.txt" => |event| {
        let Event::Conference(ConferenceEvent::ConferenceEnd(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.reason_conference_ended, Some(ReasonConferenceEnded::ConferenceEndedViaApi));
        assert_eq!(e.call_sid_ending_conference, None);
    }

    conference_participant_join: "conference/participant-join.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantJoin(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, CALL);
        assert_eq!(e.muted, Flag::False);
        assert_eq!(e.start_conference_on_enter.is_true(), Some(true));
        assert_eq!(e.coaching, Some(Flag::False));
        assert_eq!(e.sequence_number, Some(1));
        let Event::Conference(conference) = &event else { unreachable!() };
        assert_eq!(conference.call_sid().map(|sid| sid.as_str()), Some(CALL));
        assert_eq!(conference.friendly_name(), "support");
    }

    conference_participant_leave: "conference/participant-leave.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantLeave(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.participant_call_status, Some(CallStatus::Completed));
        assert_eq!(e.reason_participant_left, Some(ReasonParticipantLeft::ParticipantHungUp));
        assert_eq!(e.participant_label.as_deref(), Some("customer"));
    }

    conference_participant_mute: "conference/participant-mute.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantMute(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.muted, Flag::True);
    }

    conference_participant_unmute: "conference/participant-unmute.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantUnmute(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.muted, Flag::False);
    }

    conference_participant_hold: "conference/participant-hold.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantHold(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.hold, Flag::True);
    }

    conference_participant_unhold: "conference/participant-unhold.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantUnhold(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.hold, Flag::False);
    }

    conference_participant_modify: "conference/participant-modify.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantModify(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.end_conference_on_exit, Flag::False);
    }

    conference_participant_speech_start: "conference/participant-speech-start.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantSpeechStart(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, CALL);
    }

    conference_participant_speech_stop: "conference/participant-speech-stop.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantSpeechStop(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, CALL);
    }

    conference_announcement_end: "conference/announcement-end.txt" => |event| {
        let Event::Conference(ConferenceEvent::AnnouncementEnd(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, None);
        assert_eq!(e.announce_url.as_deref(), Some("https://example.com/announce.xml"));
    }

    conference_announcement_end_participant: "conference/announcement-end-participant.txt" => |event| {
        let Event::Conference(ConferenceEvent::AnnouncementEnd(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid.as_ref().unwrap(), CALL);
        // The participant's flags are not typed on announcements: kept.
        assert_eq!(e.extra.get("Muted"), Some("false"));
    }

    conference_announcement_fail: "conference/announcement-fail.txt" => |event| {
        let Event::Conference(ConferenceEvent::AnnouncementFail(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.reason_announcement_failed.as_deref(), Some("Internal error"));
    }

    conference_record_end: "conference/conference-record-end.txt" => |event| {
        let Event::ConferenceRecordEnd(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.conference_sid, CONFERENCE);
        assert_eq!(e.duration.map(|d| d.get()), Some(6));
        assert_eq!(e.recording_file_size, Some(90_786));
        assert_eq!(event.kind(), Some(EventKind::ConferenceRecordEnd));
    }

    conference_signalwire_participant_join: "conference/signalwire-participant-join.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantJoin(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, SW_CALL);
        assert_eq!(e.call_status, Some(CallStatus::InProgress));
        assert_eq!(e.direction, Some(Direction::Inbound));
        assert_eq!(e.coaching, None);
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_conference_end: "conference/signalwire-conference-end.txt" => |event| {
        let Event::Conference(ConferenceEvent::ConferenceEnd(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_status, Some(CallStatus::Completed));
        assert_eq!(e.duration.map(|d| d.get()), Some(312));
        assert_eq!(e.reason_conference_ended, None);
    }

    conference_signalwire_conference_start: "conference/signalwire-conference-start.txt" => |event| {
        let Event::Conference(ConferenceEvent::ConferenceStart(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_leave: "conference/signalwire-participant-leave.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantLeave(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_mute: "conference/signalwire-participant-mute.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantMute(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_unmute: "conference/signalwire-participant-unmute.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantUnmute(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_hold: "conference/signalwire-participant-hold.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantHold(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_unhold: "conference/signalwire-participant-unhold.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantUnhold(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_speech_start: "conference/signalwire-participant-speech-start.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantSpeechStart(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    conference_signalwire_participant_speech_stop: "conference/signalwire-participant-speech-stop.txt" => |event| {
        let Event::Conference(ConferenceEvent::ParticipantSpeechStop(e)) = &event else { panic!("{event:?}") };
        assert!(e.call_status.is_some());
        assert_eq!(e.sequence_number, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    stream_stopped_signalwire: "streams/signalwire-stream-stopped.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamStopped(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.stream_track, Some(StreamTrack::BothTracks));
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    stream_error_signalwire: "streams/signalwire-stream-error.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamError(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.stream_error.as_deref(), Some("Duplicated stream name"));
        assert_eq!(e.stream_track, Some(StreamTrack::InboundTrack));
    }

    message_sent: "messaging/sent.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Sent));
        assert_eq!(m.sms_status, Some(MessageStatus::Sent));
        assert_eq!(m.to.as_deref(), Some("+14155550100"));
        assert_eq!(m.api_version.as_deref(), Some("2010-04-01"));
        assert_eq!(event.timestamp(), None);
    }

    message_queued_messaging_service: "messaging/queued-messaging-service.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Queued));
        assert!(m.messaging_service_sid.as_ref().unwrap().is_well_formed());
    }

    message_delivered: "messaging/delivered.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Delivered));
        let done = m.raw_dlr_done_date.as_ref().unwrap();
        assert_eq!(done.as_str(), "2303222338");
        assert_eq!(done.date_time().to_string(), "2023-03-22 23:38:00");
        assert!(m.status().unwrap().is_final());
    }

    message_undelivered: "messaging/undelivered.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Undelivered));
        assert_eq!(m.error_code, Some(30003));
    }

    message_failed: "messaging/failed.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.error_code, Some(30008));
        assert_eq!(m.error_message.as_deref(), Some("Unknown error"));
    }

    message_read_whatsapp: "messaging/read-whatsapp.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Read));
        assert_eq!(m.event_type, Some(MessageEventType::Read));
        assert_eq!(m.channel_prefix.as_deref(), Some("whatsapp"));
        assert_eq!(m.from.as_deref(), Some("whatsapp:+14155550199"));
        // Masked by Twilio: kept as text.
        assert_eq!(m.channel_to_address.as_deref(), Some("+1415555XXXX"));
    }

    message_signalwire_delivered: "messaging/signalwire-delivered.txt" => |event| {
        let m = message(&event);
        assert_eq!(m.status(), Some(&MessageStatus::Delivered));
        assert_eq!(m.body.as_deref(), Some("Your code is 4412"));
        assert_eq!(m.num_media, Some(0));
        assert_eq!(m.num_segments, Some(1));
        assert_eq!(m.sms_status, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    stream_started_media: "streams/stream-started.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamStarted(e)) = &event else { panic!("{event:?}") };
        assert!(e.stream_sid.is_well_formed());
        assert_eq!(e.stream_name.as_deref(), Some(e.stream_sid.as_str()));
        assert_eq!(e.timestamp.nanosecond(), 751_000_000);
        assert_eq!(event.kind(), Some(EventKind::MediaStream(MediaStreamKind::MediaStreamStarted)));
        // Same value as Live's `stream-started`, another parameter: another kind.
        assert_ne!(event.kind(), EventKind::from_wire("StatusCallbackEvent", "stream-started"));
    }

    stream_stopped_media: "streams/stream-stopped.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamStopped(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.stream_error, None);
        assert_eq!(e.extra.get("StreamError"), Some(""));
    }

    stream_error_media: "streams/stream-error.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamError(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.stream_error.as_deref(), Some("Stream - WebSocket - Connection Error"));
    }

    stream_started_signalwire: "streams/signalwire-stream-started.txt" => |event| {
        let Event::MediaStream(MediaStreamEvent::MediaStreamStarted(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.stream_track, Some(StreamTrack::BothTracks));
        assert_eq!(e.unique_id.as_deref(), Some(SW_CALL));
        assert!(e.conference_sid.is_some());
        assert_eq!(event.get("Unique-ID").as_deref(), Some(SW_CALL));
    }

    transcription_started: "transcription/transcription-started.txt" => |event| {
        let Event::Transcription(TranscriptionEvent::TranscriptionStarted(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.sequence_id, Some(1));
        assert_eq!(e.transcription_engine.as_deref(), Some("google"));
        assert_eq!(e.track, Some(TranscriptionTrack::BothTracks));
        assert_eq!(e.partial_results, Some(Flag::False));
        assert!(e.provider_configuration.as_deref().unwrap().starts_with('{'));
    }

    transcription_content: "transcription/transcription-content.txt" => |event| {
        let Event::Transcription(TranscriptionEvent::TranscriptionContent(e)) = &event else { panic!("{event:?}") };
        let data = e.transcription_data().unwrap().unwrap();
        assert_eq!(data.transcript, "I would like to check my order");
        assert_eq!(data.confidence, Some(0.96));
        assert_eq!(e.r#final, Some(Flag::True));
        assert_eq!(e.track, Some(TranscriptionTrack::InboundTrack));
    }

    transcription_content_partial: "transcription/transcription-content-partial.txt" => |event| {
        let Event::Transcription(TranscriptionEvent::TranscriptionContent(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.transcription_data().unwrap().unwrap().confidence, None);
        assert_eq!(e.stability, Decimal::new("0.8"));
        assert_eq!(e.r#final.as_ref().and_then(Flag::is_true), Some(false));
    }

    transcription_stopped: "transcription/transcription-stopped.txt" => |event| {
        let Event::Transcription(TranscriptionEvent::TranscriptionStopped(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.sequence_id, Some(9));
    }

    transcription_error: "transcription/transcription-error.txt" => |event| {
        let Event::Transcription(TranscriptionEvent::TranscriptionError(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.transcription_error_code, Some(32655));
        assert_eq!(e.transcription_error.as_deref(), Some("Provider Unavailable"));
    }

    siprec_started: "siprec/siprec-started.txt" => |event| {
        let Event::Siprec(SiprecEvent::SiprecStarted(e)) = &event else { panic!("{event:?}") };
        assert!(e.siprec_sid.is_well_formed());
        assert_eq!(e.siprec_name.as_deref(), Some("recorder"));
        assert_eq!(e.call_status, Some(CallStatus::InProgress));
    }

    siprec_stopped: "siprec/siprec-stopped.txt" => |event| {
        let Event::Siprec(SiprecEvent::SiprecStopped(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, CALL);
    }

    siprec_error: "siprec/siprec-error.txt" => |event| {
        let Event::Siprec(SiprecEvent::SiprecError(e)) = &event else { panic!("{event:?}") };
        assert_eq!(e.siprec_error_code, Some(64101));
    }

    record_transcription_completed: "voice/record-transcription-completed.txt" => |event| {
        let Event::RecordTranscription(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.transcription_status, TranscriptionStatus::Completed);
        assert_eq!(e.transcription_text.as_deref(), Some("Hi, please call me back about the invoice."));
        assert_eq!(e.call_status, Some(CallStatus::Completed));
        assert_eq!(e.extra.get("url"), Some("https://example.com/transcribed"));
    }

    record_transcription_failed: "voice/record-transcription-failed.txt" => |event| {
        let Event::RecordTranscription(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.transcription_status, TranscriptionStatus::Failed);
        assert_eq!(e.transcription_text, None);
    }

    record_transcription_signalwire: "voice/record-transcription-signalwire.txt" => |event| {
        let Event::RecordTranscription(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.call_sid, None);
        assert_eq!(event.provider(), Provider::SignalWire);
    }

    amd_machine_end_beep: "voice/amd-machine-end-beep.txt" => |event| {
        let Event::Amd(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.answered_by, AnsweredBy::MachineEndBeep);
        assert_eq!(e.machine_detection_duration.as_duration(), Duration::from_millis(4230));
    }

    amd_human: "voice/amd-human.txt" => |event| {
        let Event::Amd(e) = &event else { panic!("{event:?}") };
        assert_eq!(e.answered_by, AnsweredBy::Human);
    }

    room_created: "video/room-created.txt" => |event| {
        let e = expect!(&event, Room::RoomCreated);
        assert_eq!(e.account_sid, ACCOUNT);
        assert_eq!(e.room_sid, ROOM);
        assert_eq!(e.room_name, "DailyStandup");
        assert_eq!(e.room_status, RoomStatus::InProgress);
        assert_eq!(e.room_type, Some(RoomType::Group));
        assert_eq!(e.sequence_number, 0);
        assert_eq!(e.timestamp, Utc.with_ymd_and_hms(2025, 11, 16, 10, 0, 0).unwrap());
        assert!(e.extra.is_empty());
    }

    room_ended: "video/room-ended.txt" => |event| {
        let e = expect!(&event, Room::RoomEnded);
        assert_eq!(e.room_status, RoomStatus::Completed);
        assert_eq!(e.room_type, Some(RoomType::GroupSmall));
        assert_eq!(e.room_duration.get(), 312);
        assert_eq!(e.room_duration.as_duration(), Duration::from_secs(312));
        assert_eq!(e.sequence_number, 1);
        assert_eq!(e.timestamp.nanosecond(), 273_000_000);
        assert_eq!(event.account_sid().map(|sid| sid.as_str()), Some(ACCOUNT));
        assert_eq!(event.kind(), Some(EventKind::Room(RoomKind::RoomEnded)));
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
        assert_eq!(e.participant_sid, ALICE);
        assert_eq!(e.participant_identity, "alice");
        assert_eq!(e.participant_status, ParticipantStatus::Connected);
        assert_eq!(e.room_status, RoomStatus::InProgress);
        assert_eq!(e.sequence_number, 2);
    }

    participant_connected_non_ascii_identity: "video/participant-connected-non-ascii-identity.txt" => |event| {
        let e = expect!(&event, Room::ParticipantConnected);
        assert_eq!(e.participant_identity, "José Müller+東京 👋");
        assert_eq!(e.room_name, "Réunion d’équipe 東京");
        assert_eq!(e.timestamp.nanosecond(), 417_000_000);
    }

    participant_disconnected: "video/participant-disconnected.txt" => |event| {
        let e = expect!(&event, Room::ParticipantDisconnected);
        assert_eq!(e.participant_status, ParticipantStatus::Disconnected);
        assert_eq!(e.participant_duration.as_duration(), Duration::from_secs(301));
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["ParticipantDuration"], 301);
    }

    track_added: "video/track-added.txt" => |event| {
        let e = expect!(&event, Room::TrackAdded);
        assert_eq!(e.track_sid, "MTb5d9b23353964d58cd5f76ae0a17c34d");
        assert_eq!(e.track_kind, TrackKind::Audio);
        assert_eq!(e.participant_identity, "alice");
        assert_eq!(e.room_name, "DailyStandup");
    }

    track_added_data_track_name: "video/track-added-data-track-name.txt" => |event| {
        let e = expect!(&event, Room::TrackAdded);
        assert_eq!(e.track_kind, TrackKind::Data);
        assert_eq!(e.extra.get("TrackName"), Some("chat"));
        assert_eq!(e.extra.len(), 1);
    }

    track_removed: "video/track-removed.txt" => |event| {
        let e = expect!(&event, Room::TrackRemoved);
        assert_eq!(e.track_kind, TrackKind::Video);
        assert_eq!(e.track_sid, "MTea54e894f000f6f5b8eccd064bd3e1ed");
    }

    track_enabled: "video/track-enabled.txt" => |event| {
        let e = expect!(&event, Room::TrackEnabled);
        assert_eq!(e.track_kind, TrackKind::Video);
        assert_eq!(e.timestamp, Utc.with_ymd_and_hms(2020, 8, 19, 17, 37, 12).unwrap()
            + chrono::Duration::milliseconds(6));
    }

    track_disabled: "video/track-disabled.txt" => |event| {
        let e = expect!(&event, Room::TrackDisabled);
        assert_eq!(e.track_kind, TrackKind::Video);
        assert_eq!(e.participant_sid, ALICE);
    }

    recording_started: "video/recording-started.txt" => |event| {
        let e = expect!(&event, Room::RecordingStarted);
        let r = e;
        assert!(r.recording_sid.is_well_formed());
        assert_eq!(r.room_sid, ROOM);
        assert_eq!(r.container, Container::Mka);
        assert_eq!(r.codec, Codec::Opus);
        assert_eq!(r.r#type, Some(RecordingType::Audio));
        assert_eq!(r.track_name, "microphone");
        assert_eq!(r.offset_from_twilio_video_epoch.get(), 155_137_307_765);
        assert_eq!(e.timestamp.nanosecond(), 839_174_000);
    }

    recording_completed: "video/recording-completed.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.codec, Codec::H264);
        assert_eq!(e.container, Container::Mkv);
        assert_eq!(e.duration.as_duration(), Duration::from_secs(301));
        assert_eq!(e.size, 35_199_906_123);
        assert_eq!(e.media_uri, format!("/v1/Recordings/{}/Media", e.recording_sid));
        assert_eq!(e.media_external_location, None);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["Size"], 35_199_906_123u64);
        assert_eq!(json["OffsetFromTwilioVideoEpoch"], 155_137_307_765u64);
        assert_eq!(json["Codec"], "H264");
        assert_eq!(json["Type"], "video");
    }

    recording_completed_external_storage: "video/recording-completed-external-storage.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.codec, Codec::Pcmu);
        assert_eq!(e.duration.get(), 1);
        assert_eq!(
            e.media_external_location.as_deref(),
            Some("https://recordings.example.com/video/RTfb89b9c2b78261ef2ab506e30d9c84f7.mka")
        );
    }

    recording_completed_lowercase_codec: "video/recording-completed-lowercase-codec.txt" => |event| {
        let e = expect!(&event, Room::RecordingCompleted);
        assert_eq!(e.codec, Codec::Other("vp8".into()));
        assert_eq!(e.codec.canonical(), Codec::Vp8);
        assert!(e.codec.is_video());
        assert_eq!(e.r#type, None);
        assert_eq!(e.room_type, RoomType::GroupSmall);
        assert_eq!(e.size, 105_956);
        assert!(e.extra.is_empty());
        assert!(event.to_form().contains("Codec=vp8"));
    }

    recording_failed: "video/recording-failed.txt" => |event| {
        let e = expect!(&event, Room::RecordingFailed);
        assert_eq!(e.failed_operation, FailedOperation::RecordingUpload);
        assert_eq!(e.participant_identity, "alice");
        let Event::Room(room_event) = &event else { unreachable!() };
        assert_eq!(room_event.room_sid(), ROOM);
        assert_eq!(room_event.room_type(), Some(&RoomType::Group));
        assert_eq!(e.codec, Codec::Opus);
    }

    composition_enqueued: "video/composition-enqueued.txt" => |event| {
        let e = expect!(&event, Composition::CompositionEnqueued);
        assert_eq!(e.room_sid, ROOM);
        assert_eq!(e.composition_sid, COMPOSITION);
        assert_eq!(e.composition_uri, format!("/v1/Compositions/{COMPOSITION}"));
        assert_eq!(e.hook_sid, HOOK);
        assert_eq!(e.hook_friendly_name, "Standup recordings");
        assert_eq!(e.hook_uri, format!("/v1/CompositionHooks/{HOOK}"));
    }

    composition_hook_failed: "video/composition-hook-failed.txt" => |event| {
        let e = expect!(&event, Composition::CompositionHookFailed);
        assert_eq!(e.hook_sid, HOOK);
        assert_eq!(e.failed_operation, FailedOperation::Other("CompositionCreate".into()));
        assert_eq!(e.error_message, "The room has no recordings to compose");
    }

    composition_started: "video/composition-started.txt" => |event| {
        let e = expect!(&event, Composition::CompositionStarted);
        assert_eq!(e.composition_sid, COMPOSITION);
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

    media_processor_started: "live/media-processor-started.txt" => |event| {
        let e = expect!(&event, MediaProcessor::MediaProcessorStarted);
        assert_eq!(e.media_processor_sid, PROCESSOR);
        assert_eq!(e.extension, "video-composer-v2");
        let context = ExtensionContext::from_json(&e.extension_context).unwrap();
        assert_eq!(context.room.unwrap().name, ROOM);
        assert_eq!(context.outputs, [STREAMER]);
        assert_eq!(
            e.extension_context,
            format!(r#"{{"room": {{"name": "{ROOM}"}}, "outputs": ["{STREAMER}"]}}"#)
        );
        assert_eq!(e.url, format!("https://media.twilio.com/v1/MediaProcessors/{PROCESSOR}"));
        assert_eq!(event.provider(), Provider::Twilio);
    }

    media_processor_ended: "live/media-processor-ended.txt" => |event| {
        let e = expect!(&event, MediaProcessor::MediaProcessorEnded);
        assert_eq!(e.duration.as_duration(), Duration::from_secs(3600));
        assert_eq!(e.ended_reason, EndedReason::EndedViaApi);
        assert_eq!(e.timestamp.nanosecond(), 500_000_000);
    }

    media_processor_failed: "live/media-processor-failed.txt" => |event| {
        let e = expect!(&event, MediaProcessor::MediaProcessorFailed);
        assert_eq!(e.ended_reason, EndedReason::ErrorLoadingExtension);
        assert_eq!(e.error_message, "Extension could not be loaded: 404 Not Found");
        assert_eq!(e.duration.get(), 4);
        assert_eq!(e.extension, "https://extensions.example.com/composer");
        let context = ExtensionContext::from_json(&e.extension_context).unwrap();
        assert_eq!(context.other["identity"], "composer");
        assert!(context.outputs.is_empty());
    }

    stream_started: "live/stream-started.txt" => |event| {
        let e = expect!(&event, PlayerStreamer::StreamStarted);
        assert_eq!(e.player_streamer_sid, STREAMER);
        assert_eq!(e.source, format!("MediaProcessor:{PROCESSOR}"));
        assert_eq!(e.url, format!("https://media.twilio.com/v1/PlayerStreamers/{STREAMER}"));
    }

    stream_ended: "live/stream-ended.txt" => |event| {
        let e = expect!(&event, PlayerStreamer::StreamEnded);
        assert_eq!(e.extra.get("StatusCallbackEvent"), None);
        assert_eq!(e.ended_reason, EndedReason::StreamDisconnectedBySource);
        assert_eq!(e.duration.get(), 3599);
        assert_eq!(event.kind_str(), "stream-ended");
    }

    stream_failed: "live/stream-failed.txt" => |event| {
        let e = expect!(&event, PlayerStreamer::StreamFailed);
        assert_eq!(e.kind_str(), "stream-failed");
        assert_eq!(e.ended_reason, EndedReason::UnexpectedFailure);
        assert_eq!(e.error_message, "Stream interrupted");
    }

    player_streamer_ended: "live/player-streamer-ended.txt" => |event| {
        let e = expect!(&event, PlayerStreamer::StreamEnded);
        assert_eq!(e.kind_str(), "player-streamer-ended");
        assert_eq!(e.ended_reason, EndedReason::MaxDurationExceeded);
        assert_eq!(event.kind(), Some(EventKind::PlayerStreamer(PlayerStreamerKind::StreamEnded)));
        assert_eq!(event.kind_str(), "player-streamer-ended");
        assert!(event.to_form().contains("StatusCallbackEvent=player-streamer-ended"));
    }

    player_streamer_failed: "live/player-streamer-failed.txt" => |event| {
        let e = expect!(&event, PlayerStreamer::StreamFailed);
        assert_eq!(e.kind_str(), "player-streamer-failed");
        assert_eq!(e.error_message, "Source media unavailable");
        assert_eq!(e.duration.get(), 12);
        assert_eq!(event.kind_str(), "player-streamer-failed");
    }

    call_queued: "voice/call-queued.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Queued);
        assert_eq!(c.sequence_number, Some(0));
        assert_eq!(c.call_duration, None);
        assert_eq!(event.kind(), Some(EventKind::CallStatus));
        assert_eq!(event.kind_str(), "call-status");
    }

    call_initiated: "voice/call-initiated.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Initiated);
        assert_eq!(c.direction, Direction::OutboundApi);
        assert_eq!(c.from, "+16465550123");
        assert_eq!(c.to, "+14155550100");
        assert_eq!(c.caller.as_deref(), Some("+16465550123"));
    }

    call_ringing: "voice/call-ringing.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Ringing);
        assert_eq!(c.sequence_number, Some(1));
        assert_eq!(c.to_city.as_deref(), Some("SAN FRANCISCO"));
        assert_eq!(c.from_zip.as_deref(), Some("10004"));
        assert_eq!(c.timestamp, Utc.with_ymd_and_hms(2018, 3, 25, 9, 52, 22).unwrap());
    }

    call_in_progress: "voice/call-in-progress.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::InProgress);
        assert_eq!(c.answered_by, Some(AnsweredBy::MachineEndBeep));
    }

    call_busy: "voice/call-busy.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Busy);
        assert_eq!(c.sip_response_code, Some(486));
        assert_eq!(c.call_duration.map(|d| d.get()), Some(0));
    }

    call_failed: "voice/call-failed.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Failed);
        assert_eq!(c.sip_response_code, Some(404));
    }

    call_no_answer: "voice/call-no-answer.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::NoAnswer);
        assert_eq!(c.sip_response_code, Some(487));
        assert_eq!(c.duration.map(|d| d.get()), Some(0));
    }

    call_canceled: "voice/call-canceled.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Canceled);
        assert_eq!(c.call_duration, None);
    }

    call_completed: "voice/call-completed.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Completed);
        assert_eq!(c.call_sid, CALL);
        assert_eq!(c.account_sid, ACCOUNT);
        assert_eq!(c.call_duration.unwrap().as_duration(), Duration::from_secs(49));
        assert_eq!(c.duration.unwrap().as_duration(), Duration::from_secs(60));
        assert_eq!(c.to_city.as_deref(), Some("São Paulo"));
        assert_eq!(c.called_city.as_deref(), Some("São Paulo"));
        assert_eq!(c.to_zip, None);
        assert_eq!(c.extra.get("ToZip"), Some(""));
        assert_eq!(c.extra.get("CalledZip"), Some(""));
        assert_eq!(c.answered_by, Some(AnsweredBy::Human));
        assert_eq!(c.from, "+16465550123");
        assert_eq!(c.api_version, "2010-04-01");
        assert_eq!(c.callback_source, "call-progress-events");
        assert_eq!(c.timestamp, Utc.with_ymd_and_hms(2018, 3, 25, 9, 53, 19).unwrap());
        assert_eq!(c.provider(), Provider::Twilio);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["CallDuration"], 49);
        assert_eq!(json["Duration"], 1);
        assert_eq!(json["From"], "+16465550123");
        assert_eq!(json["Timestamp"], "Sun, 25 Mar 2018 09:53:19 +0000");
        assert_eq!(json["ToZip"], "");
        let form = event.to_form();
        assert!(form.contains("From=%2B16465550123"), "{form}");
        assert!(form.contains("Timestamp=Sun%2C+25+Mar+2018+09%3A53%3A19+%2B0000"), "{form}");
    }

    call_completed_empty_geo: "voice/call-completed-empty-geo.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.direction, Direction::Inbound);
        assert_eq!(c.from, "anonymous");
        for empty in [&c.from_city, &c.from_state, &c.from_zip, &c.from_country, &c.to_city,
            &c.to_state, &c.to_zip, &c.caller_name, &c.caller_city, &c.called_zip]
        {
            assert_eq!(empty, &None);
        }
        assert_eq!(c.to_country.as_deref(), Some("GB"));
        assert_eq!(c.stir_verstat.as_deref(), Some("No-TN-Validation"));
        assert_eq!(c.extra.len(), 15);
        assert!(c.extra.iter().all(|(_, value)| value.is_empty()));
    }

    call_completed_child_leg_with_recording: "voice/call-completed-child-leg-with-recording.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.direction, Direction::OutboundDial);
        assert_eq!(c.parent_call_sid.as_ref().unwrap(), PARENT_CALL);
        assert_eq!(c.forwarded_from.as_deref(), Some("+16465550199"));
        assert_eq!(c.caller_name.as_deref(), Some("Zoë Åström"));
        assert_eq!(c.recording_sid.as_ref().unwrap(), RECORDING);
        assert_eq!(c.recording_duration.unwrap().get(), 298);
        assert_eq!(c.duration.unwrap().get(), 5);
        assert_eq!(c.call_duration.unwrap().get(), 300);
    }

    call_unknown_status: "voice/call-unknown-status.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Other("transferring".into()));
        assert_eq!(c.direction, Direction::TrunkingTerminating);
        assert_eq!(c.answered_by, Some(AnsweredBy::Other("machine_end_voicemail".into())));
    }

    call_completed_signalwire: "voice/call-completed-signalwire.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.account_sid, SW_PROJECT);
        assert_eq!(c.call_sid, SW_CALL);
        assert!(!c.call_sid.is_well_formed());
        assert_eq!(c.provider(), Provider::SignalWire);
        assert_eq!(event.provider(), Provider::SignalWire);
        assert_eq!(c.call_status, CallStatus::Completed);
        assert_eq!(c.call_duration.unwrap().get(), 49);
        assert_eq!(c.audio_in_average_ptime, Decimal::new("20"));
        assert_eq!(c.audio_in_mos.as_ref().unwrap().as_f64(), 4.37);
        assert_eq!(c.audio_in_media_packet_count, Some(2451));
        assert_eq!(c.audio_in_skip_packet_count, Some(12));
        assert_eq!(c.audio_out_media_packet_count, Some(2449));
        assert_eq!(c.audio_in_jitter_max_variance, Decimal::new("14"));
        assert_eq!(c.sip_result_code, Some(200));
        assert_eq!(c.sip_invite_result_phrase.as_deref(), Some("OK"));
        assert_eq!(c.recording_sid.as_ref().unwrap(), SW_RECORDING);
        assert_eq!(c.duration, None);
        assert_eq!(c.caller, None);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["AudioInMos"], 4.37);
        assert_eq!(json["AudioInMediaPacketCount"], 2451);
        assert_eq!(json["SipResultCode"], 200);
        assert!(event.to_form().contains("AudioInMos=4.37"));
    }

    call_ringing_signalwire: "voice/call-ringing-signalwire.txt" => |event| {
        let c = call(&event);
        assert_eq!(c.call_status, CallStatus::Ringing);
        assert_eq!(c.direction, Direction::OutboundDial);
        assert_eq!(c.to, "sip:alice@example.sip.signalwire.com");
        assert_eq!(c.audio_in_mos.as_ref().map(|m| m.as_str()), Some("0"));
        assert_eq!(c.parent_call_sid.as_ref().unwrap(), "48c4592f-2034-8898-7367-407b414908d2");
        assert_eq!(c.call_duration, None);
    }

    recording_in_progress: "voice/recording-in-progress.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.recording_status, RecordingStatus::InProgress);
        assert_eq!(r.recording_source, RecordingSource::StartCallRecordingTwiml);
        assert_eq!(r.recording_track, Some(RecordingTrack::Both));
        assert_eq!(r.recording_duration, None);
        assert_eq!(r.recording_channels, 2);
        assert_eq!(r.error_code, Some(0));
        assert_eq!(r.call_sid.as_ref().unwrap(), CALL);
        assert_eq!(
            r.recording_start_time,
            Some(Utc.with_ymd_and_hms(2026, 3, 24, 18, 15, 40).unwrap())
        );
        assert_eq!(event.timestamp(), r.recording_start_time);
        assert_eq!(event.kind(), Some(EventKind::RecordingStatus));
    }

    voice_recording_completed: "voice/recording-completed.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.recording_status, RecordingStatus::Completed);
        assert_eq!(r.recording_sid, RECORDING);
        assert_eq!(r.recording_duration.unwrap().as_duration(), Duration::from_secs(14));
        assert_eq!(r.recording_source, RecordingSource::RecordVerb);
        assert_eq!(r.recording_track, Some(RecordingTrack::Inbound));
        assert_eq!(r.recording_url, format!("https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Recordings/{RECORDING}"));
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["RecordingDuration"], 14);
        assert_eq!(json["RecordingStartTime"], "Tue, 24 Mar 2026 18:15:40 +0000");
        assert_eq!(json["RecordingSource"], "RecordVerb");
    }

    recording_absent: "voice/recording-absent.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.recording_status, RecordingStatus::Absent);
        assert_eq!(r.error_code, Some(16102));
        assert_eq!(r.recording_duration, None);
        assert_eq!(r.extra.get("RecordingDuration"), Some(""));
    }

    voice_recording_failed: "voice/recording-failed.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.recording_status, RecordingStatus::Failed);
        assert_eq!(r.recording_source, RecordingSource::OutboundApi);
        assert_eq!(r.error_code, Some(16104));
    }

    recording_completed_conference: "voice/recording-completed-conference.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.conference_sid.as_ref().unwrap(), CONFERENCE);
        assert_eq!(r.call_sid, None);
        assert_eq!(r.recording_source, RecordingSource::StartConferenceRecordingApi);
        assert_eq!(r.recording_channels, 1);
        assert_eq!(r.recording_duration.unwrap().get(), 612);
    }

    recording_completed_signalwire: "voice/recording-completed-signalwire.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.account_sid, SW_PROJECT);
        assert_eq!(r.provider(), Provider::SignalWire);
        assert_eq!(r.call_sid.as_ref().unwrap(), SW_CALL);
        assert_eq!(r.recording_sid, SW_RECORDING);
        assert_eq!(r.recording_source, RecordingSource::DialVerb);
        assert_eq!(r.recording_duration.unwrap().get(), 47);
        assert_eq!(r.recording_start_time, None);
        assert_eq!(r.recording_track, None);
        assert_eq!(event.timestamp(), None);
    }

    recording_unknown_status: "voice/recording-unknown-status.txt" => |event| {
        let r = recording(&event);
        assert_eq!(r.recording_status, RecordingStatus::Other("transcoding".into()));
        assert_eq!(r.recording_status.as_str(), "transcoding");
    }

    unknown_conference_participant_whisper: "unknown/conference-participant-whisper.txt" => |event| {
        let Event::Unknown(e) = &event else { panic!("expected Unknown, got {event:?}") };
        assert_eq!(e.kind, "participant-whisper");
        assert_eq!(e.account_sid.as_ref().map(|s| s.as_str()), Some(ACCOUNT));
        assert_eq!(e.extra.get("Muted"), Some("false"));
        assert_eq!(e.extra.len(), 10);
        assert_eq!(event.kind(), None);
        assert_eq!(event.timestamp(), Some(Utc.with_ymd_and_hms(2010, 8, 16, 3, 45, 1).unwrap()));
    }

    phone_number_call_completed: "voice/phone-number-call-completed.txt" => |event| {
        let Event::PhoneNumberCallStatus(c) = &event else { panic!("{event:?}") };
        assert_eq!(event.kind(), Some(EventKind::PhoneNumberCallStatus));
        assert_eq!(c.call_status, CallStatus::Completed);
        assert_eq!(c.call_sid.as_str(), "b3877c40-da60-4998-90ad-b792e98472ca");
        assert_eq!(c.call_duration.map(|d| d.get()), Some(142));
        assert_eq!(c.audio_in_mos.as_ref().map(Decimal::as_f64), Some(4.5));
        assert_eq!(c.timestamp, Utc.with_ymd_and_hms(2024, 4, 4, 18, 32, 15).unwrap());
        assert_eq!(event.provider(), Provider::SignalWire);
        assert!(c.extra.is_empty());
    }
    phone_number_call_failed: "voice/phone-number-call-failed.txt" => |event| {
        let Event::PhoneNumberCallStatus(c) = &event else { panic!("{event:?}") };
        assert_eq!(c.call_status, CallStatus::Failed);
        assert_eq!(c.call_duration.map(|d| d.get()), Some(0));
        assert_eq!(c.audio_in_mos, None);
        assert_eq!(c.extra.get("AudioInMos"), Some(""));
    }

    // Real captured shapes (fixtures/SOURCES.md): each parses to its family, with the values
    // an independent decoder reads.
    real_composition_available_1: "video/real/composition-available-1.txt" => |event| {
        assert!(matches!(event, Event::Composition(_)), "{event:?}");
        same_as_wire(&event, "video/real/composition-available-1.txt");
    }
    real_composition_started_1: "video/real/composition-started-1.txt" => |event| {
        assert!(matches!(event, Event::Composition(_)), "{event:?}");
        same_as_wire(&event, "video/real/composition-started-1.txt");
    }
    real_participant_connected_1: "video/real/participant-connected-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/participant-connected-1.txt");
    }
    real_participant_connected_group_small_redacted_1: "video/real/participant-connected-group-small-redacted-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/participant-connected-group-small-redacted-1.txt");
    }
    real_participant_connected_json_identity_1: "video/real/participant-connected-json-identity-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/participant-connected-json-identity-1.txt");
    }
    real_participant_disconnected_querydict_1: "video/real/participant-disconnected-querydict-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/participant-disconnected-querydict-1.txt");
    }
    real_recording_completed_vp8_1: "video/real/recording-completed-vp8-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/recording-completed-vp8-1.txt");
    }
    real_room_created_json_roomname_1: "video/real/room-created-json-roomname-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/room-created-json-roomname-1.txt");
    }
    real_room_ended_group_json_roomname_1: "video/real/room-ended-group-json-roomname-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/room-ended-group-json-roomname-1.txt");
    }
    real_room_ended_group_small_1: "video/real/room-ended-group-small-1.txt" => |event| {
        assert!(matches!(event, Event::Room(_)), "{event:?}");
        same_as_wire(&event, "video/real/room-ended-group-small-1.txt");
    }
    real_signalwire_call_completed_1: "voice/real/signalwire-call-completed-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/signalwire-call-completed-1.txt");
    }
    real_signalwire_call_completed_2: "voice/real/signalwire-call-completed-2.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/signalwire-call-completed-2.txt");
    }
    real_twilio_call_busy_486_1: "voice/real/twilio-call-busy-486-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-busy-486-1.txt");
    }
    real_twilio_call_busy_487_docs_1: "voice/real/twilio-call-busy-487-docs-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-busy-487-docs-1.txt");
    }
    real_twilio_call_completed_amd_human_1: "voice/real/twilio-call-completed-amd-human-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-amd-human-1.txt");
    }
    real_twilio_call_completed_human_plus_spaces_1: "voice/real/twilio-call-completed-human-plus-spaces-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-human-plus-spaces-1.txt");
    }
    real_twilio_call_completed_inbound_1: "voice/real/twilio-call-completed-inbound-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-inbound-1.txt");
    }
    real_twilio_call_completed_inbound_2: "voice/real/twilio-call-completed-inbound-2.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-inbound-2.txt");
    }
    real_twilio_call_completed_inbound_intl_caller_1: "voice/real/twilio-call-completed-inbound-intl-caller-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-inbound-intl-caller-1.txt");
    }
    real_twilio_call_completed_india_1: "voice/real/twilio-call-completed-india-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-india-1.txt");
    }
    real_twilio_call_completed_machine_1: "voice/real/twilio-call-completed-machine-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-machine-1.txt");
    }
    real_twilio_call_completed_utf8_city_1: "voice/real/twilio-call-completed-utf8-city-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-completed-utf8-city-1.txt");
    }
    real_twilio_call_in_progress_outbound_dial_1: "voice/real/twilio-call-in-progress-outbound-dial-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-in-progress-outbound-dial-1.txt");
    }
    real_twilio_call_initiated_outbound_api_1: "voice/real/twilio-call-initiated-outbound-api-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-initiated-outbound-api-1.txt");
    }
    real_twilio_call_no_answer_client_487_1: "voice/real/twilio-call-no-answer-client-487-1.txt" => |event| {
        call(&event);
        same_as_wire(&event, "voice/real/twilio-call-no-answer-client-487-1.txt");
    }
    real_twilio_recording_completed_dialverb_dual_1: "voice/real/twilio-recording-completed-dialverb-dual-1.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-dialverb-dual-1.txt");
    }
    real_twilio_recording_completed_dialverb_external_storage_1: "voice/real/twilio-recording-completed-dialverb-external-storage-1.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-dialverb-external-storage-1.txt");
    }
    real_twilio_recording_completed_encrypted_docs_1: "voice/real/twilio-recording-completed-encrypted-docs-1.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-encrypted-docs-1.txt");
    }
    real_twilio_recording_completed_recordverb_1: "voice/real/twilio-recording-completed-recordverb-1.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-recordverb-1.txt");
    }
    real_twilio_recording_completed_recordverb_2: "voice/real/twilio-recording-completed-recordverb-2.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-recordverb-2.txt");
    }
    real_twilio_recording_completed_startcallrecordingapi_dual_1: "voice/real/twilio-recording-completed-startcallrecordingapi-dual-1.txt" => |event| {
        recording(&event);
        same_as_wire(&event, "voice/real/twilio-recording-completed-startcallrecordingapi-dual-1.txt");
    }
    real_messaging_twilio_delivered_1: "messaging/real/twilio-delivered-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-delivered-1.txt");
    }
    real_messaging_twilio_delivered_2: "messaging/real/twilio-delivered-2.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-delivered-2.txt");
    }
    real_messaging_twilio_delivered_messaging_service_body_1: "messaging/real/twilio-delivered-messaging-service-body-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-delivered-messaging-service-body-1.txt");
    }
    real_messaging_twilio_delivered_rawdlrdonedate_1: "messaging/real/twilio-delivered-rawdlrdonedate-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-delivered-rawdlrdonedate-1.txt");
    }
    real_messaging_twilio_delivered_whatsapp_1: "messaging/real/twilio-delivered-whatsapp-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-delivered-whatsapp-1.txt");
    }
    real_messaging_twilio_read_whatsapp_1: "messaging/real/twilio-read-whatsapp-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-read-whatsapp-1.txt");
    }
    real_messaging_twilio_read_whatsapp_2: "messaging/real/twilio-read-whatsapp-2.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-read-whatsapp-2.txt");
    }
    real_messaging_twilio_sent_1: "messaging/real/twilio-sent-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-1.txt");
    }
    real_messaging_twilio_sent_legacy_sms_api_1: "messaging/real/twilio-sent-legacy-sms-api-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-legacy-sms-api-1.txt");
    }
    real_messaging_twilio_sent_messaging_service_1: "messaging/real/twilio-sent-messaging-service-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-messaging-service-1.txt");
    }
    real_messaging_twilio_sent_mms_1: "messaging/real/twilio-sent-mms-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-mms-1.txt");
    }
    real_messaging_twilio_sent_whatsapp_1: "messaging/real/twilio-sent-whatsapp-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-whatsapp-1.txt");
    }
    real_messaging_twilio_sent_whatsapp_2: "messaging/real/twilio-sent-whatsapp-2.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-whatsapp-2.txt");
    }
    real_messaging_twilio_sent_whatsapp_structuredmessage_1: "messaging/real/twilio-sent-whatsapp-structuredmessage-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-sent-whatsapp-structuredmessage-1.txt");
    }
    real_messaging_twilio_undelivered_30003_messaging_service_1: "messaging/real/twilio-undelivered-30003-messaging-service-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-undelivered-30003-messaging-service-1.txt");
    }
    real_messaging_twilio_undelivered_30034_1: "messaging/real/twilio-undelivered-30034-1.txt" => |event| {
        same_as_wire(&event, "messaging/real/twilio-undelivered-30034-1.txt");
    }
    real_transcription_twilio_transcription_content_final_docs_1: "transcription/real/twilio-transcription-content-final-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-content-final-docs-1.txt");
    }
    real_transcription_twilio_transcription_content_partial_docs_1: "transcription/real/twilio-transcription-content-partial-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-content-partial-docs-1.txt");
    }
    real_transcription_twilio_transcription_content_provider_data_docs_1: "transcription/real/twilio-transcription-content-provider-data-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-content-provider-data-docs-1.txt");
    }
    real_transcription_twilio_transcription_error_docs_1: "transcription/real/twilio-transcription-error-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-error-docs-1.txt");
    }
    real_transcription_twilio_transcription_started_docs_1: "transcription/real/twilio-transcription-started-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-started-docs-1.txt");
    }
    real_transcription_twilio_transcription_stopped_docs_1: "transcription/real/twilio-transcription-stopped-docs-1.txt" => |event| {
        same_as_wire(&event, "transcription/real/twilio-transcription-stopped-docs-1.txt");
    }
    real_streams_twilio_stream_started_1: "streams/real/twilio-stream-started-1.txt" => |event| {
        same_as_wire(&event, "streams/real/twilio-stream-started-1.txt");
    }
    real_voice_twilio_amd_machine_start_1: "voice/real/twilio-amd-machine_start-1.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-amd-machine_start-1.txt");
    }
    real_voice_twilio_call_completed_amd_human_1: "voice/real/twilio-call-completed-amd-human-1.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-call-completed-amd-human-1.txt");
    }
    real_voice_twilio_record_transcription_completed_1: "voice/real/twilio-record-transcription-completed-1.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-record-transcription-completed-1.txt");
    }
    real_voice_twilio_record_transcription_completed_2: "voice/real/twilio-record-transcription-completed-2.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-record-transcription-completed-2.txt");
    }
    real_voice_twilio_record_transcription_completed_3: "voice/real/twilio-record-transcription-completed-3.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-record-transcription-completed-3.txt");
    }
    real_voice_twilio_record_transcription_failed_1: "voice/real/twilio-record-transcription-failed-1.txt" => |event| {
        same_as_wire(&event, "voice/real/twilio-record-transcription-failed-1.txt");
    }
}

/// Every fixture file has a test, and every test a fixture file.
#[test]
fn every_fixture_file_is_tested() {
    let on_disk: BTreeSet<String> = common::fixture_paths().into_iter().collect();
    let tested: BTreeSet<String> = FIXTURES.iter().map(|path| path.to_string()).collect();
    assert_eq!(on_disk, tested);
}

/// Every documented kind has a fixture named after it that parses to that kind.
#[test]
fn every_event_kind_has_a_fixture() {
    for kind in EventKind::all().iter().copied() {
        // A kind told by a value has a fixture named after it in its family's folder; a
        // family of one callback, the fixture named here.
        let directory = match kind.family() {
            Family::Room | Family::Composition => "video",
            Family::MediaProcessor | Family::PlayerStreamer => "live",
            Family::Conference | Family::ConferenceRecordEnd => "conference",
            Family::MediaStream => "streams",
            Family::Transcription => "transcription",
            Family::Siprec => "siprec",
            Family::MessageStatus => "messaging",
            _ => "voice",
        };
        let name = match (kind, kind.wire_value()) {
            (_, Some(value)) => value,
            (EventKind::CallStatus, None) => "call-completed",
            (EventKind::RecordingStatus, None) => "recording-completed",
            (EventKind::PhoneNumberCallStatus, None) => "phone-number-call-completed",
            (EventKind::ConferenceRecordEnd, None) => "conference-record-end",
            (EventKind::RecordTranscription, None) => "record-transcription-completed",
            (EventKind::MessageStatus, None) => "delivered",
            (EventKind::Amd, None) => "amd-human",
            (other, None) => panic!("no fixture named for {other:?}"),
        };
        let path = format!("{directory}/{name}.txt");
        assert!(FIXTURES.contains(&path.as_str()), "no fixture {path}");
        let event = parse(&fixture(&path)).unwrap();
        assert_eq!(event.kind(), Some(kind), "{path}");
        assert_eq!(event.kind_str(), kind.as_str());
    }
    // The alternative spellings the Live documentation gives are read as the same kinds.
    for alternate in ["player-streamer-ended", "player-streamer-failed"] {
        let kind = EventKind::from_wire("StatusCallbackEvent", alternate).unwrap();
        let event = parse(&fixture(&format!("live/{alternate}.txt"))).unwrap();
        assert_eq!(event.kind(), Some(kind));
        assert_eq!(event.kind_str(), alternate);
    }
}

/// Every documented call status has a fixture `voice/call-<status>.txt`.
#[test]
fn every_call_status_has_a_fixture() {
    for status in CallStatus::DOCUMENTED {
        let path = format!("voice/call-{status}.txt");
        let event = parse(&fixture(&path)).unwrap();
        assert_eq!(&call(&event).call_status, status, "{path}");
    }
}

/// Every status a recording callback documents has a fixture `voice/recording-<status>.txt`.
#[test]
fn every_recording_callback_status_has_a_fixture() {
    for status in [
        RecordingStatus::InProgress,
        RecordingStatus::Completed,
        RecordingStatus::Absent,
        RecordingStatus::Failed,
    ] {
        let path = format!("voice/recording-{status}.txt");
        let event = parse(&fixture(&path)).unwrap();
        assert_eq!(recording(&event).recording_status, status, "{path}");
    }
}
