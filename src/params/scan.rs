//! The one scan of a body into raw pairs, and the lookups typed decoding makes on them.
//!
//! A body is scanned once into borrowed `(name, value)` pairs: percent-decoding (and `+` to
//! space) happens only in the names and values that contain a `%` or a `+`. Order and repeated
//! names are kept, nothing is trimmed. Typed decoding then *takes* the parameters each event
//! documents; whatever is left is the event's [`Extra`].

use std::borrow::Cow;

use super::fields::Format;
use super::Extra;
use crate::error::{excerpt, Expected, ParseError};

/// The most parameters a body may hold; one with more is refused with
/// [`ParseError::TooManyParameters`](crate::ParseError::TooManyParameters). Real callbacks
/// carry fewer than a hundred.
pub const MAX_PARAMETERS: usize = 1000;

/// A parameter occurs more than once with different values.
struct Conflict;

/// One received pair, decoded, and whether a typed field has taken it.
struct Pair<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
    /// The name's [`tag`], to rule out most other names without comparing them.
    tag: u32,
    taken: bool,
}

/// A name's length and first and last bytes: equal names have equal tags.
fn tag(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    (bytes.len() as u32) << 16 | u32::from(first) << 8 | u32::from(last)
}

/// The pairs of one body, in order, as typed decoding takes them.
///
/// Public only so that the trait sealing [`StatusCallback`](crate::StatusCallback) can take
/// it; it cannot be named outside this crate.
#[allow(unreachable_pub)]
pub struct RawParams<'a> {
    pairs: Vec<Pair<'a>>,
    /// The body the pairs were scanned from, to read them again as received when typed
    /// decoding fails.
    source: &'a [u8],
}

impl<'a> RawParams<'a> {
    /// Scans a `application/x-www-form-urlencoded` body (or a query string without its `?`).
    ///
    /// Follows the WHATWG rules: pairs are split on `&` (empty pieces skipped), name and value
    /// on the first `=`, `+` means space and a `%` not followed by two hex digits stays as it
    /// is. Unlike a lossy decoder, bytes that are not UTF-8 once decoded are an error.
    ///
    /// One check that the body is UTF-8, then one pass over its bytes that finds the pairs and
    /// which names and values need decoding; the others are borrowed.
    pub(crate) fn scan(body: &'a [u8]) -> Result<Self, ParseError> {
        let text =
            std::str::from_utf8(body).map_err(|err| malformed_at(body, err.valid_up_to()))?;
        let bytes = text.as_bytes();
        // About one pair per 24 bytes in real callbacks; beyond a real callback's size the
        // vector grows as pairs are found, so a hostile body costs only what it holds.
        let mut pairs = Vec::with_capacity((bytes.len() / 24 + 4).min(64));
        let mut start = 0;
        let mut eq = usize::MAX;
        // Whether the name / the value holds a `%` or a `+`.
        let (mut name_escaped, mut value_escaped) = (false, false);
        let mut next = 0;
        while next < bytes.len() {
            // Eight bytes at a time: straight to the first special one, or past all eight.
            let at = match bytes.get(next..next + 8).map(<[u8; 8]>::try_from) {
                Some(Ok(word)) => match special_bytes(u64::from_le_bytes(word)) {
                    0 => {
                        next += 8;
                        continue;
                    }
                    mask => next + mask.trailing_zeros() as usize / 8,
                },
                _ if SPECIAL[usize::from(bytes[next])] => next,
                _ => {
                    next += 1;
                    continue;
                }
            };
            next = at + 1;
            match bytes[at] {
                b'&' => {
                    push_pair(&mut pairs, text, start, eq, at, name_escaped, value_escaped)?;
                    if pairs.len() > MAX_PARAMETERS {
                        return Err(ParseError::TooManyParameters {
                            limit: MAX_PARAMETERS,
                        });
                    }
                    start = at + 1;
                    eq = usize::MAX;
                    (name_escaped, value_escaped) = (false, false);
                }
                b'=' if eq == usize::MAX => eq = at,
                b'=' => {}
                _ if eq == usize::MAX => name_escaped = true,
                _ => value_escaped = true,
            }
        }
        push_pair(
            &mut pairs,
            text,
            start,
            eq,
            bytes.len(),
            name_escaped,
            value_escaped,
        )?;
        if pairs.len() > MAX_PARAMETERS {
            return Err(ParseError::TooManyParameters {
                limit: MAX_PARAMETERS,
            });
        }
        Ok(RawParams {
            pairs,
            source: body,
        })
    }

