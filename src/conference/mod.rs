//! Conference status callbacks, from Twilio and SignalWire.
//!
//! Both vendors send them to the `statusCallback` of a `<Conference>` (fixed by the first
//! participant to join) for the events it subscribes to. They carry `StatusCallbackEvent`, as
//! Video and Live callbacks do, with values of their own (`participant-join`, never Video's
//! `participant-connected`): matching is exact. Timestamps are RFC 2822.
//!
//! - [`ConferenceEvent`]: the 13 `StatusCallbackEvent` values (SignalWire sends 10 of them: no
//!   `participant-modify`, no `announcement-*`).
//! - [`ConferenceRecordEnd`]: the legacy `conference-record-end`, told by `EventName`, sent
//!   when the conference was recorded and no `recordingStatusCallback` was set.
//!
//! SignalWire adds its standard request parameters (`CallStatus`, `Direction`, `From`, `To`,
//! `ApiVersion`, ...) and `Duration`, and does not send `SequenceNumber`, `Coaching` or the
//! `conference-end` reasons: those fields are `Option`s here. A conference recording's own
//! callback is a [`RecordingStatusCallback`](crate::voice::RecordingStatusCallback) with a
//! `ConferenceSid`.
//!
//! Vendor pages:
//! - <https://www.twilio.com/docs/voice/twiml/conference#attributes-statuscallback-parameters>
//! - <https://signalwire.com/docs/compatibility-api/cxml/voice/conference>
//!
//! # Ordering and duplicates
//!
//! Callbacks may arrive out of order. `SequenceNumber` (Twilio) counts the conference's events;
//! `(ConferenceSid, SequenceNumber)` identifies one.

use chrono::{DateTime, Utc};

use crate::declare::{callback_family, event_family};
use crate::params::{form_struct, Extra, RawParams};
use crate::sid::{AccountSid, CallSid, ConferenceSid};
use crate::value::{open_enum, Flag, Rfc2822, Seconds};
use crate::voice::{CallStatus, Direction};
use crate::ParseError;
use crate::Text;

open_enum! {
    /// `ReasonConferenceEnded`: why the conference ended, on `conference-end`.
    pub enum ReasonConferenceEnded {
        /// Ended over the REST API.
        ConferenceEndedViaApi = "conference-ended-via-api",
        /// A participant with `endConferenceOnExit` left.
        ParticipantWithEndConferenceOnExitLeft = "participant-with-end-conference-on-exit-left",
        /// A participant with `endConferenceOnExit` was removed.
        ParticipantWithEndConferenceOnExitKicked = "participant-with-end-conference-on-exit-kicked",
        /// The last participant was removed.
        LastParticipantKicked = "last-participant-kicked",
        /// The last participant left.
        LastParticipantLeft = "last-participant-left",
    }
}

open_enum! {
    /// `ReasonParticipantLeft`: why a participant left, on `participant-leave` (since October
    /// 2023). Spelled in snake case, unlike every other conference value.
    pub enum ReasonParticipantLeft {
        /// The conference was ended over the REST API.
        ConferenceEndedViaApi = "conference_ended_via_api",
        /// A moderator ended the conference.
        ModeratorEndedConference = "moderator_ended_conference",
        /// The participant was updated (removed) over the REST API.
        ParticipantUpdatedViaApi = "participant_updated_via_api",
        /// The participant hung up.
        ParticipantHungUp = "participant_hung_up",
        /// Adding the participant failed.
        ParticipantAddFailed = "participant_add_failed",
    }
}

/// The parameters every conference event carries (implemented by `conference_event!`).
pub(crate) trait ConferenceShared {
    fn conference_sid(&self) -> &ConferenceSid;
    fn friendly_name(&self) -> &str;
    fn call_sid(&self) -> Option<&CallSid>;
}

