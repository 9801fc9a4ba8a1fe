//! [`Received`]: a callback typed when it types, kept raw with the reason when it does not.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::ParseError;
use crate::params::{Extra, FormWriter, RawParams};
use crate::StatusCallback;

/// A status callback as received: typed when its values fit the model, otherwise its raw
/// pairs with the error that says which parameter did not fit.
///
/// Parse into `Received<T>` (with [`StatusCallback::from_form`], or through
/// [`Validator::verify_and_parse`](crate::signature::Validator::verify_and_parse) and the
/// extractors, which give `Received<Event>`) when a callback must never be lost: Twilio does
/// not retry a callback answered with a 4xx, so an authentic callback whose `CallDuration` is
/// `12.5` tomorrow should be answered 200 and kept, not refused. A body that is not a status
/// callback at all (no parameter tells its family, not form-encoded, or a family other than
/// `T`'s) is still an error.
///
/// ```
/// use status_callbacks::{Event, Received, StatusCallback};
///
/// let body = b"StatusCallbackEvent=room-ended&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&RoomName=standup&RoomStatus=completed\
///     &RoomType=group&RoomDuration=4x11&SequenceNumber=1&Timestamp=2020-08-19T17%3A40%3A05Z";
/// match Received::<Event>::from_form(body)? {
///     Received::Typed(event) => println!("{}", event.summary()),
///     Received::Untyped(raw) => {
///         assert_eq!(raw.error.param(), Some("RoomDuration"));
///         assert_eq!(raw.params.get("RoomDuration"), Some("4x11"));
///         assert!(raw.to_string().starts_with("room-ended kept untyped (9 parameters): invalid value `4x11`"));
///     }
/// }
/// # Ok::<(), status_callbacks::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received<T> {
    /// The callback, typed.
    Typed(T),
    /// A status callback whose values do not fit the model, kept whole.
    Untyped(Untyped),
}

/// A status callback that did not type: every pair as received, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Untyped {
    /// Every pair, in the order received.
    pub params: Extra,
    /// What did not fit; it names the parameter ([`ParseError::param`]).
    pub error: ParseError,
}

impl Untyped {
    /// The pairs of `source`, which scanned once already, and `error`.
    fn new(source: &[u8], error: ParseError) -> Self {
        let params = RawParams::scan(source)
            .map(|mut params| params.take_rest())
            .unwrap_or_default();
        Untyped { params, error }
    }

    /// The value of the parameter that tells the family (`StatusCallbackEvent`,
    /// `RecordingStatus` or `CallStatus`, the first present), for logs.
    pub fn kind(&self) -> Option<&str> {
        crate::discriminators()
            .iter()
            .find_map(|name| self.params.get(name).filter(|value| !value.is_empty()))
    }
}

/// One line for a log: `room-ended kept untyped (9 parameters): invalid value ...`.
impl std::fmt::Display for Untyped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} kept untyped ({} parameters): {}",
            self.kind().unwrap_or("callback"),
            self.params.len(),
            self.error
        )
    }
}

impl<T> Received<T> {
    /// The typed callback, or the raw one.
    pub fn typed(self) -> Result<T, Untyped> {
        match self {
            Received::Typed(typed) => Ok(typed),
            Received::Untyped(untyped) => Err(untyped),
        }
    }
}

impl<T: StatusCallback> StatusCallback for Received<T> {
    fn to_form(&self) -> String {
        match self {
            Received::Typed(typed) => typed.to_form(),
            Received::Untyped(untyped) => {
                let mut out = FormWriter::default();
                untyped.params.encode(&mut out);
                out.finish()
            }
        }
    }
}

impl<T: StatusCallback> crate::sealed::Sealed for Received<T> {
    /// The typed callback's; none for an untyped one (its family, and so what its
    /// `Timestamp` means, is not known).
    fn event_time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        match self {
            Received::Typed(typed) => typed.event_time(),
            Received::Untyped(_) => None,
        }
    }

    fn from_params(params: RawParams<'_>) -> Result<Self, ParseError> {
        let source = params.source();
        match T::from_params(params) {
            Ok(typed) => Ok(Received::Typed(typed)),
            // An error about one parameter: a status callback whose values do not fit.
            Err(error) if error.param().is_some() => {
                Ok(Received::Untyped(Untyped::new(source, error)))
            }
            Err(error) => Err(error),
        }
    }
}

/// Typed: as `T`. Untyped: every pair as a string.
impl<T: Serialize> Serialize for Received<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Received::Typed(typed) => typed.serialize(serializer),
            Received::Untyped(untyped) => {
                let mut map = serializer.serialize_map(None)?;
                untyped.params.serialize_entries(&mut map)?;
                map.end()
            }
        }
    }
}
