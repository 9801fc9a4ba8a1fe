//! Room, participant and track events, and the parameter groups they share.
//!
//! Vendor page: <https://www.twilio.com/docs/video/api/status-callbacks#rooms-callbacks>.

use chrono::{DateTime, Utc};

use crate::params::{form_struct, Extra};
use crate::sid::{AccountSid, ParticipantSid, RoomSid, TrackSid};
use crate::value::{open_enum, Rfc3339, Seconds};

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

form_struct! {
    /// The Room parameters of room, participant and track events.
    pub struct Room {
        /// `RoomSid`: the Room's identifier. Always present.
        pub sid: RoomSid = req("RoomSid"),
        /// `RoomName`: the Room's `UniqueName`. Always present.
        pub name: String = req("RoomName"),
        /// `RoomStatus`: the Room's status. Always present.
        pub status: RoomStatus = req("RoomStatus"),
        /// `RoomType`: the Room's type. Documented as always present, but a real
        /// `participant-disconnected` callback captured in 2019 lacks it, so it is optional.
        pub room_type: Option<RoomType> = opt("RoomType"),
    }
}

form_struct! {
    /// The Participant parameters of participant and track events.
    pub struct Participant {
        /// `ParticipantSid`: the Participant's identifier. Always present.
        pub sid: ParticipantSid = req("ParticipantSid"),
        /// `ParticipantIdentity`: the identity set by the Participant's access token.
        /// Always present; any Unicode text.
        pub identity: String = req("ParticipantIdentity"),
        /// `ParticipantStatus`: `connected` or `disconnected`. Always present.
        pub status: ParticipantStatus = req("ParticipantStatus"),
    }
}

form_struct! {
    /// The Track parameters of track events.
    pub struct Track {
        /// `TrackSid`: the Track's identifier. Always present.
        pub sid: TrackSid = req("TrackSid"),
        /// `TrackKind`: `audio`, `video` or `data`. Always present.
        pub kind: TrackKind = req("TrackKind"),
    }
}

form_struct! {
    /// `room-created`: a Room was created.
    pub struct RoomCreated {
        /// `AccountSid`: the account that owns the Room. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The Room. Always present.
        pub room: Room = group,
        /// `SequenceNumber`: an internal counter. It is *not* the order of events: order by
        /// `timestamp`. Always present.
        pub sequence_number: u64 = req("SequenceNumber"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `room-ended`: a Room completed (a Room created over REST also ends once it has been
    /// empty for its empty-room timeout, 5 minutes by default).
    pub struct RoomEnded {
        /// `AccountSid`: the account that owns the Room. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The Room. Always present.
        pub room: Room = group,
        /// `RoomDuration`: how long the Room was open, in seconds. Always present.
        pub room_duration: Seconds = req("RoomDuration"),
        /// `SequenceNumber`: an internal counter, not the order of events. Always present.
        pub sequence_number: u64 = req("SequenceNumber"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `participant-connected`: a Participant joined the Room.
    pub struct ParticipantConnected {
        /// `AccountSid`: the account that owns the Room. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The Room. Always present.
        pub room: Room = group,
        /// The Participant. Always present.
        pub participant: Participant = group,
        /// `SequenceNumber`: an internal counter, not the order of events. Always present.
        pub sequence_number: u64 = req("SequenceNumber"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

form_struct! {
    /// `participant-disconnected`: a Participant left the Room.
    pub struct ParticipantDisconnected {
        /// `AccountSid`: the account that owns the Room. Always present.
        pub account_sid: AccountSid = req("AccountSid"),
        /// The Room. Always present.
        pub room: Room = group,
        /// The Participant. Always present.
        pub participant: Participant = group,
        /// `ParticipantDuration`: how long the Participant stayed connected, in seconds.
        /// Always present (only on this event).
        pub participant_duration: Seconds = req("ParticipantDuration"),
        /// `SequenceNumber`: an internal counter, not the order of events. Always present.
        pub sequence_number: u64 = req("SequenceNumber"),
        /// `Timestamp`: when the event happened (UTC). Always present.
        pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
        /// Parameters with no typed field.
        pub extra: Extra = extra,
    }
}

/// Declares the four track events, which carry the same parameters.
macro_rules! track_event {
    ($( $(#[doc = $doc:literal])* $name:ident; )+) => {$(
        form_struct! {
            $(#[doc = $doc])*
            pub struct $name {
                /// `AccountSid`: the account that owns the Room. Always present.
                pub account_sid: AccountSid = req("AccountSid"),
                /// The Room. Always present.
                pub room: Room = group,
                /// The Participant that owns the Track. Always present.
                pub participant: Participant = group,
                /// The Track. Always present.
                pub track: Track = group,
                /// `SequenceNumber`: an internal counter, not the order of events. Always
                /// present.
                pub sequence_number: u64 = req("SequenceNumber"),
                /// `Timestamp`: when the event happened (UTC). Always present.
                pub timestamp: DateTime<Utc> = req("Timestamp", Rfc3339),
                /// Parameters with no typed field (`TrackName`, sent by Twilio on some
                /// track events though not documented for them, lands here).
                pub extra: Extra = extra,
            }
        }
    )+};
}

track_event! {
    /// `track-added`: a Participant published a Track.
    TrackAdded;
    /// `track-removed`: a Participant unpublished a Track.
    TrackRemoved;
    /// `track-enabled`: a Participant unpaused a Track.
    TrackEnabled;
    /// `track-disabled`: a Participant paused a Track.
    TrackDisabled;
}
