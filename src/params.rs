//! The one scan of a body into raw pairs, lookups on them, and the way back to a body.
//!
//! A body is scanned once into borrowed `(name, value)` pairs: percent-decoding (and `+` to
//! space) happens only in the names and values that contain a `%` or a `+`. Order and repeated
//! names are kept, nothing is trimmed. Typed decoding then *takes* the parameters each event
//! documents; whatever is left is the event's [`Extra`].

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::{excerpt, ParseError};

/// Parameters that no typed field of an event holds, in the order received.
///
/// These are the parameters the vendor documentation does not list for the event (Twilio adds
/// new ones without notice), a repeated parameter after its first occurrence, and documented
/// optional parameters that arrived with an empty value (their typed field is `None`). Keeping
/// them means [`to_form`](crate::Event::to_form) gives back every pair that was received.
///
/// ```
/// use status_callbacks::{parse, Event};
///
/// let body = "StatusCallbackEvent=composition-started&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&CompositionSid=CJ00000000000000000000000000000000\
///     &CompositionUri=%2Fv1%2FCompositions%2FCJ00000000000000000000000000000000\
///     &Timestamp=2020-08-20T01%3A42%3A05.839174Z&Resolution=1280x720";
/// let event = parse(body.as_bytes()).unwrap();
/// assert_eq!(event.extra().get("Resolution"), Some("1280x720"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Extra {
    pairs: Vec<(String, String)>,
}

