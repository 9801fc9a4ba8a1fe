//! Parameters: from a body to raw pairs, from raw pairs to typed fields, and back.
//!
//! - [`scan`]: the one scan of a body into raw pairs ([`RawParams`]), and the lookups typed
//!   decoding makes on them;
//! - [`fields`]: how each typed value is read and written ([`Format`], [`WireValue`]) and
//!   `form_struct!`, which declares a struct whose fields are wire parameters;
//! - [`write`]: writing a body back ([`FormWriter`]);
//! - [`extra`]: [`Extra`], the parameters no typed field holds.

pub(crate) mod extra;
pub(crate) mod fields;
pub(crate) mod scan;
pub(crate) mod write;

pub use extra::Extra;
pub(crate) use fields::{form_field, form_struct, Fields, Format, Formatted, Wire, WireValue};
#[cfg(any(test, feature = "signature"))]
pub(crate) use scan::decode_bytes;
#[cfg(feature = "signature")]
pub(crate) use scan::tag;
pub use scan::MAX_PARAMETERS;
pub(crate) use scan::{Pair, RawParams, SeenDiscriminator, ABSENT};
pub(crate) use write::FormWriter;
