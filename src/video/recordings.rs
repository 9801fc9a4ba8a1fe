//! Track recording events (`recording-*`), sent to the Room's callback URL.
//!
//! Vendor page: <https://www.twilio.com/docs/video/api/status-callbacks#recordings-event-parameters>.

use chrono::{DateTime, Utc};

use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, ParticipantSid, RoomSid, TrackSid, VideoRecordingSid};
use crate::value::{open_enum, Milliseconds, Rfc3339, Seconds};
use crate::video::{RoomShared, RoomType};
use crate::Text;

open_enum! {
    /// `Container`: the recording's file container.
    pub enum Container {
        /// Matroska audio, for audio recordings.
        Mka = "mka",
        /// Matroska video, for video recordings.
        Mkv = "mkv",
    }
}

open_enum! {
    /// `Codec`: the recording's codec.
    ///
    /// The documented spellings are upper case. Twilio has also been seen sending `vp8`;
    /// such a value is kept as `Other("vp8")` so that it round-trips, and
    /// [`canonical`](Codec::canonical) recognises it whatever its case.
    pub enum Codec {
        /// G.711 µ-law, audio.
        Pcmu = "PCMU",
        /// Opus, audio.
        Opus = "OPUS",
        /// VP8, video.
        Vp8 = "VP8",
        /// H.264, video.
        H264 = "H264",
    }
}

impl Codec {
    /// The documented codec this value names, ignoring case (`vp8` is [`Codec::Vp8`]); any
    /// other value as it is.
    ///
    /// ```
    /// use status_callbacks::video::Codec;
    ///
    /// assert_eq!(Codec::from("vp8").canonical(), Codec::Vp8);
    /// assert_eq!(Codec::from("AV1").canonical(), Codec::Other("AV1".into()));
    /// ```
    pub fn canonical(&self) -> Codec {
        match self {
            Codec::Other(other) => Codec::DOCUMENTED
                .iter()
                .find(|known| known.as_str().eq_ignore_ascii_case(other))
                .cloned()
                .unwrap_or_else(|| self.clone()),
            known => known.clone(),
        }
    }

    /// Whether this is an audio codec (`PCMU`, `OPUS`, in any case).
    pub fn is_audio(&self) -> bool {
        matches!(self.canonical(), Codec::Pcmu | Codec::Opus)
    }

    /// Whether this is a video codec (`VP8`, `H264`, in any case).
    pub fn is_video(&self) -> bool {
        matches!(self.canonical(), Codec::Vp8 | Codec::H264)
    }
}

open_enum! {
    /// `Type`: the kind of track a recording holds.
    pub enum RecordingType {
        /// An audio track.
        Audio = "audio",
        /// A video track.
        Video = "video",
        /// A data track (a REST value, not documented for callbacks).
        Data = "data",
    }
}

open_enum! {
    /// `FailedOperation`: the operation that failed, on `recording-failed`,
    /// `composition-failed` and `composition-hook-failed`.
    ///
    /// Values are documented for recordings only.
    pub enum FailedOperation {
        /// Starting the recording.
        RecordingStart = "RecordingStart",
        /// Completing the recording.
        RecordingComplete = "RecordingComplete",
        /// Uploading the recording.
        RecordingUpload = "RecordingUpload",
    }
}

/// Declares a `recording-*` event: `AccountSid`, the parameters every recording event
/// carries about the recording, then the event's own fields.
macro_rules! recording_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
    ) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account that owns the Room. Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `RecordingSid`: the recording's identifier (`RT...`). Always present.
                pub recording_sid: VideoRecordingSid = req("RecordingSid"),
                /// `RoomSid`: the Room the track belongs to. Always present.
                pub room_sid: RoomSid = req("RoomSid"),
                /// `RoomName`: the Room's `UniqueName`. Always present.
                pub room_name: Text = req("RoomName"),
                /// `RoomType`: the Room's type. Always present.
                pub room_type: RoomType = req("RoomType"),
                /// `ParticipantSid`: the Participant that published the track. Always present.
                pub participant_sid: ParticipantSid = req("ParticipantSid"),
                /// `ParticipantIdentity`: that Participant's identity. Always present.
                pub participant_identity: Text = req("ParticipantIdentity"),
                /// `SourceSid`: the recorded track (`MT...`). Always present.
                pub source_sid: TrackSid = req("SourceSid"),
                /// `TrackName`: the track's name, or its `SourceSid` when it has none. Always
                /// present.
                pub track_name: Text = req("TrackName"),
                /// `RecordingUri`: relative URL of the recording's metadata
                /// (`/v1/Recordings/RT...`). Always present.
                pub recording_uri: Text = req("RecordingUri"),
                /// `Container`: `mka` or `mkv`. Always present.
                pub container: Container = req("Container"),
                /// `Codec`: `PCMU`, `OPUS`, `VP8` or `H264`. Always present.
                pub codec: Codec = req("Codec"),
                /// `OffsetFromTwilioVideoEpoch`: milliseconds between a point in time common to
                /// all Rooms and the start of this track's Room, to line up recordings of one
                /// Room. Always present.
                pub offset_from_twilio_video_epoch: Milliseconds = req("OffsetFromTwilioVideoEpoch"),
                /// `Type`: `audio` or `video`. Documented for every recording event, but absent
                /// from payloads seen in practice, so optional.
                pub r#type: Option<RecordingType> = opt("Type"),
                $($fields)*
                /// `Timestamp`: when the event happened (UTC). Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field.
                pub extra: Extra = extra,
            }
        }

        impl RoomShared for $name {
            fn room_sid(&self) -> &RoomSid {
                &self.room_sid
            }

            fn room_name(&self) -> &str {
                &self.room_name
            }

            fn room_type(&self) -> Option<&RoomType> {
                Some(&self.room_type)
            }

            fn participant_sid(&self) -> Option<&ParticipantSid> {
                Some(&self.participant_sid)
            }

            fn participant_identity(&self) -> Option<&str> {
                Some(&self.participant_identity)
            }
        }
    };
}

recording_event! {
    /// `recording-started`: recording of a Track began.
    pub struct RecordingStarted {}
}

recording_event! {
    /// `recording-completed`: recording of a Track completed; its media can be fetched.
    pub struct RecordingCompleted {
        /// `MediaUri`: URL of the media, relative to `https://video.twilio.com`
        /// (`/v1/Recordings/RT.../Media`). Always present (only on this event).
        pub media_uri: Text = req("MediaUri"),
        /// `Duration`: length of the recording in seconds, rounded to the nearest second (at
        /// least 1). Always present (only on this event).
        pub duration: Seconds = req("Duration"),
        /// `Size`: size of the recording in bytes. Always present (only on this event).
        pub size: u64 = req("Size"),
        /// `MediaExternalLocation`: absolute URL of the media in external storage. Present only
        /// when external (S3) storage is configured.
        pub media_external_location: Option<Text> = opt("MediaExternalLocation"),
    }
}

recording_event! {
    /// `recording-failed`: a recording operation failed.
    pub struct RecordingFailed {
        /// `FailedOperation`: `RecordingStart`, `RecordingComplete` or `RecordingUpload`.
        /// Always present (only on this event).
        pub failed_operation: FailedOperation = req("FailedOperation"),
    }
}
