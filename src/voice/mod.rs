//! Voice call status and recording status callbacks, from Twilio and SignalWire.
//!
//! Both vendors send them as `application/x-www-form-urlencoded` POSTs (or GETs) to the
//! `StatusCallback` and `RecordingStatusCallback` URLs of a call (or of `<Dial>`, `<Number>`,
//! `<Sip>`, `<Conference>`, `<Record>`). They carry no `StatusCallbackEvent`: a call callback
//! is told by `CallStatus`, a recording callback by `RecordingStatus`. Timestamps are
//! RFC 2822 (`Sun, 25 Mar 2018 09:53:19 +0000`).
//!
//! - [`CallStatusCallback`]: one struct for both vendors; what only one vendor sends is an
//!   `Option` (Twilio's geographic fields and `Duration` in minutes, SignalWire's `AudioIn*`
//!   and `AudioOut*` quality counters).
//! - [`RecordingStatusCallback`]: the same for recordings.
//! - [`PhoneNumberCallStatus`]: SignalWire's phone-number-level incoming call status callback,
//!   a smaller body about calls to one of your numbers.
//!
//! SignalWire identifiers are UUIDs rather than Twilio SIDs; they parse the same way, and
//! [`provider`](CallStatusCallback::provider) tells the vendors apart by them.
//!
//! Vendor pages:
//! - <https://www.twilio.com/docs/voice/api/call-resource#statuscallback>
//! - <https://www.twilio.com/docs/voice/twiml/recording>
//! - <https://signalwire.com/docs/compatibility-api/rest/calls/webhooks/voice-status-callback>
//! - <https://signalwire.com/docs/compatibility-api/rest/recordings/webhooks/recording-status-callback>
//!
//! # Lifecycle
//!
//! Both products are current. Calls fire their events in order but as separate requests, so
//! order by `SequenceNumber`, not by arrival. A call's `completed` callback may name a
//! recording whose file is not ready yet: wait for the recording's own `completed` callback.

mod amd;
mod call_status;
mod phone_number_status;
mod record_transcription;
mod recording_status;
mod siprec;
mod streams;
mod transcription;

pub use amd::*;
pub use call_status::*;
pub use phone_number_status::*;
pub use record_transcription::*;
pub use recording_status::*;
pub use siprec::*;
pub use streams::*;
pub use transcription::*;
