//! The top-level [`Event`], the [`EventKind`] list, and family detection.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::ParseError;
use crate::live::{MediaProcessorEvent, PlayerStreamerEvent};
use crate::params::{Extra, FormWriter, RawParams, WireValue};
use crate::sid::AccountSid;
use crate::sid::Provider;
use crate::value::parse_timestamp;
use crate::video::{CompositionEvent, RoomEvent};
use crate::voice::{CallStatusCallback, PhoneNumberCallStatus, RecordingStatusCallback};

/// The parameter that names the event in Video and Live callbacks.
pub(crate) const STATUS_CALLBACK_EVENT: &str = "StatusCallbackEvent";
/// The parameter that tells a voice recording status callback.
pub(crate) const RECORDING_STATUS: &str = "RecordingStatus";
/// The parameter that tells a voice call status callback.
pub(crate) const CALL_STATUS: &str = "CallStatus";
/// Parameters of a call's own status callback that SignalWire's phone-number-level callback
/// never has.
const CALL_ONLY: [&str; 4] = [
    "ApiVersion",
    "Direction",
    "CallbackSource",
    "SequenceNumber",
];

/// The parameters [`parse`](crate::parse) looks for to tell what a body is, in the order it
/// tries them.
pub const DISCRIMINATORS: &[&str] = &[STATUS_CALLBACK_EVENT, RECORDING_STATUS, CALL_STATUS];

/// Every documented event kind, with its wire string (the `StatusCallbackEvent` value).
///
/// ```
/// use status_callbacks::EventKind;
/// use strum::IntoEnumIterator;
///
/// assert_eq!("room-ended".parse::<EventKind>(), Ok(EventKind::RoomEnded));
/// assert_eq!(EventKind::CompositionHookFailed.as_str(), "composition-hook-failed");
/// assert_eq!(EventKind::iter().count(), 26);
/// // Matching is exact: conference events are not Video events.
/// assert!("participant-join".parse::<EventKind>().is_err());
/// // The PlayerStreamer kinds have a second documented spelling.
/// assert_eq!("player-streamer-ended".parse::<EventKind>(), Ok(EventKind::StreamEnded));
/// assert_eq!(EventKind::StreamEnded.as_str(), "stream-ended");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumString,
    strum::Display,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::AsRefStr,
)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum EventKind {
    /// `room-created`: a Room was created.
    RoomCreated,
    /// `room-ended`: a Room completed.
    RoomEnded,
    /// `participant-connected`: a Participant joined a Room.
    ParticipantConnected,
    /// `participant-disconnected`: a Participant left a Room.
    ParticipantDisconnected,
    /// `track-added`: a Participant published a Track.
    TrackAdded,
    /// `track-removed`: a Participant unpublished a Track.
    TrackRemoved,
    /// `track-enabled`: a Participant unpaused a Track.
    TrackEnabled,
    /// `track-disabled`: a Participant paused a Track.
    TrackDisabled,
    /// `recording-started`: recording of a Track began.
    RecordingStarted,
    /// `recording-completed`: recording of a Track completed.
    RecordingCompleted,
    /// `recording-failed`: a recording operation failed.
    RecordingFailed,
    /// `composition-enqueued`: a Composition Hook created a Composition and queued it.
    CompositionEnqueued,
    /// `composition-hook-failed`: a Composition Hook failed to create a Composition.
    CompositionHookFailed,
    /// `composition-started`: media processing of a Composition started.
    CompositionStarted,
    /// `composition-available`: a Composition's media can be downloaded.
    CompositionAvailable,
    /// `composition-progress`: progress of a Composition, about every 10%.
    CompositionProgress,
    /// `composition-failed`: processing of a Composition failed.
    CompositionFailed,
    /// `media-processor-started`: a Live MediaProcessor started sending media to its outputs.
    MediaProcessorStarted,
    /// `media-processor-ended`: a Live MediaProcessor stopped sending media.
    MediaProcessorEnded,
    /// `media-processor-failed`: a Live MediaProcessor failed.
    MediaProcessorFailed,
    /// `stream-started`: a Live PlayerStreamer's stream is available to players.
    StreamStarted,
    /// `stream-ended` (also documented as `player-streamer-ended`): a Live PlayerStreamer's
    /// stream stopped.
    #[strum(to_string = "stream-ended", serialize = "player-streamer-ended")]
    StreamEnded,
    /// `stream-failed` (also documented as `player-streamer-failed`): a Live PlayerStreamer's
    /// stream stopped on a failure.
    #[strum(to_string = "stream-failed", serialize = "player-streamer-failed")]
    StreamFailed,
    /// A voice call status callback. Voice callbacks carry no `StatusCallbackEvent`: they are
    /// told by `CallStatus`, and `call-status` is this crate's name for them, never a wire
    /// value.
    CallStatus,
    /// A voice recording status callback, told by `RecordingStatus`; `recording-status` is
    /// this crate's name for them, never a wire value.
    RecordingStatus,
    /// SignalWire's phone-number-level incoming call status callback, told by a `CallStatus`
    /// without `ApiVersion`, `Direction`, `CallbackSource` or `SequenceNumber`;
    /// `phone-number-call-status` is this crate's name for it, never a wire value.
    PhoneNumberCallStatus,
}

