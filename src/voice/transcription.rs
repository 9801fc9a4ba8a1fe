//! Real-time transcription callbacks (`TranscriptionEvent`), from Twilio.
//!
//! Sent to the `statusCallbackUrl` of `<Start><Transcription>` (or of a transcription created
//! over REST): when it starts, for each piece of transcript, when it stops and when it fails.
//! Told by `TranscriptionEvent`. Timestamps are ISO 8601 (RFC 3339) in UTC.
//!
//! Twilio's per-event parameter table could not be read in full; the parameters below come
//! from handlers that agree with one another, so every one but the identifiers, the kind and
//! `Timestamp` is optional, and the error fields of both spellings seen are typed.
//!
//! Vendor page: <https://www.twilio.com/docs/voice/twiml/transcription>.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::declare::event_family;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CallSid, RealTimeTranscriptionSid};
use crate::value::{open_enum, Decimal, Flag, Rfc3339};
use crate::Text;

open_enum! {
    /// `Track`: which leg of the call a transcript comes from (on `transcription-content`), or
    /// the tracks configured (on `transcription-started`).
    pub enum TranscriptionTrack {
        /// The caller's audio.
        InboundTrack = "inbound_track",
        /// The audio sent to the caller.
        OutboundTrack = "outbound_track",
        /// Both.
        BothTracks = "both_tracks",
    }
}

/// `TranscriptionData`: one piece of transcript, a JSON object sent as text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionData {
    /// `transcript`: the words.
    pub transcript: String,
    /// `confidence`: 0 to 1, on final results.
    #[serde(default)]
    pub confidence: Option<f64>,
}

impl TranscriptionData {
    /// Parses a `TranscriptionData` value.
    ///
    /// ```
    /// use status_callbacks::voice::TranscriptionData;
    ///
    /// let data = TranscriptionData::from_json(r#"{"transcript":"hello there","confidence":0.98}"#)?;
    /// assert_eq!(data.transcript, "hello there");
    /// assert_eq!(data.confidence, Some(0.98));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// The parameters every transcription event carries (implemented by `transcription_event!`).
pub(crate) trait TranscriptionShared {
    fn call_sid(&self) -> &CallSid;
    fn transcription_sid(&self) -> Option<&RealTimeTranscriptionSid>;
}

/// Declares a transcription event: what every one carries, then its own parameters.
macro_rules! transcription_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
    ) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account. Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `CallSid`: the call transcribed. Always present.
                pub call_sid: CallSid = req("CallSid"),
                /// `TranscriptionSid`: the transcription (`GT...`); may be absent on
                /// `transcription-error`.
                pub transcription_sid: Option<RealTimeTranscriptionSid> = opt("TranscriptionSid"),
                /// `SequenceId`: increases with every callback of the transcription, across
                /// tracks (not `SequenceNumber`).
                pub sequence_id: Option<u64> = opt("SequenceId"),
                $($fields)*
                /// `Timestamp`: when the event happened, ISO 8601 in UTC. Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }

        impl TranscriptionShared for $name {
            fn call_sid(&self) -> &CallSid {
                &self.call_sid
            }

            fn transcription_sid(&self) -> Option<&RealTimeTranscriptionSid> {
                self.transcription_sid.as_ref()
            }
        }
    };
}

transcription_event! {
    /// `transcription-started`: the transcription started.
    pub struct TranscriptionStarted {
        /// `TranscriptionEngine`: `google` or `deepgram`.
        pub transcription_engine: Option<Text> = opt("TranscriptionEngine"),
        /// `ProviderConfiguration`: the engine's settings, a JSON object sent as text.
        pub provider_configuration: Option<Text> = opt("ProviderConfiguration"),
        /// `LanguageCode`: the language, BCP 47.
        pub language_code: Option<Text> = opt("LanguageCode"),
        /// `PartialResults`: whether partial results are sent.
        pub partial_results: Option<Flag> = opt("PartialResults"),
        /// `Track`: the tracks transcribed.
        pub track: Option<TranscriptionTrack> = opt("Track"),
        /// `Name`: the transcription's name, when one was given (seen in Twilio's examples).
        pub name: Option<Text> = opt("Name"),
        /// `InboundTrackLabel`: the label given to the inbound track.
        pub inbound_track_label: Option<Text> = opt("InboundTrackLabel"),
        /// `OutboundTrackLabel`: the label given to the outbound track.
        pub outbound_track_label: Option<Text> = opt("OutboundTrackLabel"),
    }
}

