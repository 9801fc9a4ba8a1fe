//! Typed, validated Twilio and SignalWire status callbacks.
//!
//! Twilio and SignalWire report what happened to a call, a recording, a conference, a
//! message, a media stream, a transcription or a Video Room by sending an
//! `application/x-www-form-urlencoded` request to a URL you choose. This crate proves the
//! request came from them, turns its body into a typed [`Event`], and back: SIDs are
//! newtypes, enumerated values are open enums, timestamps are
//! [`chrono::DateTime<Utc>`](chrono::DateTime), durations know their unit, and nothing that
//! was received is lost.
//!
//! Verify, then parse, in one call (feature `signature`, on by default):
//!
//! ```
//! # #[cfg(feature = "signature")] {
//! use status_callbacks::signature::{sign_body, Validator};
//! use status_callbacks::{video::RoomEvent, Event, Received};
//!
//! let validator = Validator::twilio("your auth token")?;
//! // The request as received: the URL Twilio called, its body, its `X-Twilio-Signature`.
//! let url = "https://hooks.example.com/callbacks";
//! let body = b"RoomStatus=completed&RoomType=group&RoomSid=RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3\
//!     &RoomName=standup&RoomDuration=312&SequenceNumber=1&StatusCallbackEvent=room-ended\
//!     &Timestamp=2020-08-19T17%3A40%3A05.273Z&AccountSid=AC88c0aa9e2b5c3a8d1e1b9f3d0d6c7e10";
//! # let signature = sign_body("your auth token", url, body)?;
//!
//! match validator.verify_and_parse(url, body, &signature)? {
//!     Received::Typed(Event::Room(RoomEvent::RoomEnded(ended))) => {
//!         println!("{} lasted {:?}", ended.room_name, ended.room_duration.as_duration());
//!         assert_eq!(ended.room_duration.get(), 312);
//!     }
//!     Received::Typed(Event::Unknown(unknown)) => println!("not handled yet: {}", unknown.kind),
//!     Received::Typed(other) => println!("{} at {:?}", other.kind_str(), other.timestamp()),
//!     // Authentic, but a value does not fit the model: kept whole, with the reason.
//!     Received::Untyped(raw) => println!("{raw}"),
//! }
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In a web server, one line does it all (read, verify, parse, answer 400, 403, 413 or 500):
//! `TwilioCallback(received): TwilioCallback<Received<Event>>` as an axum or actix-web
//! handler argument, [`integrations::http::verify_request`] on any stack built on the `http`
//! crate (hyper, tower, `lambda_http`, ...), or [`integrations::tower::VerifyLayer`] in front of
//! any tower service; see [`integrations`] for each, and the `hyper_receiver`,
//! `axum_receiver` and `actix_receiver` examples for complete receivers. Callbacks may arrive
//! twice or out of order: [`Event::dedupe_key`], [`integrations::idempotency_token`],
//! [`WebhookConfig::refuse_older_than`](integrations::WebhookConfig::refuse_older_than) and
//! [`voice::CallStatusCallback::precedes`] help.
//!
//! Without the signature check (a body verified elsewhere, a test), [`parse`] does the
//! parsing alone:
//!
//! ```
//! use status_callbacks::{parse, Event, video::RoomEvent};
//!
//! let body = b"RoomStatus=completed&RoomType=group&RoomSid=RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3\
//!     &RoomName=standup&RoomDuration=312&SequenceNumber=1&StatusCallbackEvent=room-ended\
//!     &Timestamp=2020-08-19T17%3A40%3A05.273Z&AccountSid=AC88c0aa9e2b5c3a8d1e1b9f3d0d6c7e10";
//! assert!(matches!(parse(body)?, Event::Room(RoomEvent::RoomEnded(_))));
//! # Ok::<(), status_callbacks::ParseError>(())
//! ```
//!
//! # Entry points
//!
//! - [`parse`] reads a POST body and tells the family from its parameters; [`parse_query`]
//!   does the same for the query string of a GET callback.
//! - Each family, and each event, also parses on its own ([`video::RoomEvent::from_form`],
//!   [`video::RoomEnded::from_form`]), for an endpoint that only ever receives one. A body of
//!   another family is [`ParseError::WrongFamily`], naming both families, whichever parser was
//!   called.
//! - [`Event::to_form`] writes an event back as a body, and every event implements
//!   [`serde::Serialize`] as one map keyed by the wire names (numbers as numbers, enum values as
//!   their wire strings, timestamps as strings). [`Event`] implements [`serde::Deserialize`]
//!   from that map (every event type does), checked as a received body is.
//!
//! # From wire names to fields
//!
//! One rule, everywhere: each parameter an event types is a field of the event's struct named
//! by the parameter's wire name in snake case, at the top level of the struct. `RoomSid` is
//! `room_sid` on room, recording and composition events alike; `AudioInMos` is `audio_in_mos`;
//! a hyphen is an underscore (`Unique-ID` would be `unique_id`); a Rust keyword is a raw
//! identifier (`Type` is `r#type`). A parameter the documentation says is always present is a
//! plain field, any other an `Option`. [`EventKind::parameters`] lists them for every kind.
//!
//! [`Event::get`] (and `get` on every family and event type) returns the value of any
//! parameter as received, typed or not, by its wire name: a lookup that keeps working when a
//! later version moves a parameter from `extra` to a field.
//!
//! # Building events, and stability
//!
//! Events and their families are `#[non_exhaustive]`, so that typing one more parameter is not
//! a breaking change. To build one in your own tests, parse it from pairs with
//! [`StatusCallback::from_pairs`] and change the fields the test is about. Every event type
//! also reads back from the JSON its `Serialize` writes.
//!
//! # What is kept
//!
//! - An unknown `StatusCallbackEvent` gives [`Event::Unknown`], holding the kind and every
//!   pair. Matching is exact: conference callbacks (`participant-join`, ...) are not taken for
//!   Video participant events.
//! - An unknown enumerated value gives the enum's `Other(String)` variant.
//! - An unknown parameter is kept in the event's [`Extra`], in order.
//!
//! None of these is an error. Errors ([`ParseError`]) are for bodies that are not form-encoded
//! UTF-8, bodies with no event kind, and documented parameters that are missing or do not have
//! their documented type; each names the wire parameter and the event kind.
//!
//! # Limits
//!
#![doc = include_str!("../docs/limits.md")]
//!
//! # Features
//!
#![doc = include_str!("../docs/features.md")]
//!
//! # Coverage
//!
#![doc = include_str!("../docs/coverage.md")]
//!
//! [`EventKind`] lists every kind, keyed by the parameter that tells it and that parameter's
//! value ([`EventKind::all`], [`EventKind::from_wire`]); [`Family`] lists the families in the
//! order [`parse`] tries them. Each family's module ([`voice`], [`video`], [`live`],
//! [`conference`], [`messaging`]) documents its events and their parameters.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(unreachable_pub)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// The reference is built with every feature (docs.rs: `all-features`); built with fewer, the
// links to the integrations left out are plain text.
#![cfg_attr(
    not(all(feature = "tower", feature = "axum", feature = "actix-web")),
    allow(rustdoc::broken_intra_doc_links)
)]

