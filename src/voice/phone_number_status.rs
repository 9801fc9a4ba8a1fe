//! SignalWire's phone-number-level "incoming call status callback".

use chrono::{DateTime, Utc};

use crate::declare::callback_family;
use crate::params::RawParams;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid};
use crate::value::{Decimal, Rfc2822, Seconds};
use crate::voice::CallStatus;
use crate::ParseError;
use crate::Text;

form_struct! {
    /// SignalWire's phone-number-level incoming call status callback (the "Status Change
    /// Webhook" of a phone number), not the status callback of a call.
    ///
    /// It fires for calls to the number, by default only when they end (`completed` or
    /// `failed`), and carries a strict subset of [`CallStatusCallback`](crate::voice::CallStatusCallback):
    /// no `ApiVersion`, `Direction`, `CallbackSource` or `SequenceNumber`. [`parse`](crate::parse)
    /// takes a `CallStatus` body without any of those four for this callback.
    ///
    /// <https://signalwire.com/docs/compatibility-api/rest/incoming-phone-numbers/webhooks/incoming-call-status-callback>
    pub struct PhoneNumberCallStatus {
        /// `AccountSid`: the SignalWire project (a UUID). Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `CallSid`: the call (a UUID). Always present.
        pub call_sid: CallSid = req("CallSid"),
        /// `CallStatus`: `completed` or `failed` (an open enum all the same). Always present.
        pub call_status: CallStatus = req("CallStatus"),
        /// `From`: the caller, E.164. Always present.
        pub from: Text = req("From"),
        /// `To`: the number called, E.164. Always present.
        pub to: Text = req("To"),
        /// `CallDuration`: how long the call lasted, in seconds (documented as a string holding
        /// a number, an integer in the call's own callback).
        pub call_duration: Option<Seconds> = opt("CallDuration"),
        /// `AudioInMos`: the mean opinion score of inbound audio, 1 to 5, as a decimal string.
        pub audio_in_mos: Option<Decimal> = opt("AudioInMos"),
        /// `Timestamp`: when the call was *created* (not when this event happened, unlike
        /// every other callback's `Timestamp`), RFC 2822. Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc2822),
        /// Parameters with no typed field, and the optional ones sent empty.
        pub extra: Extra = extra,
    }
}

callback_family! {
    pub struct PhoneNumberCallStatus;
    kind: "phone-number-call-status";
    family: "SignalWire phone number call status";
    told by "CallStatus" if is_phone_number_call_status;
    deduplicated by ["CallSid", "CallStatus"];
    timestamp is event time: false;
    timestamp: |event| Some(event.timestamp);
}

/// A `CallStatus` without any of the parameters only a call's own callback has.
fn is_phone_number_call_status(params: &RawParams<'_>) -> Result<bool, ParseError> {
    Ok(params.has("CallStatus")
        && !super::call_status::CALL_ONLY
            .iter()
            .any(|name| params.has(name)))
}
