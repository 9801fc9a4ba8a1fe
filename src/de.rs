//! Reading a callback back from the map that its `Serialize` writes (JSON, for one).
//!
//! The map is flat: wire parameter names to strings, numbers or booleans, a repeated name once
//! per value. Each entry becomes a form pair, in order, and the pairs are parsed as a body, so a
//! callback read from JSON is checked exactly as one received from the vendor.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};

use crate::params::FormWriter;
use crate::{Event, StatusCallback};

/// Reads a map of wire names to values and parses it as the body of a `T`.
///
/// A value may be a string, an integer, a floating-point number (written in its shortest form
/// that reads back the same: `4.5`), a boolean (`true`, `false`) or null (no parameter). A
/// value `T` does not accept is an error whose message is the [`ParseError`](crate::ParseError)'s,
/// naming the parameter.
pub(crate) fn from_map<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: StatusCallback,
{
    let body = deserializer.deserialize_map(FormVisitor)?;
    T::from_form(body.as_bytes()).map_err(D::Error::custom)
}

/// Reads the whole map into a form body.
struct FormVisitor;

impl<'de> Visitor<'de> for FormVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of wire parameter names to values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut out = FormWriter::default();
        while let Some(name) = map.next_key::<String>()? {
            if let Some(value) = map.next_value_seed(WireText { name: &name })? {
                out.pair(&name, &value);
            }
        }
        Ok(out.finish())
    }
}

/// One value as its wire text, or `None` for null; `name` is for the error message.
struct WireText<'n> {
    name: &'n str,
}

impl<'de> DeserializeSeed<'de> for WireText<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for WireText<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a string, a number, a boolean or null as the value of `{}`",
            self.name
        )
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(value.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    // `Display` writes the shortest text that reads back as the same number, never an
    // exponent: `4.5`, and `20` for `20.0`. `Decimal` serialises as such a number.
    fn visit_f32<E: serde::de::Error>(self, value: f32) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Reads the map that [`Serialize`](serde::Serialize) writes: wire names to values, checked as
/// a received body is (a value that does not fit is an error naming its parameter).
///
/// The event reads back equal to the one written, with one exception: a [`Decimal`] is written
/// as a number, so its text comes back in the number's shortest form (`4.50` as `4.5`).
///
/// [`Decimal`]: crate::Decimal
///
/// ```
/// use status_callbacks::{parse, Event};
///
/// let event = parse(b"StatusCallbackEvent=room-ended&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&RoomName=standup&RoomStatus=completed\
///     &RoomType=group&RoomDuration=312&SequenceNumber=1&Timestamp=2020-08-19T17%3A40%3A05Z")?;
/// let json = serde_json::to_string(&event)?;
/// assert!(json.contains(r#""RoomDuration":312"#));
/// assert_eq!(serde_json::from_str::<Event>(&json)?, event);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> serde::Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_map(deserializer)
    }
}
