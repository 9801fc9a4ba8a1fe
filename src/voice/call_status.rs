//! Voice call status callbacks (`CallStatus`).

use chrono::{DateTime, Utc};

use crate::declare::callback_family;
use crate::params::RawParams;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid, RecordingSid};
use crate::value::{open_enum, Decimal, Minutes, Rfc2822, Seconds};
use crate::ParseError;
use crate::Text;

open_enum! {
    /// `CallStatus`: the status of the call when the callback was sent.
    ///
    /// A subscription to `answered` arrives as `in-progress`; the `completed` callback is sent
    /// whatever the final status (`completed`, `busy`, `failed`, `no-answer`, `canceled`).
    pub enum CallStatus {
        /// Ready and waiting to be dialled.
        Queued = "queued",
        /// Dialling has begun.
        Initiated = "initiated",
        /// The call is ringing.
        Ringing = "ringing",
        /// The call was answered and is in progress.
        InProgress = "in-progress",
        /// The call was answered and ended normally.
        Completed = "completed",
        /// The callee was busy.
        Busy = "busy",
        /// The call could not be completed (for example, the number does not exist).
        Failed = "failed",
        /// The call ended without an answer.
        NoAnswer = "no-answer",
        /// The call was canceled over the REST API while queued or ringing.
        Canceled = "canceled",
    }
}

impl CallStatus {
    /// Whether the call is over: `completed`, `busy`, `failed`, `no-answer` or `canceled`. No
    /// status callback of the call follows a final one (but a late, out-of-order earlier one
    /// may still arrive: see [`CallStatusCallback::precedes`]).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            CallStatus::Completed
                | CallStatus::Busy
                | CallStatus::Failed
                | CallStatus::NoAnswer
                | CallStatus::Canceled
        )
    }
}

impl CallStatusCallback {
    /// Whether this callback was fired before `other`, by `SequenceNumber`, when both are
    /// about the same call and carry one; `None` otherwise (SignalWire's often lack it).
    /// Callbacks are fired in order but may arrive out of order: keep the latest by this, not
    /// by arrival.
    pub fn precedes(&self, other: &CallStatusCallback) -> Option<bool> {
        if self.call_sid != other.call_sid {
            return None;
        }
        Some(self.sequence_number? < other.sequence_number?)
    }
}

open_enum! {
    /// `Direction`: how the call came about.
    pub enum Direction {
        /// An incoming call.
        Inbound = "inbound",
        /// A call made over the REST API.
        OutboundApi = "outbound-api",
        /// A call made by `<Dial>`.
        OutboundDial = "outbound-dial",
        /// Elastic SIP Trunking, terminating (Twilio only).
        TrunkingTerminating = "trunking-terminating",
        /// Elastic SIP Trunking, originating (Twilio only).
        TrunkingOriginating = "trunking-originating",
    }
}

open_enum! {
    /// `AnsweredBy`: who answered, with answering machine detection (Twilio).
    pub enum AnsweredBy {
        /// A person.
        Human = "human",
        /// A machine; the greeting had just started.
        MachineStart = "machine_start",
        /// A machine; its greeting ended with a beep.
        MachineEndBeep = "machine_end_beep",
        /// A machine; its greeting ended with silence.
        MachineEndSilence = "machine_end_silence",
        /// A machine; its greeting ended otherwise.
        MachineEndOther = "machine_end_other",
        /// A fax machine.
        Fax = "fax",
        /// Detection could not tell.
        Unknown = "unknown",
    }
}

