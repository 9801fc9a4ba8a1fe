//! MediaProcessor events (`media-processor-*`).
//!
//! Vendor page: <https://www.twilio.com/docs/live/api/status-callbacks#mediaprocessors-status-callbacks>.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::event::event_family;
use crate::live::EndedReason;
use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, MediaProcessorSid};
use crate::value::{Rfc3339, Seconds};

form_struct! {
    /// The MediaProcessor parameters every `media-processor-*` event carries.
    pub struct MediaProcessor {
        /// `MediaProcessorSid`: the MediaProcessor's identifier (`ZX...`). Always present.
        pub sid: MediaProcessorSid = req("MediaProcessorSid"),
        /// `Extension`: the name or URL of the extension, e.g. `video-composer-v2`. Always
        /// present.
        pub extension: String = req("Extension"),
        /// `ExtensionContext`: the extension's context, a JSON object, as received (see
        /// [`MediaProcessor::extension_context`]). Always present.
        pub extension_context: String = req("ExtensionContext"),
        /// `Url`: the absolute URL of the MediaProcessor resource. Always present.
        pub url: String = req("Url"),
    }
}

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

impl MediaProcessor {
    /// `ExtensionContext` parsed as the video composer extensions document it.
    ///
    /// ```
    /// use status_callbacks::live::MediaProcessor;
    /// use status_callbacks::sid::MediaProcessorSid;
    ///
    /// let processor = MediaProcessor {
    ///     sid: MediaProcessorSid::new("ZX00000000000000000000000000000000")?,
    ///     extension: "video-composer-v2".into(),
    ///     extension_context: r#"{"room": {"name": "DailyStandup"}, "outputs": ["VJ1"]}"#.into(),
    ///     url: "https://media.twilio.com/v1/MediaProcessors/ZX00000000000000000000000000000000".into(),
    /// };
    /// let context = processor.extension_context()?;
    /// assert_eq!(context.room.map(|room| room.name).as_deref(), Some("DailyStandup"));
    /// assert_eq!(context.outputs, ["VJ1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extension_context(&self) -> Result<ExtensionContext, serde_json::Error> {
        serde_json::from_str(&self.extension_context)
    }

    /// `ExtensionContext` parsed into any type, for extensions with their own context.
    pub fn extension_context_as<T: serde::de::DeserializeOwned>(
        &self,
    ) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.extension_context)
    }
}

form_struct! {
    /// `media-processor-started`: the MediaProcessor started sending media to its outputs.
    pub struct MediaProcessorStarted {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The MediaProcessor. Always present.
        pub media_processor: MediaProcessor = group,
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `media-processor-ended`: the MediaProcessor stopped sending media.
    pub struct MediaProcessorEnded {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The MediaProcessor. Always present.
        pub media_processor: MediaProcessor = group,
        /// `Duration`: how long the MediaProcessor ran, in seconds. Always present (on ended
        /// and failed events).
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
    /// `media-processor-failed`: the MediaProcessor failed (see `error_message` and
    /// `ended_reason`).
    pub struct MediaProcessorFailed {
        /// `AccountSid`: the account. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The MediaProcessor. Always present.
        pub media_processor: MediaProcessor = group,
        /// `Duration`: how long the MediaProcessor ran, in seconds. Always present (on ended
        /// and failed events).
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
    /// A Live MediaProcessor event.
    pub enum MediaProcessorEvent ("a Live MediaProcessor event") {
        /// `media-processor-started`.
        MediaProcessorStarted,
        /// `media-processor-ended`.
        MediaProcessorEnded,
        /// `media-processor-failed`.
        MediaProcessorFailed,
    }
}

impl MediaProcessorEvent {
    /// The MediaProcessor, on every event.
    pub fn media_processor(&self) -> &MediaProcessor {
        match self {
            MediaProcessorEvent::MediaProcessorStarted(event) => &event.media_processor,
            MediaProcessorEvent::MediaProcessorEnded(event) => &event.media_processor,
            MediaProcessorEvent::MediaProcessorFailed(event) => &event.media_processor,
        }
    }
}
