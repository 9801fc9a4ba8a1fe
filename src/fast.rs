//! The fast paths, each with what it buys.
//!
//! Everything here is an optimisation of something simpler that each item names, kept only
//! while it pays for itself. The gains were measured on a shared 2-core machine: in one process
//! against the simpler code where that could be done (precise), otherwise as the CPU time of
//! parsing every fixture of a family 20 000 times, the best of five alternating runs of a build
//! with the fast path against the same build without it (up to 10% of noise: two builds of
//! the same code differed by that much).
//!
//! Taken together, the scan these paths make up (pairs as offsets, reused buffers, the name
//! filter, word-at-a-time delimiters) is no faster than the one before it, which kept decoded
//! pairs in a new vector each time: the best of five runs was within 2% to 8% of it either way
//! on voice call, Video room, messaging and conference bodies, and of `verify_and_parse`. Each
//! path pays for itself within this scan; the scan as a whole did not move `parse` closer to
//! its targets (README, "Speed").
//!
//! Later gains were counted as instructions with `valgrind --tool=callgrind`, which gives the
//! same count for the same build whatever the machine is doing: instructions a body, parsing
//! every fixture of a family 100 times. Time between two builds is weighed less: two builds
//! with the same instructions (an inlining hint the compiler ignored) differed by -6% to +15%
//! in the ratios of the benchmark (where the code lands in memory), so a time claim under
//! some 5% below is no more than that one measurement. To weigh two builds in time without
//! that lottery, both are built with every function and block aligned alike
//! (`RUSTFLAGS="-C llvm-args=-align-all-functions=6 -C llvm-args=-align-all-nofallthru-blocks=5"`),
//! where a claim below says so. Outside this module the fast paths are only inlining
//! decisions, listed here so that one place says what each buys:
//! - The error for a value a field cannot read is built out of line (`#[cold]`); with an
//!   absent parameter then tested inline, 4.4% of the instructions of a voice call body
//!   (30 154 to 28 816; absent parameters are now skipped before any call, see below).
//! - Taking a located value reads the pair once, `ABSENT` included: 2.2% of a voice call body
//!   (28 816 to 28 193), 2.6% of an answering machine detection body.
//! - The [`NameFilter`] test of detection's lookups is inlined with them (see there).
//! - A struct's decoding finds its parameters with [`RawParams::locate`](crate::params::RawParams)
//!   inlined, with its name-to-slot `match`, instead of calling it with the `match` as a
//!   function pointer (a call through a pointer for every pair of a body): the same
//!   instructions within 1%. In time it first looked 1% to 10% faster on 13 of 15 families
//!   (the bare scan's time over `parse`'s, in one process, interleaved, median of nine runs
//!   of each build, alternating, in either order), but a third build that differs from it
//!   only in an inlining hint the compiler ignored (the same instructions) moved the same
//!   ratios by -6% to +15%: where code lands in memory weighs as much here. Kept, as it is no
//!   more code, without a claim of speed.
//! - A family of several event structs wraps the one it decodes with `Result::map`, not by
//!   taking it out of its `Result` and wrapping it in a new one: one copy of the struct
//!   less, conference 10 544 to 10 305 instructions a body (2.3%), Video room 1.1%, Live
//!   MediaProcessor 0.8%; and `Event` has its family wrap the struct into it
//!   (`Declared::decode_with`), one more copy less: conference 10 211, Video room 0.8%,
//!   Media Streams 1%.
//! - The five families that read `StatusCallbackEvent` (conference, Video room and
//!   composition, Live MediaProcessor and PlayerStreamer) are asked in turn: detection keeps
//!   the answer for the next (`RawParams::shared_discriminator`, the families that share
//!   their discriminator being known when the crate is compiled), where each looked the
//!   parameter up and compared its later copies again. Live PlayerStreamer 8 960 to 8 183
//!   instructions a body (8.7%), Live MediaProcessor 5.3%, Video composition 5%, Video room
//!   2.3%, every other family within 0.4%; in time, both builds aligned alike, PlayerStreamer
//!   16%, MediaProcessor 4.6% and Video composition 4% faster against the map (median of four
//!   alternating runs). The answer kept in the scan's `RawParams` instead, for every lookup,
//!   cost the families that never ask twice 40 to 100 instructions a body.
//! - Each family's detection is inlined into the one that tries them in turn (a body of the
//!   families tried last is asked about every family before): answering machine detection
//!   3 861 to 3 761 instructions a body (2.6%), messaging 2%, Live MediaProcessor 2.4%,
//!   conference 1.2%, voice call 0.7%; in time within the noise (best of seven alternating
//!   runs, either order).
//!
//! And these in checking a signature (`verify_and_parse` on a voice call body, 72 280
//! instructions before the first two, 66 459 after them):
//! - Copies of a pair are dropped within the runs of names that [`by_name`] leaves to sort
//!   (the only place they can be), not by comparing every pair with the next: 5.7%.
//! - The second form of the URL is built only when the first does not match: 2.3%.
//! - The sort keys and the HMAC read each signed name and value as bytes, inlined
//!   (`RawParams::pair`), not as `&str` through a call that checks character boundaries
//!   again: 59 777 to 57 128 instructions (4.4%), about 5% less time (best of seven
//!   alternating runs of each build).
//! - The signed pieces reach the HMAC a whole 64-byte block at a time ([`Blocks`]), not one
//!   update for every name and value (63 for a voice call body, each some 50 instructions of
//!   the hash's own buffering): 57 128 to 56 539 instructions, 3.4% less time (best of seven
//!   alternating runs, twice, in either order).
//! - The URL's authority and query are found by reading its bytes, not with `str` pattern
//!   searches (which cost more to set up than a URL takes to read): 56 539 to 55 664.
//! - The sort keys read each pair's name alone (`RawParams::name_bytes`), and the runs of
//!   equal keys are found in one pass comparing each key with the one before: 55 664 to
//!   55 313. With the two above, 4 198 to 3 972 ns a body (5.4%, best of seven alternating
//!   runs).
//! - The digest's base64 is built on the stack and compared eight bytes at a time
//!   (`DigestBytes::base64_matches` in `signature.rs`, which says what it buys): no
//!   allocation, whose free made the next large request (the voice call event) consolidate
//!   the allocator's small blocks.
//!
//! Then, counted the same way on the same body (50 334 instructions before; SHA-1 counts in
//! full under `callgrind`, which has no SHA extensions, so these shares of time are larger
//! than of instructions), each also timed as the ratio of `verify_and_parse`'s time to
//! `parse`'s plus one HMAC's, in one process (median of three or more alternating runs of
//! each build; from the name heads on, both builds aligned alike):
//! - An order of names found is kept per thread ([`KnownOrders`]) and checked, not sorted
//!   again, for the next body whose names come in the same order, as a sender's do: the
//!   ratio 1.48 to 1.36. A body whose order is not kept costs what it did (1.45 to 1.48 with
//!   every lookup missing).
//! - The HMAC-SHA1 keyed once, when the validator is made (`KeyedSha1` in `signature.rs`):
//!   65 ns a request, about 3%.
//! - The first eight bytes of each name read at once from the body past its end
//!   (`RawParams::name_head`), the fingerprint taken from the scan's name tags, and the kept
//!   order checked and its runs of ties found in one pass: 48 339 to 43 967 instructions with
//!   the two below, the ratio about 1.32 to 1.25.
//! - Short signed pieces copied inline ([`copy_short`], then sixteen bytes at once from the
//!   body or decoded text past their end, [`Blocks::push_within`]); the signature compared
//!   with one test of the gathered differences; the body-hash query and the URL read eight
//!   bytes at a time ([`next_of`]): 43 967 to 43 395, about 2.5% less time.
//! - Four blocks gathered before each update of the HMAC instead of one: about 1.5% (the
//!   hash keeps its state in registers from block to block of one update).
//! - An authority without `@` or `:` (most) told so by one search eight bytes at a time,
//!   before looking for the last of either: 41 813 to 41 613.
//! - A kept order in which no two names share fourteen bytes (Twilio's voice call bodies;
//!   SignalWire's `AudioIn*` names share them) is checked while the pairs are hashed, read
//!   in place in the cache ([`walk_sorted`]), instead of copied out and checked in
//!   a pass of its own: the pairs are read once. 41 613 to 41 583 instructions (the copy was
//!   cheap), the ratio about 1.25 to 1.19 (four alternating runs of each build, aligned
//!   alike): the second pass cost more in time than in instructions.
//!
//! - One walk ([`walk_sorted`]) checks a kept order for `by_name` and while hashing, where
//!   two loops of their own did: 41 583 to 41 772 instructions, the same time (four
//!   alternating runs of each build, aligned alike).
//!
//! Over these, 50 334 to 41 772 instructions; in the benchmark's report, the ratio 1.48 to
//! 1.20, 1.22 and 1.21 in three runs before the last two items, 1.22 after the one before.
//!
//! Tried on `verify_and_parse` and dropped (no gain beyond the noise, best of seven
//! alternating runs, or more instructions): copying the signed pieces into one buffer and
//! hashing it at once (2% more time, then; gathering 1 024 bytes before each update, since:
//! the same as 256); [`copy_short`] up to 32 bytes; a fingerprint of one multiplication a
//! name, and the last `@` and `:` of an authority looked for forwards first (fewer
//! instructions, no less time); sorting the keys by insertion (4.5% more), by counting
//! each key's rank (8% more), on the stack instead of in a vector (same time), or as 64-bit
//! keys of seven bytes and the place (3% more instructions in [`by_name`], ties more
//! frequent); comparing the digest in base64 built on the stack instead of in a `String`,
//! still byte by byte (same time, then; see above for what the whole change bought). In
//! `parse`, decoding hex digits through a table (same time, then: the digits' branches were
//! not the cost; in a densely escaped value each escape waits for the load that finds the
//! next one; kept since, for fewer instructions, see [`escaped_byte`]), nor finding a
//! word's later escapes from its mask instead of reading again after each (same
//! instructions, Live MediaProcessor 5% more time), and
//! decoding a long value into the reused buffer and copying it out at its exact length
//! instead of shrinking it (within 2.5% either way). In detection, a name index (each pair
//! linked to the one before it in one of 64 buckets of name tags, so that a lookup walks one
//! bucket instead of every pair) in place of [`NameFilter`]: the same time on voice call and
//! answering machine detection bodies, 3.4% more instructions on the latter (detection's cost
//! is its calls, not its searches). Building the sort keys from two words of the name instead
//! of [`padded`]: 71 fewer instructions a voice call body, not worth its code. In the scan,
//! one mask for both delimiters (and one for both escapes) sharing a complement, instead of
//! a mask for each byte value joined: 2.6% more instructions on a voice call body (22 398 to
//! 22 974; the compiler already computes a word's two masks side by side in one SSE2
//! register). In a struct's decoding, visiting the optional parameters found through a bit
//! mask of their slots instead of every slot in turn (82 for a voice call): 2% more
//! instructions (22 398 to 22 839) and 4% more time on voice call bodies. Finding the
//! delimiters with `memchr2` (and the first escape of each piece the same way, once passed):
//! fewer instructions (voice call 1%, Video room 7%, Live MediaProcessor 10%), but 2% to 14%
//! more time on every family (best of seven alternating runs): a call through the crate's
//! chosen routine every ten bytes or so costs more than the word loop here. In
//! [`by_name`], 64-bit keys (seven bits of each of a name's first seven bytes when they are
//! ASCII, and the place; 64-bit integers sort in half the time of 128-bit ones on their own):
//! 55 174 to 55 998 instructions, and the same ratio to `parse` plus the HMAC (three
//! interleaved runs of each, 1.40 to 1.47 against 1.43 to 1.45): packing the keys and the
//! more frequent ties cost what the sort saves. Finding a struct's parameters through a
//! table of its names built when the crate is compiled (hashing a name's first and last
//! eight bytes, one comparison) instead of a `match` (a tree of branches on the name's
//! length and bytes): before `locate` was inlined, 5% faster on voice call bodies (82 slots)
//! and 4% to 7% slower on the families of small structs; with `locate` inlined and the table
//! kept to structs of more than 32 slots, the same on voice call bodies (median of nine
//! alternating runs). Making `RawParams::piece` always inlined: 3.6% to 15.6% more
//! instructions (voice call 22 318 to 23 127, answering machine detection 3 689 to 4 266);
//! inlined into `locate` alone, the same (22 176 to 22 985, 3 653 to 4 232).
//! In [`padded`], a text of fewer than eight bytes read as two overlapping loads of four or
//! two bytes instead of one byte at a time: 0.2% fewer instructions on a voice call body,
//! 0.4% on `verify_and_parse`, 0.9% on Live MediaProcessor, not worth its code. Building
//! `extra` without first counting the pairs left: 0.3% to 0.8% fewer instructions, but a
//! voice call body then makes 2.0 allocations instead of 1.7 (the vector grows); counting
//! them from the first one left instead: 1% to 1.4% more instructions. Handing the struct
//! a body decodes to its wrapper (the family, `Event`, the `Box` of a voice call) inside
//! `Fields::decode`, to spare the copies on the way out: voice call 0.4% fewer instructions,
//! Video room 0.8% more, and every struct's decoding compiled twice.
//!
//! Measured the same way, the instructions a body over all the changes counted so: voice call
//! 30 887 to 27 774, answering machine detection 4 955 to 4 155, messaging 10 965 to 9 309,
//! Video room 12 471 to 11 518. Over the changes from [`Blocks`] on: voice call 22 401 to
//! 22 176, answering machine detection 3 859 to 3 653, conference 10 700 to 10 211, messaging
//! 8 813 to 8 562, Video room 11 198 to 10 728, Live MediaProcessor 14 440 to 13 864, every
//! other family 2% to 5% fewer; `verify_and_parse` 57 128 to 55 116. Over the changes from
//! the SSE2 scan ([`Delimiters`]) on: voice call 22 163 to 18 333, answering machine
//! detection 3 665 to 3 135, conference 10 203 to 8 314, messaging 8 556 to 7 130, Video room
//! 10 724 to 8 472, Live MediaProcessor 14 009 to 10 395, Live PlayerStreamer 10 758 to 8 071,
//! SignalWire's phone number call status 7 918 to 6 414, every family 14.5% to 26% fewer;
//! `verify_and_parse` on the voice call fixture 55 579 to 50 470.
//!
//! The allocator's share was larger in time than in instructions: a voice call body made some
//! twenty strings of under 24 bytes, which overflow the system allocator's per-thread cache
//! (seven blocks of a size); run with `GLIBC_TUNABLES=glibc.malloc.tcache_count=64`, the same
//! parsing took 17% less time. Two changes outside this module remove those allocations, and
//! are listed here for what they buy:
//! - Free-text fields are [`Text`](crate::Text), which keeps up to 22 bytes in place, and the
//!   short escaped names and values of a scan are decoded into one `String` reused from scan
//!   to scan ([`decode_into`], [`SpareBuffers`]): allocations a voice call body 22.9 to 1.8,
//!   messaging 5.0 to 1.1, conference 4.0 to 0.2; instructions a voice call body 27 664 to
//!   23 845, messaging 9 269 to 8 760 (Video room and conference unchanged; the long JSON
//!   values of Live and real-time transcription bodies are copied once more, 2% to 6% more
//!   instructions). In time, the
//!   ratio of the bare scan's time to `parse`'s (in one process, interleaved) went from 0.84
//!   to 0.98 on voice call bodies, 1.03 to 1.16 on conference and 1.03 to 1.14 on messaging.
//! - [`Extra`](crate::Extra), [`Decimal`](crate::Decimal) and [`DlrDate`](crate::DlrDate)
//!   keep `Text` too (the empty `ToZip=` and `CalledZip=` of most voice call bodies land in
//!   `extra`: their names no longer allocate).
//!
//! - A struct's decoding builds the struct with its required fields, then reads only the
//!   optional parameters the body carries, each through one out-of-line function per field
//!   type, into it ([`form_struct!`](crate::params::form_struct)). The voice call struct's
//!   decoding was 106 KB of code run straight through for every body, larger than the
//!   instruction cache: `valgrind --tool=callgrind --cache-sim=yes` counted 559 instruction
//!   cache misses a voice call body, against 1 for the bare scan. Now 23 KB and 410 misses,
//!   for 0.2% fewer instructions; in one process, interleaved, the bare scan's time over
//!   `parse`'s went from 1.00 to 1.03 (three runs) to 1.08 to 1.17 on voice call bodies, and
//!   stayed within the noise on conference, Video room, recording and Live bodies (messaging:
//!   2.7% more instructions, 1.04 to 1.26 against 1.16 to 1.21). Taking required parameters
//!   out of line too made the code 19 KB, with no gain in time.
//!
//! - A present optional parameter is read into its field by one out-of-line function per
//!   field type (`RawParams::optional_into`), which also drops the field's old `None`: the
//!   voice call struct's decoding went from 23 KB to 18 KB of code and 400 to 336 simulated
//!   instruction cache misses a body, for the same instructions; in time (task clock, best of
//!   seven alternating runs) messaging 4% and conference 2% less, voice call unchanged.
//! - The bytes a [`Text`](crate::Text) or an identifier keeps in place are built from
//!   eight-byte loads in registers ([`padded`]), not copied into an array with
//!   `memcpy`: `perf annotate` showed two thirds of the time of converting a text on the loads
//!   that read that array back in other widths than it was written (store-to-load forwarding
//!   fails). In time, the same way: voice call 11%, messaging 7%, Video room 5%, conference
//!   3.5% less.
//!
//! Tried and dropped, measured against the code above: reading every field of a struct even
//! after one fails and keeping the first error, so that the struct is built or dropped in one
//! place (the voice call struct's decoding, 105 KB of code with an exit per field, became 65 KB
//! and 3% fewer instructions, but messaging took 15% to 20% more time, best of seven runs);
//! taking required and present optional parameters out of line, one function per field type
//! (voice call 19% more time).
//!
//! What is left is spread thin (voice call, by time with `perf`, with the SSE2 scan): the
//! struct's decoding about a third (its own code, the calls for its optional fields, the
//! extras), the scan a fifth, decoding escapes under a tenth. In `verify_and_parse` beyond
//! `parse` and the HMAC (which is a fifth of it with SHA extensions), nothing above 8%: the
//! signing order and the pieces fed to the hash (`Validator::check`) about 8%, the URL's
//! forms 2%, the kept order's check 2%.
//!
//! The compiler's inlining choices move with code added elsewhere: twice this round a
//! function of the scan went out of line and cost 1% to 2% more instructions on every
//! family, found by comparing instructions a body before and after each change (see
//! [`Delimiters::new`] and `RawParams::decode`, which now say where they belong).

