//! PlayerStreamer events (`stream-*`, also spelled `player-streamer-*`).
//!
//! Vendor page: <https://www.twilio.com/docs/live/api/status-callbacks#playerstreamer-status-callbacks>.

use chrono::{DateTime, Utc};

use crate::live::{EndedReason, PlayerStreamerEvent, PlayerStreamerShared};
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, PlayerStreamerSid};
use crate::value::{Rfc3339, Seconds};
use crate::Text;

/// Declares a PlayerStreamer event: `AccountSid`, the PlayerStreamer's parameters, then the
/// event's own fields.
macro_rules! player_streamer_event {
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
                /// `PlayerStreamerSid`: the PlayerStreamer's identifier (`VJ...`). Always
                /// present.
                pub player_streamer_sid: PlayerStreamerSid = req("PlayerStreamerSid"),
                /// `Source`: the source of the media stream (its format is not documented).
                /// Always present.
                pub source: Text = req("Source"),
                /// `Url`: the absolute URL of the PlayerStreamer resource. Always present.
                pub url: Text = req("Url"),
                $($fields)*
                /// `Timestamp`: when the event happened (UTC). Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }

        impl PlayerStreamerShared for $name {
            fn player_streamer_sid(&self) -> &PlayerStreamerSid {
                &self.player_streamer_sid
            }
        }
    };
}

player_streamer_event! {
    /// `stream-started`: the stream started and is available to Player SDKs.
    pub struct StreamStarted {}
}

player_streamer_event! {
    /// `stream-ended` (also read as `player-streamer-ended`): the stream stopped and can no
    /// longer be played.
    pub struct StreamEnded {
        /// `Duration`: how long the stream ran, in seconds. Always present (on ended and
        /// failed events).
        pub duration: Seconds = req("Duration"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
    }
}

player_streamer_event! {
    /// `stream-failed` (also read as `player-streamer-failed`): the stream stopped on a
    /// failure and can no longer be played.
    pub struct StreamFailed {
        /// `Duration`: how long the stream ran, in seconds. Always present (on ended and
        /// failed events).
        pub duration: Seconds = req("Duration"),
        /// `ErrorMessage`: a human-readable description of the error. Always present (only
        /// on this event).
        pub error_message: Text = req("ErrorMessage"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
    }
}

impl PlayerStreamerEvent {
    /// `PlayerStreamerSid`, on every event.
    pub fn player_streamer_sid(&self) -> &PlayerStreamerSid {
        self.shared().player_streamer_sid()
    }
}