/// Declares a conference event: the parameters every conference event carries, the
/// participant's when the event is about one (`with participant`), then the event's own.
macro_rules! conference_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
        $(with $participant:ident)?
    ) => {
        conference_event!(@declare [$($participant)?] $(#[doc = $doc])* pub struct $name {
            $($fields)*
        });

        impl ConferenceShared for $name {
            fn conference_sid(&self) -> &ConferenceSid {
                &self.conference_sid
            }

            fn friendly_name(&self) -> &str {
                &self.friendly_name
            }

            fn call_sid(&self) -> Option<&CallSid> {
                conference_event!(@call_sid self [$($participant)?])
            }
        }
    };
    (@call_sid $self:ident [participant]) => {
        Some(&$self.call_sid)
    };
    (@call_sid $self:ident []) => {
        $self.call_sid.as_ref()
    };
    (@declare [participant] $(#[doc = $doc:literal])* pub struct $name:ident {
        $($fields:tt)*
    }) => {
        conference_event!(@declare [] $(#[doc = $doc])* pub struct $name {
            /// `CallSid`: the participant's call. Always present.
            pub call_sid: CallSid = req("CallSid"),
            /// `Muted`: whether the participant is muted. Always present.
            pub muted: Flag = req("Muted"),
            /// `Hold`: whether the participant is on hold. Always present.
            pub hold: Flag = req("Hold"),
            /// `Coaching`: whether the participant is coaching (Twilio only).
            pub coaching: Option<Flag> = opt("Coaching"),
            /// `EndConferenceOnExit`: whether the conference ends when the participant leaves.
            /// Always present.
            pub end_conference_on_exit: Flag = req("EndConferenceOnExit"),
            /// `StartConferenceOnEnter`: whether the participant's joining starts the
            /// conference. Always present.
            pub start_conference_on_enter: Flag = req("StartConferenceOnEnter"),
            /// `ParticipantLabel`: the participant's label, when one was set (Twilio).
            pub participant_label: Option<Text> = opt("ParticipantLabel"),
            $($fields)*
        });
    };
    (@declare [] $(#[doc = $doc:literal])* pub struct $name:ident {
        $($fields:tt)*
    }) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account (a SignalWire project UUID). Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `ConferenceSid`: the conference (`CF...`, a UUID on SignalWire). Always
                /// present.
                pub conference_sid: ConferenceSid = req("ConferenceSid"),
                /// `FriendlyName`: the conference's name, from `<Conference>NAME</Conference>`.
                /// Always present.
                pub friendly_name: Text = req("FriendlyName"),
                $($fields)*
                /// `SequenceNumber`: the conference's count of events (Twilio; SignalWire does
                /// not document it).
                pub sequence_number: Option<u64> = opt("SequenceNumber"),
                /// `CallStatus`: the status of the call the callback concerns (SignalWire's
                /// standard request parameters).
                pub call_status: Option<CallStatus> = opt("CallStatus"),
                /// `Direction` (SignalWire).
                pub direction: Option<Direction> = opt("Direction"),
                /// `From` (SignalWire).
                pub from: Option<Text> = opt("From"),
                /// `To` (SignalWire).
                pub to: Option<Text> = opt("To"),
                /// `ApiVersion` (SignalWire).
                pub api_version: Option<Text> = opt("ApiVersion"),
                /// `ParentCallSid` (SignalWire).
                pub parent_call_sid: Option<CallSid> = opt("ParentCallSid"),
                /// `Duration`: how long the conference has lasted, in seconds (SignalWire).
                pub duration: Option<Seconds> = opt("Duration"),
                /// `Timestamp`: when the event happened, RFC 2822. Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc2822),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }
    };
}

conference_event! {
    /// `conference-start`: audio mixing began (at least two participants, one of them with
    /// `startConferenceOnEnter`).
    pub struct ConferenceStart {
        /// `CallSid`: sent by SignalWire with its standard parameters.
        pub call_sid: Option<CallSid> = opt("CallSid"),
    }
}

conference_event! {
    /// `conference-end`: the last participant left, or one with `endConferenceOnExit` did.
    pub struct ConferenceEnd {
        /// `CallSid`: sent by SignalWire with its standard parameters.
        pub call_sid: Option<CallSid> = opt("CallSid"),
        /// `CallSidEndingConference`: the call whose leaving ended the conference, if one did
        /// (Twilio).
        pub call_sid_ending_conference: Option<CallSid> = opt("CallSidEndingConference"),
        /// `ParticipantLabelEndingConference`: that participant's label, if it had one
        /// (Twilio).
        pub participant_label_ending_conference: Option<Text> =
            opt("ParticipantLabelEndingConference"),
        /// `ReasonConferenceEnded`: why it ended (Twilio; documented as sent, yet optional
        /// here as other typed models learnt).
        pub reason_conference_ended: Option<ReasonConferenceEnded> = opt("ReasonConferenceEnded"),
        /// `Reason`: the same in words (Twilio).
        pub reason: Option<Text> = opt("Reason"),
    }
}