impl EventKind {
    /// The wire string, e.g. `room-ended` (for voice callbacks, `call-status` and
    /// `recording-status`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The second spelling the vendor documentation gives this kind, if it has one:
    /// `player-streamer-ended` and `player-streamer-failed`.
    pub fn alternate_spelling(self) -> Option<&'static str> {
        match self {
            EventKind::StreamEnded => Some("player-streamer-ended"),
            EventKind::StreamFailed => Some("player-streamer-failed"),
            _ => None,
        }
    }

    /// The kind spelled as `spelling` says.
    pub fn spelled(self, spelling: KindSpelling) -> &'static str {
        match spelling {
            KindSpelling::Standard => self.as_str(),
            KindSpelling::Alternate => self.alternate_spelling().unwrap_or(self.as_str()),
        }
    }
}

/// Which of a kind's documented spellings a callback used.
///
/// Twilio's Live documentation names the PlayerStreamer events `stream-ended` and
/// `stream-failed` in its event table, and `player-streamer-ended` and `player-streamer-failed`
/// in its parameter table. Both are accepted; events whose kind has two spellings keep the one
/// received, so that [`to_form`](crate::Event::to_form) writes it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KindSpelling {
    /// The event table's spelling (`stream-ended`), and the only one of every other kind.
    #[default]
    Standard,
    /// The parameter table's spelling (`player-streamer-ended`).
    Alternate,
}

impl KindSpelling {
    /// The spelling of a received kind string.
    pub(crate) fn of(received: &str) -> Self {
        let alternate = received
            .parse::<EventKind>()
            .ok()
            .and_then(EventKind::alternate_spelling);
        if alternate == Some(received) {
            KindSpelling::Alternate
        } else {
            KindSpelling::Standard
        }
    }
}

