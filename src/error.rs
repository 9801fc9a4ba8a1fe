//! Errors returned by the parsers.

use std::fmt;

use crate::{EventKind, Family};

/// Why a callback body could not be turned into an event.
///
/// Every variant that concerns one parameter names it by its wire name (`RoomDuration`), and,
/// where the event is known, the event kind (`room-ended`). Values quoted in messages are cut
/// short. Unknown events, parameters and enum values are *not* errors: they are kept (see
/// [`Event::Unknown`](crate::Event::Unknown), the `extra` field of every event, and the
/// `Other` variant of every open enum).
///
/// ```
/// use status_callbacks::{parse, ParseError};
///
/// let body = b"StatusCallbackEvent=room-ended&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&RoomName=standup&RoomStatus=completed\
///     &RoomType=group&RoomDuration=abc&SequenceNumber=1&Timestamp=2020-08-19T17%3A40%3A05.273Z";
/// let err = parse(body).unwrap_err();
/// assert!(matches!(err, ParseError::InvalidValue { param: "RoomDuration", .. }));
/// assert_eq!(err.param(), Some("RoomDuration"));
/// assert_eq!(
///     err.to_string(),
///     "invalid value `abc` for parameter `RoomDuration` of event `room-ended`: expected a whole number of seconds"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The body is not a valid `application/x-www-form-urlencoded` string: a name or value is
    /// not UTF-8 once percent-decoded.
    #[error("malformed body: {} at byte {offset} is not valid UTF-8 once percent-decoded", Part(param.as_deref()))]
    #[non_exhaustive]
    Malformed {
        /// The parameter whose value is malformed, or `None` when a parameter name is.
        param: Option<String>,
        /// Byte offset in the body where the bad name or value starts.
        offset: usize,
    },

    /// The body holds more parameters than [`MAX_PARAMETERS`](crate::MAX_PARAMETERS): it is
    /// refused before more of it is read.
    #[error("the body holds more than {limit} parameters")]
    #[non_exhaustive]
    TooManyParameters {
        /// The limit, [`MAX_PARAMETERS`](crate::MAX_PARAMETERS).
        limit: usize,
    },

    /// None of the parameters that tell what a body is was present (or all were empty).
    #[error(
        "not a status callback: none of the parameters {} is present",
        Quoted(looked_for)
    )]
    #[non_exhaustive]
    MissingDiscriminator {
        /// The wire names that were looked for, in the order they are tried
        /// ([`discriminators`](crate::discriminators)).
        looked_for: &'static [&'static str],
    },

    /// The body is a webhook of another kind, not a status callback (see [`OtherWebhook`]).
    #[error("not a status callback: the body looks like {looks_like} (it has `{telling}`{})", looks_like.lacking())]
    #[non_exhaustive]
    NotAStatusCallback {
        /// What the body looks like.
        looks_like: OtherWebhook,
        /// The parameter that tells, e.g. `DialCallStatus`.
        telling: &'static str,
    },

    /// A parameter the event documents as always present is absent.
    #[error("missing required parameter `{param}` for event `{kind}`")]
    #[non_exhaustive]
    MissingParameter {
        /// Wire name of the parameter, e.g. `RoomSid`.
        param: &'static str,
        /// The event kind.
        kind: EventKind,
    },

    /// A parameter is present but its value does not have the documented type.
    #[error(
        "invalid value `{value}` for parameter `{param}` of event `{kind}`: expected {expected}"
    )]
    #[non_exhaustive]
    InvalidValue {
        /// Wire name of the parameter, e.g. `RoomDuration`.
        param: &'static str,
        /// The event kind.
        kind: EventKind,
        /// The value received, cut short to at most 40 characters.
        value: String,
        /// What the parameter must hold.
        expected: Expected,
    },

    /// A parameter this crate types appears more than once with different values.
    ///
    /// A request signature fixes neither the order nor the number of copies of a repeated
    /// parameter (the signed string sorts a name's values and drops duplicates), so none of
    /// the copies is trusted over the others. Copies of the same value are not an error.
    #[error(
        "parameter `{param}`{} appears more than once with different values",
        OfEvent(kind.as_ref())
    )]
    #[non_exhaustive]
    RepeatedParameter {
        /// Wire name of the parameter, e.g. `CallStatus`.
        param: &'static str,
        /// The event kind, where it is known (not for the parameter that tells the kind).
        kind: Option<EventKind>,
    },

    /// A family's parser (for example [`RoomEvent::from_form`](crate::video::RoomEvent::from_form),
    /// or an event struct's) was given a body of another family, or an unknown event.
    /// [`parse`](crate::parse) never returns this: it takes every family, and gives
    /// [`Event::Unknown`](crate::Event::Unknown) for an unknown event.
    #[error("expected {expected} callback, got {} `{kind}`", Got(found.as_ref()))]
    #[non_exhaustive]
    WrongFamily {
        /// The family the parser takes.
        expected: Family,
        /// The family of the body, or `None` for an event this crate does not know.
        found: Option<Family>,
        /// The kind received: its name, or the value of the parameter that told it.
        kind: String,
    },

    /// An event struct's parser (for example
    /// [`RoomEnded::from_form`](crate::video::RoomEnded::from_form)) was given another event of
    /// its family.
    #[error("expected event `{expected}`, got `{found}`")]
    #[non_exhaustive]
    WrongKind {
        /// The kind the parser takes.
        expected: EventKind,
        /// The kind received.
        found: EventKind,
    },
}