pub mod conference;
pub(crate) mod de;
pub(crate) mod declare;
pub(crate) mod error;
pub(crate) mod event;
pub(crate) mod fast;
#[cfg(feature = "signature")]
#[cfg_attr(docsrs, doc(cfg(feature = "signature")))]
pub mod integrations;
pub mod live;
pub mod messaging;
pub(crate) mod params;
pub(crate) mod received;
pub mod sid;
#[cfg(feature = "signature")]
#[cfg_attr(docsrs, doc(cfg(feature = "signature")))]
pub mod signature;
mod text;
pub(crate) mod value;
pub mod video;
pub mod voice;

pub use error::{Expected, OtherWebhook, ParseError};
pub use event::{discriminators, DedupeKey, Event, EventKind, Family, Parameter, UnknownEvent};
pub use params::{Extra, MAX_PARAMETERS};
pub use received::{Received, Untyped};
pub use sid::{AccountSid, EmptySid, Provider};
pub use text::Text;
pub use value::{parse_timestamp, Decimal, DlrDate, Flag, Milliseconds, Minutes, Seconds};

#[cfg(feature = "signature")]
pub use signature::{SignatureError, Validator, WebhookError};

/// Parses a status callback POST body (`application/x-www-form-urlencoded`), whatever its
/// family.
///
/// The family is told by the parameters [`discriminators`] lists, tried in that order (the
/// crate docs' coverage table says which family each tells); an event this crate does not type
/// yet gives [`Event::Unknown`], and a body with none of them is
/// [`ParseError::MissingDiscriminator`], which lists them.
///
/// ```
/// use status_callbacks::{parse, video::CompositionKind, EventKind};
///
/// let body = b"StatusCallbackEvent=composition-progress&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&CompositionSid=CJ00000000000000000000000000000000\
///     &CompositionUri=%2Fv1%2FCompositions%2FCJ00000000000000000000000000000000\
///     &PercentageDone=40&SecondsRemaining=12&Timestamp=2020-08-20T01%3A40%3A00.123Z";
/// let event = parse(body)?;
/// assert_eq!(
///     event.kind(),
///     Some(EventKind::Composition(CompositionKind::CompositionProgress))
/// );
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
pub fn parse(body: &[u8]) -> Result<Event, ParseError> {
    Event::from_form(body)
}