conference_event! {
    /// `participant-join`: a participant joined.
    pub struct ParticipantJoin {}
    with participant
}

conference_event! {
    /// `participant-leave`: a participant left.
    pub struct ParticipantLeave {
        /// `ParticipantCallStatus`: the status of the participant's call (Twilio, since
        /// October 2023).
        pub participant_call_status: Option<CallStatus> = opt("ParticipantCallStatus"),
        /// `ReasonParticipantLeft`: why the participant left (Twilio, since October 2023).
        pub reason_participant_left: Option<ReasonParticipantLeft> = opt("ReasonParticipantLeft"),
    }
    with participant
}

conference_event! {
    /// `participant-mute`: a participant was muted.
    pub struct ParticipantMute {}
    with participant
}

conference_event! {
    /// `participant-unmute`: a participant was unmuted.
    pub struct ParticipantUnmute {}
    with participant
}

conference_event! {
    /// `participant-hold`: a participant was put on hold.
    pub struct ParticipantHold {}
    with participant
}

conference_event! {
    /// `participant-unhold`: a participant was taken off hold.
    pub struct ParticipantUnhold {}
    with participant
}

conference_event! {
    /// `participant-modify`: one of a participant's `BeepOnExit`, `EndConferenceOnExit`,
    /// `Coaching` or `WaitUrl` changed (Twilio). Only `EndConferenceOnExit` and `Coaching` are
    /// echoed, so some changes arrive with nothing visibly different.
    pub struct ParticipantModify {}
    with participant
}

conference_event! {
    /// `participant-speech-start`: a participant started speaking.
    pub struct ParticipantSpeechStart {}
    with participant
}

conference_event! {
    /// `participant-speech-stop`: a participant stopped speaking.
    pub struct ParticipantSpeechStop {}
    with participant
}

conference_event! {
    /// `announcement-end`: an announcement to the conference or to a participant ended
    /// (Twilio). The participant's parameters come only with a participant announcement.
    pub struct AnnouncementEnd {
        /// `CallSid`: the participant announced to, for a participant announcement.
        pub call_sid: Option<CallSid> = opt("CallSid"),
        /// `AnnounceUrl`: the announcement's URL.
        pub announce_url: Option<Text> = opt("AnnounceUrl"),
        /// `ReasonAnnouncementFailed`: empty or absent when it did not fail.
        pub reason_announcement_failed: Option<Text> = opt("ReasonAnnouncementFailed"),
    }
}

conference_event! {
    /// `announcement-fail`: an announcement failed, on an internal error (Twilio).
    pub struct AnnouncementFail {
        /// `CallSid`: the participant announced to, for a participant announcement.
        pub call_sid: Option<CallSid> = opt("CallSid"),
        /// `AnnounceUrl`: the announcement's URL.
        pub announce_url: Option<Text> = opt("AnnounceUrl"),
        /// `ReasonAnnouncementFailed`: why it failed.
        pub reason_announcement_failed: Option<Text> = opt("ReasonAnnouncementFailed"),
    }
}

