//! Media Streams status callbacks (`StreamEvent`), from Twilio and SignalWire.
//!
//! Sent to the `statusCallback` of `<Stream>` (or of a Stream created over REST) when the
//! stream starts, stops or fails. Told by `StreamEvent`, whose `stream-started` is also a Live
//! PlayerStreamer `StatusCallbackEvent` value: the parameter, not the value, tells them apart.
//! Timestamps are ISO 8601 (RFC 3339) in UTC.
//!
//! Vendor pages:
//! - <https://www.twilio.com/docs/voice/twiml/stream#statuscallback>
//! - <https://signalwire.com/docs/compatibility-api/cxml/voice/stream>

use chrono::{DateTime, Utc};

use crate::declare::event_family;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid, ConferenceSid, StreamSid};
use crate::value::{open_enum, Rfc3339};
use crate::Text;

open_enum! {
    /// `StreamTrack`: which audio the stream carries (SignalWire).
    pub enum StreamTrack {
        /// The caller's audio.
        InboundTrack = "inbound_track",
        /// The audio sent to the caller.
        OutboundTrack = "outbound_track",
        /// Both.
        BothTracks = "both_tracks",
    }
}

/// The parameters every Media Streams event carries (implemented by `media_stream_event!`).
pub(crate) trait MediaStreamShared {
    fn stream_sid(&self) -> &StreamSid;
    fn call_sid(&self) -> &CallSid;
}

/// Declares a Media Streams event: every parameter such events carry (the events differ only
/// in their kind and in whether `StreamError` is meaningful).
macro_rules! media_stream_event {
    ($(#[doc = $doc:literal])* pub struct $name:ident;) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account (a SignalWire project UUID). Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `CallSid`: the call whose media is streamed. Always present.
                pub call_sid: CallSid = req("CallSid"),
                /// `StreamSid`: the stream (`MZ...`, a UUID on SignalWire). Always present.
                pub stream_sid: StreamSid = req("StreamSid"),
                /// `StreamName`: the stream's name; defaults to its `StreamSid`.
                pub stream_name: Option<Text> = opt("StreamName"),
                /// `StreamError`: what went wrong, on `stream-error` (often sent empty on the
                /// others; SignalWire documents codes such as `invalid_url`, and
                /// `Duplicated stream ID`).
                pub stream_error: Option<Text> = opt("StreamError"),
                /// `StreamTrack`: the tracks streamed (SignalWire).
                pub stream_track: Option<StreamTrack> = opt("StreamTrack"),
                /// `ConferenceSid`: the conference, for a conference's stream (SignalWire).
                pub conference_sid: Option<ConferenceSid> = opt("ConferenceSid"),
                /// `Unique-ID`: the call's unique identifier (SignalWire; the parameter name
                /// has a hyphen).
                pub unique_id: Option<Text> = opt("Unique-ID"),
                /// `Timestamp`: when the event happened, ISO 8601 in UTC. Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }

        impl MediaStreamShared for $name {
            fn stream_sid(&self) -> &StreamSid {
                &self.stream_sid
            }

            fn call_sid(&self) -> &CallSid {
                &self.call_sid
            }
        }
    };
}

media_stream_event! {
    /// `stream-started`: the stream started.
    pub struct MediaStreamStarted;
}

media_stream_event! {
    /// `stream-stopped`: the stream stopped.
    pub struct MediaStreamStopped;
}

media_stream_event! {
    /// `stream-error`: the stream failed (see `stream_error`).
    pub struct MediaStreamError;
}

event_family! {
    /// A Media Streams status callback.
    pub enum MediaStreamEvent;
    /// The kinds of [`MediaStreamEvent`]: values of `StreamEvent`.
    pub enum MediaStreamKind;
    family: "Media Streams";
    told by "StreamEvent";
    deduplicated by ["StreamSid", "StreamEvent"];
    shared: MediaStreamShared;
    events {
        /// `stream-started`: a stream started.
        "stream-started" => MediaStreamStarted,
        /// `stream-stopped`: a stream stopped.
        "stream-stopped" => MediaStreamStopped,
        /// `stream-error`: a stream failed.
        "stream-error" => MediaStreamError,
    }
}

impl MediaStreamEvent {
    /// `StreamSid`, on every event.
    pub fn stream_sid(&self) -> &StreamSid {
        self.shared().stream_sid()
    }

    /// `CallSid`, on every event.
    pub fn call_sid(&self) -> &CallSid {
        self.shared().call_sid()
    }
}
