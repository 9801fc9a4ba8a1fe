//! Twilio Live: MediaProcessor and PlayerStreamer status callbacks.
//!
//! Twilio sends these as `application/x-www-form-urlencoded` POSTs (or GETs) to the
//! `StatusCallback` URL given when the MediaProcessor or PlayerStreamer was created.
//! Timestamps are RFC 3339 in UTC.
//!
//! - [`MediaProcessorEvent`] holds `media-processor-started`, `-ended` and `-failed`.
//! - [`PlayerStreamerEvent`] holds `stream-started`, `stream-ended` and `stream-failed`. The
//!   vendor's parameter table calls the last two `player-streamer-ended` and
//!   `player-streamer-failed`: both spellings are read as the same kinds, and written back as
//!   the event table spells them (no callback with the second spelling has been seen, and the
//!   product is retired).
//!
//! Vendor page: <https://www.twilio.com/docs/live/api/status-callbacks>.
//!
//! # Lifecycle
//!
//! Twilio Live is retired: it reached its end of life on 30 November 2023, and its
//! MediaProcessor API was removed from Twilio's API definitions in April 2024. These types are
//! for archived callbacks and replays.

mod media_processor;
mod player_streamer;

pub use media_processor::*;
pub use player_streamer::*;

use crate::declare::event_family;
use crate::sid::{MediaProcessorSid, PlayerStreamerSid};

/// The parameters every MediaProcessor event carries (implemented by
/// `media_processor_event!`).
pub(crate) trait MediaProcessorShared {
    fn media_processor_sid(&self) -> &MediaProcessorSid;
    fn extension_context(&self) -> &str;
}

/// The parameters every PlayerStreamer event carries (implemented by
/// `player_streamer_event!`).
pub(crate) trait PlayerStreamerShared {
    fn player_streamer_sid(&self) -> &PlayerStreamerSid;
}

event_family! {
    /// A Live MediaProcessor event.
    pub enum MediaProcessorEvent;
    /// The kinds of [`MediaProcessorEvent`]: values of `StatusCallbackEvent`.
    pub enum MediaProcessorKind;
    family: "Live MediaProcessor";
    told by "StatusCallbackEvent";
    deduplicated by ["MediaProcessorSid", "StatusCallbackEvent"];
    shared: MediaProcessorShared;
    events {
        /// `media-processor-started`: a MediaProcessor started sending media to its outputs.
        "media-processor-started" => MediaProcessorStarted,
        /// `media-processor-ended`: a MediaProcessor stopped sending media.
        "media-processor-ended" => MediaProcessorEnded,
        /// `media-processor-failed`: a MediaProcessor failed.
        "media-processor-failed" => MediaProcessorFailed,
    }
}

event_family! {
    /// A Live PlayerStreamer event.
    pub enum PlayerStreamerEvent;
    /// The kinds of [`PlayerStreamerEvent`]: values of `StatusCallbackEvent`.
    pub enum PlayerStreamerKind;
    family: "Live PlayerStreamer";
    told by "StatusCallbackEvent";
    deduplicated by ["PlayerStreamerSid", "StatusCallbackEvent"];
    shared: PlayerStreamerShared;
    events {
        /// `stream-started`: a PlayerStreamer's stream is available to players.
        "stream-started" => StreamStarted,
        /// `stream-ended` (also read as `player-streamer-ended`): a PlayerStreamer's stream
        /// stopped.
        "stream-ended" | "player-streamer-ended" => StreamEnded,
        /// `stream-failed` (also read as `player-streamer-failed`): a PlayerStreamer's stream
        /// stopped on a failure.
        "stream-failed" | "player-streamer-failed" => StreamFailed,
    }
}

use crate::value::open_enum;

open_enum! {
    /// `EndedReason`: why a MediaProcessor or PlayerStreamer stopped.
    pub enum EndedReason {
        /// Stopped through the REST API (MediaProcessor and PlayerStreamer; status `ended`).
        EndedViaApi = "ended-via-api",
        /// Reached its maximum duration (MediaProcessor and PlayerStreamer; status `ended`).
        MaxDurationExceeded = "max-duration-exceeded",
        /// The MediaProcessor could not load its extension.
        ErrorLoadingExtension = "error-loading-extension",
        /// The MediaProcessor failed while streaming media.
        ErrorStreamingMedia = "error-streaming-media",
        /// The MediaProcessor failed inside Twilio.
        InternalServiceError = "internal-service-error",
        /// The PlayerStreamer's source disconnected (status `ended`).
        StreamDisconnectedBySource = "stream-disconnected-by-source",
        /// The PlayerStreamer failed unexpectedly (status `failed`).
        UnexpectedFailure = "unexpected-failure",
    }
}
