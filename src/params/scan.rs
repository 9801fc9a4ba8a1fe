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
use crate::fast;

/// The most parameters a body may hold; one with more is refused with
/// [`ParseError::TooManyParameters`](crate::ParseError::TooManyParameters). Real callbacks
/// carry fewer than a hundred.
pub const MAX_PARAMETERS: usize = 1000;

/// The last discriminator [`RawParams::shared_discriminator`] was asked for, and where it is:
/// for one detection of one body.
#[derive(Default)]
pub(crate) struct SeenDiscriminator(Option<(&'static str, u32)>);

/// The short decoded names and values of a scan, as bytes until it ends: `bytes[..used]`. The
/// bytes after are room that decoding writes before it reads them.
struct Decoding {
    bytes: Vec<u8>,
    used: usize,
}

/// A parameter occurs more than once with different values.
struct Conflict;

/// One received pair: where its name and value are, and whether a typed field has taken it.
///
/// Plain data, borrowing nothing, so that the vector of a scan can be reused by the next
/// ([`fast::SpareBuffers`]).
#[derive(Clone, Copy)]
pub(crate) struct Pair {
    /// The name: a range of the body, or, when it needed decoding, where its decoded text is.
    name: Piece,
    /// The value, in the same way.
    value: Piece,
    /// The name's [`tag`], to rule out most other names without comparing them.
    tag: u32,
    /// Whether a typed field (or `extra`) has taken the pair.
    taken: bool,
}

/// Where a name or value is: the body's bytes `start..end`; when it was decoded (`start`
/// carries [`DECODED`]) and is short, the bytes `start & !DECODED..end` of the short decoded
/// text; when it was decoded and is long, `long[start & !DECODED]` (`end` is then [`LONG`]).
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
}

/// The bit of a [`Piece`]'s `start` that says it was decoded (no body or decoded text is
/// that long).
const DECODED: usize = 1 << (usize::BITS - 1);
/// The `end` of a [`Piece`] decoded into a `String` of its own (no range ends there).
const LONG: usize = usize::MAX;
/// A name or value as the bytes from its start to the end of the body or decoded text that
/// holds it, and its length (`RawParams::pair_within`).
#[cfg(feature = "signature")]
pub(crate) type Within<'a> = (&'a [u8], usize);

/// A value or name of more bytes than this, as received, is decoded into a `String` of its
/// own, which a field or `extra` then takes without a copy (a one-mebibyte value is not held
/// twice); a shorter one is decoded after the others into one `String` that the next scan
/// reuses, and a [`Text`](crate::Text) field keeps it in place (22 bytes): no allocation.
const SHORT: usize = 64;
/// A value of more bytes than this, as received, is decoded into exactly its decoded length.
const MEASURED: usize = 4096;

