//! SIPREC status callbacks (`SiprecEvent`), from Twilio.
//!
//! Sent to the `statusCallback` of `<Start><Siprec>` (or of a SIPREC session created over
//! REST) when the session starts, stops or fails, with Twilio's standard voice request
//! parameters. The `Timestamp` format is not documented: RFC 3339 and RFC 2822 are read.
//!
//! Vendor page: <https://www.twilio.com/docs/voice/api/siprec>.

use chrono::{DateTime, Utc};

use crate::declare::event_family;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid, SiprecSid};
use crate::value::Rfc3339;
use crate::voice::CallStatus;
use crate::Text;

/// The parameters every SIPREC event carries (implemented by `siprec_event!`).
pub(crate) trait SiprecShared {
    fn siprec_sid(&self) -> &SiprecSid;
}

/// Declares a SIPREC event: every parameter such events carry.
macro_rules! siprec_event {
    ($(#[doc = $doc:literal])* pub struct $name:ident;) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account. Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `CallSid`: the call recorded. Always present.
                pub call_sid: CallSid = req("CallSid"),
                /// `SiprecSid`: the session (`SR...`). Always present.
                pub siprec_sid: SiprecSid = req("SiprecSid"),
                /// `SiprecName`: the session's name.
                pub siprec_name: Option<Text> = opt("SiprecName"),
                /// `SiprecError`: what went wrong, on `siprec-error`.
                pub siprec_error: Option<Text> = opt("SiprecError"),
                /// `SiprecErrorCode`: the error's code, on `siprec-error`.
                pub siprec_error_code: Option<u32> = opt("SiprecErrorCode"),
                /// `CallStatus` (standard parameters).
                pub call_status: Option<CallStatus> = opt("CallStatus"),
                /// `Timestamp`: when the event happened. Its format is not documented; RFC 3339
                /// and RFC 2822 are both read, and it is written back in RFC 3339. Always
                /// present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field (the other standard parameters).
                pub extra: Extra = extra,
            }
        }

        impl SiprecShared for $name {
            fn siprec_sid(&self) -> &SiprecSid {
                &self.siprec_sid
            }
        }
    };
}

siprec_event! {
    /// `siprec-started`: the SIPREC session started.
    pub struct SiprecStarted;
}

siprec_event! {
    /// `siprec-stopped`: the SIPREC session stopped.
    pub struct SiprecStopped;
}

siprec_event! {
    /// `siprec-error`: the SIPREC session failed.
    pub struct SiprecError;
}

event_family! {
    /// A SIPREC status callback.
    pub enum SiprecEvent;
    /// The kinds of [`SiprecEvent`]: values of `SiprecEvent`.
    pub enum SiprecKind;
    family: "SIPREC";
    told by "SiprecEvent";
    deduplicated by ["SiprecSid", "SiprecEvent"];
    shared: SiprecShared;
    events {
        /// `siprec-started`: a session started.
        "siprec-started" => SiprecStarted,
        /// `siprec-stopped`: a session stopped.
        "siprec-stopped" => SiprecStopped,
        /// `siprec-error`: a session failed.
        "siprec-error" => SiprecError,
    }
}

impl SiprecEvent {
    /// `SiprecSid`, on every event.
    pub fn siprec_sid(&self) -> &SiprecSid {
        self.shared().siprec_sid()
    }
}
