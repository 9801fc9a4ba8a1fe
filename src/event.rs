//! The top-level [`Event`], the [`EventKind`] list, and family detection.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::ParseError;
use crate::params::{Extra, FormWriter, RawParams, WireValue};
use crate::sid::AccountSid;
use crate::value::parse_timestamp;
use crate::video::{CompositionEvent, RoomEvent};

/// The parameter that names the event in Video and Live callbacks.
pub(crate) const STATUS_CALLBACK_EVENT: &str = "StatusCallbackEvent";

/// The parameters [`parse`](crate::parse) looks for to tell what a body is, in order.
pub const DISCRIMINATORS: &[&str] = &[STATUS_CALLBACK_EVENT];

/// Every documented event kind, with its wire string (the `StatusCallbackEvent` value).
///
/// ```
/// use status_callbacks::EventKind;
/// use strum::IntoEnumIterator;
///
/// assert_eq!("room-ended".parse::<EventKind>(), Ok(EventKind::RoomEnded));
/// assert_eq!(EventKind::CompositionHookFailed.as_str(), "composition-hook-failed");
/// assert_eq!(EventKind::iter().count(), 17);
/// // Matching is exact: conference events are not Video events.
/// assert!("participant-join".parse::<EventKind>().is_err());
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
}

impl EventKind {
    /// The wire string, e.g. `room-ended`.
    pub fn as_str(self) -> &'static str {
        self.into()
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
                let mut params = $crate::params::RawParams::scan(body)?;
                let kind = params
                    .take_discriminator($crate::event::STATUS_CALLBACK_EVENT)
                    .ok_or($crate::ParseError::MissingDiscriminator {
                        looked_for: &[$crate::event::STATUS_CALLBACK_EVENT],
                    })?;
                match kind.parse::<$crate::EventKind>() {
                    Ok(known) => match Self::decode(known, &mut params) {
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

            /// Decodes the event `kind` if it belongs to this family.
            pub(crate) fn decode(
                kind: $crate::EventKind,
                params: &mut $crate::params::RawParams<'_>,
            ) -> Option<Result<Self, $crate::ParseError>> {
                match kind {
                    $(
                        $crate::EventKind::$variant => Some(
                            <$variant as $crate::params::Fields>::decode(params, kind.as_str())
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

        impl $crate::StatusCallback for $family {
            fn from_form(body: &[u8]) -> Result<Self, $crate::ParseError> {
                $family::from_form(body)
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

                fn encode_with_kind(&self, out: &mut $crate::params::FormWriter) {
                    out.pair($crate::event::STATUS_CALLBACK_EVENT, Self::KIND.as_str());
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
                    map.serialize_entry($crate::event::STATUS_CALLBACK_EVENT, &Self::KIND)?;
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

pub(crate) use event_family;

/// A parsed status callback: what [`parse`](crate::parse) returns.
///
/// Each documented family has a variant holding the family's enum; a body whose
/// `StatusCallbackEvent` this crate does not know is [`Event::Unknown`], with every pair kept.
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
    /// A body with a `StatusCallbackEvent` this crate does not know (a conference callback,
    /// or an event added after this version).
    Unknown(UnknownEvent),
}

impl Event {
    /// Parses a POST body (`application/x-www-form-urlencoded`); the same as
    /// [`parse`](crate::parse).
    pub fn from_form(body: &[u8]) -> Result<Self, ParseError> {
        let mut params = RawParams::scan(body)?;
        let Some(kind) = params.take_discriminator(STATUS_CALLBACK_EVENT) else {
            return Err(ParseError::MissingDiscriminator {
                looked_for: DISCRIMINATORS,
            });
        };
        if let Ok(known) = EventKind::from_str(&kind) {
            if let Some(event) = RoomEvent::decode(known, &mut params) {
                return event.map(Event::Room);
            }
            if let Some(event) = CompositionEvent::decode(known, &mut params) {
                return event.map(Event::Composition);
            }
        }
        Ok(Event::Unknown(UnknownEvent::decode(
            kind.into_owned(),
            params,
        )))
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
            Event::Unknown(_) => None,
        }
    }

    /// The event kind as received on the wire, for every event including unknown ones.
    pub fn kind_str(&self) -> &str {
        match self {
            Event::Room(event) => event.kind().as_str(),
            Event::Composition(event) => event.kind().as_str(),
            Event::Unknown(event) => &event.kind,
        }
    }

    /// `AccountSid`. Always present on documented events; an unknown event may lack it.
    pub fn account_sid(&self) -> Option<&AccountSid> {
        match self {
            Event::Room(event) => Some(event.account_sid()),
            Event::Composition(event) => Some(event.account_sid()),
            Event::Unknown(event) => event.account_sid.as_ref(),
        }
    }

    /// `Timestamp`. Always present on documented events; on an unknown event, its
    /// `Timestamp` parameter if it holds an RFC 3339 or RFC 2822 timestamp.
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        match self {
            Event::Room(event) => Some(event.timestamp()),
            Event::Composition(event) => Some(event.timestamp()),
            Event::Unknown(event) => event.timestamp(),
        }
    }

    /// The parameters no typed field holds (for an unknown event, all but `AccountSid` and
    /// `StatusCallbackEvent`).
    pub fn extra(&self) -> &Extra {
        match self {
            Event::Room(event) => event.extra(),
            Event::Composition(event) => event.extra(),
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
        let mut out = FormWriter::default();
        match self {
            Event::Room(event) => event.encode(&mut out),
            Event::Composition(event) => event.encode(&mut out),
            Event::Unknown(event) => event.encode(&mut out),
        }
        out.finish()
    }
}

/// Serialised as one map of wire names to typed values (see the family enums).
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Event::Room(event) => event.serialize(serializer),
            Event::Composition(event) => event.serialize(serializer),
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
        let account_sid = params
            .take_discriminator("AccountSid")
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
