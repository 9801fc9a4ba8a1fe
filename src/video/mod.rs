//! Twilio Programmable Video: Room, track recording, Composition and Composition Hook
//! status callbacks.
//!
//! Twilio sends these as `application/x-www-form-urlencoded` POSTs (or GETs, when the
//! `StatusCallbackMethod` is `GET`) to the `StatusCallback` URL of a Room, Composition or
//! Composition Hook. Timestamps are RFC 3339 in UTC.
//!
//! - [`RoomEvent`] holds `room-*`, `participant-*`, `track-*` and `recording-*`, all sent to the
//!   Room's callback URL.
//! - [`CompositionEvent`] holds `composition-*`.
//!
//! Vendor page: <https://www.twilio.com/docs/video/api/status-callbacks>.
//!
//! # Lifecycle
//!
//! Programmable Video is in maintenance: Twilio no longer takes new customers, and existing
//! customers can use it until 5 December 2026.
//!
//! # Stability
//!
//! The types follow the vendor documentation. Where it and real payloads disagree, the
//! field docs say so (for example `Type` on recordings is optional because payloads seen in
//! practice lack it). Unknown events, values and parameters are kept, not rejected.

mod compositions;
mod recordings;
mod rooms;

pub use compositions::*;
pub use recordings::*;
pub use rooms::*;

use crate::declare::event_family;
use crate::sid::{CompositionSid, ParticipantSid, RoomSid};

event_family! {
    /// A Video Room event: everything sent to a Room's `StatusCallback`.
    ///
    /// ```
    /// use status_callbacks::video::RoomEvent;
    ///
    /// let body = b"StatusCallbackEvent=participant-connected\
    ///     &AccountSid=AC88c0aa9e2b5c3a8d1e1b9f3d0d6c7e10&RoomSid=RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3\
    ///     &RoomName=standup&RoomStatus=in-progress&RoomType=group\
    ///     &ParticipantSid=PAec46a2d18ad60b3c2f7e6d3e4a2b1c0d&ParticipantIdentity=alice\
    ///     &ParticipantStatus=connected&SequenceNumber=2&Timestamp=2020-08-19T17%3A35%3A01.002Z";
    /// let event = RoomEvent::from_form(body)?;
    /// assert_eq!(event.room_name(), "standup");
    /// assert_eq!(event.participant_identity(), Some("alice"));
    /// # Ok::<(), status_callbacks::ParseError>(())
    /// ```
    pub enum RoomEvent;
    /// The kinds of [`RoomEvent`]: values of `StatusCallbackEvent`.
    pub enum RoomKind;
    family: "Video room";
    told by "StatusCallbackEvent";
    deduplicated by ["RoomSid", "StatusCallbackEvent", "ParticipantSid", "TrackSid", "RecordingSid", "Timestamp"];
    shared: RoomShared;
    events {
        /// `room-created`: a Room was created.
        "room-created" => RoomCreated,
        /// `room-ended`: a Room completed.
        "room-ended" => RoomEnded,
        /// `participant-connected`: a Participant joined a Room.
        "participant-connected" => ParticipantConnected,
        /// `participant-disconnected`: a Participant left a Room.
        "participant-disconnected" => ParticipantDisconnected,
        /// `track-added`: a Participant published a Track.
        "track-added" => TrackAdded,
        /// `track-removed`: a Participant unpublished a Track.
        "track-removed" => TrackRemoved,
        /// `track-enabled`: a Participant unpaused a Track.
        "track-enabled" => TrackEnabled,
        /// `track-disabled`: a Participant paused a Track.
        "track-disabled" => TrackDisabled,
        /// `recording-started`: recording of a Track began.
        "recording-started" => RecordingStarted,
        /// `recording-completed`: recording of a Track completed.
        "recording-completed" => RecordingCompleted,
        /// `recording-failed`: a recording operation failed.
        "recording-failed" => RecordingFailed,
    }
}

event_family! {
    /// A Video Composition or Composition Hook event.
    pub enum CompositionEvent;
    /// The kinds of [`CompositionEvent`]: values of `StatusCallbackEvent`.
    pub enum CompositionKind;
    family: "Video composition";
    told by "StatusCallbackEvent";
    deduplicated by ["CompositionSid", "HookSid", "StatusCallbackEvent", "PercentageDone", "Timestamp"];
    shared: CompositionShared;
    events {
        /// `composition-enqueued`: a Composition Hook created a Composition and queued it.
        "composition-enqueued" => CompositionEnqueued,
        /// `composition-hook-failed`: a Composition Hook failed to create a Composition.
        "composition-hook-failed" => CompositionHookFailed,
        /// `composition-started`: media processing of a Composition started.
        "composition-started" => CompositionStarted,
        /// `composition-available`: a Composition's media can be downloaded.
        "composition-available" => CompositionAvailable,
        /// `composition-progress`: progress of a Composition, about every 10%.
        "composition-progress" => CompositionProgress,
        /// `composition-failed`: processing of a Composition failed.
        "composition-failed" => CompositionFailed,
    }
}

/// The parameters every room event carries, whatever its kind (implemented by the event
/// macros of `rooms.rs` and `recordings.rs`).
pub(crate) trait RoomShared {
    fn room_sid(&self) -> &RoomSid;
    fn room_name(&self) -> &str;
    fn room_type(&self) -> Option<&RoomType>;
    fn participant_sid(&self) -> Option<&ParticipantSid> {
        None
    }
    fn participant_identity(&self) -> Option<&str> {
        None
    }
}

/// The parameters every composition event carries (implemented by `composition_event!`).
pub(crate) trait CompositionShared {
    fn room_sid(&self) -> &RoomSid;
    fn composition_sid(&self) -> Option<&CompositionSid> {
        None
    }
}

impl RoomEvent {
    /// `RoomSid`, on every room event.
    pub fn room_sid(&self) -> &RoomSid {
        self.shared().room_sid()
    }

    /// `RoomName`, on every room event.
    pub fn room_name(&self) -> &str {
        self.shared().room_name()
    }

    /// `RoomType`: on every recording event, and on room events that carry it (real ones
    /// have been seen without it).
    pub fn room_type(&self) -> Option<&RoomType> {
        self.shared().room_type()
    }

    /// `ParticipantSid`, on participant, track and recording events.
    pub fn participant_sid(&self) -> Option<&ParticipantSid> {
        self.shared().participant_sid()
    }

    /// `ParticipantIdentity`, on participant, track and recording events.
    pub fn participant_identity(&self) -> Option<&str> {
        self.shared().participant_identity()
    }
}

impl CompositionEvent {
    /// `RoomSid`, on every composition event.
    pub fn room_sid(&self) -> &RoomSid {
        self.shared().room_sid()
    }

    /// `CompositionSid`, on every event but `composition-hook-failed`.
    pub fn composition_sid(&self) -> Option<&CompositionSid> {
        self.shared().composition_sid()
    }
}