impl Serialize for EventKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Declares a family enum over event structs named like their [`EventKind`] variant, with its
/// accessors, parsers, serialisers and conversions.
macro_rules! event_family {
    (
        $(#[$attr:meta])*
        pub enum $family:ident ($what:literal) {
            $( $(#[doc = $doc:literal])* $variant:ident ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $family {
            $( $(#[doc = $doc])* $variant($variant), )+
        }

        impl $family {
            /// Parses a POST body (`application/x-www-form-urlencoded`) of this family.
            ///
            /// Unlike [`parse`](crate::parse), an event of another family, or an unknown
            /// event, is an error ([`ParseError::UnexpectedEvent`](crate::ParseError::UnexpectedEvent)).
            pub fn from_form(body: &[u8]) -> Result<Self, $crate::ParseError> {
                Self::from_params($crate::params::RawParams::scan(body)?)
            }

            fn from_params(
                mut params: $crate::params::RawParams<'_>,
            ) -> Result<Self, $crate::ParseError> {
                let kind = params
                    .take_discriminator($crate::event::STATUS_CALLBACK_EVENT)?
                    .ok_or($crate::ParseError::MissingDiscriminator {
                        looked_for: &[$crate::event::STATUS_CALLBACK_EVENT],
                    })?;
                match kind.parse::<$crate::EventKind>() {
                    Ok(known) => match Self::decode(known, &kind, &mut params) {
                        Some(event) => event,
                        None => Err($crate::ParseError::UnexpectedEvent {
                            kind: $crate::error::excerpt(&kind),
                            family: $what,
                        }),
                    },
                    Err(_) => Err($crate::ParseError::UnexpectedEvent {
                        kind: $crate::error::excerpt(&kind),
                        family: $what,
                    }),
                }
            }

            /// Parses the query string of a GET callback (with or without its leading `?`).
            pub fn from_query(query: &str) -> Result<Self, $crate::ParseError> {
                Self::from_form($crate::strip_question_mark(query).as_bytes())
            }

            /// Decodes the event `kind` (received as `received`) if it belongs to this family.
            pub(crate) fn decode(
                kind: $crate::EventKind,
                received: &str,
                params: &mut $crate::params::RawParams<'_>,
            ) -> Option<Result<Self, $crate::ParseError>> {
                match kind {
                    $(
                        $crate::EventKind::$variant => Some(
                            <$variant as $crate::params::Fields>::decode(params, received)
                                .map($family::$variant),
                        ),
                    )+
                    _ => None,
                }
            }

            /// The event kind.
            pub fn kind(&self) -> $crate::EventKind {
                match self {
                    $( $family::$variant(_) => $crate::EventKind::$variant, )+
                }
            }

            /// The event kind as it was spelled on the wire (`StatusCallbackEvent`).
            pub fn kind_str(&self) -> &'static str {
                match self {
                    $( $family::$variant(event) => event.wire_kind(), )+
                }
            }

            /// `AccountSid`: the account the event belongs to.
            pub fn account_sid(&self) -> &$crate::AccountSid {
                match self {
                    $( $family::$variant(event) => &event.account_sid, )+
                }
            }

            /// `Timestamp`: when the event happened.
            pub fn timestamp(&self) -> chrono::DateTime<chrono::Utc> {
                match self {
                    $( $family::$variant(event) => event.timestamp, )+
                }
            }

            /// The parameters no typed field holds (see [`Extra`](crate::Extra)).
            pub fn extra(&self) -> &$crate::Extra {
                match self {
                    $( $family::$variant(event) => &event.extra, )+
                }
            }

            /// The event as a `application/x-www-form-urlencoded` body, `StatusCallbackEvent`
            /// first, then the typed parameters, then the extras.
            pub fn to_form(&self) -> String {
                let mut out = $crate::params::FormWriter::default();
                self.encode(&mut out);
                out.finish()
            }

            pub(crate) fn encode(&self, out: &mut $crate::params::FormWriter) {
                match self {
                    $( $family::$variant(event) => event.encode_with_kind(out), )+
                }
            }
        }

        /// Serialised as one map: `StatusCallbackEvent`, then every parameter under its wire
        /// name, typed (numbers as numbers), then the extras.
        impl serde::Serialize for $family {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( $family::$variant(event) => event.serialize(serializer), )+
                }
            }
        }

        impl $crate::sealed::Sealed for $family {}

        impl $crate::StatusCallback for $family {
            fn from_params(
                params: $crate::params::RawParams<'_>,
            ) -> Result<Self, $crate::ParseError> {
                $family::from_params(params)
            }

            fn to_form(&self) -> String {
                $family::to_form(self)
            }
        }

        $(
            impl $variant {
                /// The kind of this event.
                pub const KIND: $crate::EventKind = $crate::EventKind::$variant;

                /// The event as a `application/x-www-form-urlencoded` body.
                pub fn to_form(&self) -> String {
                    let mut out = $crate::params::FormWriter::default();
                    self.encode_with_kind(&mut out);
                    out.finish()
                }

                /// `StatusCallbackEvent` as it was spelled on the wire.
                pub fn wire_kind(&self) -> &'static str {
                    Self::KIND.spelled($crate::params::Fields::spelling(self))
                }

                fn encode_with_kind(&self, out: &mut $crate::params::FormWriter) {
                    out.pair($crate::event::STATUS_CALLBACK_EVENT, self.wire_kind());
                    $crate::params::Fields::encode(self, out);
                }
            }

            /// Serialised as one map: `StatusCallbackEvent`, then every parameter under its
            /// wire name, typed, then the extras.
            impl serde::Serialize for $variant {
                fn serialize<S: serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap;
                    let mut map = serializer.serialize_map(None)?;
                    map.serialize_entry($crate::event::STATUS_CALLBACK_EVENT, self.wire_kind())?;
                    $crate::params::Fields::serialize_entries(self, &mut map)?;
                    map.end()
                }
            }

            impl From<$variant> for $family {
                fn from(event: $variant) -> Self {
                    $family::$variant(event)
                }
            }

            impl From<$variant> for $crate::Event {
                fn from(event: $variant) -> Self {
                    $crate::Event::from($family::$variant(event))
                }
            }
        )+
    };
}