/// Parses the query string of a GET status callback (with or without its leading `?`).
///
/// With `StatusCallbackMethod=GET`, the parameters arrive in the query string instead of the
/// body; they are read the same way.
///
/// ```
/// use status_callbacks::{parse_query, video::RoomKind, EventKind};
///
/// let query = "?StatusCallbackEvent=room-created&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&RoomName=standup&RoomStatus=in-progress\
///     &RoomType=group&SequenceNumber=0&Timestamp=2020-08-19T17%3A30%3A00Z";
/// assert_eq!(
///     parse_query(query)?.kind(),
///     Some(EventKind::Room(RoomKind::RoomCreated))
/// );
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
pub fn parse_query(query: &str) -> Result<Event, ParseError> {
    Event::from_query(query)
}

/// A type a status callback body parses into: [`Event`], a family's type, or an event's.
///
/// Generic code (a web framework extractor, a test helper) can take any of them with this
/// trait. It is sealed: only this crate's types implement it.
///
/// Build an event in your own tests from its pairs, then change what the test is about (the
/// event structs are `#[non_exhaustive]`, so they are not built field by field outside this
/// crate):
///
/// ```
/// use status_callbacks::{video::RoomEnded, StatusCallback};
///
/// let mut ended = RoomEnded::from_pairs([
///     ("StatusCallbackEvent", "room-ended"),
///     ("AccountSid", "AC00000000000000000000000000000000"),
///     ("RoomSid", "RM00000000000000000000000000000000"),
///     ("RoomName", "standup"),
///     ("RoomStatus", "completed"),
///     ("RoomDuration", "312"),
///     ("SequenceNumber", "1"),
///     ("Timestamp", "2020-08-19T17:40:05Z"),
/// ])?;
/// ended.room_name = "retro".into();
/// assert_eq!(ended.room_duration.get(), 312);
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
pub trait StatusCallback: sealed::Sealed {
    /// Parses a POST body (`application/x-www-form-urlencoded`).
    fn from_form(body: &[u8]) -> Result<Self, ParseError> {
        Self::from_params(params::RawParams::scan(body)?)
    }

    /// Parses the query string of a GET callback (with or without its leading `?`).
    fn from_query(query: &str) -> Result<Self, ParseError> {
        Self::from_form(strip_question_mark(query).as_bytes())
    }

    /// Parses name and value pairs, as if they had been received in this order.
    fn from_pairs<N, V, I>(pairs: I) -> Result<Self, ParseError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
        I: IntoIterator<Item = (N, V)>,
    {
        let mut out = params::FormWriter::default();
        for (name, value) in pairs {
            out.pair(name.as_ref(), value.as_ref());
        }
        Self::from_form(out.finish().as_bytes())
    }

    /// Writes the callback back as a body.
    fn to_form(&self) -> String;
}

pub(crate) mod sealed {
    use crate::params::RawParams;
    use crate::ParseError;

    /// Keeps [`StatusCallback`](crate::StatusCallback) to this crate's types, and decodes
    /// from pairs scanned already (so that verifying and parsing scan once). Public only so
    /// that it can seal the trait; it cannot be named outside this crate.
    #[allow(unreachable_pub)]
    pub trait Sealed: Sized {
        fn from_params(params: RawParams<'_>) -> Result<Self, ParseError>;

        /// When the event happened, where the callback says (for the replay guard).
        fn event_time(&self) -> Option<chrono::DateTime<chrono::Utc>>;
    }
}

impl sealed::Sealed for Event {
    fn from_params(params: params::RawParams<'_>) -> Result<Self, ParseError> {
        Event::from_params(params)
    }

    fn event_time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        Event::event_time(self)
    }
}

impl StatusCallback for Event {
    fn to_form(&self) -> String {
        Event::to_form(self)
    }
}

pub(crate) fn strip_question_mark(query: &str) -> &str {
    query.strip_prefix('?').unwrap_or(query)
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
