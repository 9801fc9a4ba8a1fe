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

pub use compositions::{
    Composition, CompositionAvailable, CompositionEnqueued, CompositionEvent, CompositionFailed,
    CompositionHook, CompositionHookFailed, CompositionProgress, CompositionStarted,
};
pub use recordings::{
    Codec, Container, FailedOperation, RecordingCompleted, RecordingFailed, RecordingStarted,
    RecordingType, TrackRecording,
};
pub use rooms::{
    Participant, ParticipantConnected, ParticipantDisconnected, ParticipantStatus, Room,
    RoomCreated, RoomEnded, RoomStatus, RoomType, Track, TrackAdded, TrackDisabled, TrackEnabled,
    TrackKind, TrackRemoved,
};

use crate::event::event_family;
use crate::sid::RoomSid;

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
    /// assert_eq!(event.participant().map(|p| p.identity.as_str()), Some("alice"));
    /// # Ok::<(), status_callbacks::ParseError>(())
    /// ```
    pub enum RoomEvent ("a Video room event") {
        /// `room-created`.
        RoomCreated,
        /// `room-ended`.
        RoomEnded,
        /// `participant-connected`.
        ParticipantConnected,
        /// `participant-disconnected`.
        ParticipantDisconnected,
        /// `track-added`.
        TrackAdded,
        /// `track-removed`.
        TrackRemoved,
        /// `track-enabled`.
        TrackEnabled,
        /// `track-disabled`.
        TrackDisabled,
        /// `recording-started`.
        RecordingStarted,
        /// `recording-completed`.
        RecordingCompleted,
        /// `recording-failed`.
        RecordingFailed,
    }
}

impl RoomEvent {
    /// The Room parameters, on room, participant and track events; `None` on `recording-*`
    /// events, which carry only the Room's SID, name and type (see
    /// [`room_sid`](Self::room_sid), [`room_name`](Self::room_name)).
    pub fn room(&self) -> Option<&Room> {
        self.room_or_recording().ok()
    }

    /// `RoomSid`, on every room event.
    pub fn room_sid(&self) -> &RoomSid {
        match self.room_or_recording() {
            Ok(room) => &room.sid,
            Err(recording) => &recording.room_sid,
        }
    }

    /// `RoomName`, on every room event.
    pub fn room_name(&self) -> &str {
        match self.room_or_recording() {
            Ok(room) => &room.name,
            Err(recording) => &recording.room_name,
        }
    }

    /// `RoomType`: on every recording event, and on room events that carry it (real ones
    /// have been seen without it).
    pub fn room_type(&self) -> Option<&RoomType> {
        match self.room_or_recording() {
            Ok(room) => room.room_type.as_ref(),
            Err(recording) => Some(&recording.room_type),
        }
    }

    /// Where the Room parameters of this event are: its [`Room`], or its recording.
    fn room_or_recording(&self) -> Result<&Room, &TrackRecording> {
        match self {
            RoomEvent::RoomCreated(event) => Ok(&event.room),
            RoomEvent::RoomEnded(event) => Ok(&event.room),
            RoomEvent::ParticipantConnected(event) => Ok(&event.room),
            RoomEvent::ParticipantDisconnected(event) => Ok(&event.room),
            RoomEvent::TrackAdded(event) => Ok(&event.room),
            RoomEvent::TrackRemoved(event) => Ok(&event.room),
            RoomEvent::TrackEnabled(event) => Ok(&event.room),
            RoomEvent::TrackDisabled(event) => Ok(&event.room),
            RoomEvent::RecordingStarted(event) => Err(&event.recording),
            RoomEvent::RecordingCompleted(event) => Err(&event.recording),
            RoomEvent::RecordingFailed(event) => Err(&event.recording),
        }
    }

    /// The Participant, on participant and track events.
    pub fn participant(&self) -> Option<&Participant> {
        match self {
            RoomEvent::ParticipantConnected(event) => Some(&event.participant),
            RoomEvent::ParticipantDisconnected(event) => Some(&event.participant),
            RoomEvent::TrackAdded(event) => Some(&event.participant),
            RoomEvent::TrackRemoved(event) => Some(&event.participant),
            RoomEvent::TrackEnabled(event) => Some(&event.participant),
            RoomEvent::TrackDisabled(event) => Some(&event.participant),
            _ => None,
        }
    }

    /// The Track, on track events.
    pub fn track(&self) -> Option<&Track> {
        match self {
            RoomEvent::TrackAdded(event) => Some(&event.track),
            RoomEvent::TrackRemoved(event) => Some(&event.track),
            RoomEvent::TrackEnabled(event) => Some(&event.track),
            RoomEvent::TrackDisabled(event) => Some(&event.track),
            _ => None,
        }
    }

    /// The recording, on `recording-*` events.
    pub fn recording(&self) -> Option<&TrackRecording> {
        self.room_or_recording().err()
    }
}
