//! Voice recording status callbacks (`RecordingStatus`).

use chrono::{DateTime, Utc};

use crate::declare::callback_family;
use crate::params::RawParams;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid, ConferenceSid, RecordingSid};
use crate::value::{open_enum, Rfc2822, Seconds};
use crate::ParseError;
use crate::Text;

open_enum! {
    /// `RecordingStatus`: the status of the recording.
    pub enum RecordingStatus {
        /// Recording has begun.
        InProgress = "in-progress",
        /// The file is available.
        Completed = "completed",
        /// The recording was too short or silent: no audio (`ErrorCode` 16101 or 16102 on
        /// Twilio).
        Absent = "absent",
        /// The recording failed (Twilio, with Voice Recording Encryption).
        Failed = "failed",
        /// A conference participant's recording started (Twilio).
        Started = "started",
        /// A conference participant's recording paused (Twilio).
        Paused = "paused",
        /// A conference participant's recording resumed (Twilio).
        Resumed = "resumed",
        /// A conference participant's recording stopped (Twilio).
        Stopped = "stopped",
    }
}

open_enum! {
    /// `RecordingSource`: what started the recording.
    pub enum RecordingSource {
        /// `<Dial record>`.
        DialVerb = "DialVerb",
        /// A conference recording.
        Conference = "Conference",
        /// `Record=true` on a call made over the REST API.
        OutboundApi = "OutboundAPI",
        /// Elastic SIP Trunking.
        Trunking = "Trunking",
        /// `<Record>`.
        RecordVerb = "RecordVerb",
        /// The Call Recordings REST API.
        StartCallRecordingApi = "StartCallRecordingAPI",
        /// The Conference Recordings REST API.
        StartConferenceRecordingApi = "StartConferenceRecordingAPI",
        /// `<Start><Recording>` (seen on Twilio, not in its API definitions).
        StartCallRecordingTwiml = "StartCallRecordingTwiML",
    }
}

open_enum! {
    /// `RecordingTrack`: which audio the recording holds (Twilio).
    pub enum RecordingTrack {
        /// The audio received by Twilio.
        Inbound = "inbound",
        /// The audio sent by Twilio.
        Outbound = "outbound",
        /// Both directions.
        Both = "both",
    }
}

form_struct! {
    /// A voice recording status callback, from Twilio or SignalWire.
    ///
    /// Parameters both vendors always send are plain fields; everything else is an `Option`,
    /// `None` when absent or empty.
    pub struct RecordingStatusCallback {
        /// `AccountSid`: the Twilio account, or the SignalWire project (a UUID). Always
        /// present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `CallSid`: the recorded call (for `<Start><Recording>`, the parent leg). Present
        /// on call recordings; a conference recording may carry `conference_sid` instead.
        pub call_sid: Option<CallSid> = opt("CallSid"),
        /// `ConferenceSid`: the recorded conference, on conference recordings (Twilio).
        pub conference_sid: Option<ConferenceSid> = opt("ConferenceSid"),
        /// `RecordingSid`: the recording (a UUID on SignalWire). Always present.
        pub recording_sid: RecordingSid = req("RecordingSid"),
        /// `RecordingUrl`: the recording's URL, without a file extension on Twilio (append
        /// `.mp3` or `.wav`). Always present.
        pub recording_url: Text = req("RecordingUrl"),
        /// `RecordingStatus`: the recording's status. Always present.
        pub recording_status: RecordingStatus = req("RecordingStatus"),
        /// `RecordingDuration`: the recording's length in seconds. Twilio sends it only when
        /// the status is `completed`; SignalWire documents it always.
        pub recording_duration: Option<Seconds> = opt("RecordingDuration"),
        /// `RecordingChannels`: 1 or 2 (conference recordings: 1). Always present.
        pub recording_channels: u32 = req("RecordingChannels"),
        /// `RecordingStartTime`: when the recording started (sent as RFC 2822, Twilio).
        pub recording_start_time: Option<DateTime<Utc>> = opt("RecordingStartTime", Rfc2822),
        /// `RecordingSource`: what started the recording. Always present.
        pub recording_source: RecordingSource = req("RecordingSource"),
        /// `RecordingTrack`: `inbound`, `outbound` or `both` (Twilio).
        pub recording_track: Option<RecordingTrack> = opt("RecordingTrack"),
        /// `ErrorCode`: `0` on success; `16101` too short, `16102` silent (Twilio).
        pub error_code: Option<u32> = opt("ErrorCode"),
        /// Parameters with no typed field, and the optional ones sent empty.
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct RecordingStatusCallback;
    kind: "recording-status";
    family: "voice recording status";
    told by "RecordingStatus" if is_recording_status;
    deduplicated by ["RecordingSid", "RecordingStatus"];
    timestamp is event time: false;
    timestamp: |event| event.recording_start_time;
}

/// A `RecordingStatus` that is not empty.
fn is_recording_status(params: &RawParams<'_>) -> Result<bool, ParseError> {
    Ok(params.has("RecordingStatus"))
}