/// Declares the parsers, serialisers and conversions of a voice callback: one struct, told by
/// a status parameter rather than `StatusCallbackEvent`.
macro_rules! status_event {
    ($name:ident, $kind:ident, $variant:ident) => {
        impl $name {
            /// The kind of this callback.
            pub const KIND: $crate::EventKind = $crate::EventKind::$kind;

            /// Parses a POST body (`application/x-www-form-urlencoded`) of this callback.
            ///
            /// Errors name the parameter; the kind they give is this crate's name for the
            /// callback (`call-status`, `recording-status`).
            pub fn from_form(body: &[u8]) -> Result<Self, $crate::ParseError> {
                let mut params = $crate::params::RawParams::scan(body)?;
                Self::decode(&mut params)
            }

            /// Parses the query string of a GET callback (with or without its leading `?`).
            pub fn from_query(query: &str) -> Result<Self, $crate::ParseError> {
                Self::from_form($crate::strip_question_mark(query).as_bytes())
            }

            pub(crate) fn decode(
                params: &mut $crate::params::RawParams<'_>,
            ) -> Result<Self, $crate::ParseError> {
                <$name as $crate::params::Fields>::decode(params, Self::KIND.as_str())
            }

            /// The callback as a `application/x-www-form-urlencoded` body: the typed
            /// parameters, then the extras.
            pub fn to_form(&self) -> String {
                let mut out = $crate::params::FormWriter::default();
                $crate::params::Fields::encode(self, &mut out);
                out.finish()
            }

            /// Which vendor sent this callback, as far as its `AccountSid` tells (a heuristic,
            /// see [`Provider`]($crate::Provider)).
            pub fn provider(&self) -> $crate::Provider {
                self.account_sid.provider()
            }
        }

        /// Serialised as one map: every parameter under its wire name, typed (numbers as
        /// numbers), then the extras.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $crate::params::Fields::serialize_entries(self, &mut map)?;
                map.end()
            }
        }

        impl $crate::sealed::Sealed for $name {}

        impl $crate::StatusCallback for $name {
            fn from_params(
                mut params: $crate::params::RawParams<'_>,
            ) -> Result<Self, $crate::ParseError> {
                $name::decode(&mut params)
            }

            fn to_form(&self) -> String {
                $name::to_form(self)
            }
        }

        impl From<$name> for $crate::Event {
            fn from(event: $name) -> Self {
                $crate::Event::$variant(event.into())
            }
        }
    };
}