use std::cell::Cell;

use chrono::{DateTime, Datelike, Utc};

use crate::params::Pair;

/// Byte `byte` repeated in every byte of a word.
const fn splat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit: exact, as no
/// addition carries from one byte into the next.
pub(crate) fn byte_mask(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ splat(byte);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The `&` and `=` of a body, in order, each with whether a `%` or `+` came after the
/// previous `&` or `=` (or the start): `(offset, byte, escaped)`. Once they are all visited,
/// [`escaped_after`](Self::escaped_after) says whether a `%` or `+` follows the last.
///
/// Sixty-four bytes at a time: a block's delimiters and escapes are found as two masks of a
/// bit a byte ([`block_masks`]), its delimiters are visited bit by bit, and its escapes need
/// no visit at all, only a test against the bits below the delimiter. Against eight bytes at a
/// time with masks of whole words ([`byte_mask`], which is what other targets than x86 still
/// compute, [`by_words`]): 12% to 17% fewer instructions a body (voice call
/// 22 163 to 19 373, answering machine detection 3 665 to 3 129, messaging 8 556 to 7 393,
/// Video room 10 722 to 8 996, conference 10 203 to 8 603, `<Record>` transcription 18 854 to
/// 15 662); in time, the bare scan's time over `parse`'s rose on fourteen families of fifteen
/// (voice call 1.31 to 1.40, answering machine detection 1.32 to 1.52, Video room 1.47 to
/// 1.66, SIPREC 1.55 to 1.74; real-time transcription 1.66 to 1.53; median of five
/// alternating runs of each build). The word-at-a-time scan read eight bytes in some 30
/// instructions; this reads sixteen in about six.
pub(crate) struct Delimiters<'b> {
    bytes: &'b [u8],
    /// The offset of the block being visited.
    at: usize,
    /// The delimiters of that block not visited yet, and its escapes after the last visited.
    delimiters: u64,
    escapes: u64,
    /// Whether an escape came after the last delimiter visited, before the current block.
    escaped: bool,
}

