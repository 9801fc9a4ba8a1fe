//! The registry of families: [`Event`], [`EventKind`], [`Family`], detection, and
//! [`UnknownEvent`].
//!
//! The families are listed once, below, in the order detection tries them (the order of
//! `reference/domain-extension.md` section 6.3): each line names the family's type, which its
//! own module declares (see `src/declare.rs`).

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::conference::{ConferenceEvent, ConferenceKind, ConferenceRecordEnd};
use crate::declare::families;
use crate::error::{OtherWebhook, ParseError};
use crate::live::{
    MediaProcessorEvent, MediaProcessorKind, PlayerStreamerEvent, PlayerStreamerKind,
};
use crate::messaging::MessageStatusCallback;
use crate::params::{Extra, FormWriter, RawParams, WireValue};
use crate::sid::AccountSid;
use crate::sid::Provider;
use crate::value::parse_timestamp;
use crate::video::{CompositionEvent, CompositionKind, RoomEvent, RoomKind};
use crate::voice::{
    AmdCallback, CallStatusCallback, MediaStreamEvent, MediaStreamKind, PhoneNumberCallStatus,
    RecordTranscriptionCallback, RecordingStatusCallback, SiprecEvent, SiprecKind,
    TranscriptionEvent, TranscriptionKind,
};

families! {
    /// A Media Streams status callback: `stream-started`, `stream-stopped`, `stream-error`
    /// (`StreamEvent`).
    MediaStream(MediaStreamEvent: MediaStreamKind),
    /// A real-time transcription callback: `transcription-*` (`TranscriptionEvent`).
    Transcription(TranscriptionEvent: TranscriptionKind),
    /// A SIPREC status callback: `siprec-*` (`SiprecEvent`).
    Siprec(SiprecEvent: SiprecKind),
    /// A conference event: `conference-*`, `participant-join`, `participant-leave`, ...,
    /// `announcement-*` (`StatusCallbackEvent`).
    Conference(ConferenceEvent: ConferenceKind),
    /// A Video Room event: `room-*`, `participant-connected`, `participant-disconnected`,
    /// `track-*` and `recording-*` (`StatusCallbackEvent`).
    Room(RoomEvent: RoomKind),
    /// A Video Composition or Composition Hook event: `composition-*` (`StatusCallbackEvent`).
    Composition(CompositionEvent: CompositionKind),
    /// A Live MediaProcessor event: `media-processor-*` (`StatusCallbackEvent`).
    MediaProcessor(MediaProcessorEvent: MediaProcessorKind),
    /// A Live PlayerStreamer event: `stream-*` (`StatusCallbackEvent`; `player-streamer-*`
    /// is read as the same kinds).
    PlayerStreamer(PlayerStreamerEvent: PlayerStreamerKind),
    /// The legacy `conference-record-end`, told by `EventName` with a `ConferenceSid`.
    ConferenceRecordEnd(ConferenceRecordEnd),
    /// A `<Record>` transcription callback, told by `TranscriptionStatus` (or a
    /// `TranscriptionSid` with `TranscriptionText`).
    RecordTranscription(RecordTranscriptionCallback),
    /// A voice recording status callback (Twilio or SignalWire, of a call or a conference),
    /// told by `RecordingStatus`.
    RecordingStatus(RecordingStatusCallback),
    /// A messaging status callback (Twilio or SignalWire), told by `MessageStatus` (or
    /// `SmsStatus`) with a `MessageSid`; `received` and `receiving` are incoming messages, an
    /// error.
    MessageStatus(MessageStatusCallback) boxed,
    /// An asynchronous answering machine detection callback, told by `AnsweredBy` with
    /// `MachineDetectionDuration` and without `CallbackSource` or `SequenceNumber`.
    Amd(AmdCallback),
    /// A voice call status callback (Twilio or SignalWire), told by `CallStatus` with at least
    /// one of `ApiVersion`, `Direction`, `CallbackSource`, `SequenceNumber`. Boxed: it has
    /// several times the fields of any other event.
    CallStatus(CallStatusCallback) boxed,
    /// SignalWire's phone-number-level incoming call status callback: a `CallStatus` without
    /// the call callback's `ApiVersion`, `Direction`, `CallbackSource` and `SequenceNumber`.
    PhoneNumberCallStatus(PhoneNumberCallStatus),
}

/// A parameter an event struct types (see [`EventKind::parameters`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Parameter {
    /// The wire name, e.g. `RoomDuration`.
    pub name: &'static str,
    /// The struct field that holds it: the wire name in snake case, e.g. `room_duration`.
    pub field: &'static str,
    /// Whether the documentation (or real callbacks) make it always present; an optional
    /// parameter's field is an `Option`.
    pub required: bool,
}

/// The natural dedupe key of a callback ([`Event::dedupe_key`]): its family and the values of
/// the parameters that identify one event of that family, as the family declares them
/// (`CallSid`, `CallStatus`, `SequenceNumber` for a call; `MessageSid`, `MessageStatus`,
/// `EventType` for a message; ...).
///
/// Twilio may deliver a callback more than once (a retry after a timeout, a connection
/// failure). Two deliveries of one event have the same key, so storing keys you have handled
/// (with an atomic claim: `INSERT ... ON CONFLICT DO NOTHING`, not check-then-insert) skips the
/// repeats. What it does not promise: two different events that carry the same values (a
/// family without a sequence number whose status repeats) share a key; and an event whose
/// parameters differ between deliveries (never seen) would not. Twilio's
/// `I-Twilio-Idempotency-Token` request header ([`idempotency_token`](crate::integrations::idempotency_token))
/// identifies the retries of one request; the natural key also catches the same event sent in
/// two requests.
///
/// ```
/// use status_callbacks::parse;
///
/// let body = b"CallSid=CA1&AccountSid=AC1&CallStatus=completed&ApiVersion=2010-04-01\
///     &Direction=outbound-api&SequenceNumber=3&CallbackSource=call-progress-events\
///     &From=%2B15550100&To=%2B15550199&Timestamp=Sun%2C%2025%20Mar%202018%2009%3A53%3A19%20%2B0000";
/// let key = parse(body)?.dedupe_key();
/// assert_eq!(
///     key.as_str(),
///     "family=voice+call+status&CallSid=CA1&CallStatus=completed&SequenceNumber=3"
/// );
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DedupeKey(String);

