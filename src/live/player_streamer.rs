//! PlayerStreamer events (`stream-*`, also spelled `player-streamer-*`).
//!
//! Vendor page: <https://www.twilio.com/docs/live/api/status-callbacks#playerstreamer-status-callbacks>.

use chrono::{DateTime, Utc};

use crate::event::event_family;
use crate::live::EndedReason;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, PlayerStreamerSid};
use crate::value::{Rfc3339, Seconds};
use crate::KindSpelling;

form_struct! {
    /// The PlayerStreamer parameters every PlayerStreamer event carries.
    pub struct PlayerStreamer {
        /// `PlayerStreamerSid`: the PlayerStreamer's identifier (`VJ...`). Always present.
        pub sid: PlayerStreamerSid = req("PlayerStreamerSid"),
        /// `Source`: the source of the media stream (its format is not documented). Always
        /// present.
        pub source: String = req("Source"),
        /// `Url`: the absolute URL of the PlayerStreamer resource. Always present.
        pub url: String = req("Url"),
    }
}

form_struct! {
    /// `stream-started`: the stream started and is available to Player SDKs.
    pub struct StreamStarted {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The PlayerStreamer. Always present.
        pub player_streamer: PlayerStreamer = group,
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `stream-ended` (or `player-streamer-ended`): the stream stopped and can no longer be
    /// played.
    pub struct StreamEnded {
        /// How `StatusCallbackEvent` was spelled: `stream-ended` or `player-streamer-ended`.
        pub spelling: KindSpelling = spelling,
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The PlayerStreamer. Always present.
        pub player_streamer: PlayerStreamer = group,
        /// `Duration`: how long the stream ran, in seconds. Always present (on ended and
        /// failed events).
        pub duration: Seconds = req("Duration"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `stream-failed` (or `player-streamer-failed`): the stream stopped on a failure and can
    /// no longer be played.
    pub struct StreamFailed {
        /// How `StatusCallbackEvent` was spelled: `stream-failed` or `player-streamer-failed`.
        pub spelling: KindSpelling = spelling,
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The PlayerStreamer. Always present.
        pub player_streamer: PlayerStreamer = group,
        /// `Duration`: how long the stream ran, in seconds. Always present (on ended and
        /// failed events).
        pub duration: Seconds = req("Duration"),
        /// `ErrorMessage`: a human-readable description of the error. Always present (only
        /// on this event).
        pub error_message: String = req("ErrorMessage"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

event_family! {
    /// A Live PlayerStreamer event.
    pub enum PlayerStreamerEvent ("a Live PlayerStreamer event") {
        /// `stream-started`.
        StreamStarted,
        /// `stream-ended` or `player-streamer-ended`.
        StreamEnded,
        /// `stream-failed` or `player-streamer-failed`.
        StreamFailed,
    }
}

impl PlayerStreamerEvent {
    /// The PlayerStreamer, on every event.
    pub fn player_streamer(&self) -> &PlayerStreamer {
        match self {
            PlayerStreamerEvent::StreamStarted(event) => &event.player_streamer,
            PlayerStreamerEvent::StreamEnded(event) => &event.player_streamer,
            PlayerStreamerEvent::StreamFailed(event) => &event.player_streamer,
        }
    }
}
