//! Composition and Composition Hook events (`composition-*`).
//!
//! They go to the `StatusCallback` of a Composition created over REST (that Composition's
//! events only), or of a Composition Hook (the Hook's events, and those of every Composition
//! it creates). Vendor page:
//! <https://www.twilio.com/docs/video/api/status-callbacks#compositions-callbacks>.

use chrono::{DateTime, Utc};

use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, CompositionHookSid, CompositionSid, RoomSid};
use crate::value::{Rfc3339, Seconds};
use crate::video::CompositionShared;
use crate::video::FailedOperation;
use crate::Text;

/// Declares a composition event with `form_struct!`, and its [`CompositionShared`]
/// implementation (`with composition` for events that carry `CompositionSid`).
macro_rules! composition_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
        $(with $composition:ident)?
    ) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                $($fields)*
            }
        }

        impl CompositionShared for $name {
            fn room_sid(&self) -> &RoomSid {
                &self.room_sid
            }

            $(composition_event!(@$composition);)?
        }
    };
    (@composition) => {
        fn composition_sid(&self) -> Option<&CompositionSid> {
            Some(&self.composition_sid)
        }
    };
}

composition_event! {
    /// `composition-enqueued`: a Composition Hook created a Composition and queued it for
    /// processing (sent only for Compositions created by a Hook).
    pub struct CompositionEnqueued {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room whose tracks are composed. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `CompositionSid`: the Composition's identifier (`CJ...`). Always present.
        pub composition_sid: CompositionSid = req("CompositionSid"),
        /// `CompositionUri`: relative URL of the Composition's metadata
        /// (`/v1/Compositions/CJ...`). Always present.
        pub composition_uri: Text = req("CompositionUri"),
        /// `HookSid`: the Hook's identifier (`HK...`). Always present.
        pub hook_sid: CompositionHookSid = req("HookSid"),
        /// `HookUri`: relative URL of the Hook's metadata. Always present.
        pub hook_uri: Text = req("HookUri"),
        /// `HookFriendlyName`: the Hook's friendly name (up to 100 characters). Always present.
        pub hook_friendly_name: Text = req("HookFriendlyName"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
    with composition
}

composition_event! {
    /// `composition-hook-failed`: a Composition Hook failed to create a Composition.
    pub struct CompositionHookFailed {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room the Hook acted on. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `HookSid`: the Hook's identifier (`HK...`). Always present.
        pub hook_sid: CompositionHookSid = req("HookSid"),
        /// `HookUri`: relative URL of the Hook's metadata. Always present.
        pub hook_uri: Text = req("HookUri"),
        /// `HookFriendlyName`: the Hook's friendly name (up to 100 characters). Always present.
        pub hook_friendly_name: Text = req("HookFriendlyName"),
        /// `FailedOperation`: the operation that failed (values not documented). Always present.
        pub failed_operation: FailedOperation = req("FailedOperation"),
        /// `ErrorMessage`: a human-readable description of the error. Always present.
        pub error_message: Text = req("ErrorMessage"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

composition_event! {
    /// `composition-started`: media processing of a Composition started.
    pub struct CompositionStarted {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room whose tracks are composed. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `CompositionSid`: the Composition's identifier (`CJ...`). Always present.
        pub composition_sid: CompositionSid = req("CompositionSid"),
        /// `CompositionUri`: relative URL of the Composition's metadata
        /// (`/v1/Compositions/CJ...`). Always present.
        pub composition_uri: Text = req("CompositionUri"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
    with composition
}

composition_event! {
    /// `composition-available`: processing completed; the media can be downloaded.
    pub struct CompositionAvailable {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room whose tracks are composed. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `CompositionSid`: the Composition's identifier (`CJ...`). Always present.
        pub composition_sid: CompositionSid = req("CompositionSid"),
        /// `CompositionUri`: relative URL of the Composition's metadata
        /// (`/v1/Compositions/CJ...`). Always present.
        pub composition_uri: Text = req("CompositionUri"),
        /// `MediaUri`: URL of the composed media, relative to `https://video.twilio.com`
        /// (`/v1/Compositions/CJ.../Media`). Always present (only on this event).
        pub media_uri: Text = req("MediaUri"),
        /// `Duration`: length of the composition in seconds. Always present (only on this
        /// event).
        pub duration: Seconds = req("Duration"),
        /// `Size`: size of the composed file in bytes. Always present (only on this event).
        pub size: u64 = req("Size"),
        /// `MediaExternalLocation`: absolute URL of the media in external storage. Present only
        /// when external storage is configured.
        pub media_external_location: Option<Text> = opt("MediaExternalLocation"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
    with composition
}

composition_event! {
    /// `composition-progress`: progress of a Composition, sent about every 10%.
    pub struct CompositionProgress {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room whose tracks are composed. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `CompositionSid`: the Composition's identifier (`CJ...`). Always present.
        pub composition_sid: CompositionSid = req("CompositionSid"),
        /// `CompositionUri`: relative URL of the Composition's metadata
        /// (`/v1/Compositions/CJ...`). Always present.
        pub composition_uri: Text = req("CompositionUri"),
        /// `PercentageDone`: how much is done, in percent (0 to 100). Always present (only on
        /// this event).
        pub percentage_done: u32 = req("PercentageDone"),
        /// `SecondsRemaining`: estimated time left, in seconds. Always present (only on this
        /// event).
        pub seconds_remaining: Seconds = req("SecondsRemaining"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
    with composition
}

composition_event! {
    /// `composition-failed`: processing of a Composition failed.
    pub struct CompositionFailed {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// `RoomSid`: the Room whose tracks are composed. Always present.
        pub room_sid: RoomSid = req("RoomSid"),
        /// `CompositionSid`: the Composition's identifier (`CJ...`). Always present.
        pub composition_sid: CompositionSid = req("CompositionSid"),
        /// `CompositionUri`: relative URL of the Composition's metadata
        /// (`/v1/Compositions/CJ...`). Always present.
        pub composition_uri: Text = req("CompositionUri"),
        /// `FailedOperation`: the operation that failed (values not documented). Always present.
        pub failed_operation: FailedOperation = req("FailedOperation"),
        /// `ErrorMessage`: a human-readable description of the error. Always present.
        pub error_message: Text = req("ErrorMessage"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
    with composition
}