pub(crate) use {event_family, status_event};

/// A parsed status callback: what [`parse`](crate::parse) returns.
///
/// Each documented family has a variant holding the family's enum (or, for voice callbacks,
/// the one struct); a body whose `StatusCallbackEvent` this crate does not know is
/// [`Event::Unknown`], with every pair kept.
///
/// ```
/// use status_callbacks::{parse, Event, EventKind, video::RoomEvent};
///
/// let body = b"StatusCallbackEvent=room-ended&AccountSid=AC88c0aa9e2b5c3a8d1e1b9f3d0d6c7e10\
///     &RoomSid=RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3&RoomName=standup&RoomStatus=completed\
///     &RoomType=group&RoomDuration=312&SequenceNumber=1&Timestamp=2020-08-19T17%3A40%3A05.273Z";
/// let event = parse(body)?;
/// assert_eq!(event.kind(), Some(EventKind::RoomEnded));
/// match &event {
///     Event::Room(RoomEvent::RoomEnded(ended)) => {
///         assert_eq!(ended.room.name, "standup");
///         assert_eq!(ended.room_duration.as_duration().as_secs(), 312);
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Event {
    /// A Video Room event: `room-*`, `participant-*`, `track-*` and `recording-*`.
    Room(RoomEvent),
    /// A Video Composition or Composition Hook event: `composition-*`.
    Composition(CompositionEvent),
    /// A Live MediaProcessor event: `media-processor-*`.
    MediaProcessor(MediaProcessorEvent),
    /// A Live PlayerStreamer event: `stream-*` (or `player-streamer-*`).
    PlayerStreamer(PlayerStreamerEvent),
    /// A voice call status callback (Twilio or SignalWire), told by `CallStatus`. Boxed: it
    /// has several times the fields of any other event.
    Call(Box<CallStatusCallback>),
    /// A voice recording status callback (Twilio or SignalWire), told by `RecordingStatus`.
    Recording(RecordingStatusCallback),
    /// SignalWire's phone-number-level incoming call status callback: a `CallStatus` without
    /// the call callback's `ApiVersion`, `Direction`, `CallbackSource` and `SequenceNumber`.
    PhoneNumberCall(PhoneNumberCallStatus),
    /// A body with a `StatusCallbackEvent` this crate does not know (a conference callback,
    /// or an event added after this version).
    Unknown(UnknownEvent),
}

/// Parameters every call status callback has (one suffices, so that a callback missing one is
/// still typed or kept) and no other voice webhook has.
const STATUS_ONLY: [&str; 3] = ["CallbackSource", "SequenceNumber", "Timestamp"];

/// What a voice webhook that is not a status callback looks like, told by the parameter only
/// it has: `(what it looks like, the parameter)`, in the order tried.
const NEIGHBOURS: [(&str, &str); 5] = [
    ("a `<Record>` transcription callback", "TranscriptionStatus"),
    ("a `<Record>` transcription callback", "TranscriptionText"),
    ("a `<Dial>` action request", "DialCallStatus"),
    ("a `<Record>` action request", "RecordingUrl"),
    (
        "an incoming call or another request asking for TwiML",
        "CallStatus",
    ),
];

/// The error for a voice webhook of another kind, if the body is one.
fn neighbour(params: &RawParams<'_>) -> Option<ParseError> {
    NEIGHBOURS
        .iter()
        .find(|(_, telling)| params.has(telling))
        .map(|&(looks_like, telling)| ParseError::NotAStatusCallback {
            looks_like,
            telling,
        })
}

impl Event {
    /// Parses a POST body (`application/x-www-form-urlencoded`); the same as
    /// [`parse`](crate::parse).
    ///
    /// The family is told, in this order, by: `StatusCallbackEvent` (a kind this crate does
    /// not know gives [`Event::Unknown`]), then `RecordingStatus`, then `CallStatus`.
    pub fn from_form(body: &[u8]) -> Result<Self, ParseError> {
        Self::from_params(RawParams::scan(body)?)
    }