impl<'b> Delimiters<'b> {
    /// Inlined, so that the walk stays in registers: built out of line (the compiler's choice
    /// once the crate grew elsewhere), it was kept in memory, 1.7% more instructions a voice
    /// call body (18 326 to 18 643), answering machine detection 2%.
    #[inline(always)]
    pub(crate) fn new(bytes: &'b [u8]) -> Self {
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

    /// Reads the masks of the block at `at`; the last, shorter one padded with zeros (which
    /// are neither delimiters nor escapes).
    #[inline(always)]
    fn load(&mut self) {
        let (delimiters, escapes) = match self.bytes.get(self.at..self.at + 64) {
            Some(block) => block_masks(block.try_into().unwrap_or(&[0; 64])),
            None => {
                let mut block = [0; 64];
                let rest = self.bytes.get(self.at..).unwrap_or_default();
                block[..rest.len()].copy_from_slice(rest);
                block_masks(&block)
            }
        };
        self.delimiters = delimiters;
        self.escapes = escapes;
    }

    /// Whether a `%` or `+` follows the last delimiter (once every delimiter is visited).
    pub(crate) fn escaped_after(&self) -> bool {
        self.escaped
    }
}

impl Iterator for Delimiters<'_> {
    type Item = (usize, u8, bool);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        while self.delimiters == 0 {
            self.escaped |= self.escapes != 0;
            self.at += 64;
            if self.at >= self.bytes.len() {
                self.escapes = 0;
                return None;
            }
            self.load();
        }
        let bit = self.delimiters.trailing_zeros();
        let below = (1u64 << bit) - 1;
        let offset = self.at + bit as usize;
        let escaped = self.escaped || self.escapes & below != 0;
        self.escaped = false;
        self.escapes &= !below;
        self.delimiters &= self.delimiters - 1;
        Some((offset, self.bytes[offset], escaped))
    }
}

#[cfg(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
))]
use sse2::{block_masks, chunk_escapes};

#[cfg(not(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
)))]
use by_words::{block_masks, chunk_escapes};

/// The masks of delimiters and escapes sixteen bytes at a time, with SSE2: a comparison of
/// each byte and the bytes' top bits gathered into one integer, a handful of instructions
/// where [`byte_mask`] takes some twenty-five for eight bytes.
#[cfg(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
))]
mod sse2 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };

    /// Whether each byte of `chunk` is `one` or `other`: bit `i` for byte `i`.
    #[inline(always)]
    fn either(chunk: m128i, one: u8, other: u8) -> u32 {
        let equal = cmp_eq_mask_i8_m128i(chunk, set_splat_i8_m128i(one as i8))
            | cmp_eq_mask_i8_m128i(chunk, set_splat_i8_m128i(other as i8));
        u32::from(move_mask_i8_m128i(equal) as u16)
    }

    /// The `&` and `=` (first mask) and the `%` and `+` (second) of a block: bit `i` of a mask
    /// is set when byte `i` is one of its two.
    #[inline(always)]
    pub(super) fn block_masks(block: &[u8; 64]) -> (u64, u64) {
        let (mut delimiters, mut escapes) = (0, 0);
        for (at, chunk) in block.chunks_exact(16).enumerate() {
            let chunk = load_unaligned_m128i(chunk.try_into().unwrap_or(&[0; 16]));
            delimiters |= u64::from(either(chunk, b'&', b'=')) << (16 * at);
            escapes |= u64::from(either(chunk, b'%', b'+')) << (16 * at);
        }
        (delimiters, escapes)
    }

    /// The `%` and `+` of sixteen bytes, bit `i` for byte `i`, and bit 16 set.
    #[inline(always)]
    pub(super) fn chunk_escapes(chunk: &[u8; 16]) -> u32 {
        either(load_unaligned_m128i(chunk), b'%', b'+') | 0x1_0000
    }
}

/// [`block_masks`] and [`chunk_escapes`] eight bytes at a time with [`byte_mask`], for
/// targets without SSE2 (and to test the SSE2 ones against).
#[cfg_attr(
    all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse2",
        not(test)
    ),
    allow(dead_code)
)]
mod by_words {
    use super::byte_mask;

