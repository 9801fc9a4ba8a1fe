//! Twilio Live: MediaProcessor and PlayerStreamer status callbacks.
//!
//! Twilio sends these as `application/x-www-form-urlencoded` POSTs (or GETs) to the
//! `StatusCallback` URL given when the MediaProcessor or PlayerStreamer was created.
//! Timestamps are RFC 3339 in UTC.
//!
//! - [`MediaProcessorEvent`] holds `media-processor-started`, `-ended` and `-failed`.
//! - [`PlayerStreamerEvent`] holds `stream-started`, `stream-ended` and `stream-failed`. The
//!   vendor's parameter table calls the last two `player-streamer-ended` and
//!   `player-streamer-failed`: both spellings are accepted, and the one received is kept (see
//!   [`KindSpelling`](crate::KindSpelling)).
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

pub use media_processor::{
    ExtensionContext, MediaProcessor, MediaProcessorEnded, MediaProcessorEvent,
    MediaProcessorFailed, MediaProcessorStarted,
};
pub use player_streamer::{
    PlayerStreamer, PlayerStreamerEvent, StreamEnded, StreamFailed, StreamStarted,
};

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