impl Piece {
    /// Whether the name or value is empty: a decoded one never is (decoding makes at least
    /// one character of each escape).
    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A name's length and first and last bytes: equal names have equal tags.
#[inline(always)]
pub(crate) fn tag(bytes: &[u8]) -> u32 {
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
    /// The body the pairs were scanned from (UTF-8), to read them again as received when
    /// typed decoding fails.
    text: &'a str,
    pairs: Vec<Pair>,
    /// The short names and values that held `%` or `+`, decoded, one after the other.
    decoded: String,
    /// The long ones, decoded; a taken value is moved out.
    long: Vec<String>,
    /// Which names the body holds, roughly: [`fast::NameFilter`].
    names: fast::NameFilter,
}

impl Drop for RawParams<'_> {
    fn drop(&mut self) {
        fast::SpareBuffers::give_back((
            std::mem::take(&mut self.pairs),
            std::mem::take(&mut self.decoded),
            std::mem::take(&mut self.long),
        ));
    }
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
        let (pairs, decoded, long) = fast::SpareBuffers::take();
        let mut params = RawParams {
            text,
            pairs,
            decoded: String::new(),
            long,
            names: fast::NameFilter::default(),
        };
        // The short decoded names and values, as bytes until the scan ends (see `decode`).
        let mut decoded = Decoding {
            bytes: decoded.into_bytes(),
            used: 0,
        };
        let mut piece = PieceStart {
            start: 0,
            eq: usize::MAX,
            name_escaped: false,
        };
        let mut escaped = false;
        let mut delimiters = fast::Delimiters::new(body);
        for (at, byte, escapes_before) in delimiters.by_ref() {
            escaped |= escapes_before;
            if byte == b'&' {
                params.push_pair(&mut decoded, &piece, at, escaped)?;
                piece = PieceStart {
                    start: at + 1,
                    eq: usize::MAX,
                    name_escaped: false,
                };
                escaped = false;
            } else if piece.eq == usize::MAX {
                // The first `=` of a pair ends its name; later ones are part of the value.
                piece.eq = at;
                piece.name_escaped = escaped;
                escaped = false;
            }
        }
        escaped |= delimiters.escaped_after();
        params.push_pair(&mut decoded, &piece, body.len(), escaped)?;
        decoded.bytes.truncate(decoded.used);
        params.decoded = String::from_utf8(decoded.bytes).map_err(|_| first_malformed(text))?;
        Ok(params)
    }

    /// Adds the pair from `piece.start` to `end`, decoding the parts that need it. Empty
    /// pieces are skipped. `escaped`: whether the last part (the value, or the name of a pair
    /// without `=`) holds a `%` or `+`. `decoded`: the short decoded text so far.
    #[inline(always)]
    fn push_pair(
        &mut self,
        decoded: &mut Decoding,
        piece: &PieceStart,
        end: usize,
        escaped: bool,
    ) -> Result<(), ParseError> {
        let start = piece.start;
        if start == end {
            return Ok(());
        }
        if self.pairs.len() == MAX_PARAMETERS {
            return Err(ParseError::TooManyParameters {
                limit: MAX_PARAMETERS,
            });
        }
        let (name_end, value_start, name_escaped, value_escaped) = if piece.eq == usize::MAX {
            (end, end, escaped, false)
        } else {
            (piece.eq, piece.eq + 1, piece.name_escaped, escaped)
        };
        let mut pair = Pair {
            name: Piece {
                start,
                end: name_end,
            },
            value: Piece {
                start: value_start,
                end,
            },
            tag: 0,
            taken: false,
        };
        pair.tag = if name_escaped {
            pair.name = self.decode(decoded, start..name_end)?;
            tag(piece_in(
                self.text.as_bytes(),
                &decoded.bytes[..decoded.used],
                &self.long,
                pair.name,
            ))
        } else {
            tag(&self.text.as_bytes()[start..name_end])
        };
        self.names.add(pair.tag);
        if value_escaped {
            pair.value = self.decode(decoded, value_start..end)?;
        }
        self.pairs.push(pair);
        Ok(())
    }

    /// Decodes the name or value at `range` of the body (see [`SHORT`]).
    ///
    /// A short one is decoded at the end of `decoded`, as bytes: the scan checks that they are
    /// UTF-8 once, when it ends (see [`fast::decode_in_body`] for what that buys); a long one is
    /// checked at once (an error then names the first name or value of the body that is not
    /// UTF-8 once decoded).
    ///
    /// Out of line, with `decode_in_body` inlined into it: the other way round (the compiler's
    /// choice once the crate grew elsewhere), a voice call body took 0.8% more instructions
    /// (18 326 to 18 465), SignalWire's phone number call status 0.9%.
    #[inline(never)]
    fn decode(
        &mut self,
        decoded: &mut Decoding,
        range: std::ops::Range<usize>,
    ) -> Result<Piece, ParseError> {
        let raw = &self.text.as_bytes()[range.clone()];
        if raw.len() > SHORT {
            // A large value is measured first, so that it is decoded into its exact length and
            // kept without a reallocation (a one-mebibyte value is held once); a smaller one is
            // shrunk when a field keeps it, which costs less than measuring it (the JSON
            // values of Live and real-time transcription callbacks: 8% of their instructions).
            let capacity = if raw.len() > MEASURED {
                fast::decoded_len(raw)
            } else {
                raw.len()
            };
            let value = String::from_utf8(decoded_vec(raw, capacity))
                .map_err(|_| first_malformed(self.text))?;
            self.long.push(value);
            return Ok(Piece {
                start: (self.long.len() - 1) | DECODED,
                end: LONG,
            });
        }
        let start = decoded.used;
        if decoded.bytes.len() < start + raw.len() + 16 {
            // Room for every name and value left in the body, up to a kibibyte (every real
            // callback's), and sixteen bytes more: one resize (and its `memset`) a scan, not
            // one for every name or value, and never more memory than a kibibyte beyond what
            // decoding needs.
            let left = (self.text.len() - range.start).min(1024);
            decoded.bytes.resize(start + left + 16, 0);
        }
        let len = fast::decode_in_body(self.text.as_bytes(), range, &mut decoded.bytes[start..]);
        decoded.used = start + len;
        // The check at the end of the scan sees the pieces together: one that starts within
        // a character (`%A3` after `%C3`) is not UTF-8 on its own, though the two make one.
        // With no piece starting so, every piece ends where a character does too.
        if let Some(0x80..=0xbf) = decoded.bytes.get(start) {
            return Err(first_malformed(self.text));
        }
        Ok(Piece {
            start: start | DECODED,
            end: start + len,
        })
    }

    /// The text of a name or value.
    #[inline]
    fn piece(&self, piece: Piece) -> &str {
        if piece.start & DECODED == 0 {
            &self.text[piece.start..piece.end]
        } else if piece.end == LONG {
            &self.long[piece.start & !DECODED]
        } else {
            &self.decoded[piece.start & !DECODED..piece.end]
        }
    }

    /// The text of a name or value, moved out when it was decoded into its own `String`: for
    /// a pair being taken.
    fn take_piece(&mut self, piece: Piece) -> Cow<'_, str> {
        if piece.end == LONG {
            Cow::Owned(std::mem::take(&mut self.long[piece.start & !DECODED]))
        } else {
            Cow::Borrowed(self.piece(piece))
        }
    }

    #[inline]
    fn name(&self, pair: &Pair) -> &str {
        self.piece(pair.name)
    }

    #[inline]
    fn value(&self, pair: &Pair) -> &str {
        self.piece(pair.value)
    }

    /// The body the pairs were scanned from.
    pub(crate) fn source(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// How many pairs there are.
    #[cfg(feature = "signature")]
    pub(crate) fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The name and value of pair `at`, as received and decoded, as bytes: what a signature
    /// covers. Slicing bytes checks no character boundary, and the signing order reads every
    /// pair more than once (`verify_and_parse` on a voice call body: 5% fewer instructions).
    #[cfg(feature = "signature")]
    #[inline(always)]
    pub(crate) fn pair(&self, at: usize) -> (&[u8], &[u8]) {
        let pair = &self.pairs[at];
        (self.piece_bytes(pair.name), self.piece_bytes(pair.value))
    }

    /// [`pair`](Self::pair), each of the name and value as the bytes from its start to the
    /// end of the body or decoded text that holds it, and its length: for copying sixteen
    /// bytes at once ([`fast::Blocks::push_within`]).
    #[cfg(feature = "signature")]
    #[inline(always)]
    pub(crate) fn pair_within(&self, at: usize) -> [Within<'_>; 2] {
        let pair = &self.pairs[at];
        [self.piece_within(pair.name), self.piece_within(pair.value)]
    }

    #[cfg(feature = "signature")]
    #[inline(always)]
    fn piece_within(&self, piece: Piece) -> Within<'_> {
        piece_within_in(
            self.text.as_bytes(),
            self.decoded.as_bytes(),
            &self.long,
            piece,
        )
    }

    /// The name of pair `at`, as received and decoded, as bytes: what the signing order sorts
    /// (reading the value too, as [`pair`](Self::pair) does, cost 0.6% more instructions of
    /// `verify_and_parse` on a voice call body).
    #[cfg(feature = "signature")]
    #[inline(always)]
    pub(crate) fn name_bytes(&self, at: usize) -> &[u8] {
        self.piece_bytes(self.pairs[at].name)
    }

    /// The fingerprint of the names in the order received ([`fast::fingerprint`]), from their
    /// tags.
    #[cfg(feature = "signature")]
    pub(crate) fn fingerprint(&self) -> u64 {
        fast::fingerprint(self.pairs.iter().map(|pair| u64::from(pair.tag)))
    }

    /// The first eight bytes of pair `at`'s name as [`fast::name_head`] gives them: for a
    /// name as received, read from the body at once, past the name's end, and the bytes
    /// after it cleared (no byte at a time for a name of under eight bytes).
    #[cfg(feature = "signature")]
    #[inline(always)]
    pub(crate) fn name_head(&self, at: usize) -> u64 {
        let name = self.pairs[at].name;
        if name.start & DECODED == 0 {
            let head = self.text.as_bytes().get(name.start..);
            if let Some(&head) = head.and_then(<[u8]>::first_chunk::<8>) {
                let (head, len) = (u64::from_be_bytes(head), name.end - name.start);
                return if len >= 8 {
                    head
                } else {
                    head & !(u64::MAX >> (8 * len))
                };
            }
        }
        fast::name_head(self.piece_bytes(name))
    }

    /// [`piece`](Self::piece) as bytes. (One function returning the text and a range for
    /// both made parsing take 5% to 11% more instructions: every `&str` slice checks its
    /// character boundaries, where `piece` takes a long value whole.)
    #[cfg(feature = "signature")]
    #[inline(always)]
    fn piece_bytes(&self, piece: Piece) -> &[u8] {
        piece_in(
            self.text.as_bytes(),
            self.decoded.as_bytes(),
            &self.long,
            piece,
        )
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
    ) -> Result<Option<Cow<'_, str>>, Conflict> {
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
            .map(|pair| (self.name(pair), self.value(pair)))
    }

    /// Where the first untaken pair called `name` is: a search in order, comparing tags first
    /// (cheaper than building an index for the few lookups detection makes; typed fields are
    /// found with [`locate`](Self::locate)).
    ///
    /// Inlined, so that the tag of a name written in the code is a constant and the filter
    /// answers without a call ([`fast::NameFilter`] says what that buys).
    #[inline(always)]
    fn find_untaken(&self, name: &str) -> Option<usize> {
        let tag = tag(name.as_bytes());
        if !self.names.may_hold(tag) {
            return None;
        }
        self.search(name, tag)
    }

    /// The search of [`find_untaken`](Self::find_untaken) once the filter let `name` through.
    #[inline(never)]
    fn search(&self, name: &str, tag: u32) -> Option<usize> {
        self.pairs
            .iter()
            .position(|pair| pair.tag == tag && !pair.taken && self.name(pair) == name)
    }

    /// Whether a later pair has the name of pair `at` and another value.
    fn conflicts(&self, at: usize) -> bool {
        let first = &self.pairs[at];
        let (name, value) = (self.name(first), self.value(first));
        self.pairs[at + 1..].iter().any(|other| {
            other.tag == first.tag && self.name(other) == name && self.value(other) != value
        })
    }

    /// Whether `name` is present with a non-empty value (nothing is taken).
    #[inline]
    pub(crate) fn has(&self, name: &str) -> bool {
        self.find_untaken(name)
            .is_some_and(|at| !self.value(&self.pairs[at]).is_empty())
    }

    /// The value of `name` if it is present and not empty (nothing is taken): what tells a
    /// body's family and kind. An error when `name` occurs again with another value.
    #[inline]
    pub(crate) fn discriminator(&self, name: &'static str) -> Result<Option<&str>, ParseError> {
        let Some(at) = self.find_untaken(name) else {
            return Ok(None);
        };
        if self.conflicts(at) {
            return Err(ParseError::repeated(name, None));
        }
        Ok(Some(self.value(&self.pairs[at])).filter(|value| !value.is_empty()))
    }

    /// [`discriminator`](Self::discriminator) for the families that share theirs, which
    /// detection asks for in turn (five read `StatusCallbackEvent`): the last answer is kept.
    #[inline(always)]
    pub(crate) fn shared_discriminator(
        &self,
        name: &'static str,
        seen: &mut SeenDiscriminator,
    ) -> Result<Option<&str>, ParseError> {
        // Most discriminators asked for are absent: the filter answers first, inlined.
        let tag = tag(name.as_bytes());
        if !self.names.may_hold(tag) {
            return Ok(None);
        }
        let at = self.shared_at(name, tag, seen);
        match self.pairs.get(at as usize) {
            Some(pair) => Ok(Some(self.value(pair)).filter(|value| !value.is_empty())),
            None if at == REPEATED => Err(ParseError::repeated(name, None)),
            None => Ok(None),
        }
    }

    /// Where [`shared_discriminator`](Self::shared_discriminator) finds `name` once the filter
    /// let it through: the first untaken pair of that name, [`ABSENT`], or [`REPEATED`] when
    /// a later pair has another value. The last answer is kept for the same name (the same
    /// `'static` text) while the pair it found is not taken (a name absent stays absent).
    #[inline(never)]
    fn shared_at(&self, name: &'static str, tag: u32, seen: &mut SeenDiscriminator) -> u32 {
        if let Some((asked, at)) = seen.0 {
            if std::ptr::eq(asked, name)
                && self.pairs.get(at as usize).is_none_or(|pair| !pair.taken)
            {
                return at;
            }
        }
        let at = match self.search(name, tag) {
            None => ABSENT,
            Some(at) if self.conflicts(at) => REPEATED,
            Some(at) => at as u32,
        };
        seen.0 = Some((name, at));
        at
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
        if self.value(&self.pairs[at]) == value {
            self.pairs[at].taken = true;
        }
        Ok(())
    }

    /// The value of `name` if it is present, not empty and not repeated with another value,
    /// taken; `None` otherwise (the pairs then stay as they are).
    pub(crate) fn take_if_single(&mut self, name: &str) -> Option<Cow<'_, str>> {
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
    ///
    /// Inlined with `slot_of` into each struct's decoding (`fast` says why).
    #[inline(always)]
    pub(crate) fn locate<const N: usize>(
        &self,
        slot_of: impl Fn(&str) -> Option<usize>,
    ) -> [u32; N] {
        let mut found = [ABSENT; N];
        for (at, pair) in self.pairs.iter().enumerate() {
            if pair.taken {
                continue;
            }
            if let Some(first) = slot_of(self.name(pair)).and_then(|slot| found.get_mut(slot)) {
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
    #[inline]
    fn take_value_at(
        &mut self,
        at: u32,
        skip_empty: bool,
    ) -> Result<Option<Cow<'_, str>>, Conflict> {
        // `ABSENT` is past the last pair once `REPEATED` is cleared.
        let index = (at & !REPEATED) as usize;
        let Some(&pair) = self.pairs.get(index) else {
            return Ok(None);
        };
        if at & REPEATED != 0 && self.conflicts(index) {
            return Err(Conflict);
        }
        if skip_empty && pair.value.is_empty() {
            return Ok(None);
        }
        self.pairs[index].taken = true;
        Ok(Some(self.take_piece(pair.value)))
    }

    /// [`required`](Self::required) for the pair [`locate`](Self::locate) found.
    #[inline]
    pub(crate) fn required_at<T, F: Format<T>>(
        &mut self,
        at: u32,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<T, ParseError> {
        match self.take_value_at(at, false) {
            Ok(Some(value)) if !value.is_empty() => {
                F::decode(value).map_err(|value| invalid::<F, T>(name, kind, &value))
            }
            Err(Conflict) => Err(ParseError::repeated(name, Some(kind))),
            Ok(None) => Err(ParseError::missing(name, kind)),
            Ok(Some(_)) => Err(ParseError::invalid(name, kind, "", Expected::NonEmpty)),
        }
    }

    /// [`optional`](Self::optional) for the pair [`locate`](Self::locate) found.
    #[inline]
    pub(crate) fn optional_at<T, F: Format<T>>(
        &mut self,
        at: u32,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<Option<T>, ParseError> {
        match self.take_value_at(at, true) {
            Ok(Some(value)) => F::decode(value)
                .map(Some)
                .map_err(|value| invalid::<F, T>(name, kind, &value)),
            Ok(None) => Ok(None),
            Err(Conflict) => Err(ParseError::repeated(name, Some(kind))),
        }
    }

    /// [`optional_at`](Self::optional_at) into `field`: out of line, one copy for each type of
    /// field, so that a struct's decoding does no more than call it for each parameter the
    /// body carries (see [`fast`](crate::fast)).
    #[inline(never)]
    pub(crate) fn optional_into<T, F: Format<T>>(
        &mut self,
        field: &mut Option<T>,
        at: u32,
        name: &'static str,
        kind: crate::EventKind,
    ) -> Result<(), ParseError> {
        *field = self.optional_at::<T, F>(at, name, kind)?;
        Ok(())
    }

    /// Every pair no typed field has taken, as received: the `extra` of a struct, taken once
    /// every typed field has been.
    pub(crate) fn take_rest(&mut self) -> Extra {
        let mut pairs = Vec::with_capacity(self.pairs.iter().filter(|pair| !pair.taken).count());
        for at in 0..self.pairs.len() {
            let pair = self.pairs[at];
            if !pair.taken {
                self.pairs[at].taken = true;
                let name = self.take_piece(pair.name).into();
                let value = self.take_piece(pair.value).into();
                pairs.push((name, value));
            }
        }
        Extra { pairs }
    }
}

/// The error for a value `F` cannot read.
#[cold]
fn invalid<F: Format<T>, T>(name: &'static str, kind: crate::EventKind, value: &str) -> ParseError {
    ParseError::invalid(name, kind, value, F::EXPECTED)
}

/// What [`RawParams::locate`] gives a parameter the body does not carry.
pub(crate) const ABSENT: u32 = u32::MAX;
/// The bit [`RawParams::locate`] sets on a parameter the body carries more than once.
const REPEATED: u32 = 1 << 31;

/// The bytes of `piece` among the body's `text`, the short `decoded` text and the `long`
/// decoded values: for [`RawParams::piece_bytes`], and for the scan, whose short decoded text
/// is not in the `RawParams` until it ends.
#[inline(always)]
fn piece_in<'s>(text: &'s [u8], decoded: &'s [u8], long: &'s [String], piece: Piece) -> &'s [u8] {
    if piece.start & DECODED == 0 {
        &text[piece.start..piece.end]
    } else if piece.end == LONG {
        long[piece.start & !DECODED].as_bytes()
    } else {
        &decoded[piece.start & !DECODED..piece.end]
    }
}

/// Where `piece` is among `text`, `decoded` and `long` ([`piece_in`]): the bytes from its
/// start to the end of the one that holds it, and its length. (`piece_in` taken from this,
/// slicing its answer, cost the scan 0.7% more instructions a voice call body: 18 326 to
/// 18 451.)
#[cfg(feature = "signature")]
#[inline(always)]
fn piece_within_in<'s>(
    text: &'s [u8],
    decoded: &'s [u8],
    long: &'s [String],
    piece: Piece,
) -> Within<'s> {
    if piece.start & DECODED == 0 {
        (&text[piece.start..], piece.end - piece.start)
    } else if piece.end == LONG {
        let long = long[piece.start & !DECODED].as_bytes();
        (long, long.len())
    } else {
        let start = piece.start & !DECODED;
        (&decoded[start..], piece.end - start)
    }
}