transcription_event! {
    /// `transcription-content`: a piece of transcript (see
    /// [`transcription_data`](TranscriptionContent::transcription_data)).
    pub struct TranscriptionContent {
        /// `LanguageCode`: the language, BCP 47.
        pub language_code: Option<Text> = opt("LanguageCode"),
        /// `Track`: the leg the words come from.
        pub track: Option<TranscriptionTrack> = opt("Track"),
        /// `TranscriptionData`: the transcript, a JSON object as received.
        pub transcription_data: Option<Text> = opt("TranscriptionData"),
        /// `Final`: whether this piece is final (`false` for a partial result).
        pub r#final: Option<Flag> = opt("Final"),
        /// `Stability`: how likely a partial result is to stay (0 to 1; some engines).
        pub stability: Option<Decimal> = opt("Stability"),
        /// `TranscriptionProviderData`: the engine's raw data, a JSON object as received,
        /// with `EnableProviderData` (Twilio's own example of it is not valid JSON: parse it
        /// with care).
        pub transcription_provider_data: Option<Text> = opt("TranscriptionProviderData"),
    }
}

impl TranscriptionContent {
    /// `TranscriptionData` parsed; `None` when it was not sent.
    pub fn transcription_data(&self) -> Option<Result<TranscriptionData, serde_json::Error>> {
        self.transcription_data
            .as_deref()
            .map(TranscriptionData::from_json)
    }
}

transcription_event! {
    /// `transcription-stopped`: the transcription stopped.
    pub struct TranscriptionStopped {}
}

transcription_event! {
    /// `transcription-error`: the transcription failed. Twilio's examples name the error
    /// parameters `TranscriptionErrorCode` and `TranscriptionError`; one handler reads
    /// `ErrorCode` and `ErrorMessage`: both pairs are typed.
    pub struct TranscriptionError {
        /// `TranscriptionErrorCode`: the error code.
        pub transcription_error_code: Option<u32> = opt("TranscriptionErrorCode"),
        /// `TranscriptionError`: the error, in words.
        pub transcription_error: Option<Text> = opt("TranscriptionError"),
        /// `ErrorCode`: the error code, as another source names it.
        pub error_code: Option<u32> = opt("ErrorCode"),
        /// `ErrorMessage`: the error, in words, as another source names it.
        pub error_message: Option<Text> = opt("ErrorMessage"),
    }
}

event_family! {
    /// A real-time transcription callback.
    pub enum TranscriptionEvent;
    /// The kinds of [`TranscriptionEvent`]: values of `TranscriptionEvent`.
    pub enum TranscriptionKind;
    family: "real-time transcription";
    told by "TranscriptionEvent";
    deduplicated by ["CallSid", "TranscriptionSid", "TranscriptionEvent", "SequenceId"];
    shared: TranscriptionShared;
    events {
        /// `transcription-started`: a transcription started.
        "transcription-started" => TranscriptionStarted,
        /// `transcription-content`: a piece of transcript.
        "transcription-content" => TranscriptionContent,
        /// `transcription-stopped`: a transcription stopped.
        "transcription-stopped" => TranscriptionStopped,
        /// `transcription-error`: a transcription failed.
        "transcription-error" => TranscriptionError,
    }
}

impl TranscriptionEvent {
    /// `CallSid`, on every event.
    pub fn call_sid(&self) -> &CallSid {
        self.shared().call_sid()
    }

    /// `TranscriptionSid`, when sent.
    pub fn transcription_sid(&self) -> Option<&RealTimeTranscriptionSid> {
        self.shared().transcription_sid()
    }
}
