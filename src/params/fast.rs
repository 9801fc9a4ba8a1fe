//! The fast paths of the scan, each with what it buys.
//!
//! Everything here is an optimisation of something simpler the module's comments name; the
//! gains were measured with `cargo bench --bench parse` (interleaved ratios, voice call status
//! bodies unless said otherwise) and are kept only while they pay for themselves.

use std::cell::Cell;

use super::scan::Pair;

/// Byte `byte` repeated in every byte of a word.
const fn splat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit: exact, as no
/// addition carries from one byte into the next.
pub(super) fn byte_mask(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ splat(byte);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The `&` and `=` of a body, in order, each with whether a `%` or `+` came after the
/// previous `&` or `=` (or the start): `(offset, byte, escaped)`. Once they are all visited,
/// [`escaped_after`](Self::escaped_after) says whether a `%` or `+` follows the last.
///
/// Eight bytes at a time: a word's delimiters are found as a bit mask and visited bit by bit,
/// and its escapes need no visit at all, only a test against the bits below the delimiter.
/// Against a loop that stops at every `&`, `=`, `%` and `+` (the first fast scan), this
/// saves ... on voice call bodies, which carry about one escape per pair.
pub(super) struct Delimiters<'b> {
    bytes: &'b [u8],
    /// The offset of the word being visited.
    at: usize,
    /// The delimiters of that word not visited yet, and its escapes after the last visited.
    delimiters: u64,
    escapes: u64,
    /// Whether an escape came after the last delimiter visited, before the current word.
    escaped: bool,
}

impl<'b> Delimiters<'b> {
    pub(super) fn new(bytes: &'b [u8]) -> Self {
        let mut delimiters = Delimiters {
            bytes,
            at: 0,
            delimiters: 0,
            escapes: 0,
            escaped: false,
        };
        delimiters.load();
        delimiters
    }

    /// Reads the word at `at`: its masks, or, past the last whole word, the remaining bytes
    /// one by one.
    #[inline(always)]
    fn load(&mut self) {
        let mut word = [0u8; 8];
        match self.bytes.get(self.at..self.at + 8) {
            Some(whole) => word.copy_from_slice(whole),
            // The last bytes, padded with zeros (which are neither delimiters nor escapes).
            None => {
                let rest = self.bytes.get(self.at..).unwrap_or_default();
                word[..rest.len()].copy_from_slice(rest);
            }
        }
        let word = u64::from_le_bytes(word);
        self.delimiters = byte_mask(word, b'&') | byte_mask(word, b'=');
        self.escapes = byte_mask(word, b'%') | byte_mask(word, b'+');
    }

    /// Whether a `%` or `+` follows the last delimiter (once every delimiter is visited).
    pub(super) fn escaped_after(&self) -> bool {
        self.escaped
    }
}

impl Iterator for Delimiters<'_> {
    type Item = (usize, u8, bool);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        while self.delimiters == 0 {
            self.escaped |= self.escapes != 0;
            self.at += 8;
            if self.at >= self.bytes.len() {
                self.delimiters = 0;
                self.escapes = 0;
                return None;
            }
            self.load();
        }
        let bit = self.delimiters.trailing_zeros();
        let below = (1u64 << bit) - 1;
        let offset = self.at + bit as usize / 8;
        let escaped = self.escaped || self.escapes & below != 0;
        self.escaped = false;
        self.escapes &= !below;
        self.delimiters &= self.delimiters - 1;
        Some((offset, self.bytes[offset], escaped))
    }
}

/// The names a body holds, roughly: a 256-bit filter of their tags. "Not held" is certain,
/// "held" may be wrong (for a body of 40 names, about one time in seven).
///
/// Detection asks for many names a body does not hold (a voice call status body is asked
/// for the discriminators of every family tried before its own); the filter answers most of
/// them without a search through the pairs. Measured: ...
#[derive(Default, Clone, Copy)]
pub(super) struct NameFilter([u64; 4]);