    pub(crate) fn from_params(mut params: RawParams<'_>) -> Result<Self, ParseError> {
        if let Some(kind) = params.take_discriminator(STATUS_CALLBACK_EVENT)? {
            if let Ok(known) = EventKind::from_str(&kind) {
                if let Some(event) = RoomEvent::decode(known, &kind, &mut params) {
                    return event.map(Event::Room);
                }
                if let Some(event) = CompositionEvent::decode(known, &kind, &mut params) {
                    return event.map(Event::Composition);
                }
                if let Some(event) = MediaProcessorEvent::decode(known, &kind, &mut params) {
                    return event.map(Event::MediaProcessor);
                }
                if let Some(event) = PlayerStreamerEvent::decode(known, &kind, &mut params) {
                    return event.map(Event::PlayerStreamer);
                }
            }
            return Ok(Event::Unknown(UnknownEvent::decode(
                kind.into_owned(),
                params,
            )));
        }
        if params.has(RECORDING_STATUS) {
            return RecordingStatusCallback::decode(&mut params).map(Event::Recording);
        }
        if params.has(CALL_STATUS) {
            // The call's own callback always has at least one of these; SignalWire's
            // phone-number-level callback has none.
            if CALL_ONLY.iter().any(|name| params.has(name)) {
                if !STATUS_ONLY.iter().any(|name| params.has(name)) {
                    if let Some(err) = neighbour(&params) {
                        return Err(err);
                    }
                }
                return CallStatusCallback::decode(&mut params)
                    .map(|call| Event::Call(Box::new(call)));
            }
            return PhoneNumberCallStatus::decode(&mut params).map(Event::PhoneNumberCall);
        }
        Err(
            neighbour(&params).unwrap_or(ParseError::MissingDiscriminator {
                looked_for: DISCRIMINATORS,
            }),
        )
    }

    /// Parses the query string of a GET callback; the same as [`parse_query`](crate::parse_query).
    pub fn from_query(query: &str) -> Result<Self, ParseError> {
        Self::from_form(crate::strip_question_mark(query).as_bytes())
    }

    /// The event kind, or `None` for [`Event::Unknown`] (see [`kind_str`](Self::kind_str)).
    pub fn kind(&self) -> Option<EventKind> {
        match self {
            Event::Room(event) => Some(event.kind()),
            Event::Composition(event) => Some(event.kind()),
            Event::MediaProcessor(event) => Some(event.kind()),
            Event::PlayerStreamer(event) => Some(event.kind()),
            Event::Call(_) => Some(EventKind::CallStatus),
            Event::Recording(_) => Some(EventKind::RecordingStatus),
            Event::PhoneNumberCall(_) => Some(EventKind::PhoneNumberCallStatus),
            Event::Unknown(_) => None,
        }
    }

    /// The event kind as received (`StatusCallbackEvent`, in the spelling received), for
    /// every event including unknown ones; `call-status` and `recording-status` for voice
    /// callbacks.
    pub fn kind_str(&self) -> &str {
        match self {
            Event::Room(event) => event.kind_str(),
            Event::Composition(event) => event.kind_str(),
            Event::MediaProcessor(event) => event.kind_str(),
            Event::PlayerStreamer(event) => event.kind_str(),
            Event::Call(_) => EventKind::CallStatus.as_str(),
            Event::Recording(_) => EventKind::RecordingStatus.as_str(),
            Event::PhoneNumberCall(_) => EventKind::PhoneNumberCallStatus.as_str(),
            Event::Unknown(event) => &event.kind,
        }
    }