form_struct! {
    /// A voice call status callback, from Twilio or SignalWire.
    ///
    /// Parameters both vendors always send are plain fields; everything else is an `Option`,
    /// `None` when absent or empty (Twilio sends many geographic fields empty).
    pub struct CallStatusCallback {
        /// `AccountSid`: the Twilio account, or the SignalWire project (a UUID). Always
        /// present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `CallSid`: the call (a UUID on SignalWire). Always present.
        pub call_sid: CallSid = req("CallSid"),
        /// `ParentCallSid`: the call that created this one. Present on child legs only.
        pub parent_call_sid: Option<CallSid> = opt("ParentCallSid"),
        /// `CallStatus`: the call's status. Always present.
        pub call_status: CallStatus = req("CallStatus"),
        /// `Direction`: how the call came about. Always present.
        pub direction: Direction = req("Direction"),
        /// `ApiVersion`: the API version of the call, e.g. `2010-04-01`. Always present.
        pub api_version: Text = req("ApiVersion"),
        /// `From`: the caller: an E.164 number (`+14155550100`), `client:name`, a SIP URI, or
        /// `anonymous` when caller ID is withheld. Always present.
        pub from: Text = req("From"),
        /// `To`: the callee, in the same forms as `from`. Always present.
        pub to: Text = req("To"),
        /// `Caller`: the same as `from` (a legacy alias, Twilio).
        pub caller: Option<Text> = opt("Caller"),
        /// `Called`: the same as `to` (a legacy alias, Twilio).
        pub called: Option<Text> = opt("Called"),
        /// `ForwardedFrom`: the number the call was forwarded from, when the carrier passes it.
        pub forwarded_from: Option<Text> = opt("ForwardedFrom"),
        /// `CallerName`: the caller's name, with caller ID lookup enabled.
        pub caller_name: Option<Text> = opt("CallerName"),
        /// `CallToken`: a token to forward the caller ID of some incoming calls (Twilio).
        pub call_token: Option<Text> = opt("CallToken"),
        /// `FromCity`: the caller's city, best effort (Twilio).
        pub from_city: Option<Text> = opt("FromCity"),
        /// `FromState`: the caller's state or province, best effort (Twilio).
        pub from_state: Option<Text> = opt("FromState"),
        /// `FromZip`: the caller's postal code, best effort (Twilio).
        pub from_zip: Option<Text> = opt("FromZip"),
        /// `FromCountry`: the caller's country, best effort (Twilio).
        pub from_country: Option<Text> = opt("FromCountry"),
        /// `ToCity`: the callee's city, best effort (Twilio).
        pub to_city: Option<Text> = opt("ToCity"),
        /// `ToState`: the callee's state or province, best effort (Twilio).
        pub to_state: Option<Text> = opt("ToState"),
        /// `ToZip`: the callee's postal code, best effort (Twilio).
        pub to_zip: Option<Text> = opt("ToZip"),
        /// `ToCountry`: the callee's country, best effort (Twilio).
        pub to_country: Option<Text> = opt("ToCountry"),
        /// `CallerCity`: the same as `from_city` (legacy, Twilio).
        pub caller_city: Option<Text> = opt("CallerCity"),
        /// `CallerState`: the same as `from_state` (legacy, Twilio).
        pub caller_state: Option<Text> = opt("CallerState"),
        /// `CallerZip`: the same as `from_zip` (legacy, Twilio).
        pub caller_zip: Option<Text> = opt("CallerZip"),
        /// `CallerCountry`: the same as `from_country` (legacy, Twilio).
        pub caller_country: Option<Text> = opt("CallerCountry"),
        /// `CalledCity`: the same as `to_city` (legacy, Twilio).
        pub called_city: Option<Text> = opt("CalledCity"),
        /// `CalledState`: the same as `to_state` (legacy, Twilio).
        pub called_state: Option<Text> = opt("CalledState"),
        /// `CalledZip`: the same as `to_zip` (legacy, Twilio).
        pub called_zip: Option<Text> = opt("CalledZip"),
        /// `CalledCountry`: the same as `to_country` (legacy, Twilio).
        pub called_country: Option<Text> = opt("CalledCountry"),
        /// `StirVerstat`: the SHAKEN/STIR verification result of an incoming call, e.g.
        /// `TN-Validation-Passed-A` (Twilio).
        pub stir_verstat: Option<Text> = opt("StirVerstat"),
        /// `AnsweredBy`: who answered, with answering machine detection (Twilio).
        pub answered_by: Option<AnsweredBy> = opt("AnsweredBy"),
        /// `CallDuration`: how long the call lasted, in seconds. On `completed` only.
        pub call_duration: Option<Seconds> = opt("CallDuration"),
        /// `Duration`: the billed length of the call in whole minutes, rounded up. On
        /// `completed` only (Twilio).
        pub duration: Option<Minutes> = opt("Duration"),
        /// `RecordingUrl`: the call's recording, when recording was requested. The file may
        /// not be ready yet (wait for the recording status callback).
        pub recording_url: Option<Text> = opt("RecordingUrl"),
        /// `RecordingSid`: the call's recording, when recording was requested.
        pub recording_sid: Option<RecordingSid> = opt("RecordingSid"),
        /// `RecordingDuration`: the recording's length in seconds, when recording was
        /// requested.
        pub recording_duration: Option<Seconds> = opt("RecordingDuration"),
        /// `SipResponseCode`: the final SIP response code, e.g. `487` (Twilio).
        pub sip_response_code: Option<u16> = opt("SipResponseCode"),
        /// `SipResultCode`: the SIP response code to the INVITE (SignalWire; sent as text,
        /// always a number).
        pub sip_result_code: Option<u16> = opt("SipResultCode"),
        /// `SipInviteResultPhrase`: a description of the INVITE's result (SignalWire).
        pub sip_invite_result_phrase: Option<Text> = opt("SipInviteResultPhrase"),
        /// `AudioInAveragePtime`: the average time between inbound packets, in milliseconds
        /// (SignalWire, always sent there). Documented as an integer, but real callbacks send
        /// decimals (`20.02`), so it is a [`Decimal`] that keeps the value as sent.
        pub audio_in_average_ptime: Option<Decimal> = opt("AudioInAveragePtime"),
        /// `AudioInDtmfPacketCount`: DTMF packets in the inbound stream (SignalWire).
        pub audio_in_dtmf_packet_count: Option<u64> = opt("AudioInDtmfPacketCount"),
        /// `AudioInFlushPacketCount`: inbound packets dropped from the jitter buffer on
        /// overflow or underflow (SignalWire).
        pub audio_in_flush_packet_count: Option<u64> = opt("AudioInFlushPacketCount"),
        /// `AudioInJitterMaxVariance`: the largest jitter variance of inbound audio packets
        /// (SignalWire). Documented as an integer; real callbacks send decimals (`73.41`).
        pub audio_in_jitter_max_variance: Option<Decimal> = opt("AudioInJitterMaxVariance"),
        /// `AudioInJitterMinVariance`: the smallest jitter variance of inbound audio packets
        /// (SignalWire). Documented as an integer; real callbacks send decimals (`0.41`).
        pub audio_in_jitter_min_variance: Option<Decimal> = opt("AudioInJitterMinVariance"),
        /// `AudioInLargestJbSize`: the largest jitter buffer size for inbound audio
        /// (SignalWire). Documented as an integer and seen as one, but a [`Decimal`] like its
        /// sibling measurements, so that a fractional value is kept rather than refused.
        pub audio_in_largest_jb_size: Option<Decimal> = opt("AudioInLargestJbSize"),
        /// `AudioInMos`: the mean opinion score of inbound audio, 1 to 5, sent as a decimal
        /// string (SignalWire).
        pub audio_in_mos: Option<Decimal> = opt("AudioInMos"),
        /// `AudioInMediaPacketCount`: audio packets received (SignalWire).
        pub audio_in_media_packet_count: Option<u64> = opt("AudioInMediaPacketCount"),
        /// `AudioInSkipPacketCount`: inbound packets not received in time, i.e. lost
        /// (SignalWire).
        pub audio_in_skip_packet_count: Option<u64> = opt("AudioInSkipPacketCount"),
        /// `AudioOutDtmfPacketCount`: DTMF packets sent (SignalWire).
        pub audio_out_dtmf_packet_count: Option<u64> = opt("AudioOutDtmfPacketCount"),
        /// `AudioOutMediaPacketCount`: audio packets sent (SignalWire).
        pub audio_out_media_packet_count: Option<u64> = opt("AudioOutMediaPacketCount"),
        /// `AudioOutLost`: outbound audio packets lost (SignalWire; sent by real callbacks,
        /// documented nowhere).
        pub audio_out_lost: Option<u64> = opt("AudioOutLost"),
        /// `HangupDirection`: which side ended the call, e.g. `outbound` (SignalWire; named in
        /// its cXML overview, not in its parameter reference; seen in real callbacks).
        pub hangup_direction: Option<Text> = opt("HangupDirection"),
        /// `HangupBy`: the number that ended the call (SignalWire; as `hangup_direction`).
        pub hangup_by: Option<Text> = opt("HangupBy"),
        /// `SipCallId`: the SIP Call-ID of the call, equal to `CallSid` in the callbacks seen
        /// (SignalWire; documented nowhere).
        pub sip_call_id: Option<Text> = opt("SipCallId"),
        /// `CallbackSource`: what sent the callback; `call-progress-events` on status
        /// callbacks. Always present.
        pub callback_source: Text = req("CallbackSource"),
        /// `SequenceNumber`: the order the callbacks of this call were fired in, from 0
        /// (they may arrive in another order). Twilio always sends it; SignalWire documents it
        /// as always sent, but real SignalWire callbacks omit it, so it is optional.
        pub sequence_number: Option<u64> = opt("SequenceNumber"),
        /// `Timestamp`: when the event happened (sent as RFC 2822). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc2822),
        /// Parameters with no typed field, and the optional ones sent empty.
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct CallStatusCallback;
    kind: "call-status";
    family: "voice call status";
    told by "CallStatus" if is_call_status;
    deduplicated by ["CallSid", "CallStatus", "SequenceNumber"];
    timestamp is event time: true;
    timestamp: |event| Some(event.timestamp);
}

/// Parameters of a call's own status callback that SignalWire's phone-number-level callback
/// never has.
pub(crate) const CALL_ONLY: [&str; 4] = [
    "ApiVersion",
    "Direction",
    "CallbackSource",
    "SequenceNumber",
];

/// Parameters every call status callback has (one suffices, so that a callback missing one is
/// still typed or kept) and no other voice webhook has.
const STATUS_ONLY: [&str; 3] = ["CallbackSource", "SequenceNumber", "Timestamp"];

/// A `CallStatus` with at least one of [`CALL_ONLY`]; a body with none of [`STATUS_ONLY`] is
/// another voice webhook (a `<Dial>` action, an incoming call, ...) and an error that says so.
fn is_call_status(params: &RawParams<'_>) -> Result<bool, ParseError> {
    if !params.has("CallStatus") || !CALL_ONLY.iter().any(|name| params.has(name)) {
        return Ok(false);
    }
    if !STATUS_ONLY.iter().any(|name| params.has(name)) {
        if let Some(err) = crate::event::other_webhook(params) {
            return Err(err);
        }
    }
    Ok(true)
}