impl NameFilter {
    /// The bit of a tag: its top byte once scrambled.
    fn bit(tag: u32) -> usize {
        (tag.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    pub(super) fn add(&mut self, tag: u32) {
        let bit = Self::bit(tag);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// `false` when no name of this tag was added.
    pub(super) fn may_hold(&self, tag: u32) -> bool {
        let bit = Self::bit(tag);
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }
}

/// The vectors a scan fills, kept from one scan to the next on each thread, so that a parse
/// allocates only what the event keeps.
///
/// Saves one allocation a body and, more than that, the large one: a voice call body's pairs
/// take about 1.4 KB, beyond the allocator's per-thread cache, and freeing such a block
/// makes the next large request consolidate the small blocks the event freed (`perf` showed
/// `malloc_consolidate` and `_int_malloc` at ...). Measured: ...
pub(super) struct SpareBuffers;

/// Past this many pairs a vector is not kept (a body of 1 000 parameters should not hold
/// its memory for the rest of the thread's life).
const KEPT_CAPACITY: usize = 128;

thread_local! {
    static SPARE: Cell<(Vec<Pair>, Vec<String>)> = const { Cell::new((Vec::new(), Vec::new())) };
}

impl SpareBuffers {
    /// Empty vectors, reused if this thread has some.
    pub(super) fn take() -> (Vec<Pair>, Vec<String>) {
        let (mut pairs, decoded) = SPARE.try_with(Cell::take).unwrap_or_default();
        if pairs.capacity() == 0 {
            // Enough for every real callback seen.
            pairs.reserve(64);
        }
        (pairs, decoded)
    }

    /// Keeps the vectors of a finished scan for the next, unless they are large.
    pub(super) fn give_back(mut pairs: Vec<Pair>, mut decoded: Vec<String>) {
        if pairs.capacity() > KEPT_CAPACITY || decoded.capacity() > KEPT_CAPACITY {
            return;
        }
        pairs.clear();
        decoded.clear();
        // During the thread's teardown there is nowhere to keep them: they are dropped.
        let _ = SPARE.try_with(|spare| spare.set((pairs, decoded)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_masks_are_exact() {
        for byte in [b'&', b'=', b'%', b'+', 0, 0x80, 0xff] {
            for other in 0..=255u8 {
                let mut word = [other; 8];
                word[3] = byte;
                let mask = byte_mask(u64::from_le_bytes(word), byte);
                for (at, &b) in word.iter().enumerate() {
                    assert_eq!(
                        mask >> (at * 8 + 7) & 1 == 1,
                        b == byte,
                        "{byte} {other} {at}"
                    );
                }
                assert_eq!(mask & !splat(0x80), 0);
            }
        }
    }

    fn delimiters(body: &str) -> (Vec<(usize, char, bool)>, bool) {
        let mut walk = Delimiters::new(body.as_bytes());
        let seen = walk
            .by_ref()
            .map(|(at, byte, escaped)| (at, char::from(byte), escaped))
            .collect();
        (seen, walk.escaped_after())
    }

    #[test]
    fn every_delimiter_is_visited_with_the_escapes_before_it() {
        // Long enough for whole words and a tail; escapes in both.
        let body = "AccountSid=AC1&From=%2B1555&City=S+P&To=a=b&Tail=x%20";
        let (seen, tail) = delimiters(body);
        let expected: Vec<(usize, char, bool)> = body
            .char_indices()
            .filter(|(_, c)| *c == '&' || *c == '=')
            .map(|(at, c)| {
                let previous = body[..at].rfind(['&', '=']).map_or(0, |p| p + 1);
                (at, c, body[previous..at].contains(['%', '+']))
            })
            .collect();
        assert_eq!(seen, expected);
        assert!(tail);
        assert_eq!(delimiters(""), (vec![], false));
        assert_eq!(delimiters("abcdefghijk+"), (vec![], true));
        assert_eq!(delimiters("abcdefgh"), (vec![], false));
        assert_eq!(delimiters("abcdefg+"), (vec![], true));
        assert_eq!(delimiters("abcdefg&"), (vec![(7, '&', false)], false));
    }
}