/// Where the pair being scanned starts, and where its name ends.
struct PieceStart {
    start: usize,
    /// The pair's first `=`, `usize::MAX` before it is found.
    eq: usize,
    /// Whether the name holds a `%` or `+`, once `eq` is found.
    name_escaped: bool,
}

/// The error for the first name or value of `body` that is not UTF-8 once decoded: a name
/// gives the offset of its pair, a value names its parameter and gives its own offset.
#[cold]
fn first_malformed(body: &str) -> ParseError {
    let mut start = 0;
    for piece in body.split('&') {
        let (raw_name, value) = piece.split_once('=').unwrap_or((piece, ""));
        match String::from_utf8(decode_bytes(raw_name.as_bytes())) {
            Err(_) => {
                return ParseError::Malformed {
                    param: None,
                    offset: start,
                }
            }
            Ok(name) if String::from_utf8(decode_bytes(value.as_bytes())).is_err() => {
                return ParseError::Malformed {
                    param: Some(excerpt(&name)),
                    offset: start + raw_name.len() + 1,
                }
            }
            Ok(_) => start += piece.len() + 1,
        }
    }
    // Not reached: the caller found a name or value that is not UTF-8.
    ParseError::Malformed {
        param: None,
        offset: 0,
    }
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

/// Decodes `%XX` and `+` in a name or value into bytes, whatever they make; a `%` that starts
/// no escape stays as it is.
pub(crate) fn decode_bytes(raw: &[u8]) -> Vec<u8> {
    decoded_vec(raw, raw.len())
}

/// [`decode_bytes`] into a vector of `capacity` bytes (at least the decoded length).
fn decoded_vec(raw: &[u8], capacity: usize) -> Vec<u8> {
    let mut out = vec![0; capacity];
    let len = fast::decode_into(raw, &mut out);
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Wire;

    fn scanned(body: &str) -> Vec<(crate::Text, crate::Text)> {
        RawParams::scan(body.as_bytes())
            .unwrap()
            .take_rest()
            .into_iter()
            .collect()
    }

    fn pair(name: &str, value: &str) -> (crate::Text, crate::Text) {
        (name.into(), value.into())
    }

    #[cfg(feature = "signature")]
    #[test]
    fn a_name_head_is_its_first_eight_bytes_wherever_the_name_is() {
        let names = [
            "",
            "A",
            "To",
            "Cal",
            "From",
            "ToZip",
            "ToCity",
            "CallSid",
            "Direction",
        ];
        let mut bodies: Vec<String> = Vec::new();
        for name in names {
            // Followed by a long value or a short one, last with and without `=`, and
            // escaped.
            bodies.push(format!("{name}=a-value-of-some-length&Z=1"));
            bodies.push(format!("{name}=x&Z=1"));
            bodies.push(format!("Z=1&{name}="));
            bodies.push(format!("Z=1&{name}"));
            bodies.push(format!("{}=x", name.replace(['o', 'A'], "%6F")));
        }
        for body in &bodies {
            let params = RawParams::scan(body.as_bytes()).unwrap();
            for at in 0..params.len() {
                let name = params.name_bytes(at);
                let mut expected = [0; 8];
                expected[..name.len().min(8)].copy_from_slice(&name[..name.len().min(8)]);
                assert_eq!(
                    params.name_head(at),
                    u64::from_be_bytes(expected),
                    "{body} {at}"
                );
            }
        }
    }

    #[test]
    fn a_shared_discriminator_is_found_once_and_looked_for_again_once_taken() {
        let mut params = RawParams::scan(
            b"Other=1&StatusCallbackEvent=room-ended&StatusCallbackEvent=room-ended",
        )
        .unwrap();
        let mut seen = SeenDiscriminator::default();
        for _ in 0..3 {
            assert_eq!(
                params.shared_discriminator("StatusCallbackEvent", &mut seen),
                Ok(Some("room-ended"))
            );
        }
        assert_eq!(seen.0, Some(("StatusCallbackEvent", 1)));
        // Taken: the next copy, which the kept answer did not point at.
        params
            .take_discriminator_if("StatusCallbackEvent", "room-ended")
            .unwrap();
        assert_eq!(
            params.shared_discriminator("StatusCallbackEvent", &mut seen),
            Ok(Some("room-ended"))
        );
        assert_eq!(seen.0, Some(("StatusCallbackEvent", 2)));
        // Absent, and a conflict.
        assert_eq!(
            params.shared_discriminator("EventName", &mut seen),
            Ok(None)
        );
        let conflicting = RawParams::scan(b"EventName=a&EventName=b").unwrap();
        let mut seen = SeenDiscriminator::default();
        let err = conflicting
            .shared_discriminator("EventName", &mut seen)
            .unwrap_err();
        assert_eq!(err.param(), Some("EventName"));
        assert_eq!(
            conflicting
                .shared_discriminator("EventName", &mut seen)
                .unwrap_err(),
            err
        );
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
        assert_eq!(params.pairs[0].value.start & DECODED, 0);
        assert_ne!(params.pairs[1].value.start & DECODED, 0);
        assert_eq!(params.pairs().nth(1), Some(("Other", "a b")));
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
    fn an_escape_that_is_not_utf8_names_the_first_such_part_of_the_body() {
        let malformed = |body: &str| RawParams::scan(body.as_bytes()).err();
        // A name gives its pair's offset.
        assert_eq!(
            malformed("A=1&B%FF=2&C=%FF"),
            Some(ParseError::Malformed {
                param: None,
                offset: 4,
            })
        );
        // A short value before a long one, both checked: the first is named.
        let long = "%FF".repeat(30);
        assert_eq!(
            malformed(&format!("A=1&Short=x%FE&Long={long}")),
            Some(ParseError::Malformed {
                param: Some("Short".to_owned()),
                offset: 10,
            })
        );
        assert_eq!(
            malformed(&format!("A%2B=1&Long={long}&Short=x%FE")),
            Some(ParseError::Malformed {
                param: Some("Long".to_owned()),
                offset: 12,
            })
        );
        // Two parts whose bytes make a character only together are each malformed.
        assert_eq!(
            malformed("A=%C3&B=%A3"),
            Some(ParseError::Malformed {
                param: Some("A".to_owned()),
                offset: 2,
            })
        );
        assert_eq!(
            malformed("A=x%C3&B%A3=1"),
            Some(ParseError::Malformed {
                param: Some("A".to_owned()),
                offset: 2,
            })
        );
        // Escaped bytes that make a character are no error, in a short or a long value.
        let body = format!("A=%C3%A3&B={}", "%C3%A3".repeat(20));
        let params = RawParams::scan(body.as_bytes()).unwrap();
        assert_eq!(params.pairs().next(), Some(("A", "ã")));
        assert_eq!(
            params.pairs().nth(1).map(|(_, value)| value),
            Some(&*"ã".repeat(20))
        );
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
            params.required_at::<crate::Text, Wire>(found[1], "B", kind),
            Ok("1".into())
        );
        assert_eq!(
            params.required_at::<crate::Text, Wire>(found[0], "A", kind),
            Err(ParseError::repeated("A", Some(kind)))
        );
        assert_eq!(
            params.optional_at::<crate::Text, Wire>(found[2], "C", kind),
            Ok(None)
        );
        assert_eq!(
            params.optional_at::<crate::Text, Wire>(found[3], "X", kind),
            Ok(None)
        );
    }
}