    /// `AccountSid`. Always present on documented events; an unknown event may lack it.
    pub fn account_sid(&self) -> Option<&AccountSid> {
        match self {
            Event::Room(event) => Some(event.account_sid()),
            Event::Composition(event) => Some(event.account_sid()),
            Event::MediaProcessor(event) => Some(event.account_sid()),
            Event::PlayerStreamer(event) => Some(event.account_sid()),
            Event::Call(event) => Some(&event.account_sid),
            Event::Recording(event) => Some(&event.account_sid),
            Event::PhoneNumberCall(event) => Some(&event.account_sid),
            Event::Unknown(event) => event.account_sid.as_ref(),
        }
    }

    /// When the event happened. `Timestamp` on every event but a voice recording callback,
    /// which has `RecordingStartTime` at best (when the recording started, sent by Twilio
    /// only); on an unknown event, its `Timestamp` if it holds an RFC 3339 or RFC 2822
    /// timestamp.
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        match self {
            Event::Room(event) => Some(event.timestamp()),
            Event::Composition(event) => Some(event.timestamp()),
            Event::MediaProcessor(event) => Some(event.timestamp()),
            Event::PlayerStreamer(event) => Some(event.timestamp()),
            Event::Call(event) => Some(event.timestamp),
            Event::Recording(event) => event.recording_start_time,
            Event::PhoneNumberCall(event) => Some(event.timestamp),
            Event::Unknown(event) => event.timestamp(),
        }
    }

    /// Which vendor sent the event, as far as its `AccountSid` tells: a heuristic (see
    /// [`Provider`]). Video and Live are Twilio products, yet the answer still comes from the
    /// identifier.
    pub fn provider(&self) -> Provider {
        self.account_sid()
            .map_or(Provider::Unknown, AccountSid::provider)
    }

    /// One line for a log: the kind, every identifier (each parameter whose name ends in
    /// `Sid`, in wire order), and the timestamp.
    ///
    /// ```
    /// use status_callbacks::parse;
    ///
    /// let body = b"StatusCallbackEvent=room-ended&AccountSid=AC1&RoomSid=RM1&RoomName=standup\
    ///     &RoomStatus=completed&RoomType=group&RoomDuration=312&SequenceNumber=1\
    ///     &Timestamp=2020-08-19T17%3A40%3A05.273Z";
    /// assert_eq!(
    ///     parse(body)?.summary(),
    ///     "room-ended AccountSid=AC1 RoomSid=RM1 at 2020-08-19T17:40:05.273Z"
    /// );
    /// # Ok::<(), status_callbacks::ParseError>(())
    /// ```
    pub fn summary(&self) -> String {
        let mut line = self.kind_str().to_owned();
        let form = self.to_form();
        if let Ok(params) = RawParams::scan(form.as_bytes()) {
            for (name, value) in params.pairs() {
                if name.ends_with("Sid") && !value.is_empty() {
                    line.push_str(&format!(" {name}={value}"));
                }
            }
        }
        if let Some(timestamp) = self.timestamp() {
            line.push_str(" at ");
            line.push_str(&timestamp.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
        line
    }

    /// The parameters no typed field holds (for an unknown event, all but `AccountSid` and
    /// `StatusCallbackEvent`).
    pub fn extra(&self) -> &Extra {
        match self {
            Event::Room(event) => event.extra(),
            Event::Composition(event) => event.extra(),
            Event::MediaProcessor(event) => event.extra(),
            Event::PlayerStreamer(event) => event.extra(),
            Event::Call(event) => &event.extra,
            Event::Recording(event) => &event.extra,
            Event::PhoneNumberCall(event) => &event.extra,
            Event::Unknown(event) => &event.params,
        }
    }

    /// The event as a `application/x-www-form-urlencoded` body.
    ///
    /// Parsing it gives back an equal event, and its pairs are the received ones (in another
    /// order). Values are written in their wire form: timestamps in the family's format with
    /// as many fractional digits as they need, so a timestamp received in another format (or
    /// with trailing zeros) comes back as the same instant in the family's canonical text.
    pub fn to_form(&self) -> String {
        match self {
            Event::Room(event) => event.to_form(),
            Event::Composition(event) => event.to_form(),
            Event::MediaProcessor(event) => event.to_form(),
            Event::PlayerStreamer(event) => event.to_form(),
            Event::Call(event) => event.to_form(),
            Event::Recording(event) => event.to_form(),
            Event::PhoneNumberCall(event) => event.to_form(),
            Event::Unknown(event) => {
                let mut out = FormWriter::default();
                event.encode(&mut out);
                out.finish()
            }
        }
    }
}

/// Serialised as one map of wire names to typed values (see the family types).
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Event::Room(event) => event.serialize(serializer),
            Event::Composition(event) => event.serialize(serializer),
            Event::MediaProcessor(event) => event.serialize(serializer),
            Event::PlayerStreamer(event) => event.serialize(serializer),
            Event::Call(event) => event.serialize(serializer),
            Event::Recording(event) => event.serialize(serializer),
            Event::PhoneNumberCall(event) => event.serialize(serializer),
            Event::Unknown(event) => event.serialize(serializer),
        }
    }
}