    #[inline(always)]
    pub(super) fn block_masks(block: &[u8; 64]) -> (u64, u64) {
        /// The top bits of a word's eight bytes gathered into its low eight bits, in order.
        fn gathered(mask: u64) -> u64 {
            (mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
        }
        let (mut delimiters, mut escapes) = (0, 0);
        for (at, word) in block.chunks_exact(8).enumerate() {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            delimiters |= gathered(byte_mask(word, b'&') | byte_mask(word, b'=')) << (8 * at);
            escapes |= gathered(byte_mask(word, b'%') | byte_mask(word, b'+')) << (8 * at);
        }
        (delimiters, escapes)
    }

    #[inline(always)]
    pub(super) fn chunk_escapes(chunk: &[u8; 16]) -> u32 {
        let mut block = [0; 64];
        block[..16].copy_from_slice(chunk);
        block_masks(&block).1 as u32 | 0x1_0000
    }
}

/// The names a body holds, roughly: a 256-bit filter of their tags. "Not held" is certain,
/// "held" may be wrong (for a body of 40 names, about one time in seven).
///
/// Detection asks for many names a body does not hold (a voice call status body is asked
/// for the discriminators of every family tried before its own); the filter answers most of
/// them without a search through the pairs. Measured against no filter: parsing is 8% to 18%
/// faster on voice call and Video room bodies. The test is inlined into each lookup, so that
/// the tag of a name written in the code is a constant and an absent name costs no call: 11%
/// of the instructions of an answering machine detection body (4 675 to 4 155, with its
/// lookups inlined too), 1.5% of a voice call body.
#[derive(Default, Clone, Copy)]
pub(crate) struct NameFilter([u64; 4]);

impl NameFilter {
    /// The bit of a tag: its top byte once scrambled.
    fn bit(tag: u32) -> usize {
        (tag.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    pub(crate) fn add(&mut self, tag: u32) {
        let bit = Self::bit(tag);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// `false` when no name of this tag was added.
    pub(crate) fn may_hold(&self, tag: u32) -> bool {
        let bit = Self::bit(tag);
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }
}

/// Decodes `%XX` and `+` in the name or value `raw` into the start of `out`, which must hold
/// the decoded bytes (`raw.len()` of them always do); returns how many it wrote. A `%` that
/// starts no escape stays as it is. Whether the bytes are UTF-8 is the caller's question. For
/// the long values of a scan (over 64 bytes), which are decoded into their own buffer; the
/// short ones are decoded by [`decode_in_body`].
///
/// Sixteen bytes at a time ([`chunk_escapes`]), then one: each chunk is copied
/// whole, then the copy stands up to its first `%` or `+`, which is decoded in place, so a run
/// of plain bytes costs no call to `memcpy`; escapes in a row are decoded in a row, without
/// reading a chunk again. Against a `String` filled piece by piece (ASCII escapes pushed as
/// characters, a run between escapes copied with `push_str`), eight bytes at a time saved 6%
/// of the instructions of a Live MediaProcessor body (15 652 to 14 665) and 8% of a real-time
/// transcription body (12 492 to 11 442). Sixteen bytes at a time and escapes in a row, against
/// eight bytes at a time: 7% fewer instructions a Live MediaProcessor body (12 030 to 11 216),
/// real-time transcription 5%, voice recording 4%, `<Record>` transcription and conference
/// recording 3.5%, Live PlayerStreamer 2%; in time the bare scan's time over `parse`'s rose 8%
/// to 15% on those families (median of four alternating runs of the benchmark's report).
/// Eight bytes at a time between the two no longer paid once only long values came here
/// (within 0.7% either way on the six families whose bodies carry them), and went.
pub(crate) fn decode_into(raw: &[u8], out: &mut [u8]) -> usize {
    let (mut from, mut to) = (0, 0);
    loop {
        if let (Some(chunk), Some(copy)) = (raw.get(from..from + 16), out.get_mut(to..to + 16)) {
            copy.copy_from_slice(chunk);
            let escapes = chunk_escapes(chunk.try_into().unwrap_or(&[0; 16]));
            let plain = escapes.trailing_zeros() as usize;
            from += plain;
            to += plain;
            if plain == 16 {
                continue;
            }
        } else if from == raw.len() {
            return to;
        }
        // `raw[from]` is a `%` or a `+` (or, in the last bytes or the last room in `out`, any
        // byte, one at a time), and so may the bytes after it be.
        loop {
            let (byte, len) = decoded_byte(raw, from);
            out[to] = byte;
            from += len;
            to += 1;
            if !matches!(raw.get(from), Some(b'%' | b'+')) {
                break;
            }
        }
    }
}

/// Decodes `%XX` and `+` in the name or value at `range` of `body` into the start of `out`,
/// which must hold sixteen bytes more than the raw value; returns how many bytes it decoded,
/// and may have written up to sixteen more after them. For the short names and values of a
/// scan (up to 64 bytes), decoded one after the other into one buffer that the scan checks
/// once, when it ends: against a `String` filled piece by piece, 5.2% of the instructions of a voice call body (23 789 to 22 600),
/// 5.8% of conference, 6.4% of SignalWire's phone number call status, 2% to 5% elsewhere; in
/// time, voice call 2% and conference 6% less, messaging and answering machine detection
/// unchanged (task clock, best of seven alternating runs; eight bytes at a time then).
///
/// As [`decode_into`], but sixteen bytes at a time whatever the length: each chunk is read
/// from the body, past the value's end where the body goes on, and written whole into room
/// that `out` is given beyond the value, so that a short value has no tail read eight bytes
/// or one at a time. Against [`decode_into`]'s eight bytes, then one: 3% fewer instructions a
/// voice call body (19 359 to 18 782), SignalWire's phone number call status 3.9%, messaging
/// 3.1%, Video room 2.6%, conference 1.2%; in time, both builds aligned alike (see the top of
/// this module), 2% to 5% faster on eight families, 4% and 8% slower on Live PlayerStreamer
/// and SIPREC, the rest within 2% (median of four alternating runs of the benchmark's
/// report). The scan makes that room once, for every name and value left in the body, not
/// once for each (a call to `memset` for each): voice call 0.7% fewer instructions a body,
/// SignalWire's phone number call status 0.6%.
#[inline(always)]
pub(crate) fn decode_in_body(body: &[u8], range: std::ops::Range<usize>, out: &mut [u8]) -> usize {
    let (mut from, end) = (range.start, range.end);
    // Hex digits are read up to the value's end only.
    let value = &body[..end];
    let mut to = 0;
    loop {
        match (body.get(from..from + 16), out.get_mut(to..to + 16)) {
            (Some(chunk), Some(copy)) => {
                copy.copy_from_slice(chunk);
                let escapes = chunk_escapes(chunk.try_into().unwrap_or(&[0; 16]));
                let plain = (escapes.trailing_zeros() as usize).min(end - from);
                from += plain;
                to += plain;
                if from == end {
                    return to;
                }
                if plain == 16 {
                    continue;
                }
            }
            _ if from == end => return to,
            _ => {}
        }
        // `value[from]` is a `%` or a `+` (or, in the body's last bytes, any byte, one at a
        // time).
        let (byte, len) = decoded_byte(value, from);
        out[to] = byte;
        from += len;
        to += 1;
    }
}

/// The byte that the byte at `at` of a name or value starts once decoded, and how many bytes
/// it takes: a space for a `+`, the byte of a `%` and two hex digits; a `%` that starts no
/// escape, and any other byte, stays as it is.
#[inline(always)]
fn decoded_byte(raw: &[u8], at: usize) -> (u8, usize) {
    match raw[at] {
        b'+' => (b' ', 1),
        b'%' => escaped_byte(raw, at).map_or((b'%', 1), |byte| (byte, 3)),
        byte => (byte, 1),
    }
}

/// The byte the `%` at `percent` escapes, if two hex digits follow it.
///
/// Each digit read through a table, and one test for both: against a `match` of the three
/// ranges for each digit, 1.5% fewer instructions a Live MediaProcessor body (10 546 to
/// 10 390), real-time transcription 1.1%, other families 0.3% to 0.8%.
#[inline]
pub(crate) fn escaped_byte(bytes: &[u8], percent: usize) -> Option<u8> {
    /// Each byte's value as a hex digit, or 16 and more.
    const HEX: [u8; 256] = {
        let mut table = [0xff; 256];
        let mut at = 0;
        while at < 256 {
            table[at] = match at as u8 {
                digit @ b'0'..=b'9' => digit - b'0',
                digit @ b'a'..=b'f' => digit - b'a' + 10,
                digit @ b'A'..=b'F' => digit - b'A' + 10,
                _ => 0xff,
            };
            at += 1;
        }
        table
    };
    let (&high, &low) = (bytes.get(percent + 1)?, bytes.get(percent + 2)?);
    let (high, low) = (HEX[usize::from(high)], HEX[usize::from(low)]);
    ((high | low) < 16).then_some(high << 4 | low)
}

/// The length of a name or value once decoded: each `%` and two hex digits make one byte.
///
/// A large value is decoded into a `String` of exactly this capacity, which a field then keeps
/// without reallocating (a one-mebibyte value is held once).
pub(crate) fn decoded_len(bytes: &[u8]) -> usize {
    let mut len = bytes.len();
    let mut at = 0;
    while let Some(escape) = next_escape(bytes, at) {
        if bytes[escape] == b'%' && escaped_byte(bytes, escape).is_some() {
            len -= 2;
            at = escape + 3;
        } else {
            at = escape + 1;
        }
    }
    len
}

/// The eight bytes of `bytes` at `at` as one little-endian word, if it has eight there.
///
/// One load: copied into an array first, a word became a call to `memcpy` (in the scan, 2.4%
/// of the instructions of a voice call body, 30 887 to 30 154).
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    match bytes.get(at..at + 8) {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
            Some(u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]))
        }
        _ => None,
    }
}

