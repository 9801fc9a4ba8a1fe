//! [`Text`], the type of a free-text parameter, and the short-text representation it shares
//! with the identifiers.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::params::WireValue;

/// Text up to `N` bytes, kept in place; longer text on the heap.
///
/// The inline bytes are always copied from a whole `str`, so reading them back as UTF-8
/// cannot fail (the check is cheap at these lengths, and this crate has no `unsafe`).
#[derive(Clone)]
pub(crate) enum Repr<const N: usize> {
    Inline { len: u8, bytes: [u8; N] },
    Heap(Box<str>),
}

impl<const N: usize> Repr<N> {
    const FITS: () = assert!(N < 256, "the length of inline text is one byte");

    pub(crate) fn from_str(text: &str) -> Self {
        let () = Self::FITS;
        if text.len() <= N {
            // Lossless: text.len() <= N < 256.
            Repr::Inline {
                len: text.len() as u8,
                bytes: crate::fast::padded(text.as_bytes()),
            }
        } else {
            Repr::Heap(text.into())
        }
    }

    pub(crate) fn from_string(text: String) -> Self {
        if text.len() <= N {
            Repr::from_str(&text)
        } else {
            Repr::Heap(text.into_boxed_str())
        }
    }

    pub(crate) fn from_cow(text: Cow<'_, str>) -> Self {
        match text {
            Cow::Borrowed(text) => Repr::from_str(text),
            Cow::Owned(text) => Repr::from_string(text),
        }
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(text) => text,
        }
    }
}

/// Compared, ordered and hashed as its text, whatever its representation: [`Text`] and the
/// identifiers derive these from here.
impl<const N: usize> PartialEq for Repr<N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<const N: usize> Eq for Repr<N> {}

impl<const N: usize> PartialOrd for Repr<N> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<const N: usize> Ord for Repr<N> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl<const N: usize> std::hash::Hash for Repr<N> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

/// Text up to this many bytes is kept without an allocation: a `Text` is then as large as a
/// `String` (24 bytes on 64-bit targets), and holds nearly every free-text value of a real
/// callback (phone numbers, cities, states, countries, statuses; URLs and messages are longer).
const INLINE: usize = 22;

/// The value of a free-text parameter (`From`, `ToCity`, `RoomName`, ...): a string that
/// keeps up to 22 bytes in place, without an allocation, and longer text on the heap.
///
/// A voice call status callback carries some twenty short texts; as `String`s they took a
/// sixth of the time of parsing one (an allocation each, and as many frees when the event is
/// dropped). `Text` reads as a `&str` ([`Deref`], [`as_str`](Self::as_str)), compares with
/// `str` and `String` either way round, and converts from and into `String`:
///
/// ```
/// use status_callbacks::Text;
///
/// let mut city = Text::from("São Paulo");
/// assert_eq!(city, "São Paulo");
/// assert!(city.starts_with("São"));
/// city = "Rio de Janeiro".into();
/// let owned: String = city.into();
/// assert_eq!(owned, "Rio de Janeiro");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Repr<INLINE>);

impl Text {
    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from("")
    }
}

impl Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(Repr::from_str(text))
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::from(text.as_str())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Repr::from_string(text))
    }
}

impl From<Box<str>> for Text {
    fn from(text: Box<str>) -> Self {
        Text::from(String::from(text))
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(text: Cow<'_, str>) -> Self {
        Text(Repr::from_cow(text))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        match text.0 {
            Repr::Heap(text) => text.into(),
            inline => inline.as_str().to_owned(),
        }
    }
}

impl std::str::FromStr for Text {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Text::from(text))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `Text == str`, `str == Text` and the same with `&str` and `String`.
macro_rules! compare_with {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Text {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }

        impl PartialEq<Text> for $other {
            fn eq(&self, other: &Text) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}

compare_with!(str, &str, String);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Cow::<'de, str>::deserialize(deserializer).map(Text::from)
    }
}

impl WireValue for Text {
    const EXPECTED: crate::Expected = crate::Expected::NonEmpty;

    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
        Ok(Text::from(raw))
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_inline_and_long_text_is_not() {
        assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<String>());
        assert_eq!(
            std::mem::size_of::<Option<Text>>(),
            std::mem::size_of::<String>()
        );
        for (text, inline) in [
            ("", true),
            ("+14155550100", true),
            ("call-progress-events..", true),
            ("call-progress-events...", false),
            ("https://api.twilio.com/2010-04-01/Accounts", false),
        ] {
            let value = Text::from(text);
            assert_eq!(matches!(value.0, Repr::Inline { .. }), inline, "{text}");
            assert_eq!(value, text);
            assert_eq!(Text::from(text.to_owned()), text);
            assert_eq!(String::from(value), text);
        }
    }

    #[test]
    fn compares_and_orders_as_its_text() {
        let text = Text::from("São Paulo");
        assert_eq!(text, *"São Paulo");
        assert_eq!("São Paulo", text);
        assert_eq!(String::from("São Paulo"), text);
        let mut sorted = vec![Text::from("b"), Text::from("a")];
        sorted.sort();
        assert_eq!(sorted, ["a", "b"]);
        assert_eq!(format!("{text} {text:?}"), "São Paulo \"São Paulo\"");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"São Paulo\"");
        assert_eq!(
            serde_json::from_str::<Text>("\"S\\u00e3o Paulo\"").unwrap(),
            text
        );
    }
}
