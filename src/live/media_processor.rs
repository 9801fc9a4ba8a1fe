//! MediaProcessor events (`media-processor-*`).
//!
//! Vendor page: <https://www.twilio.com/docs/live/api/status-callbacks#mediaprocessors-status-callbacks>.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::live::EndedReason;
use crate::live::{MediaProcessorEvent, MediaProcessorShared};
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, MediaProcessorSid};
use crate::value::{Rfc3339, Seconds};
use crate::Text;

/// The `ExtensionContext` of a MediaProcessor, as the video composer extensions document it:
/// `{"room": {"name": "RM..."}, "outputs": ["VJ..."]}`.
///
/// Keys other extensions add are kept in `other`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExtensionContext {
    /// `room`: the Room the extension reads, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<ExtensionRoom>,
    /// `outputs`: where the media goes, usually PlayerStreamer SIDs (`VJ...`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Every other key, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The `room` of an [`ExtensionContext`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExtensionRoom {
    /// `name`: the Room's name or SID.
    pub name: String,
    /// Every other key, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl ExtensionContext {
    /// Parses an `ExtensionContext` value as the video composer extensions document it.
    ///
    /// ```
    /// use status_callbacks::live::ExtensionContext;
    ///
    /// let context = ExtensionContext::from_json(
    ///     r#"{"room": {"name": "DailyStandup"}, "outputs": ["VJ1"]}"#,
    /// )?;
    /// assert_eq!(context.room.map(|room| room.name).as_deref(), Some("DailyStandup"));
    /// assert_eq!(context.outputs, ["VJ1"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Declares a `media-processor-*` event: `AccountSid`, the MediaProcessor's parameters, then
/// the event's own fields.
macro_rules! media_processor_event {
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
                /// `MediaProcessorSid`: the MediaProcessor's identifier (`ZX...`). Always
                /// present.
                pub media_processor_sid: MediaProcessorSid = req("MediaProcessorSid"),
                /// `Extension`: the name or URL of the extension, e.g. `video-composer-v2`.
                /// Always present.
                pub extension: Text = req("Extension"),
                /// `ExtensionContext`: the extension's context, a JSON object, as received
                /// (see [`ExtensionContext::from_json`]). Always present.
                pub extension_context: Text = req("ExtensionContext"),
                /// `Url`: the absolute URL of the MediaProcessor resource. Always present.
                pub url: Text = req("Url"),
                $($fields)*
                /// `Timestamp`: when the event happened (UTC). Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }

        impl MediaProcessorShared for $name {
            fn media_processor_sid(&self) -> &MediaProcessorSid {
                &self.media_processor_sid
            }

            fn extension_context(&self) -> &str {
                &self.extension_context
            }
        }
    };
}

media_processor_event! {
    /// `media-processor-started`: the MediaProcessor started sending media to its outputs.
    pub struct MediaProcessorStarted {}
}

media_processor_event! {
    /// `media-processor-ended`: the MediaProcessor stopped sending media.
    pub struct MediaProcessorEnded {
        /// `Duration`: how long the MediaProcessor ran, in seconds. Always present (on ended
        /// and failed events).
        pub duration: Seconds = req("Duration"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
    }
}

media_processor_event! {
    /// `media-processor-failed`: the MediaProcessor failed (see `error_message` and
    /// `ended_reason`).
    pub struct MediaProcessorFailed {
        /// `Duration`: how long the MediaProcessor ran, in seconds. Always present (on ended
        /// and failed events).
        pub duration: Seconds = req("Duration"),
        /// `ErrorMessage`: a human-readable description of the error. Always present (only
        /// on this event).
        pub error_message: Text = req("ErrorMessage"),
        /// `EndedReason`: why it stopped. Always present (on ended and failed events).
        pub ended_reason: EndedReason = req("EndedReason"),
    }
}

impl MediaProcessorEvent {
    /// `MediaProcessorSid`, on every event.
    pub fn media_processor_sid(&self) -> &MediaProcessorSid {
        self.shared().media_processor_sid()
    }

    /// `ExtensionContext`, as received, on every event.
    pub fn extension_context(&self) -> &str {
        self.shared().extension_context()
    }

    /// `ExtensionContext` parsed into any type, for extensions with their own context (see
    /// [`ExtensionContext::from_json`] for the documented one).
    pub fn extension_context_as<T: serde::de::DeserializeOwned>(
        &self,
    ) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.extension_context())
    }
}
