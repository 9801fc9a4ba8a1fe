//! Asynchronous answering machine detection callbacks, from Twilio.
//!
//! Sent to the `AsyncAmdStatusCallback` of a call created with `MachineDetection` and
//! `AsyncAmd=true`, once detection has decided. Told by `AnsweredBy` with
//! `MachineDetectionDuration`, and none of a call status callback's `CallbackSource` or
//! `SequenceNumber` (a synchronous detection adds the same two parameters to the call's own
//! callbacks). The parameter list is not published in one table; the four below are what
//! handlers read.
//!
//! Vendor page: <https://www.twilio.com/docs/voice/answering-machine-detection>.

use crate::declare::callback_family;
use crate::params::{form_struct, Extra, RawParams};
use crate::sid::{AccountSid, CallSid};
use crate::value::Milliseconds;
use crate::voice::AnsweredBy;
use crate::ParseError;

form_struct! {
    /// An asynchronous answering machine detection callback.
    pub struct AmdCallback {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `CallSid`: the call. Always present.
        pub call_sid: CallSid = req("CallSid"),
        /// `AnsweredBy`: who answered (`human`, `machine_start`, `machine_end_beep`, ...,
        /// `unknown`, a normal outcome). Always present.
        pub answered_by: AnsweredBy = req("AnsweredBy"),
        /// `MachineDetectionDuration`: how long detection took, in milliseconds. Always
        /// present.
        pub machine_detection_duration: Milliseconds = req("MachineDetectionDuration"),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct AmdCallback;
    kind: "amd";
    family: "answering machine detection";
    told by "AnsweredBy" if is_amd;
    deduplicated by ["CallSid"];
    timestamp is event time: false;
    timestamp: |_| None;
}

/// `AnsweredBy` and `MachineDetectionDuration` without `CallbackSource` or `SequenceNumber`.
fn is_amd(params: &RawParams<'_>) -> Result<bool, ParseError> {
    Ok(params.has("AnsweredBy")
        && params.has("MachineDetectionDuration")
        && !params.has("CallbackSource")
        && !params.has("SequenceNumber"))
}