/// What a webhook that is not a status callback looks like: the bodies that share a status
/// callback's parameters (`CallStatus`, ...) but are something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OtherWebhook {
    /// A `<Dial>` action request (`DialCallStatus`).
    DialAction,
    /// A `<Record>` action request (`RecordingUrl`).
    RecordAction,
    /// An incoming call or another request asking for TwiML (`CallStatus` alone).
    IncomingCall,
    /// An incoming message (`SmsStatus` or `MessageStatus` `received` or `receiving`).
    IncomingMessage,
}

impl OtherWebhook {
    /// What is missing that a status callback would have.
    fn lacking(self) -> &'static str {
        match self {
            OtherWebhook::IncomingMessage => " with the value `received` or `receiving`",
            _ => " but no `CallbackSource`, `SequenceNumber` or `Timestamp`",
        }
    }
}

impl fmt::Display for OtherWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OtherWebhook::DialAction => "a `<Dial>` action request",
            OtherWebhook::RecordAction => "a `<Record>` action request",
            OtherWebhook::IncomingCall => "an incoming call or another request asking for TwiML",
            OtherWebhook::IncomingMessage => "an incoming message",
        })
    }
}

/// What a parameter must hold: the type of value an [`ParseError::InvalidValue`] expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// Any value but the empty one.
    NonEmpty,
    /// An identifier (any value but the empty one).
    Identifier,
    /// Digits only, within the field's width.
    UnsignedInteger,
    /// A decimal number: digits, at most one `.`, an optional leading `-`.
    Decimal,
    /// A whole number of seconds.
    Seconds,
    /// A whole number of minutes.
    Minutes,
    /// A whole number of milliseconds.
    Milliseconds,
    /// An RFC 3339 or RFC 2822 timestamp.
    Timestamp,
    /// A date and time as `YYMMDDhhmm` (or `YYMMDDhhmmss`).
    DlrDate,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::NonEmpty => "a non-empty value",
            Expected::Identifier => "a non-empty identifier",
            Expected::UnsignedInteger => "an unsigned integer",
            Expected::Decimal => "a decimal number",
            Expected::Seconds => "a whole number of seconds",
            Expected::Minutes => "a whole number of minutes",
            Expected::Milliseconds => "a whole number of milliseconds",
            Expected::Timestamp => "an RFC 3339 or RFC 2822 timestamp",
            Expected::DlrDate => "a date and time as YYMMDDhhmm",
        })
    }
}

impl ParseError {
    /// The wire name of the parameter this error is about, where there is one.
    pub fn param(&self) -> Option<&str> {
        match self {
            ParseError::MissingParameter { param, .. }
            | ParseError::InvalidValue { param, .. }
            | ParseError::RepeatedParameter { param, .. } => Some(param),
            ParseError::Malformed { param, .. } => param.as_deref(),
            _ => None,
        }
    }

    /// The event kind this error is about, where it is known (for
    /// [`WrongKind`](ParseError::WrongKind), the kind received).
    pub fn event_kind(&self) -> Option<EventKind> {
        match self {
            ParseError::MissingParameter { kind, .. } | ParseError::InvalidValue { kind, .. } => {
                Some(*kind)
            }
            ParseError::RepeatedParameter { kind, .. } => *kind,
            ParseError::WrongKind { found, .. } => Some(*found),
            _ => None,
        }
    }

    pub(crate) fn invalid(
        param: &'static str,
        kind: EventKind,
        value: &str,
        expected: Expected,
    ) -> Self {
        ParseError::InvalidValue {
            param,
            kind,
            value: excerpt(value),
            expected,
        }
    }

    pub(crate) fn repeated(param: &'static str, kind: Option<EventKind>) -> Self {
        ParseError::RepeatedParameter { param, kind }
    }

    pub(crate) fn missing(param: &'static str, kind: EventKind) -> Self {
        ParseError::MissingParameter { param, kind }
    }
}

/// Displays the malformed part: ``the value of `Name` `` or `a parameter name`.
struct Part<'a>(Option<&'a str>);

impl fmt::Display for Part<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(param) => write!(f, "the value of `{param}`"),
            None => f.write_str("a parameter name"),
        }
    }
}

/// Displays ``a `Video room` `` or `an unknown event`.
struct Got<'a>(Option<&'a Family>);

impl fmt::Display for Got<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(family) => write!(f, "{family}"),
            None => f.write_str("unknown event"),
        }
    }
}

/// Longest quoted value, in characters, kept in an error.
const EXCERPT_CHARS: usize = 40;

/// `value` cut to [`EXCERPT_CHARS`] characters, with `…` where it was cut.
pub(crate) fn excerpt(value: &str) -> String {
    match value.char_indices().nth(EXCERPT_CHARS) {
        None => value.to_owned(),
        Some((end, _)) => format!("{}…", &value[..end]),
    }
}

/// Displays `` of event `kind` `` when the kind is known.
struct OfEvent<'a>(Option<&'a EventKind>);

impl fmt::Display for OfEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(kind) => write!(f, " of event `{kind}`"),
            None => Ok(()),
        }
    }
}

/// Displays a list of names as `` `A`, `B` ``.
struct Quoted<'a>(&'a [&'a str]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_long_values_on_a_char_boundary() {
        let long = "é".repeat(50);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt("short"), "short");
    }

    #[test]
    fn missing_discriminator_lists_what_was_looked_for() {
        let err = ParseError::MissingDiscriminator {
            looked_for: &["StatusCallbackEvent", "CallStatus"],
        };
        assert_eq!(
            err.to_string(),
            "not a status callback: none of the parameters `StatusCallbackEvent`, `CallStatus` is present"
        );
    }
}