impl From<RoomEvent> for Event {
    fn from(event: RoomEvent) -> Self {
        Event::Room(event)
    }
}

impl From<CompositionEvent> for Event {
    fn from(event: CompositionEvent) -> Self {
        Event::Composition(event)
    }
}

impl From<MediaProcessorEvent> for Event {
    fn from(event: MediaProcessorEvent) -> Self {
        Event::MediaProcessor(event)
    }
}

impl From<PlayerStreamerEvent> for Event {
    fn from(event: PlayerStreamerEvent) -> Self {
        Event::PlayerStreamer(event)
    }
}

impl From<UnknownEvent> for Event {
    fn from(event: UnknownEvent) -> Self {
        Event::Unknown(event)
    }
}

/// A callback whose `StatusCallbackEvent` this crate does not know, with every pair kept.
///
/// ```
/// use status_callbacks::{parse, Event};
///
/// // A conference callback is not a Video participant event.
/// let body = b"StatusCallbackEvent=participant-join&AccountSid=AC00000000000000000000000000000000\
///     &ConferenceSid=CF00000000000000000000000000000000&Muted=false";
/// let Event::Unknown(unknown) = parse(body)? else { panic!("not unknown") };
/// assert_eq!(unknown.kind, "participant-join");
/// assert_eq!(unknown.params.get("Muted"), Some("false"));
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownEvent {
    /// `StatusCallbackEvent`, as received.
    pub kind: String,
    /// `AccountSid`, when present and not empty.
    pub account_sid: Option<AccountSid>,
    /// Every other pair, in the order received.
    pub params: Extra,
}

impl UnknownEvent {
    fn decode(kind: String, mut params: RawParams<'_>) -> Self {
        // A repeated AccountSid with different values stays in `params`, untyped.
        let account_sid = params
            .take_if_single("AccountSid")
            .and_then(|sid| AccountSid::from_wire(sid).ok());
        UnknownEvent {
            kind,
            account_sid,
            params: params.take_rest(),
        }
    }

    /// The `Timestamp` parameter, if it holds an RFC 3339 or RFC 2822 timestamp.
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        self.params.get("Timestamp").and_then(parse_timestamp)
    }

    fn encode(&self, out: &mut FormWriter) {
        out.pair(STATUS_CALLBACK_EVENT, &self.kind);
        if let Some(sid) = &self.account_sid {
            out.pair("AccountSid", sid.as_str());
        }
        self.params.encode(out);
    }
}

/// Serialised as one map: `StatusCallbackEvent`, `AccountSid`, then every other pair as a
/// string.
impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(STATUS_CALLBACK_EVENT, &self.kind)?;
        if let Some(sid) = &self.account_sid {
            map.serialize_entry("AccountSid", sid)?;
        }
        self.params.serialize_entries(&mut map)?;
        map.end()
    }
}
