//! Room, participant and track events, and the parameter groups they share.
//!
//! Vendor page: <https://www.twilio.com/docs/video/api/status-callbacks#rooms-callbacks>.

use chrono::{DateTime, Utc};

use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, ParticipantSid, RoomSid, TrackSid};
use crate::value::{open_enum, Rfc3339, Seconds};
use crate::video::RoomShared;
use crate::Text;

open_enum! {
    /// `RoomStatus`: the status of the Room.
    pub enum RoomStatus {
        /// The Room is active.
        InProgress = "in-progress",
        /// The Room has ended.
        Completed = "completed",
        /// The Room failed.
        Failed = "failed",
    }
}

open_enum! {
    /// `RoomType`: the type of the Room.
    ///
    /// Twilio now creates only `group` Rooms; the other types still appear on older ones.
    pub enum RoomType {
        /// A Group Room.
        Group = "group",
        /// A WebRTC Go Room.
        Go = "go",
        /// A Peer-to-peer Room.
        PeerToPeer = "peer-to-peer",
        /// A Small Group Room.
        GroupSmall = "group-small",
    }
}

open_enum! {
    /// `ParticipantStatus`: the status of the Participant.
    pub enum ParticipantStatus {
        /// Connected to the Room.
        Connected = "connected",
        /// Disconnected from the Room.
        Disconnected = "disconnected",
        /// Reconnecting (a REST value, not documented for callbacks).
        Reconnecting = "reconnecting",
    }
}

open_enum! {
    /// `TrackKind`: the kind of a Track.
    pub enum TrackKind {
        /// An audio Track.
        Audio = "audio",
        /// A video Track.
        Video = "video",
        /// A data Track.
        Data = "data",
    }
}

/// Declares a room event: `AccountSid`, the Room's parameters, then the event's own fields.
macro_rules! room_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
        $(with $participant:ident)?
    ) => {
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account that owns the Room. Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// `RoomSid`: the Room's identifier. Always present.
                pub room_sid: RoomSid = req("RoomSid"),
                /// `RoomName`: the Room's `UniqueName`. Always present.
                pub room_name: Text = req("RoomName"),
                /// `RoomStatus`: the Room's status. Always present.
                pub room_status: RoomStatus = req("RoomStatus"),
                /// `RoomType`: the Room's type. Documented as always present, but a real
                /// `participant-disconnected` callback captured in 2019 lacks it, so it is
                /// optional.
                pub room_type: Option<RoomType> = opt("RoomType"),
                $($fields)*
                /// `SequenceNumber`: an internal counter. It is *not* the order of events:
                /// order by `timestamp`. Always present.
                pub sequence_number: u64 = req("SequenceNumber"),
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
                self.room_type.as_ref()
            }

            $(room_event!(@$participant);)?
        }
    };
    (@participant) => {
        fn participant_sid(&self) -> Option<&ParticipantSid> {
            Some(&self.participant_sid)
        }

        fn participant_identity(&self) -> Option<&str> {
            Some(&self.participant_identity)
        }
    };
}

room_event! {
    /// `room-created`: a Room was created.
    pub struct RoomCreated {}
}

room_event! {
    /// `room-ended`: a Room completed (a Room created over REST also ends once it has been
    /// empty for its empty-room timeout, 5 minutes by default).
    pub struct RoomEnded {
        /// `RoomDuration`: how long the Room was open, in seconds. Always present.
        pub room_duration: Seconds = req("RoomDuration"),
    }
}

room_event! {
    /// `participant-connected`: a Participant joined the Room.
    pub struct ParticipantConnected {
        /// `ParticipantSid`: the Participant's identifier. Always present.
        pub participant_sid: ParticipantSid = req("ParticipantSid"),
        /// `ParticipantIdentity`: the identity set by the Participant's access token. Always
        /// present; any Unicode text.
        pub participant_identity: Text = req("ParticipantIdentity"),
        /// `ParticipantStatus`: `connected`. Always present.
        pub participant_status: ParticipantStatus = req("ParticipantStatus"),
    }
    with participant
}

room_event! {
    /// `participant-disconnected`: a Participant left the Room.
    pub struct ParticipantDisconnected {
        /// `ParticipantSid`: the Participant's identifier. Always present.
        pub participant_sid: ParticipantSid = req("ParticipantSid"),
        /// `ParticipantIdentity`: the identity set by the Participant's access token. Always
        /// present; any Unicode text.
        pub participant_identity: Text = req("ParticipantIdentity"),
        /// `ParticipantStatus`: `disconnected`. Always present.
        pub participant_status: ParticipantStatus = req("ParticipantStatus"),
        /// `ParticipantDuration`: how long the Participant stayed connected, in seconds.
        /// Always present (only on this event).
        pub participant_duration: Seconds = req("ParticipantDuration"),
    }
    with participant
}

/// Declares a track event: the room event's parameters, the Participant's and the Track's.
/// (`TrackName`, sent by Twilio on some track events though not documented for them, lands
/// in `extra`.)
macro_rules! track_event {
    ($(#[doc = $doc:literal])* pub struct $name:ident;) => {
        room_event! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `ParticipantSid`: the Participant that owns the Track. Always present.
                pub participant_sid: ParticipantSid = req("ParticipantSid"),
                /// `ParticipantIdentity`: that Participant's identity. Always present.
                pub participant_identity: Text = req("ParticipantIdentity"),
                /// `ParticipantStatus`: that Participant's status. Always present.
                pub participant_status: ParticipantStatus = req("ParticipantStatus"),
                /// `TrackSid`: the Track's identifier. Always present.
                pub track_sid: TrackSid = req("TrackSid"),
                /// `TrackKind`: `audio`, `video` or `data`. Always present.
                pub track_kind: TrackKind = req("TrackKind"),
            }
            with participant
        }
    };
}

track_event! {
    /// `track-added`: a Participant published a Track.
    pub struct TrackAdded;
}

track_event! {
    /// `track-removed`: a Participant unpublished a Track.
    pub struct TrackRemoved;
}

track_event! {
    /// `track-enabled`: a Participant unpaused a Track.
    pub struct TrackEnabled;
}

track_event! {
    /// `track-disabled`: a Participant paused a Track.
    pub struct TrackDisabled;
}