impl DedupeKey {
    /// The key as text: form-encoded pairs, `family=...` first.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DedupeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What detection found.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found {
    /// A kind this crate types.
    Known(EventKind),
    /// A value of this discriminating parameter that no family knows.
    Unknown(&'static str),
}

/// The parameters [`parse`](crate::parse) looks for to tell what a body is, in the order it
/// tries them (each once).
pub fn discriminators() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = Vec::new();
        for name in DETECTION_ORDER {
            if !names.contains(name) {
                names.push(name);
            }
        }
        names
    })
}

/// What a webhook that is not a status callback looks like, told by the parameter only it
/// has, in the order tried.
const OTHER_WEBHOOKS: [(OtherWebhook, &str); 3] = [
    (OtherWebhook::DialAction, "DialCallStatus"),
    (OtherWebhook::RecordAction, "RecordingUrl"),
    (OtherWebhook::IncomingCall, "CallStatus"),
];

/// The error for a voice webhook of another kind, if the body is one.
pub(crate) fn other_webhook(params: &RawParams<'_>) -> Option<ParseError> {
    OTHER_WEBHOOKS
        .iter()
        .find(|(_, telling)| params.has(telling))
        .map(|&(looks_like, telling)| ParseError::NotAStatusCallback {
            looks_like,
            telling,
        })
}

/// The error for a body no family takes.
fn not_a_status_callback(params: &RawParams<'_>) -> ParseError {
    other_webhook(params).unwrap_or(ParseError::MissingDiscriminator {
        looked_for: discriminators(),
    })
}

impl Event {
    /// Parses a POST body (`application/x-www-form-urlencoded`); the same as
    /// [`parse`](crate::parse).
    pub fn from_form(body: &[u8]) -> Result<Self, ParseError> {
        Self::from_params(RawParams::scan(body)?)
    }

    pub(crate) fn from_params(params: RawParams<'_>) -> Result<Self, ParseError> {
        let found = detect(&params)?;
        Event::decode(found, params)
    }

    /// Parses the query string of a GET callback; the same as [`parse_query`](crate::parse_query).
    pub fn from_query(query: &str) -> Result<Self, ParseError> {
        Self::from_form(crate::strip_question_mark(query).as_bytes())
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
}

/// A callback whose kind this crate does not know, with every pair kept.
///
/// ```
/// use status_callbacks::{parse, Event};
///
/// // A conference event added after this version: kept, not taken for anything else.
/// let body = b"StatusCallbackEvent=participant-whisper&AccountSid=AC00000000000000000000000000000000\
///     &ConferenceSid=CF00000000000000000000000000000000&Muted=false";
/// let Event::Unknown(unknown) = parse(body)? else { panic!("not unknown") };
/// assert_eq!(unknown.discriminator, "StatusCallbackEvent");
/// assert_eq!(unknown.kind, "participant-whisper");
/// assert_eq!(unknown.extra.get("Muted"), Some("false"));
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The parameter that told the kind, e.g. `StatusCallbackEvent`.
    pub discriminator: &'static str,
    /// Its value, as received.
    pub kind: String,
    /// `AccountSid`, when present and not empty.
    pub account_sid: Option<AccountSid>,
    /// Every other pair, in the order received.
    pub extra: Extra,
}

impl UnknownEvent {
    fn decode(discriminator: &'static str, mut params: RawParams<'_>) -> Self {
        let kind = params
            .take_if_single(discriminator)
            .map(Cow::into_owned)
            .unwrap_or_default();
        // A repeated AccountSid with different values stays in `extra`, untyped.
        let account_sid = params
            .take_if_single("AccountSid")
            .and_then(|sid| AccountSid::from_wire(sid).ok());
        UnknownEvent {
            discriminator,
            kind,
            account_sid,
            extra: params.take_rest(),
        }
    }

    /// The `Timestamp` parameter, if it holds an RFC 3339 or RFC 2822 timestamp.
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        self.extra.get("Timestamp").and_then(parse_timestamp)
    }

    /// The value of the parameter `name` as received.
    pub fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        if name == self.discriminator {
            return Some(Cow::Borrowed(&self.kind));
        }
        match &self.account_sid {
            Some(sid) if name == "AccountSid" => Some(Cow::Borrowed(sid.as_str())),
            _ => self.extra.get(name).map(Cow::Borrowed),
        }
    }

    fn encode(&self, out: &mut FormWriter) {
        out.pair(self.discriminator, &self.kind);
        if let Some(sid) = &self.account_sid {
            out.pair("AccountSid", sid.as_str());
        }
        self.extra.encode(out);
    }

    fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(self.discriminator, &self.kind)?;
        if let Some(sid) = &self.account_sid {
            map.serialize_entry("AccountSid", sid)?;
        }
        self.extra.serialize_entries(map)
    }
}

/// Serialised as one map: the kind, `AccountSid`, then every other pair as a string.
impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl From<UnknownEvent> for Event {
    fn from(event: UnknownEvent) -> Self {
        Event::Unknown(event)
    }
}