    /// The body the pairs were scanned from.
    pub(crate) fn source(&self) -> &'a [u8] {
        self.source
    }

    /// How many pairs there are.
    #[cfg(feature = "signature")]
    pub(crate) fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The name and value of pair `at`, as received and decoded.
    #[cfg(feature = "signature")]
    pub(crate) fn pair(&self, at: usize) -> (&str, &str) {
        let pair = &self.pairs[at];
        (&pair.name, &pair.value)
    }

    /// Takes the first untaken value of `name`, if there is one.
    ///
    /// With `skip_empty`, an empty value is left in place (for `extra`) and `None` returned.
    /// `Err` when `name` occurs again with another value: the signature fixes neither the
    /// order nor the number of a repeated parameter's copies, so no copy is taken over the
    /// others (copies of the same value are not a conflict; they stay in `extra`).
    fn take_value(
        &mut self,
        name: &str,
        skip_empty: bool,
    ) -> Result<Option<Cow<'a, str>>, Conflict> {
        // Always compared with its copies: no `locate` has counted them.
        let at = self
            .find_untaken(name)
            .map_or(ABSENT, |at| at as u32 | REPEATED);
        self.take_value_at(at, skip_empty)
    }

    /// Every pair, as received and decoded, in order (taken or not).
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|pair| (pair.name.as_ref(), pair.value.as_ref()))
    }

    /// Where the first untaken pair called `name` is: a search in order, comparing tags first
    /// (cheaper than building an index for the few lookups detection makes; typed fields are
    /// found with [`locate`](Self::locate)).
    fn find_untaken(&self, name: &str) -> Option<usize> {
        let tag = tag(name);
        self.pairs
            .iter()
            .position(|pair| pair.tag == tag && !pair.taken && pair.name == name)
    }

    /// Whether a later pair has the name of pair `at` and another value.
    fn conflicts(&self, at: usize) -> bool {
        let first = &self.pairs[at];
        self.pairs[at + 1..].iter().any(|other| {
            other.tag == first.tag && other.name == first.name && other.value != first.value
        })
    }

    /// Whether `name` is present with a non-empty value (nothing is taken).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.find_untaken(name)
            .is_some_and(|at| !self.pairs[at].value.is_empty())
    }

    /// The value of `name` if it is present and not empty (nothing is taken): what tells a
    /// body's family and kind. An error when `name` occurs again with another value.
    pub(crate) fn discriminator(&self, name: &'static str) -> Result<Option<&str>, ParseError> {
        let Some(at) = self.find_untaken(name) else {
            return Ok(None);
        };
        if self.conflicts(at) {
            return Err(ParseError::repeated(name, None));
        }
        Ok(Some(self.pairs[at].value.as_ref()).filter(|value| !value.is_empty()))
    }

    /// Takes the first untaken pair called `name` when its value is `value` (the kind's own
    /// spelling); another value (an alternative spelling) stays in place, for `extra`. An
    /// error when `name` occurs again with another value.
    pub(crate) fn take_discriminator_if(
        &mut self,
        name: &'static str,
        value: &str,
    ) -> Result<(), ParseError> {
        let Some(at) = self.find_untaken(name) else {
            return Ok(());
        };
        if self.conflicts(at) {
            return Err(ParseError::repeated(name, None));
        }
        let pair = &mut self.pairs[at];
        if pair.value == value {
            pair.taken = true;
        }
        Ok(())
    }

    /// The value of `name` if it is present, not empty and not repeated with another value,
    /// taken; `None` otherwise (the pairs then stay as they are).
    pub(crate) fn take_if_single(&mut self, name: &str) -> Option<Cow<'a, str>> {
        self.take_value(name, true).ok().flatten()
    }

    /// A parameter the event documents as always present (decoding takes it with
    /// [`required_at`](Self::required_at)).
    #[cfg(test)]
    pub(crate) fn required<T, F: Format<T>>(
        &mut self,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<T, ParseError> {
        let at = self
            .find_untaken(name)
            .map_or(ABSENT, |at| at as u32 | REPEATED);
        self.required_at::<T, F>(at, name, kind)
    }

    /// A parameter the event carries only sometimes: absent or empty is `None` (decoding
    /// takes it with [`optional_at`](Self::optional_at)).
    #[cfg(test)]
    pub(crate) fn optional<T, F: Format<T>>(
        &mut self,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<Option<T>, ParseError> {
        let at = self
            .find_untaken(name)
            .map_or(ABSENT, |at| at as u32 | REPEATED);
        self.optional_at::<T, F>(at, name, kind)
    }

    /// Where each typed parameter of a struct is, found in one pass over the pairs: for each
    /// slot `slot_of` gives a name, the index of the first untaken pair of that name, or
    /// [`ABSENT`]. Cheaper than a lookup per field when a struct types many parameters and a
    /// body carries some of them.
    pub(crate) fn locate<const N: usize>(&self, slot_of: fn(&str) -> Option<usize>) -> [u32; N] {
        let mut found = [ABSENT; N];
        for (at, pair) in self.pairs.iter().enumerate() {
            if pair.taken {
                continue;
            }
            if let Some(first) = slot_of(&pair.name).and_then(|slot| found.get_mut(slot)) {
                if *first == ABSENT {
                    // Lossless: a body holds at most `MAX_PARAMETERS` pairs.
                    *first = at as u32;
                } else {
                    // Seen again: its copies are compared when it is taken.
                    *first |= REPEATED;
                }
            }
        }
        found
    }

    /// [`take_value`](Self::take_value) for the pair [`locate`](Self::locate) found.
    fn take_value_at(
        &mut self,
        at: u32,
        skip_empty: bool,
    ) -> Result<Option<Cow<'a, str>>, Conflict> {
        if at == ABSENT {
            return Ok(None);
        }
        let repeated = at & REPEATED != 0;
        let Some(at) = usize::try_from(at & !REPEATED)
            .ok()
            .filter(|&at| at < self.pairs.len())
        else {
            return Ok(None);
        };
        if repeated && self.conflicts(at) {
            return Err(Conflict);
        }
        let pair = &mut self.pairs[at];
        if skip_empty && pair.value.is_empty() {
            return Ok(None);
        }
        pair.taken = true;
        Ok(Some(std::mem::take(&mut pair.value)))
    }

    /// [`required`](Self::required) for the pair [`locate`](Self::locate) found.
    pub(crate) fn required_at<T, F: Format<T>>(
        &mut self,
        at: u32,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<T, ParseError> {
        match self.take_value_at(at, false) {
            Err(Conflict) => Err(ParseError::repeated(name, Some(kind))),
            Ok(None) => Err(ParseError::missing(name, kind)),
            Ok(Some(value)) if value.is_empty() => {
                Err(ParseError::invalid(name, kind, "", Expected::NonEmpty))
            }
            Ok(Some(value)) => F::decode(value)
                .map_err(|value| ParseError::invalid(name, kind, &value, F::EXPECTED)),
        }
    }

    /// [`optional`](Self::optional) for the pair [`locate`](Self::locate) found.
    pub(crate) fn optional_at<T, F: Format<T>>(
        &mut self,
        at: u32,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<Option<T>, ParseError> {
        match self.take_value_at(at, true) {
            Err(Conflict) => Err(ParseError::repeated(name, Some(kind))),
            Ok(None) => Ok(None),
            Ok(Some(value)) => F::decode(value)
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
        RawParams {
            pairs,
            source: self.source,
        }
        .into_extra()
    }
}

/// What [`RawParams::locate`] gives a parameter the body does not carry.
pub(crate) const ABSENT: u32 = u32::MAX;
/// The bit [`RawParams::locate`] sets on a parameter the body carries more than once.
const REPEATED: u32 = 1 << 31;

/// The bytes the scan stops at: `&`, `=`, `%` and `+`.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'=' as usize] = true;
    table[b'%' as usize] = true;
    table[b'+' as usize] = true;
    table
};

/// A mask whose lowest set bit is the high bit of the first of the eight bytes of `word`
/// (little-endian) that is `&`, `=`, `%` or `+`; 0 when none is. Bits above the lowest may be
/// set wrongly (a borrow can carry into the next byte), so only the lowest is used.
fn special_bytes(word: u64) -> u64 {
    bytes_equal(word, b'&')
        | bytes_equal(word, b'=')
        | bytes_equal(word, b'%')
        | bytes_equal(word, b'+')
}

/// A mask whose lowest set bit is the high bit of the first of the eight bytes of `word`
/// (little-endian) equal to `byte`; 0 when none is. Only the lowest set bit is exact.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zeroed = word ^ (ONES * u64::from(byte));
    zeroed.wrapping_sub(ONES) & !zeroed & HIGHS
}

/// Adds the pair `text[start..end]` (name and value split at `eq`, `usize::MAX` for none),
/// decoding the parts that need it. Empty pieces are skipped.
#[inline(always)]
fn push_pair<'a>(
    pairs: &mut Vec<Pair<'a>>,
    text: &'a str,
    start: usize,
    eq: usize,
    end: usize,
    name_escaped: bool,
    value_escaped: bool,
) -> Result<(), ParseError> {
    if start == end {
        return Ok(());
    }
    let (name, value, value_start) = if eq == usize::MAX {
        (&text[start..end], "", end)
    } else {
        (&text[start..eq], &text[eq + 1..end], eq + 1)
    };
    let name = if name_escaped {
        decode(name).ok_or(ParseError::Malformed {
            param: None,
            offset: start,
        })?
    } else {
        Cow::Borrowed(name)
    };
    let value = if value_escaped {
        decode(value).ok_or_else(|| ParseError::Malformed {
            param: Some(excerpt(&name)),
            offset: value_start,
        })?
    } else {
        Cow::Borrowed(value)
    };
    pairs.push(Pair {
        tag: tag(&name),
        name,
        value,
        taken: false,
    });
    Ok(())
}