impl Extra {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of the first parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of the parameters called `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The pairs, in the order received.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }

    /// Adds a pair at the end.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((name.into(), value.into()));
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub(crate) fn encode(&self, out: &mut FormWriter) {
        for (key, value) in &self.pairs {
            out.pair(key, value);
        }
    }

    pub(crate) fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.pairs {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Extra {
            pairs: iter
                .into_iter()
                .map(|(key, value)| (key.into(), value.into()))
                .collect(),
        }
    }
}

impl IntoIterator for Extra {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.into_iter()
    }
}

/// Serialised as a map in the order received; a repeated name is written once per value.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

/// One received pair, decoded, and whether a typed field has taken it.
struct Pair<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
    taken: bool,
}

/// The pairs of one body, in order, as typed decoding takes them.
pub(crate) struct RawParams<'a> {
    pairs: Vec<Pair<'a>>,
}

impl<'a> RawParams<'a> {
    /// Scans a `application/x-www-form-urlencoded` body (or a query string without its `?`).
    ///
    /// Follows the WHATWG rules: pairs are split on `&` (empty pieces skipped), name and value
    /// on the first `=`, `+` means space and a `%` not followed by two hex digits stays as it
    /// is. Unlike a lossy decoder, bytes that are not UTF-8 once decoded are an error.
    pub(crate) fn scan(body: &'a [u8]) -> Result<Self, ParseError> {
        let mut pairs = Vec::new();
        let mut offset = 0;
        for piece in body.split(|&b| b == b'&') {
            let start = offset;
            offset += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            let (name, value, value_start) = match piece.iter().position(|&b| b == b'=') {
                Some(eq) => (&piece[..eq], &piece[eq + 1..], start + eq + 1),
                None => (piece, &piece[piece.len()..], start + piece.len()),
            };
            let name = decode(name).ok_or_else(|| ParseError::Malformed {
                what: "a parameter name".to_owned(),
                offset: start,
            })?;
            let value = decode(value).ok_or_else(|| ParseError::Malformed {
                what: format!("the value of `{}`", excerpt(&name)),
                offset: value_start,
            })?;
            pairs.push(Pair {
                name,
                value,
                taken: false,
            });
        }
        Ok(RawParams { pairs })
    }

    /// Takes the first untaken value of `name`, if there is one.
    ///
    /// With `skip_empty`, an empty value is left in place (for `extra`) and `None` returned.
    fn take_value(&mut self, name: &str, skip_empty: bool) -> Option<Cow<'a, str>> {
        let pair = self
            .pairs
            .iter_mut()
            .find(|pair| !pair.taken && pair.name == name)?;
        if skip_empty && pair.value.is_empty() {
            return None;
        }
        pair.taken = true;
        Some(std::mem::take(&mut pair.value))
    }

    /// Every pair, as received and decoded, in order (taken or not).
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|pair| (pair.name.as_ref(), pair.value.as_ref()))
    }

    /// Whether `name` is present with a non-empty value (nothing is taken).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.pairs
            .iter()
            .find(|pair| !pair.taken && pair.name == name)
            .is_some_and(|pair| !pair.value.is_empty())
    }

    /// The first non-empty value of `name`, taken: what tells a body's kind.
    pub(crate) fn take_discriminator(&mut self, name: &str) -> Option<Cow<'a, str>> {
        self.take_value(name, true)
    }

    /// A parameter the event documents as always present.
    pub(crate) fn required<T, F: Format<T>>(
        &mut self,
        name: &'static str,
        kind: &str,
    ) -> Result<T, ParseError> {
        match self.take_value(name, false) {
            None => Err(ParseError::missing(name, kind)),
            Some(value) if value.is_empty() => {
                Err(ParseError::invalid(name, kind, "", "a non-empty value"))
            }
            Some(value) => F::decode(value)
                .map_err(|value| ParseError::invalid(name, kind, &value, F::EXPECTED)),
        }
    }

    /// A parameter the event carries only sometimes: absent or empty is `None`.
    pub(crate) fn optional<T, F: Format<T>>(
        &mut self,
        name: &'static str,
        kind: &str,
    ) -> Result<Option<T>, ParseError> {
        match self.take_value(name, true) {
            None => Ok(None),
            Some(value) => F::decode(value)
                .map(Some)
                .map_err(|value| ParseError::invalid(name, kind, &value, F::EXPECTED)),
        }
    }

    /// Every pair no typed field has taken, in order.
    pub(crate) fn into_extra(self) -> Extra {
        Extra {
            pairs: self
                .pairs
                .into_iter()
                .filter(|pair| !pair.taken)
                .map(|pair| (pair.name.into_owned(), pair.value.into_owned()))
                .collect(),
        }
    }

    /// Every pair, taken or not, as received: for events nothing typed was made of.
    pub(crate) fn take_rest(&mut self) -> Extra {
        let pairs = std::mem::take(&mut self.pairs);
        RawParams { pairs }.into_extra()
    }
}

/// Percent-decodes one name or value, borrowing when there is nothing to decode.
fn decode(raw: &[u8]) -> Option<Cow<'_, str>> {
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        return std::str::from_utf8(raw).ok().map(Cow::Borrowed);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                raw.get(i + 1).and_then(|&b| hex(b)),
                raw.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Builds a `application/x-www-form-urlencoded` body.
///
/// Letters, digits and `*-._` stay as they are, a space becomes `+`, every other byte is
/// `%XX`: so a phone number's `+` is written `%2B`, as Twilio does.
#[derive(Default)]
pub(crate) struct FormWriter {
    out: String,
}

impl FormWriter {
    pub(crate) fn pair(&mut self, name: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        encode_into(name, &mut self.out);
        self.out.push('=');
        encode_into(value, &mut self.out);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

fn encode_into(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0x0f)] as char);
            }
        }
    }
}

/// How values of type `T` are read from and written to the wire.
///
/// Most types have one wire form ([`Wire`]); timestamps have one per family.
pub(crate) trait Format<T> {
    /// What a valid value looks like, for error messages: `an unsigned integer`.
    const EXPECTED: &'static str;

    /// Reads a non-empty value; on failure the value comes back for the error message.
    fn decode(raw: Cow<'_, str>) -> Result<T, Cow<'_, str>>;

    /// The value as it goes on the wire.
    fn encode(value: &T) -> Cow<'_, str>;

    /// The value in a self-describing format such as JSON: typed where the format has the
    /// type (numbers), the wire text otherwise.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Self::encode(value))
    }
}

/// A type with one wire form.
pub(crate) trait WireValue: Sized + Serialize {
    const EXPECTED: &'static str;
    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>>;
    fn to_wire(&self) -> Cow<'_, str>;
}

/// The [`Format`] of every [`WireValue`].
pub(crate) struct Wire;

impl<T: WireValue> Format<T> for Wire {
    const EXPECTED: &'static str = T::EXPECTED;

    fn decode(raw: Cow<'_, str>) -> Result<T, Cow<'_, str>> {
        T::from_wire(raw)
    }

    fn encode(value: &T) -> Cow<'_, str> {
        value.to_wire()
    }

    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl WireValue for String {
    const EXPECTED: &'static str = "a string";

    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
        Ok(raw.into_owned())
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! wire_integer {
    ($($ty:ty),*) => {$(
        impl WireValue for $ty {
            const EXPECTED: &'static str = "an unsigned integer";

            fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
                // Only ASCII digits: `str::parse` would also take a leading `+`.
                if raw.bytes().all(|b| b.is_ascii_digit()) {
                    raw.parse().map_err(|_| raw)
                } else {
                    Err(raw)
                }
            }

            fn to_wire(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

wire_integer!(u16, u32, u64);

/// Serialises a field through its [`Format`].
pub(crate) struct Formatted<'v, T, F>(pub(crate) &'v T, pub(crate) std::marker::PhantomData<F>);

impl<T, F: Format<T>> Serialize for Formatted<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::serialize(self.0, serializer)
    }
}

/// A set of parameters decoded together: an event, or a group of parameters that several
/// events share (a [`Room`](crate::video::Room), a [`Participant`](crate::video::Participant)).
pub(crate) trait Fields: Sized {
    /// Takes this set's parameters from `params`; `kind` is for error messages.
    fn decode(params: &mut RawParams<'_>, kind: &str) -> Result<Self, ParseError>;

    /// Writes this set's parameters, typed fields in declaration order, then the extras.
    fn encode(&self, out: &mut FormWriter);

    /// The same entries as [`encode`](Fields::encode), typed, into a serde map.
    fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// How the event kind was spelled on the wire, for events that keep it.
    fn spelling(&self) -> crate::KindSpelling;
}

/// Declares a struct whose fields are wire parameters, with its [`Fields`] implementation.
///
/// Each field says where it comes from after `=`:
/// - `req("Name")` / `opt("Name")`: a parameter that is always present / sometimes present,
///   read with [`Wire`], or `req("Name", SomeFormat)` with another [`Format`];
/// - `group`: a nested [`Fields`] struct, whose parameters sit at the same level in the body;
/// - `extra`: the [`Extra`] pairs (last field, events only);
/// - `spelling`: the [`KindSpelling`](crate::KindSpelling) of the received event kind (events
///   whose kind has two documented spellings).
macro_rules! form_struct {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                pub $field:ident : $ty:ty = $mode:ident $( ( $wire:literal $(, $format:ty)? ) )?
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
        }

        impl $crate::params::Fields for $name {
            fn decode(
                params: &mut $crate::params::RawParams<'_>,
                kind: &str,
            ) -> Result<Self, $crate::ParseError> {
                Ok($name {
                    $( $field: $crate::params::form_field!(
                        @decode params, kind, $mode $( ($wire $(, $format)?) )?
                    ), )*
                })
            }

            fn encode(&self, out: &mut $crate::params::FormWriter) {
                $( $crate::params::form_field!(
                    @encode self.$field, out, $mode $( ($wire $(, $format)?) )?
                ); )*
            }

            fn serialize_entries<M: serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> Result<(), M::Error> {
                $( $crate::params::form_field!(
                    @serialize self.$field, map, $mode $( ($wire $(, $format)?) )?
                ); )*
                Ok(())
            }

            fn spelling(&self) -> $crate::KindSpelling {
                None
                    $( .or($crate::params::form_field!(
                        @spelling self.$field, spelling, $mode $( ($wire $(, $format)?) )?
                    )) )*
                    .unwrap_or_default()
            }
        }
    };
}

/// One field of [`form_struct!`]: decoding, encoding and serialising by its source.
macro_rules! form_field {
    // A parameter without a format is read with `Wire`.
    (@$op:ident $value:expr, $target:ident, $mode:ident ($wire:literal)) => {
        $crate::params::form_field!(@$op $value, $target, $mode ($wire, $crate::params::Wire))
    };

    (@decode $params:expr, $kind:ident, req ($wire:literal, $format:ty)) => {
        $params.required::<_, $format>($wire, $kind)?
    };
    (@decode $params:expr, $kind:ident, opt ($wire:literal, $format:ty)) => {
        $params.optional::<_, $format>($wire, $kind)?
    };
    (@decode $params:expr, $kind:ident, group) => {
        $crate::params::Fields::decode($params, $kind)?
    };
    (@decode $params:expr, $kind:ident, extra) => {
        $params.take_rest()
    };
    (@decode $params:expr, $kind:ident, spelling) => {
        $crate::KindSpelling::of($kind)
    };

    (@encode $value:expr, $out:ident, req ($wire:literal, $format:ty)) => {
        $out.pair($wire, &<$format as $crate::params::Format<_>>::encode(&$value))
    };
    (@encode $value:expr, $out:ident, opt ($wire:literal, $format:ty)) => {
        if let Some(value) = &$value {
            $out.pair($wire, &<$format as $crate::params::Format<_>>::encode(value))
        }
    };
    (@encode $value:expr, $out:ident, group) => {
        $crate::params::Fields::encode(&$value, $out)
    };
    (@encode $value:expr, $out:ident, extra) => {
        $value.encode($out)
    };
    (@encode $value:expr, $out:ident, spelling) => {};

    (@serialize $value:expr, $map:ident, req ($wire:literal, $format:ty)) => {
        $map.serialize_entry(
            $wire,
            &$crate::params::Formatted::<_, $format>(&$value, std::marker::PhantomData),
        )?
    };
    (@serialize $value:expr, $map:ident, opt ($wire:literal, $format:ty)) => {
        if let Some(value) = &$value {
            $map.serialize_entry(
                $wire,
                &$crate::params::Formatted::<_, $format>(value, std::marker::PhantomData),
            )?
        }
    };
    (@serialize $value:expr, $map:ident, group) => {
        $crate::params::Fields::serialize_entries(&$value, $map)?
    };
    (@serialize $value:expr, $map:ident, extra) => {
        $value.serialize_entries($map)?
    };
    (@serialize $value:expr, $map:ident, spelling) => {};

    (@spelling $value:expr, $spelling:ident, spelling) => {
        Some($value)
    };
    (@spelling $value:expr, $spelling:ident, $($other:tt)*) => {
        None
    };
}

pub(crate) use {form_field, form_struct};

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(body: &str) -> Vec<(String, String)> {
        RawParams::scan(body.as_bytes())
            .unwrap()
            .take_rest()
            .into_iter()
            .collect()
    }

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn scan_decodes_percent_and_plus_and_keeps_order_and_repeats() {
        assert_eq!(
            scanned("To=%2B14155550100&City=S%C3%A3o+Paulo&To=x&&Empty=&Bare"),
            vec![
                pair("To", "+14155550100"),
                pair("City", "São Paulo"),
                pair("To", "x"),
                pair("Empty", ""),
                pair("Bare", ""),
            ]
        );
    }

    #[test]
    fn scan_keeps_a_raw_plus_as_a_space_and_bad_escapes_as_they_are() {
        assert_eq!(
            scanned("From=+1555&P=100%&Q=%zz%4"),
            vec![pair("From", " 1555"), pair("P", "100%"), pair("Q", "%zz%4")]
        );
    }

    #[test]
    fn scan_borrows_when_nothing_is_encoded() {
        let params = RawParams::scan(b"RoomName=plain&Other=a%20b").unwrap();
        assert!(matches!(params.pairs[0].value, Cow::Borrowed("plain")));
        assert!(matches!(params.pairs[1].value, Cow::Owned(_)));
    }

    #[test]
    fn scan_rejects_invalid_utf8_and_says_where() {
        let err = RawParams::scan(b"RoomSid=RM1&RoomName=%FF%FE")
            .err()
            .unwrap();
        assert_eq!(
            err,
            ParseError::Malformed {
                what: "the value of `RoomName`".to_owned(),
                offset: 21,
            }
        );
        let err = RawParams::scan(b"A=1&\xff=2").err().unwrap();
        assert!(matches!(err, ParseError::Malformed { offset: 4, .. }));
    }

    #[test]
    fn writer_encodes_like_twilio() {
        let mut out = FormWriter::default();
        out.pair("From", "+14155550100");
        out.pair("Timestamp", "2020-08-19T17:40:05.273Z");
        out.pair("City", "São Paulo");
        assert_eq!(
            out.finish(),
            "From=%2B14155550100&Timestamp=2020-08-19T17%3A40%3A05.273Z&City=S%C3%A3o+Paulo"
        );
    }

    #[test]
    fn integers_take_digits_only() {
        assert_eq!(u64::from_wire("155137307765".into()), Ok(155137307765));
        assert!(u64::from_wire("+5".into()).is_err());
        assert!(u64::from_wire("-1".into()).is_err());
        assert!(u32::from_wire("99999999999".into()).is_err());
        assert!(u64::from_wire("1.5".into()).is_err());
    }

    #[test]
    fn optional_leaves_an_empty_value_for_extra() {
        let mut params = RawParams::scan(b"Size=&Duration=3").unwrap();
        assert_eq!(params.optional::<u64, Wire>("Size", "k"), Ok(None));
        assert_eq!(params.optional::<u64, Wire>("Duration", "k"), Ok(Some(3)));
        assert_eq!(params.into_extra().get("Size"), Some(""));
    }

    #[test]
    fn required_names_the_parameter_and_kind() {
        let mut params = RawParams::scan(b"Size=&Duration=x").unwrap();
        assert_eq!(
            params.required::<u64, Wire>("Size", "recording-completed"),
            Err(ParseError::InvalidValue {
                param: "Size",
                kind: "recording-completed".into(),
                value: String::new(),
                expected: "a non-empty value",
            })
        );
        assert_eq!(
            params.required::<u64, Wire>("Duration", "recording-completed"),
            Err(ParseError::InvalidValue {
                param: "Duration",
                kind: "recording-completed".into(),
                value: "x".into(),
                expected: "an unsigned integer",
            })
        );
        assert_eq!(
            params.required::<u64, Wire>("Missing", "recording-completed"),
            Err(ParseError::MissingParameter {
                param: "Missing",
                kind: "recording-completed".into(),
            })
        );
    }
}