/// Where the next `%` or `+` at or after `from` is, eight bytes at a time.
pub(crate) fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    next_of(bytes, from, [b'%', b'+'])
}

/// Where the next of the bytes `any` at or after `from` is, eight bytes at a time. Also for
/// reading a URL (its query, its authority): against `iter().position`, a byte at a time,
/// some 20 ns less of each `verify_and_parse` (the URL is read three times).
pub(crate) fn next_of<const N: usize>(
    bytes: &[u8],
    mut from: usize,
    any: [u8; N],
) -> Option<usize> {
    while let Some(word) = word_at(bytes, from) {
        let mask = any
            .iter()
            .fold(0, |mask, &byte| mask | byte_mask(word, byte));
        if mask != 0 {
            return Some(from + mask.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|b| any.contains(b))
        .map(|at| from + at)
}

/// The buffers a scan fills (its pairs, its decoded text), kept from one scan to the next on
/// each thread, so that a parse allocates only what the event keeps.
///
/// Saves one allocation a body and, more than that, the large one: a voice call body's pairs
/// take about 1.4 KB, beyond the allocator's per-thread cache, and freeing such a block
/// makes the next large request consolidate the small blocks the event freed (`perf` showed
/// `malloc_consolidate` and `_int_malloc` at 9% of a voice call parse). Measured against a new
/// vector of 64 pairs per scan: parsing is 11% to 16% faster on voice call, Video room and
/// messaging bodies.
pub(crate) struct SpareBuffers;

/// A scan's pairs, its short decoded text and its long decoded values
/// ([`RawParams`](crate::params::RawParams)).
pub(crate) type Buffers = (Vec<Pair>, String, Vec<String>);

/// Past this many pairs, or bytes of decoded text, a buffer is not kept (a body of 1 000
/// parameters should not hold its memory for the rest of the thread's life).
const KEPT_PAIRS: usize = 128;
const KEPT_DECODED: usize = 8 * 1024;

thread_local! {
    static SPARE: Cell<Buffers> = const { Cell::new((Vec::new(), String::new(), Vec::new())) };
}

impl SpareBuffers {
    /// Empty buffers, reused if this thread has some.
    pub(crate) fn take() -> Buffers {
        let (mut pairs, decoded, long) = SPARE.try_with(Cell::take).unwrap_or_default();
        if pairs.capacity() == 0 {
            // Enough for every real callback seen.
            pairs.reserve(64);
        }
        (pairs, decoded, long)
    }

    /// Keeps the buffers of a finished scan for the next, unless they are large.
    pub(crate) fn give_back((mut pairs, mut decoded, mut long): Buffers) {
        if pairs.capacity() > KEPT_PAIRS
            || decoded.capacity() > KEPT_DECODED
            || long.capacity() > KEPT_PAIRS
        {
            return;
        }
        pairs.clear();
        decoded.clear();
        long.clear();
        // During the thread's teardown there is nowhere to keep them: they are dropped.
        let _ = SPARE.try_with(|spare| spare.set((pairs, decoded, long)));
    }
}

/// The exact form Video and Live send, `2020-08-19T17:40:05.273Z` (up to nine fractional
/// digits), read without chrono's general parser; `None` for anything else, which then goes
/// through chrono. Measured in one process: 25 ns a timestamp against chrono's 48 ns.
pub(crate) fn utc_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[10] != b'T'
        || bytes[13] != b':'
        || bytes[16] != b':'
        || bytes[bytes.len() - 1] != b'Z'
    {
        return None;
    }
    let nanos = match &bytes[19..bytes.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            digits_value(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let two = |at| two_digits(bytes, at);
    utc_time(
        two(0)? * 100 + two(2)?,
        two(5)?,
        two(8)?,
        [two(11)?, two(14)?, two(17)?],
        nanos,
    )
}

/// The exact form voice callbacks send, `Sun, 25 Mar 2018 09:53:19 +0000`, read without
/// chrono's general parser; `None` for anything else (another zone, a one-digit day, a
/// weekday that does not match the date), which then goes through chrono. Measured in one
/// process: chrono's RFC 2822 parser takes 170 ns to 190 ns a timestamp, some 8% of parsing a
/// voice call body; this does the work of the RFC 3339 reader above (25 ns). The month's name
/// matched in place, the numbers read two digits at a time and the weekday taken from the
/// date (not from the instant, through its time zone): some 400 to 220 instructions a
/// timestamp, SignalWire's phone number call status bodies 2.5% fewer, conference 2.2%,
/// voice recording 1.7%, voice call 1% (the RFC 3339 reader's two-digit numbers, 0.3% on
/// Video and Live).
pub(crate) fn utc_rfc2822(text: &str) -> Option<DateTime<Utc>> {
    const WEEKDAYS: [[u8; 3]; 7] = [
        *b"Mon", *b"Tue", *b"Wed", *b"Thu", *b"Fri", *b"Sat", *b"Sun",
    ];
    let bytes: &[u8; 31] = text.as_bytes().try_into().ok()?;
    if bytes[3..5] != *b", "
        || bytes[7] != b' '
        || bytes[11] != b' '
        || bytes[16] != b' '
        || bytes[19] != b':'
        || bytes[22] != b':'
        || bytes[25..] != *b" +0000"
    {
        return None;
    }
    // The month's name and the two-digit numbers read in place: a search of the names and
    // chrono's weekday of a `DateTime` made two thirds of this reader's instructions.
    let month = match &[bytes[8], bytes[9], bytes[10]] {
        b"Jan" => 1,
        b"Feb" => 2,
        b"Mar" => 3,
        b"Apr" => 4,
        b"May" => 5,
        b"Jun" => 6,
        b"Jul" => 7,
        b"Aug" => 8,
        b"Sep" => 9,
        b"Oct" => 10,
        b"Nov" => 11,
        b"Dec" => 12,
        _ => return None,
    };
    let two = |at| two_digits(bytes, at);
    let year = i32::try_from(two(12)? * 100 + two(14)?).ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, month, two(5)?)?;
    let time = chrono::NaiveTime::from_hms_opt(two(17)?, two(20)?, two(23)?)?;
    // The date's weekday, not the instant's (which goes through its time zone).
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    (weekday == [bytes[0], bytes[1], bytes[2]]).then(|| date.and_time(time).and_utc())
}

/// A UTC instant from its parts.
fn utc_time(
    year: u32,
    month: u32,
    day: u32,
    [hour, minute, second]: [u32; 3],
    nanos: u32,
) -> Option<DateTime<Utc>> {
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// The value of the two ASCII digits at `at`.
#[inline(always)]
fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    let (tens, ones) = (
        bytes[at].wrapping_sub(b'0'),
        bytes[at + 1].wrapping_sub(b'0'),
    );
    (tens < 10 && ones < 10).then(|| u32::from(tens) * 10 + u32::from(ones))
}

/// The value of one to nine ASCII digits.
fn digits_value(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// `text` (at most `N <= 40` bytes) padded with zeros, built from eight-byte loads in
/// registers rather than copied into an array in memory: read back at once in other widths
/// than `memcpy` wrote them, such an array stalls the processor (store-to-load forwarding
/// fails). Used for the bytes a [`Text`](crate::Text) or an identifier keeps in place (see the
/// module's list) and the keys `by_name` sorts.
#[inline]
pub(crate) fn padded<const N: usize>(text: &[u8]) -> [u8; N] {
    const { assert!(N <= 40) };
    let len = text.len();
    let word = |at: usize| -> u64 {
        match word_at(text, at) {
            Some(word) => word,
            None if at >= len => 0,
            // The last bytes: the tail of the text's last eight, or one at a time.
            None => match len.checked_sub(8).and_then(|last| word_at(text, last)) {
                Some(last) => last >> (8 * (at + 8 - len)),
                None => text[at..]
                    .iter()
                    .rev()
                    .fold(0, |word, &byte| word << 8 | u64::from(byte)),
            },
        }
    };
    let words = [word(0), word(8), word(16), word(24), word(32)];
    std::array::from_fn(|at| (words[at / 8] >> (at % 8 * 8)) as u8)
}

/// The first eight bytes of `name`, big-endian, zeros after a shorter name: what [`by_name`]
/// compares first.
#[cfg(feature = "signature")]
pub(crate) fn name_head(name: &[u8]) -> u64 {
    u64::from_be_bytes(padded(name.get(..8).unwrap_or(name)))
}

/// The fingerprint of a body's names in the order received, from one number a name (equal
/// names give equal numbers), for [`by_name`]. Each name's share is computed apart from the
/// others' (a multiplication chained from name to name cost 2% of `verify_and_parse` on a
/// voice call body).
#[cfg(feature = "signature")]
pub(crate) fn fingerprint(names: impl Iterator<Item = u64>) -> u64 {
    names.enumerate().fold(0, |fingerprint, (at, name)| {
        let share = (name ^ (at as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        fingerprint.wrapping_add(share.rotate_left(29))
    })
}

/// The places `0..len` ordered by name (`name(at)`, whose first eight bytes `name_head(at)`
/// gives as [`name_head`] does), byte by byte; `ties` then orders each run of places whose
/// names share their first fourteen bytes (a repeated name, mostly), which it receives in the
/// order received.
///
/// Each place is one integer, the first fourteen bytes of its name big-endian and then the
/// place, so that one sort of plain integers orders nearly every body. Against sorting the
/// places with a comparator of names (which calls `memcmp` for every comparison), this saves
/// about 30% of `verify_and_parse` on a voice call body (sorting then took a third of it).
///
/// A sender sends the same parameters in the same order (Twilio's order follows the set of
/// names, not their alphabet), so the orders found are kept in a small per-thread cache
/// ([`KnownOrders`]), under the `fingerprint` of the names as received ([`fingerprint`]),
/// and a body whose names come in an order seen before is not sorted: the kept order is
/// checked instead, one comparison of eight bytes a place, which also finds the runs for
/// `ties`. Whatever the cache holds, a wrong order is never used: the keys are all distinct
/// (each holds its place), so keys that rise strictly through a permutation of `0..len` are
/// sorted by it.
#[cfg(feature = "signature")]
pub(crate) fn by_name<'p>(
    len: usize,
    name: impl Fn(usize) -> &'p [u8],
    name_head: impl Fn(usize) -> u64,
    fingerprint: u64,
    mut ties: impl FnMut(&mut [u32]),
) -> Vec<u32> {
    /// The low bits that hold the place: at most `MAX_PARAMETERS`, so it fits.
    const PLACE_BITS: u32 = 16;
    const _: () = assert!(crate::MAX_PARAMETERS < 1 << PLACE_BITS);
    let prefix = |at: u32| prefix14(name(at as usize));
    // The key of a place: its name's first fourteen bytes, then the place (in the last two
    // bytes, which `prefix14` leaves zero).
    let key = |at: u32| prefix(at) | at as u128;
    let kept = KnownOrders::find(fingerprint, len)
        .and_then(|order| walk_sorted(&order, &name, &name_head, |_| {}).map(|runs| (order, runs)));
    let (mut places, runs) = kept.unwrap_or_else(|| {
        let mut keys: Vec<u128> = (0..len as u32).map(key).collect();
        keys.sort_unstable();
        let places: Vec<u32> = keys
            .iter()
            .map(|&key| (key & ((1 << PLACE_BITS) - 1)) as u32)
            .collect();
        let runs = keys
            .windows(2)
            .any(|two| two[0] >> PLACE_BITS == two[1] >> PLACE_BITS);
        KnownOrders::keep(fingerprint, &places, !runs);
        (places, runs)
    });
    if runs {
        // Runs of equal prefixes, found in one pass that compares each key with the one
        // before.
        let mut run = 0;
        for at in 1..=len {
            let same = places
                .get(at)
                .is_some_and(|&place| prefix(place) == prefix(places[at - 1]));
            if !same {
                if at - run > 1 {
                    ties(&mut places[run..at]);
                }
                run = at;
            }
        }
    }
    places
}

/// The first fourteen bytes of `name`, big-endian, zeros after a shorter name: what
/// [`by_name`] sorts names by before `ties` orders the runs that share them.
#[cfg(feature = "signature")]
#[inline(always)]
fn prefix14(name: &[u8]) -> u128 {
    u128::from_be_bytes(padded::<16>(name.get(..14).unwrap_or(name)))
}

/// Passes the places of `order` to `visit` in turn while checking that it is the order
/// [`by_name`] sorts them in (`name(at)`, whose first eight bytes `name_head(at)` gives): by
/// their first fourteen bytes, and places whose names share them in the order received.
/// `None`, some places visited, as soon as it is not; otherwise whether two neighbours share
/// their first fourteen bytes (runs left to `ties`). Used on a kept order ([`KnownOrders`])
/// by `by_name`, and, for one without runs (then the signing order itself), while the pairs
/// are hashed instead of in a pass of its own before: the pairs of a body are read once, and
/// the order is not copied out of the cache.
#[cfg(feature = "signature")]
#[inline(always)]
pub(crate) fn walk_sorted<'p>(
    order: &[u32],
    name: impl Fn(usize) -> &'p [u8],
    name_head: impl Fn(usize) -> u64,
    mut visit: impl FnMut(usize),
) -> Option<bool> {
    let mut runs = false;
    let mut before: Option<(u64, usize)> = None;
    for &at in order {
        let (at, head) = (at as usize, name_head(at as usize));
        if let Some((head_before, at_before)) = before {
            if head < head_before {
                return None;
            }
            if head == head_before {
                match prefix14(name(at)).cmp(&prefix14(name(at_before))) {
                    std::cmp::Ordering::Less => return None,
                    std::cmp::Ordering::Equal if at < at_before => return None,
                    std::cmp::Ordering::Equal => runs = true,
                    std::cmp::Ordering::Greater => {}
                }
            }
        }
        visit(at);
        before = Some((head, at));
    }
    Some(runs)
}

/// The orders of names [`by_name`] found last on this thread, by the fingerprint of the names
/// as received: [`SLOTS`](Self::SLOTS) of them, a fingerprint's slot chosen by its low bits,
/// each of at most [`LONGEST`](Self::LONGEST) places (some 16 KiB a thread at most).
#[cfg(feature = "signature")]
pub(crate) struct KnownOrders;

/// One order kept by [`KnownOrders`].
#[cfg(feature = "signature")]
struct KeptOrder {
    fingerprint: u64,
    places: Vec<u32>,
    /// Whether no two names share their first fourteen bytes: the order is then the signing
    /// order itself, whatever the values.
    plain: bool,
}

#[cfg(feature = "signature")]
impl KeptOrder {
    const NONE: KeptOrder = KeptOrder {
        fingerprint: 0,
        places: Vec::new(),
        plain: false,
    };
}

#[cfg(feature = "signature")]
thread_local! {
    static KNOWN_ORDERS: std::cell::RefCell<[KeptOrder; KnownOrders::SLOTS]> =
        const { std::cell::RefCell::new([const { KeptOrder::NONE }; KnownOrders::SLOTS]) };
}

#[cfg(feature = "signature")]
impl KnownOrders {
    const SLOTS: usize = 32;
    const LONGEST: usize = 128;

    /// What `read` makes of the order kept for `fingerprint`, if it has `len` places.
    fn with_kept<R>(fingerprint: u64, len: usize, read: impl FnOnce(&KeptOrder) -> R) -> Option<R> {
        KNOWN_ORDERS
            .try_with(|orders| {
                let orders = orders.try_borrow().ok()?;
                let kept = &orders[fingerprint as usize % Self::SLOTS];
                (kept.fingerprint == fingerprint && kept.places.len() == len).then(|| read(kept))
            })
            .ok()
            .flatten()
    }

    /// A copy of the order kept for `fingerprint`, if it has `len` places.
    fn find(fingerprint: u64, len: usize) -> Option<Vec<u32>> {
        Self::with_kept(fingerprint, len, |kept| kept.places.clone())
    }

    /// Whether an order of `len` places in which no two names share their first fourteen
    /// bytes is kept for `fingerprint`, and `use_it`, given it in place, says it served.
    pub(crate) fn use_plain(
        fingerprint: u64,
        len: usize,
        use_it: impl FnOnce(&[u32]) -> bool,
    ) -> bool {
        Self::with_kept(fingerprint, len, |kept| kept.plain && use_it(&kept.places))
            .unwrap_or(false)
    }

    /// Keeps `order` for `fingerprint`, in place of the order in its slot.
    fn keep(fingerprint: u64, order: &[u32], plain: bool) {
        if order.len() > Self::LONGEST {
            return;
        }
        let _ = KNOWN_ORDERS.try_with(|orders| {
            if let Ok(mut orders) = orders.try_borrow_mut() {
                let kept = &mut orders[fingerprint as usize % Self::SLOTS];
                kept.fingerprint = fingerprint;
                kept.plain = plain;
                kept.places.clear();
                // Exactly: a slot never holds room for more than `LONGEST` places.
                kept.places.reserve_exact(order.len());
                kept.places.extend_from_slice(order);
            }
        });
    }
}

/// Copies `from` into `to`, of the same length: up to sixteen bytes as two overlapping loads
/// and stores of a fixed width, inline, where `copy_from_slice` calls `memcpy` for a length
/// known only when it runs (most names and values of a body are that short).
#[cfg(feature = "signature")]
#[inline(always)]
fn copy_short(to: &mut [u8], from: &[u8]) {
    #[inline(always)]
    fn ends<const N: usize>(to: &mut [u8], from: &[u8]) {
        if let (Some(to_first), Some(from_first)) =
            (to.first_chunk_mut::<N>(), from.first_chunk::<N>())
        {
            *to_first = *from_first;
        }
        if let (Some(to_last), Some(from_last)) = (to.last_chunk_mut::<N>(), from.last_chunk::<N>())
        {
            *to_last = *from_last;
        }
    }
    match from.len() {
        8..=16 => ends::<8>(to, from),
        4..=7 => ends::<4>(to, from),
        0..=3 => {
            for (to, &byte) in to.iter_mut().zip(from) {
                *to = byte;
            }
        }
        _ => to.copy_from_slice(from),
    }
}

/// The bytes [`Blocks`] gathers before passing them on: whole 64-byte blocks.
#[cfg(feature = "signature")]
const GATHERED: usize = 256;

/// Gathers the pieces of a signed string into whole 64-byte blocks (SHA-1's and SHA-256's)
/// before they reach the HMAC: one update for four blocks, not one for every name and value.
/// Four blocks at a time instead of one: some 1.5% less time of `verify_and_parse` on a
/// voice call body (both builds aligned alike, three alternating runs of each; the hash
/// keeps its state in registers from block to block of one update).
#[cfg(feature = "signature")]
pub(crate) struct Blocks<F: FnMut(&[u8])> {
    update: F,
    /// The blocks being gathered, `..len`, then room for writing sixteen bytes at once.
    block: [u8; GATHERED + 16],
    len: usize,
}

#[cfg(feature = "signature")]
impl<F: FnMut(&[u8])> Blocks<F> {
    pub(crate) fn new(update: F) -> Self {
        Blocks {
            update,
            block: [0; GATHERED + 16],
            len: 0,
        }
    }

    /// Appends `piece`.
    #[inline(always)]
    pub(crate) fn push(&mut self, piece: &[u8]) {
        let room = &mut self.block[self.len..GATHERED];
        if piece.len() < room.len() {
            copy_short(&mut room[..piece.len()], piece);
            self.len += piece.len();
            return;
        }
        self.overflow(piece);
    }

    /// Appends `piece[..len]`, where `piece` may go on past `len` (the body or decoded text
    /// after a name or value): one copy of sixteen bytes for a piece of up to sixteen that
    /// leaves the block unfilled, with no test of its length beyond that.
    #[inline(always)]
    pub(crate) fn push_within(&mut self, piece: &[u8], len: usize) {
        if let (Some(chunk), Some(room)) = (
            piece.first_chunk::<16>(),
            self.block.get_mut(self.len..self.len + 16),
        ) {
            if len <= 16 && self.len + len < GATHERED {
                room.copy_from_slice(chunk);
                self.len += len;
                return;
            }
        }
        self.push(&piece[..len]);
    }

    /// [`push`](Self::push) of a piece that fills the block.
    #[inline(never)]
    fn overflow(&mut self, piece: &[u8]) {
        let (head, rest) = piece.split_at(GATHERED - self.len);
        self.block[self.len..GATHERED].copy_from_slice(head);
        (self.update)(&self.block[..GATHERED]);
        let whole = rest.len() - rest.len() % GATHERED;
        if whole > 0 {
            (self.update)(&rest[..whole]);
        }
        let tail = &rest[whole..];
        self.block[..tail.len()].copy_from_slice(tail);
        self.len = tail.len();
    }

    /// Passes on what is left.
    pub(crate) fn finish(mut self) {
        (self.update)(&self.block[..self.len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` padded with zeros to `N` bytes, one byte at a time.
    fn padded_one_by_one<const N: usize>(text: &[u8]) -> [u8; N] {
        let mut bytes = [0; N];
        for (to, &byte) in bytes.iter_mut().zip(text) {
            *to = byte;
        }
        bytes
    }

    #[test]
    fn an_escape_is_two_hex_digits_of_either_case() {
        for high in 0..=255u8 {
            for low in 0..=255u8 {
                let bytes = [b'%', high, low];
                let expected = (high.is_ascii_hexdigit() && low.is_ascii_hexdigit()).then(|| {
                    u8::from_str_radix(std::str::from_utf8(&bytes[1..]).unwrap(), 16).unwrap()
                });
                assert_eq!(escaped_byte(&bytes, 0), expected, "{high} {low}");
            }
            assert_eq!(escaped_byte(&[b'%', high], 0), None);
        }
        assert_eq!(escaped_byte(b"%", 0), None);
    }

    #[test]
    fn padded_bytes_are_the_text_padded_with_zeros_at_every_length() {
        let source: Vec<u8> = (1..=40).collect();
        for len in 0..=22 {
            assert_eq!(
                padded::<22>(&source[..len]),
                padded_one_by_one::<22>(&source[..len]),
                "{len}"
            );
        }
        for len in 0..=36 {
            assert_eq!(
                padded::<36>(&source[..len]),
                padded_one_by_one::<36>(&source[..len]),
                "{len}"
            );
        }
        assert_eq!(crate::Text::from("São Paulo").as_str(), "São Paulo");
    }

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

    #[cfg(feature = "signature")]
    #[test]
    fn blocks_pass_on_every_byte_in_order_in_whole_blocks_until_the_last() {
        let source: Vec<u8> = (0..=250u8).cycle().take(5000).collect();
        // Pieces of every length from 0 to 150, then the rest; every other piece followed by
        // other bytes, which must not be passed on.
        for first in [0, 1, 63, 64, 65, 128, 200, 255, 256, 257, 600] {
            let mut updates: Vec<Vec<u8>> = Vec::new();
            let mut blocks = Blocks::new(|bytes: &[u8]| updates.push(bytes.to_vec()));
            blocks.push(&source[..first]);
            let mut at = first;
            let mut len = 0;
            while at < source.len() {
                let end = (at + len).min(source.len());
                if len % 2 == 0 {
                    blocks.push(&source[at..end]);
                } else {
                    // Followed by other bytes, by fewer than sixteen, or by none.
                    let mut piece = source[at..end].to_vec();
                    piece.extend_from_slice(&[0xee; 20][..[20, 3, 0][len % 3]]);
                    blocks.push_within(&piece, end - at);
                }
                at = end;
                len = (len + 7) % 151;
            }
            blocks.finish();
            let (last, whole) = updates.split_last().unwrap();
            assert!(whole.iter().all(|update| update.len() % 64 == 0), "{first}");
            assert!(last.len() < GATHERED, "{first}");
            assert_eq!(updates.concat(), source, "{first}");
        }
    }

    #[cfg(feature = "signature")]
    #[test]
    fn a_kept_order_is_used_only_when_it_sorts_the_names() {
        // The two bodies' names share their first eight bytes place by place, so they have the
        // same fingerprint, but sort in opposite orders; then the first again, and a body of
        // more names than an order kept.
        let max_min = ["CallbackSource", "CallbackAt", "A"];
        let min_max = ["CallbackAt", "CallbackSource", "A"];
        let long: Vec<String> = (0..KnownOrders::LONGEST + 3)
            .map(|at| format!("P{}", (at * 37) % 1000))
            .collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        for names in [&max_min[..], &min_max, &max_min, &min_max, &long, &long] {
            for _ in 0..2 {
                let head = |at: usize| name_head(names[at].as_bytes());
                let order = by_name(
                    names.len(),
                    |at| names[at].as_bytes(),
                    head,
                    fingerprint((0..names.len()).map(head)),
                    |_| {},
                );
                let mut expected: Vec<u32> = (0..names.len() as u32).collect();
                expected.sort_by_key(|&at| names[at as usize]);
                assert_eq!(order, expected, "{names:?}");
                // Kept for the next body of the same fingerprint, unless too long; no two of
                // these names share fourteen bytes, so it can be used while hashing.
                let fingerprint = fingerprint((0..names.len()).map(head));
                let kept = KnownOrders::find(fingerprint, names.len());
                let mut in_place = Vec::new();
                let plain = KnownOrders::use_plain(fingerprint, names.len(), |kept| {
                    in_place = kept.to_vec();
                    true
                });
                if names.len() > KnownOrders::LONGEST {
                    assert_eq!((kept, plain), (None, false));
                } else {
                    assert_eq!(kept.as_ref(), Some(&expected));
                    assert!(plain);
                    assert_eq!(in_place, expected);
                }
            }
        }
        let sorted = |names: [&'static str; 3]| {
            let head = |at: usize| name_head(names[at].as_bytes());
            by_name(
                3,
                |at| names[at].as_bytes(),
                head,
                fingerprint((0..3).map(head)),
                |_| {},
            )
        };
        assert_eq!(sorted(max_min), [2, 1, 0]);
        assert_eq!(sorted(min_max), [2, 0, 1]);
        assert_eq!(
            by_name(0, |_| &b""[..], |_| 0, 0, |_| {}),
            Vec::<u32>::new()
        );
    }

    #[cfg(feature = "signature")]
    #[test]
    fn runs_of_names_sharing_fourteen_bytes_are_left_to_ties_in_the_order_received() {
        let names = ["To", "AudioInJitterMax", "AudioInJitterMin", "To", "A"];
        for _ in 0..2 {
            let mut runs = Vec::new();
            let order = by_name(
                names.len(),
                |at| names[at].as_bytes(),
                |at| name_head(names[at].as_bytes()),
                7,
                |run| runs.push(run.to_vec()),
            );
            assert_eq!(runs, [vec![1, 2], vec![0, 3]]);
            assert_eq!(order, [4, 1, 2, 0, 3]);
            // Kept, but not to be used while hashing: its runs need `ties`.
            assert_eq!(KnownOrders::find(7, names.len()), Some(order.clone()));
            assert!(!KnownOrders::use_plain(7, names.len(), |_| true));
        }
        // A kept order that puts a later place of a run first is not used: `Azb` sorts after
        // `Aab`, so `[1, 0]` is kept; then, under the same fingerprint, two equal names,
        // whose run must reach `ties` in the order received.
        let sorted = |names: [&'static str; 2]| {
            let mut runs = Vec::new();
            let order = by_name(
                2,
                |at| names[at].as_bytes(),
                |at| name_head(names[at].as_bytes()),
                9,
                |run| runs.push(run.to_vec()),
            );
            (order, runs)
        };
        assert_eq!(sorted(["Azb", "Aab"]), (vec![1, 0], Vec::<Vec<u32>>::new()));
        assert_eq!(sorted(["Aab", "Aab"]), (vec![0, 1], vec![vec![0, 1]]));
    }

    #[test]
    fn next_of_finds_the_first_of_its_bytes_from_any_place() {
        let text = b"https://u:p@a.example:8443/x?y=1&z=%41+b#frag and some more bytes";
        for from in 0..=text.len() + 1 {
            for any in [[b'?', b'?'], [b'/', b'#'], [b'%', b'+'], [b'!', b'!']] {
                let expected = text
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|b| any.contains(b)))
                    .map(|at| from + at);
                assert_eq!(next_of(text, from, any), expected, "{from} {any:?}");
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

    /// `%XX` and `+` decoded one byte at a time.
    fn decoded_byte_by_byte(raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(&byte) = raw.get(at) {
            match (byte, escaped_byte(raw, at)) {
                (b'+', _) => out.push(b' '),
                (b'%', Some(escaped)) => {
                    out.push(escaped);
                    at += 2;
                }
                _ => out.push(byte),
            }
            at += 1;
        }
        out
    }

    #[test]
    fn decode_into_decodes_as_byte_by_byte_whatever_the_room() {
        let parts = [
            "a",
            "%2B",
            "+",
            "%",
            "%4",
            "%zz",
            "%C3%A3",
            "bcdefghij",
            "%%41",
        ];
        let mut raws = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = raws
                .iter()
                .flat_map(|raw| parts.iter().map(move |part| format!("{raw}{part}")))
                .collect();
            raws.extend(longer);
        }
        for raw in &raws {
            let expected = decoded_byte_by_byte(raw.as_bytes());
            // As much room as the raw bytes, and exactly the decoded length.
            for room in [raw.len(), expected.len()] {
                let mut out = vec![0; room];
                let len = decode_into(raw.as_bytes(), &mut out);
                assert_eq!(out[..len], expected[..], "{raw}");
            }
            // Within a body, escapes after it or not, and at its end; after other output.
            for body in [
                format!("a={raw}&b=%2B%2B%2B%2B%2B%2B%2B%2B%2B"),
                format!("a={raw}+++++++++++++++++"),
                format!("a={raw}"),
            ] {
                let mut out = vec![0; raw.len() + 16];
                let len = decode_in_body(body.as_bytes(), 2..2 + raw.len(), &mut out);
                assert_eq!(out[..len], expected[..], "{body}");
            }
        }
    }

    #[test]
    fn decoded_len_is_the_length_decode_makes() {
        for raw in [
            "",
            "plain",
            "%2B1555",
            "S%C3%A3o+Paulo",
            "100%",
            "%zz%4",
            "%",
            "%%41",
            "a%2",
            "%41%42%43%44%45%46%47%48%49",
        ] {
            let decoded = crate::params::decode_bytes(raw.as_bytes());
            assert_eq!(decoded_len(raw.as_bytes()), decoded.len(), "{raw}");
        }
    }

    #[test]
    fn block_and_chunk_masks_mark_exactly_the_delimiters_and_escapes_either_way() {
        // Every byte value at every place, among bytes of every kind.
        let fill = b"ab&=%+\x00\xffc&";
        for byte in 0..=255u8 {
            for place in 0..64 {
                let mut block: [u8; 64] =
                    std::array::from_fn(|at| fill[(at + byte as usize) % fill.len()]);
                block[place] = byte;
                let bit = |at: usize, of: &[u8]| u64::from(of.contains(&block[at])) << at;
                let expected = (0..64).fold((0, 0), |(delimiters, escapes), at| {
                    (delimiters | bit(at, b"&="), escapes | bit(at, b"%+"))
                });
                assert_eq!(block_masks(&block), expected, "{byte} at {place}");
                assert_eq!(by_words::block_masks(&block), expected, "{byte} at {place}");
                let chunk: &[u8; 16] = block[place / 16 * 16..][..16].try_into().unwrap();
                let escapes = (expected.1 >> (place / 16 * 16)) as u32 & 0xffff | 0x1_0000;
                assert_eq!(chunk_escapes(chunk), escapes, "{byte} at {place}");
                assert_eq!(by_words::chunk_escapes(chunk), escapes, "{byte} at {place}");
            }
        }
    }

    #[test]
    fn every_delimiter_is_visited_with_the_escapes_before_it() {
        // One block and a tail, several blocks, escapes and delimiters on either side of a
        // block's end, a block without delimiters, a body of whole blocks.
        let pairs = "AccountSid=AC1&From=%2B1555&City=S+P&To=a=b&Tail=x%20";
        let bodies = [
            pairs.to_string(),
            [pairs; 5].join("&"),
            format!("{}+&{}%41", "a".repeat(63), "b".repeat(62)),
            format!("{}=x&{}+", "a".repeat(64), "b".repeat(130)),
            format!("{}&{}", "a".repeat(100), "b".repeat(27)),
        ];
        for body in &bodies {
            let (seen, tail) = delimiters(body);
            let expected: Vec<(usize, char, bool)> = body
                .char_indices()
                .filter(|(_, c)| *c == '&' || *c == '=')
                .map(|(at, c)| {
                    let previous = body[..at].rfind(['&', '=']).map_or(0, |p| p + 1);
                    (at, c, body[previous..at].contains(['%', '+']))
                })
                .collect();
            assert_eq!(seen, expected, "{body}");
            let last = body.rfind(['&', '=']).map_or(0, |p| p + 1);
            assert_eq!(tail, body[last..].contains(['%', '+']), "{body}");
        }
        assert_eq!(delimiters(""), (vec![], false));
        assert_eq!(delimiters("abcdefghijk+"), (vec![], true));
        assert_eq!(delimiters("abcdefgh"), (vec![], false));
        assert_eq!(delimiters("abcdefg+"), (vec![], true));
        assert_eq!(delimiters("abcdefg&"), (vec![(7, '&', false)], false));
    }
}