/// The error for a body whose bytes stop being UTF-8 at `offset`, naming the part it is in.
fn malformed_at(body: &[u8], offset: usize) -> ParseError {
    let start = body[..offset]
        .iter()
        .rposition(|&b| b == b'&')
        .map_or(0, |at| at + 1);
    let piece = &body[start..];
    let piece = &piece[..piece.iter().position(|&b| b == b'&').unwrap_or(piece.len())];
    match piece.iter().position(|&b| b == b'=') {
        Some(eq) if start + eq < offset => ParseError::Malformed {
            param: Some(excerpt(&String::from_utf8_lossy(&piece[..eq]))),
            offset: start + eq + 1,
        },
        _ => ParseError::Malformed {
            param: None,
            offset: start,
        },
    }
}

/// Decodes `%XX` and `+` in a name or value; `None` if the result is not UTF-8.
fn decode(raw: &str) -> Option<Cow<'_, str>> {
    String::from_utf8(decode_bytes(raw)).ok().map(Cow::Owned)
}

/// Decodes `%XX` and `+` in a name or value into bytes, whatever they make; a `%` that starts
/// no escape stays as it is.
pub(crate) fn decode_bytes(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(escape) = next_escape(bytes, at) {
        out.extend_from_slice(&bytes[copied..escape]);
        if bytes[escape] == b'+' {
            out.push(b' ');
            at = escape + 1;
        } else {
            match (
                bytes.get(escape + 1).and_then(|&b| hex(b)),
                bytes.get(escape + 2).and_then(|&b| hex(b)),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    at = escape + 3;
                }
                // A `%` that starts no escape stays as it is.
                _ => {
                    out.push(b'%');
                    at = escape + 1;
                }
            }
        }
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out
}