event_family! {
    /// A conference event: everything sent to a conference's `statusCallback`.
    ///
    /// ```
    /// use status_callbacks::conference::ConferenceEvent;
    ///
    /// let body = b"StatusCallbackEvent=participant-join&AccountSid=AC00000000000000000000000000000000\
    ///     &ConferenceSid=CF00000000000000000000000000000000&FriendlyName=standup\
    ///     &CallSid=CA00000000000000000000000000000000&Muted=false&Hold=false&Coaching=false\
    ///     &EndConferenceOnExit=false&StartConferenceOnEnter=true&SequenceNumber=3\
    ///     &Timestamp=Thu%2C%2001%20Jun%202017%2020%3A48%3A32%20%2B0000";
    /// let event = ConferenceEvent::from_form(body)?;
    /// assert_eq!(event.friendly_name(), "standup");
    /// assert!(event.call_sid().is_some());
    /// # Ok::<(), status_callbacks::ParseError>(())
    /// ```
    pub enum ConferenceEvent;
    /// The kinds of [`ConferenceEvent`]: values of `StatusCallbackEvent`.
    pub enum ConferenceKind;
    family: "conference";
    told by "StatusCallbackEvent";
    deduplicated by ["ConferenceSid", "SequenceNumber", "StatusCallbackEvent", "CallSid", "Timestamp"];
    shared: ConferenceShared;
    events {
        /// `conference-start`: audio mixing began.
        "conference-start" => ConferenceStart,
        /// `conference-end`: the conference ended.
        "conference-end" => ConferenceEnd,
        /// `participant-join`: a participant joined.
        "participant-join" => ParticipantJoin,
        /// `participant-leave`: a participant left.
        "participant-leave" => ParticipantLeave,
        /// `participant-mute`: a participant was muted.
        "participant-mute" => ParticipantMute,
        /// `participant-unmute`: a participant was unmuted.
        "participant-unmute" => ParticipantUnmute,
        /// `participant-hold`: a participant was put on hold.
        "participant-hold" => ParticipantHold,
        /// `participant-unhold`: a participant was taken off hold.
        "participant-unhold" => ParticipantUnhold,
        /// `participant-modify`: a participant's settings changed (Twilio).
        "participant-modify" => ParticipantModify,
        /// `participant-speech-start`: a participant started speaking.
        "participant-speech-start" => ParticipantSpeechStart,
        /// `participant-speech-stop`: a participant stopped speaking.
        "participant-speech-stop" => ParticipantSpeechStop,
        /// `announcement-end`: an announcement ended (Twilio).
        "announcement-end" => AnnouncementEnd,
        /// `announcement-fail`: an announcement failed (Twilio).
        "announcement-fail" => AnnouncementFail,
    }
}

impl ConferenceEvent {
    /// `ConferenceSid`, on every conference event.
    pub fn conference_sid(&self) -> &ConferenceSid {
        self.shared().conference_sid()
    }

    /// `FriendlyName`, on every conference event.
    pub fn friendly_name(&self) -> &str {
        self.shared().friendly_name()
    }

    /// `CallSid`: the participant's call on participant events (and on SignalWire's others).
    pub fn call_sid(&self) -> Option<&CallSid> {
        self.shared().call_sid()
    }
}

form_struct! {
    /// `conference-record-end` (legacy): the recording of a conference is ready, told by
    /// `EventName` rather than `StatusCallbackEvent`. Deprecated; Twilio does not send it when
    /// a `recordingStatusCallback` is set.
    pub struct ConferenceRecordEnd {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `ConferenceSid`: the conference. Always present.
        pub conference_sid: ConferenceSid = req("ConferenceSid"),
        /// `EventName`: `conference-record-end`. Always present.
        pub event_name: Text = req("EventName"),
        /// `FriendlyName`: the conference's name.
        pub friendly_name: Option<Text> = opt("FriendlyName"),
        /// `RecordingUrl`: the recording's URL.
        pub recording_url: Option<Text> = opt("RecordingUrl"),
        /// `Duration`: the recording's length (unit not stated; seconds, as the example
        /// suggests).
        pub duration: Option<Seconds> = opt("Duration"),
        /// `RecordingFileSize`: the recording's size (bytes, as the example suggests).
        pub recording_file_size: Option<u64> = opt("RecordingFileSize"),
        /// `SequenceNumber`, when sent.
        pub sequence_number: Option<u64> = opt("SequenceNumber"),
        /// `Timestamp`: when it was sent, RFC 2822, when present.
        pub timestamp: Option<DateTime<Utc>> = opt("Timestamp", Rfc2822),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct ConferenceRecordEnd;
    kind: "conference-record-end";
    family: "conference recording (legacy)";
    told by "EventName" if is_conference_record_end;
    deduplicated by ["ConferenceSid", "EventName", "RecordingUrl"];
    timestamp is event time: true;
    timestamp: |event| event.timestamp;
}

/// `EventName=conference-record-end` with a `ConferenceSid`.
fn is_conference_record_end(params: &RawParams<'_>) -> Result<bool, ParseError> {
    Ok(
        params.discriminator("EventName")? == Some("conference-record-end")
            && params.has("ConferenceSid"),
    )
}
