//! `<Record>` transcription callbacks (`TranscriptionStatus`), from Twilio and SignalWire.
//!
//! Sent to the `transcribeCallback` of `<Record transcribe="true">` when the transcription of
//! the recording is done or has failed. Twilio adds its standard voice request parameters
//! (`CallStatus`, `From`, `To`, ...), which is why a body with `CallStatus` is first checked
//! for `TranscriptionStatus`. No timestamp.
//!
//! Vendor pages:
//! - <https://www.twilio.com/docs/voice/twiml/record#transcribecallback>
//! - <https://signalwire.com/docs/compatibility-api/cxml/voice/record>

use crate::declare::callback_family;
use crate::params::{form_struct, Extra, RawParams};
use crate::sid::{AccountSid, CallSid, RecordingSid, TranscriptionSid};
use crate::value::open_enum;
use crate::voice::{CallStatus, Direction};
use crate::ParseError;
use crate::Text;

open_enum! {
    /// `TranscriptionStatus`: how the transcription ended.
    pub enum TranscriptionStatus {
        /// The text is ready.
        Completed = "completed",
        /// The transcription failed.
        Failed = "failed",
        /// Still running (a REST value).
        InProgress = "in-progress",
    }
}

form_struct! {
    /// A `<Record>` transcription callback.
    pub struct RecordTranscriptionCallback {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `TranscriptionSid`: the transcription (`TR...`, a UUID on SignalWire). Always
        /// present.
        pub transcription_sid: TranscriptionSid = req("TranscriptionSid"),
        /// `TranscriptionStatus`: `completed` or `failed`. Always present.
        pub transcription_status: TranscriptionStatus = req("TranscriptionStatus"),
        /// `TranscriptionText`: the text, when completed.
        pub transcription_text: Option<Text> = opt("TranscriptionText"),
        /// `TranscriptionUrl`: the transcription's REST resource.
        pub transcription_url: Option<Text> = opt("TranscriptionUrl"),
        /// `TranscriptionType`: `fast` (seen, not documented).
        pub transcription_type: Option<Text> = opt("TranscriptionType"),
        /// `RecordingSid`: the recording transcribed.
        pub recording_sid: Option<RecordingSid> = opt("RecordingSid"),
        /// `RecordingUrl`: the recording's URL.
        pub recording_url: Option<Text> = opt("RecordingUrl"),
        /// `CallSid`: the call (Twilio's standard parameters).
        pub call_sid: Option<CallSid> = opt("CallSid"),
        /// `CallStatus` (Twilio's standard parameters).
        pub call_status: Option<CallStatus> = opt("CallStatus"),
        /// `From` (Twilio's standard parameters).
        pub from: Option<Text> = opt("From"),
        /// `To` (Twilio's standard parameters).
        pub to: Option<Text> = opt("To"),
        /// `Direction` (Twilio's standard parameters).
        pub direction: Option<Direction> = opt("Direction"),
        /// `ApiVersion` (Twilio's standard parameters).
        pub api_version: Option<Text> = opt("ApiVersion"),
        /// Parameters with no typed field (`Called`, `Caller`, geographic fields, ...).
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct RecordTranscriptionCallback;
    kind: "record-transcription";
    family: "<Record> transcription";
    told by "TranscriptionStatus" if is_record_transcription;
    deduplicated by ["TranscriptionSid", "TranscriptionStatus"];
    timestamp is event time: false;
    timestamp: |_| None;
}

/// `TranscriptionStatus`, or a `TranscriptionSid` with `TranscriptionText` (a body with
/// `TranscriptionEvent` is a real-time transcription, tried before).
fn is_record_transcription(params: &RawParams<'_>) -> Result<bool, ParseError> {
    Ok(params.has("TranscriptionStatus")
        || (params.has("TranscriptionSid") && params.has("TranscriptionText")))
}