/// Where the next `%` or `+` at or after `from` is, eight bytes at a time.
fn next_escape(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(Ok(word)) = bytes.get(from..from + 8).map(<[u8; 8]>::try_from) {
        let word = u64::from_le_bytes(word);
        let mask = bytes_equal(word, b'%') | bytes_equal(word, b'+');
        if mask != 0 {
            return Some(from + mask.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'%' || b == b'+')
        .map(|at| from + at)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Wire;

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
                param: Some("RoomName".to_owned()),
                offset: 21,
            }
        );
        let err = RawParams::scan(b"A=1&\xff=2").err().unwrap();
        assert!(matches!(err, ParseError::Malformed { offset: 4, .. }));
    }

    #[test]
    fn locate_finds_the_first_pair_of_each_name_and_marks_repeats() {
        let mut params = RawParams::scan(b"B=1&A=2&C=&B=1&D=4&A=3").unwrap();
        let slot_of = |name: &str| match name {
            "A" => Some(0),
            "B" => Some(1),
            "C" => Some(2),
            "X" => Some(3),
            _ => None,
        };
        let found: [u32; 4] = params.locate(slot_of);
        assert_eq!(found, [1 | REPEATED, REPEATED, 2, ABSENT]);
        assert_eq!(params.find_untaken("D"), Some(4));
        // Copies of one value are no conflict; another value is.
        let kind = crate::EventKind::CallStatus;
        assert_eq!(
            params.required_at::<String, Wire>(found[1], "B", kind),
            Ok("1".into())
        );
        assert_eq!(
            params.required_at::<String, Wire>(found[0], "A", kind),
            Err(ParseError::repeated("A", Some(kind)))
        );
        assert_eq!(
            params.optional_at::<String, Wire>(found[2], "C", kind),
            Ok(None)
        );
        assert_eq!(
            params.optional_at::<String, Wire>(found[3], "X", kind),
            Ok(None)
        );
    }

    #[test]
    fn the_first_special_byte_of_a_word_is_found() {
        assert_eq!(special_bytes(u64::from_le_bytes(*b"RoomSidR")), 0);
        for special in [b'&', b'=', b'%', b'+'] {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = special;
                // Another special byte after it does not change which is first.
                if at < 7 {
                    word[7] = b'&';
                }
                let mask = special_bytes(u64::from_le_bytes(word));
                assert_eq!(mask.trailing_zeros() as usize / 8, at, "{special} at {at}");
            }
        }
        // Bytes next to the special ones, and non-ASCII bytes, are not special.
        let near = [0x24, 0x27, 0x3C, 0x3E, 0x2A, 0x2C, 0xA6, 0xBD];
        assert_eq!(special_bytes(u64::from_le_bytes(near)), 0);
        // A byte one above a special byte, right after one: the borrow must not move the
        // lowest set bit.
        let mut word = *b"xxxxxxxx";
        word[2] = b'&';
        word[3] = b'\'';
        assert_eq!(
            special_bytes(u64::from_le_bytes(word)).trailing_zeros() / 8,
            2
        );
    }
}
