//! Errors returned by the parsers.

use std::fmt;

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
    #[error("malformed body: {what} at byte {offset} is not valid UTF-8 once percent-decoded")]
    Malformed {
        /// What was wrong: ``the value of `RoomName` `` or `a parameter name`.
        what: String,
        /// Byte offset in the body where the bad name or value starts.
        offset: usize,
    },

    /// The body holds more parameters than [`MAX_PARAMETERS`](crate::MAX_PARAMETERS): it is
    /// refused before more of it is read.
    #[error("the body holds more than {limit} parameters")]
    TooManyParameters {
        /// The limit, [`MAX_PARAMETERS`](crate::MAX_PARAMETERS).
        limit: usize,
    },

    /// None of the parameters that tell what a body is was present (or all were empty).
    #[error(
        "not a status callback: none of the parameters {} is present",
        Quoted(looked_for)
    )]
    MissingDiscriminator {
        /// The wire names that were looked for, in the order they are tried.
        looked_for: &'static [&'static str],
    },

    /// The body is a voice webhook of another kind, not a status callback: a `<Dial>` or
    /// `<Record>` action request, an incoming call asking for TwiML, or a `<Record>`
    /// transcription callback. They share `CallStatus` and the call's parameters with call
    /// status callbacks, but have none of the `CallbackSource`, `SequenceNumber` and
    /// `Timestamp` of status callbacks.
    #[error("not a status callback: the body looks like {looks_like} (it has `{telling}` but no `CallbackSource`, `SequenceNumber` or `Timestamp`)")]
    NotAStatusCallback {
        /// What the body looks like, e.g. ``a `<Dial>` action request``.
        looks_like: &'static str,
        /// The parameter that tells, e.g. `DialCallStatus`.
        telling: &'static str,
    },

    /// A parameter the event documents as always present is absent.
    #[error("missing required parameter `{param}` for event `{kind}`")]
    MissingParameter {
        /// Wire name of the parameter, e.g. `RoomSid`.
        param: &'static str,
        /// The event kind, e.g. `room-ended`.
        kind: String,
    },

    /// A parameter is present but its value does not have the documented type.
    #[error(
        "invalid value `{value}` for parameter `{param}` of event `{kind}`: expected {expected}"
    )]
    InvalidValue {
        /// Wire name of the parameter, e.g. `RoomDuration`.
        param: &'static str,
        /// The event kind, e.g. `room-ended`.
        kind: String,
        /// The value received, cut short to at most 40 characters.
        value: String,
        /// What the parameter must hold, e.g. `an unsigned integer`.
        expected: &'static str,
    },

    /// A parameter this crate types appears more than once with different values.
    ///
    /// A request signature fixes neither the order nor the number of copies of a repeated
    /// parameter (the signed string sorts a name's values and drops duplicates), so none of
    /// the copies is trusted over the others. Copies of the same value are not an error.
    #[error(
        "parameter `{param}`{} appears more than once with different values",
        OfEvent(kind.as_deref())
    )]
    RepeatedParameter {
        /// Wire name of the parameter, e.g. `CallStatus`.
        param: &'static str,
        /// The event kind, where it is known (not for the parameter that tells the kind).
        kind: Option<String>,
    },

    /// A family's own parser (for example [`RoomEvent::from_form`](crate::video::RoomEvent::from_form))
    /// was given a body of another family or an unknown event. [`parse`](crate::parse) never
    /// returns this: it gives [`Event::Unknown`](crate::Event::Unknown) instead.
    #[error("event `{kind}` is not {family}")]
    UnexpectedEvent {
        /// The received `StatusCallbackEvent` (or status) value.
        kind: String,
        /// The family that was expected, e.g. `a Video room event`.
        family: &'static str,
    },
}

impl ParseError {
    /// The wire name of the parameter this error is about, where there is one.
    pub fn param(&self) -> Option<&str> {
        match self {
            ParseError::MissingParameter { param, .. }
            | ParseError::InvalidValue { param, .. }
            | ParseError::RepeatedParameter { param, .. } => Some(param),
            _ => None,
        }
    }

    /// The event kind this error is about, where it is known.
    pub fn kind(&self) -> Option<&str> {
        match self {
            ParseError::MissingParameter { kind, .. }
            | ParseError::InvalidValue { kind, .. }
            | ParseError::UnexpectedEvent { kind, .. } => Some(kind),
            ParseError::RepeatedParameter { kind, .. } => kind.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn invalid(
        param: &'static str,
        kind: &str,
        value: &str,
        expected: &'static str,
    ) -> Self {
        ParseError::InvalidValue {
            param,
            kind: excerpt(kind),
            value: excerpt(value),
            expected,
        }
    }

    pub(crate) fn repeated(param: &'static str, kind: Option<&str>) -> Self {
        ParseError::RepeatedParameter {
            param,
            kind: kind.map(excerpt),
        }
    }

    pub(crate) fn missing(param: &'static str, kind: &str) -> Self {
        ParseError::MissingParameter {
            param,
            kind: excerpt(kind),
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
struct OfEvent<'a>(Option<&'a str>);

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
