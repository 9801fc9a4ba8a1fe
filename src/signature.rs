//! Proving that a callback came from Twilio or SignalWire: request signature validation.
//!
//! Twilio signs every request with the header `X-Twilio-Signature`; SignalWire sends the same
//! signature as `X-SignalWire-Signature` (and often `X-Twilio-Signature` too). The signature is
//! the Base64 HMAC of one string:
//!
//! 1. the full URL Twilio requested: scheme, host, port if any, path, and the query string
//!    exactly as sent;
//! 2. for a form POST, each body parameter's name followed by its value, names sorted, and a
//!    name's values sorted (duplicates dropped) when it is repeated. A GET callback has its
//!    parameters in the URL already, so nothing is appended.
//!
//! The key is the account's Auth Token (Twilio), the project's Signing Key (SignalWire), or a
//! shared key: when the request carries `X-Twilio-Webhooks-Signature-Settings:
//! key=<id>,algorithm=HMAC_SHA256`, the HMAC is SHA-256 keyed with that shared key's secret.
//!
//! [`Validator`] checks all of this over the *raw* pairs of the body, so parameters the event
//! model does not know still count, in constant time, trying the URL with and without its
//! default port as the official helpers do. [`Validator::verify_and_parse`] checks and then
//! parses.
//!
//! ```
//! use status_callbacks::signature::{sign_body, Validator};
//! use status_callbacks::Event;
//!
//! let url = "https://hooks.example.com/callbacks?tenant=7";
//! let body = b"StatusCallbackEvent=room-created&AccountSid=AC00000000000000000000000000000000\
//!     &RoomSid=RM00000000000000000000000000000000&RoomName=standup&RoomStatus=in-progress\
//!     &RoomType=group&SequenceNumber=0&Timestamp=2020-08-19T17%3A30%3A00Z";
//! // What Twilio would send in X-Twilio-Signature.
//! let signature = sign_body("the auth token", url, body)?;
//!
//! let validator = Validator::twilio("the auth token")?;
//! let event: Event = validator.verify_and_parse_as(url, body, &signature, None)?;
//! assert_eq!(event.kind_str(), "room-created");
//! assert!(validator.validate(url, b"StatusCallbackEvent=room-created", &signature).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Which URL to check against
//!
//! Twilio signs the URL *it* called. Behind a proxy, load balancer or tunnel, your server sees
//! another scheme, host or port, so rebuilding the URL from the request alone fails (or, if it
//! trusts `X-Forwarded-Host` from anyone, lets a request signed for one of your URLs be
//! replayed against another). Configure the public base URL instead and append the raw path
//! and query of the request, as received, never decoded or re-encoded: [`PublicUrl`] does
//! that. Reading `X-Forwarded-Proto` and `X-Forwarded-Host` is possible with
//! [`PublicUrl::from_forwarded`], but only do it when a proxy you control sets them.
//!
//! # Secrets
//!
//! The Auth Token, signing key and shared keys never appear in `Debug`, `Display` or an error,
//! are wiped from memory when the [`Validator`] is dropped, and cannot be empty. A password in
//! a [`PublicUrl`] is shown as `***`.
//!
//! # What a signature does not prove
//!
//! The signed string is the URL followed by names and values with nothing between them, sorted
//! by name, a repeated name's values sorted and deduplicated. So it does not fix the boundary
//! between a name and its value (`A=BC` signs like `AB=C`), nor between the URL and the body,
//! nor the order and number of a repeated parameter's copies (this crate refuses a typed
//! parameter repeated with different values: [`ParseError::RepeatedParameter`]), nor any
//! header (`I-Twilio-Idempotency-Token` included), nor the time: a captured request can be
//! replayed, so dedupe on signed fields. A URL carrying `bodySHA256` always has its body
//! checked. The README's "Security" section has the whole list, and where the official
//! helpers disagree.

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{excerpt, ParseError};
use crate::params::{decode_bytes, tag, RawParams};
use crate::{Event, Received, StatusCallback};

/// The header Twilio (and SignalWire) put the signature in.
pub const TWILIO_SIGNATURE_HEADER: &str = "X-Twilio-Signature";
/// The header SignalWire puts the signature in.
pub const SIGNALWIRE_SIGNATURE_HEADER: &str = "X-SignalWire-Signature";
/// The header that names the shared key and algorithm of a request signed with a shared key.
pub const SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";

/// The query parameter Twilio adds to the URL of a JSON request: the body's SHA-256, in hex.
const BODY_SHA256: &str = "bodySHA256";

/// Why a request's signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request carries no signature (or an empty one).
    #[error("the request carries no signature")]
    Missing,
    /// The signature does not match the URL and body: the secret, the URL or a parameter
    /// differs from what was signed.
    #[error("the signature does not match the request")]
    Mismatch,
    /// The URL's `bodySHA256` is not the SHA-256 of the body.
    #[error("the body does not match the bodySHA256 of the URL")]
    BodyHashMismatch,
    /// The settings header names an algorithm this crate does not know.
    #[error("the signature settings name the algorithm `{algorithm}`, which is not supported")]
    UnsupportedAlgorithm {
        /// The algorithm named, cut short.
        algorithm: String,
    },
    /// The settings header names a shared key the validator does not hold. The request is
    /// refused rather than checked with another secret.
    #[error("the signature settings name the shared key `{key_id}`, which is not configured")]
    UnknownKey {
        /// The shared key's identifier (not its secret), cut short.
        key_id: String,
    },
    /// The validator has no secret for this request: it holds only shared keys and the
    /// request names none.
    #[error("no Auth Token is configured to check a request that names no shared key")]
    NoSecret,
    /// The body is not a form whose pairs can be signed (a name or value is not UTF-8 once
    /// percent-decoded, or it holds more than [`MAX_PARAMETERS`](crate::MAX_PARAMETERS)
    /// parameters), and the URL carries no `bodySHA256`: the request cannot be authenticated.
    #[error("the body cannot be checked")]
    MalformedBody(#[source] ParseError),
}

/// Why a [`Validator`] refused a secret when it was built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidSecret {
    /// The secret (or a shared key's identifier) is empty or only white space: every
    /// signature made with it would be forgeable.
    #[error("the {what} is empty")]
    Empty {
        /// Which one: `Auth Token`, `Signing Key`, `shared key secret` or `shared key
        /// identifier`.
        what: &'static str,
    },
}

/// A failure of [`Validator::verify_and_parse`]: the signature, or the body.
///
/// Both variants are transparent: the message and the [`source`](std::error::Error::source)
/// are those of the error inside, so a reporter that prints every error of the chain prints
/// each message once. Match on the variant to tell a signature failure from a parse failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request is not proven to come from the vendor; nothing was parsed.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The signature is valid, but the body is not a status callback this crate can read.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// An HMAC algorithm a signature can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA1: the Auth Token signature, and the default.
    #[default]
    HmacSha1,
    /// HMAC-SHA256: shared keys that ask for it.
    HmacSha256,
}

impl Algorithm {
    /// The name used in the settings header: `HMAC_SHA1` or `HMAC_SHA256`.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::HmacSha1 => "HMAC_SHA1",
            Algorithm::HmacSha256 => "HMAC_SHA256",
        }
    }

    /// Reads a settings header name, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        [Algorithm::HmacSha1, Algorithm::HmacSha256]
            .into_iter()
            .find(|algorithm| algorithm.as_str().eq_ignore_ascii_case(name))
    }

    fn base64(self, key: &[u8], message: &str) -> String {
        let mut mac = Hasher::new(self, key);
        mac.update(message.as_bytes());
        BASE64.encode(mac.finish())
    }
}

/// An HMAC being computed, fed piece by piece so that no signed string is built.
#[derive(Clone)]
enum Hasher {
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
}

impl Hasher {
    fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        // HMAC takes keys of any length, so neither can fail.
        match algorithm {
            Algorithm::HmacSha1 => Hasher::Sha1(
                <Hmac<Sha1> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| unreachable!("HMAC accepts any key length")),
            ),
            Algorithm::HmacSha256 => Hasher::Sha256(
                <Hmac<Sha256> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| unreachable!("HMAC accepts any key length")),
            ),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Sha1(mac) => mac.update(bytes),
            Hasher::Sha256(mac) => mac.update(bytes),
        }
    }

    fn finish(self) -> Vec<u8> {
        self.finish_digest().as_slice().to_vec()
    }

    /// The digest, on the stack.
    fn finish_digest(self) -> DigestBytes {
        let mut digest = DigestBytes {
            bytes: [0; 32],
            len: 0,
        };
        let mut keep = |bytes: &[u8]| {
            digest.bytes[..bytes.len()].copy_from_slice(bytes);
            digest.len = bytes.len();
        };
        match self {
            Hasher::Sha1(mac) => keep(&mac.finalize().into_bytes()),
            Hasher::Sha256(mac) => keep(&mac.finalize().into_bytes()),
        }
        digest
    }
}

/// A digest of SHA-1 (20 bytes) or SHA-256 (32 bytes), without an allocation.
struct DigestBytes {
    bytes: [u8; 32],
    len: usize,
}

impl DigestBytes {
    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Whether `signature` is this digest in base64, in constant time: encoded on the stack
    /// and compared eight bytes at a time. Against the digest in a `Vec`, encoded into a
    /// `String` and compared byte by byte (each byte through `subtle`'s optimisation
    /// barrier): `verify_and_parse` on a voice call body 51 418 to 50 470 instructions, and
    /// its time over `parse` plus one HMAC 1.53 to 1.47 (three alternating runs); the two
    /// small blocks freed overflowed the allocator's per-thread cache, so that the next
    /// large request (the voice call event, 1 320 bytes) first consolidated them (`perf`:
    /// 2.4% of the time).
    fn base64_matches(&self, signature: &[u8]) -> subtle::Choice {
        let mut encoded = [0; 64];
        let len = BASE64
            .encode_slice(self.as_slice(), &mut encoded)
            .unwrap_or_else(|_| unreachable!("a digest's base64 fits in 64 bytes"));
        texts_match(&encoded[..len], signature)
    }
}

/// Whether two texts of at most 64 bytes are equal (a longer one matches nothing), in
/// constant time for texts of the same length (a signature's or a digest's length is no
/// secret: its algorithm sets it): eight bytes at a time. Every signature and body hash is
/// compared so.
fn texts_match(expected: &[u8], received: &[u8]) -> subtle::Choice {
    if expected.len() != received.len() || received.len() > 64 {
        return subtle::Choice::from(0);
    }
    // The differences of every eight bytes gathered without a branch, then tested once.
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or_default());
    let (expected_words, received_words) = (expected.chunks_exact(8), received.chunks_exact(8));
    let tail = expected_words
        .remainder()
        .iter()
        .zip(received_words.remainder())
        .fold(0, |differ, (one, other)| differ | u64::from(one ^ other));
    // Each word's difference through a barrier, so that no early exit can be made of the
    // loop once a difference is found.
    let differ = expected_words
        .zip(received_words)
        .fold(tail, |differ, (one, other)| {
            std::hint::black_box(differ | (word(one) ^ word(other)))
        });
    differ.ct_eq(&0)
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the values of a repeated body parameter are ordered in the signed string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RepeatedValues {
    /// Sorted, duplicates dropped: Twilio's helpers.
    #[default]
    Sorted,
    /// As received: SignalWire's helpers.
    SubmissionOrder,
}

/// A secret: kept out of every `Debug`, `Display` and error, and wiped from memory when
/// dropped.
#[derive(Clone)]
struct Secret {
    bytes: Zeroizing<Box<[u8]>>,
    /// HMAC-SHA1 keyed with the secret and fed nothing yet, the algorithm of nearly every
    /// request: cloned for each one instead of hashing the key again (see [`KeyedSha1`]).
    sha1: KeyedSha1,
}

impl Secret {
    /// Refuses an empty secret (or one of white space only), naming it as `what`.
    fn new(value: &str, what: &'static str) -> Result<Self, InvalidSecret> {
        if value.trim().is_empty() {
            return Err(InvalidSecret::Empty { what });
        }
        Ok(Secret {
            bytes: Zeroizing::new(value.as_bytes().into()),
            sha1: KeyedSha1::new(value.as_bytes()),
        })
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// An HMAC of `algorithm` keyed with the secret, fed nothing yet.
    fn keyed(&self, algorithm: Algorithm) -> Hasher {
        match algorithm {
            Algorithm::HmacSha1 => Hasher::Sha1((*self.sha1.0).clone()),
            Algorithm::HmacSha256 => Hasher::new(algorithm, self.bytes()),
        }
    }
}

/// An HMAC-SHA1 keyed once, when its [`Secret`] is made: its state after the key is as good
/// as the key for signing, so it is overwritten with the state of an empty key when dropped.
///
/// Keying an HMAC hashes two blocks (the key with each pad): about 65 ns of each
/// `verify_and_parse`, against 3 ns for cloning the keyed state (median of fifteen runs of
/// 20 000 in one process), some 3% of it on a voice call body.
struct KeyedSha1(Box<Hmac<Sha1>>);

impl KeyedSha1 {
    fn new(key: &[u8]) -> Self {
        KeyedSha1(Box::new(Self::keyed(key)))
    }

    fn keyed(key: &[u8]) -> Hmac<Sha1> {
        <Hmac<Sha1> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
    }
}

impl Clone for KeyedSha1 {
    fn clone(&self) -> Self {
        KeyedSha1(self.0.clone())
    }
}

impl Drop for KeyedSha1 {
    fn drop(&mut self) {
        *self.0 = Self::keyed(&[]);
        // The write must happen although the box is freed next.
        std::hint::black_box(&*self.0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Checks request signatures with an Auth Token, a SignalWire Signing Key, and any number of
/// Twilio shared keys.
///
/// ```
/// use status_callbacks::signature::{SignatureError, Validator};
///
/// // During a rotation both shared keys are valid; requests without a settings header are
/// // still checked with the Auth Token.
/// let validator = Validator::twilio("auth token")?
///     .with_shared_key("webhooks_sharedkey_old", "old secret")?
///     .with_shared_key("webhooks_sharedkey_new", "new secret")?;
/// let err = validator
///     .validate_with_settings(
///         "https://hooks.example.com/cb",
///         b"CallSid=CA1",
///         "c2lnbmF0dXJl",
///         Some("key=webhooks_sharedkey_gone,algorithm=HMAC_SHA256"),
///     )
///     .unwrap_err();
/// assert_eq!(err, SignatureError::UnknownKey { key_id: "webhooks_sharedkey_gone".into() });
/// assert!(!format!("{validator:?}").contains("secret"));
///
/// // An empty secret would make every signature forgeable.
/// assert!(Validator::twilio("").is_err());
/// # Ok::<(), status_callbacks::signature::InvalidSecret>(())
/// ```
#[derive(Clone)]
pub struct Validator {
    auth_token: Option<Secret>,
    shared_keys: Vec<(String, Secret)>,
    repeated_values: RepeatedValues,
    signalwire: bool,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("auth_token", &self.auth_token)
            .field(
                "shared_keys",
                &self
                    .shared_keys
                    .iter()
                    .map(|(id, _)| id)
                    .collect::<Vec<_>>(),
            )
            .field("repeated_values", &self.repeated_values)
            .field("signalwire", &self.signalwire)
            .finish()
    }
}

impl Validator {
    /// A validator for Twilio requests signed with the account's Auth Token.
    ///
    /// An empty Auth Token is refused: every signature made with it could be forged.
    pub fn twilio(auth_token: &str) -> Result<Self, InvalidSecret> {
        Ok(Validator {
            auth_token: Some(Secret::new(auth_token, "Auth Token")?),
            shared_keys: Vec::new(),
            repeated_values: RepeatedValues::Sorted,
            signalwire: false,
        })
    }

    /// A validator for SignalWire requests signed with the project's Signing Key.
    ///
    /// It accepts the Twilio-compatible signature of form callbacks, with repeated values in
    /// the order received, and SignalWire's hex signature of JSON requests
    /// (`hex(HMAC-SHA1(key, url + body))`). It reads `X-SignalWire-Signature` before
    /// `X-Twilio-Signature`. An empty Signing Key is refused.
    pub fn signalwire(signing_key: &str) -> Result<Self, InvalidSecret> {
        Ok(Validator {
            auth_token: Some(Secret::new(signing_key, "Signing Key")?),
            shared_keys: Vec::new(),
            repeated_values: RepeatedValues::SubmissionOrder,
            signalwire: true,
        })
    }

    /// A validator that holds only shared keys (add them with
    /// [`with_shared_key`](Self::with_shared_key)): a request that names no shared key is
    /// refused with [`SignatureError::NoSecret`].
    pub fn shared_keys_only() -> Self {
        Validator {
            auth_token: None,
            shared_keys: Vec::new(),
            repeated_values: RepeatedValues::Sorted,
            signalwire: false,
        }
    }

    /// Adds a Twilio shared key: its identifier, as the settings header names it
    /// (`webhooks_sharedkey_...`), and its secret. Several keys can be held at once, so keys
    /// rotate without downtime. An empty identifier or secret is refused.
    pub fn with_shared_key(mut self, key_id: &str, secret: &str) -> Result<Self, InvalidSecret> {
        if key_id.trim().is_empty() {
            return Err(InvalidSecret::Empty {
                what: "shared key identifier",
            });
        }
        let secret = Secret::new(secret, "shared key secret")?;
        self.shared_keys.push((key_id.to_owned(), secret));
        Ok(self)
    }

    /// Sets how the values of a repeated parameter are ordered in the signed string.
    pub fn with_repeated_values(mut self, order: RepeatedValues) -> Self {
        self.repeated_values = order;
        self
    }

    /// Whether the validator holds any secret at all.
    pub(crate) fn has_secret(&self) -> bool {
        self.auth_token.is_some() || !self.shared_keys.is_empty()
    }

    /// Checks the `signature` of a request to `url` with `body` (empty for a GET callback).
    ///
    /// `url` is the full URL as Twilio requested it (see [`PublicUrl`]); `body` is the raw body.
    pub fn validate(&self, url: &str, body: &[u8], signature: &str) -> Result<(), SignatureError> {
        self.validate_with_settings(url, body, signature, None)
    }

    /// Like [`validate`](Self::validate), with the value of the
    /// `X-Twilio-Webhooks-Signature-Settings` header, if the request had one.
    ///
    /// Without the header, or without an `algorithm=` in it, the signature is HMAC-SHA1 with
    /// the Auth Token. With it, the algorithm is the one named (`HMAC_SHA1` or `HMAC_SHA256`,
    /// in any case) and the secret is the shared key named by `key=` (the Auth Token when no
    /// key is named). An unknown algorithm or key is an error of its own: no other secret is
    /// tried.
    ///
    /// When the URL's query carries `bodySHA256` (however it is encoded, and even when the
    /// rest of the query cannot be read), the URL alone is signed and the body must hash to
    /// it: a request whose body hash cannot be checked is never valid.
    pub fn validate_with_settings(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
        settings: Option<&str>,
    ) -> Result<(), SignatureError> {
        self.check(url, body, &Signed::of(url, body), signature, settings)
    }

    /// Like [`validate_with_settings`](Self::validate_with_settings), reading the headers
    /// through `header`, a lookup by name (give it your framework's case-insensitive header
    /// map): the signature as [`signature_header`](Self::signature_header) finds it, and the
    /// settings from `X-Twilio-Webhooks-Signature-Settings`.
    pub fn validate_headers<'h>(
        &self,
        url: &str,
        body: &[u8],
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<(), SignatureError> {
        let signature = self
            .signature_header(&header)
            .ok_or(SignatureError::Missing)?;
        self.validate_with_settings(url, body, signature, header(SETTINGS_HEADER))
    }

    /// The signature a request carries, through `header`, a lookup by name: the first
    /// non-empty one of `X-Twilio-Signature` and `X-SignalWire-Signature`, in that order for a
    /// Twilio validator and the other way round for a SignalWire one. `None` when there is
    /// none: such a request can be refused before its body is read.
    pub fn signature_header<'h>(
        &self,
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Option<&'h str> {
        let names = if self.signalwire {
            [SIGNALWIRE_SIGNATURE_HEADER, TWILIO_SIGNATURE_HEADER]
        } else {
            [TWILIO_SIGNATURE_HEADER, SIGNALWIRE_SIGNATURE_HEADER]
        };
        names
            .into_iter()
            .filter_map(header)
            .find(|value| !value.trim().is_empty())
    }

    /// Checks the signature, then parses the callback: typed as an [`Event`] when its values
    /// fit the model, otherwise its raw pairs with the error naming the parameter
    /// ([`Received::Untyped`]), so that an authentic callback is never lost. A body that is
    /// not a status callback at all is [`WebhookError::Parse`]; for a strict parse, use
    /// [`verify_and_parse_as::<Event>`](Self::verify_and_parse_as).
    ///
    /// For a GET callback pass an empty `body`: the parameters are read from the URL's query.
    /// The body is scanned once, for both: the memory used is the event, plus the decoded
    /// copies of names and values that hold `%` or `+`, plus some 60 bytes per parameter.
    pub fn verify_and_parse(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
    ) -> Result<Received<Event>, WebhookError> {
        self.verify_and_parse_as(url, body, signature, None)
    }

    /// Checks the signature (with the settings header, if any), then parses the callback into
    /// `T`: [`Event`] or one family's type (strict: a value that does not fit is
    /// [`WebhookError::Parse`]), or [`Received`] of either (an authentic status callback whose
    /// values do not fit is kept raw).
    pub fn verify_and_parse_as<T: StatusCallback>(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
        settings: Option<&str>,
    ) -> Result<T, WebhookError> {
        let signed = Signed::of(url, body);
        self.check(url, body, &signed, signature, settings)?;
        match signed {
            Signed::Form(params) if !body.is_empty() => T::from_params(params).map_err(Into::into),
            _ => Ok(parse_callback(url, body)?),
        }
    }

    /// The one check behind every entry point.
    fn check(
        &self,
        url: &str,
        body: &[u8],
        signed: &Signed<'_>,
        signature: &str,
        settings: Option<&str>,
    ) -> Result<(), SignatureError> {
        let signature = signature.trim();
        if signature.is_empty() {
            return Err(SignatureError::Missing);
        }
        let (algorithm, secret) = self.select(settings)?;
        // A SignalWire JSON body need not read as a form: its hex signature covers the raw
        // bytes. For anyone else an unreadable body cannot be authenticated.
        if let Signed::Unreadable(err) = signed {
            if !self.signalwire {
                return Err(SignatureError::MalformedBody(err.clone()));
            }
        }
        // A form body's signing order, once sorted (a kept order is checked as it is used).
        let mut order = None;
        let lowercase = self.signalwire.then(|| signature.to_ascii_lowercase());
        let mut matched = subtle::Choice::from(0);
        // The second form of the URL (with or without the default port) is tried only when the
        // first does not match. Which form matched is no secret: the caller knows the URL.
        let mut candidates = candidate_urls(url);
        while !bool::from(matched) {
            let Some(candidate) = candidates.next() else {
                break;
            };
            let digest = match signed {
                Signed::Form(params) => Some(self.form_digest(
                    || secret.keyed(algorithm),
                    &candidate,
                    params,
                    &mut order,
                )),
                Signed::UrlAndBodyHash { .. } => {
                    let mut mac = secret.keyed(algorithm);
                    mac.update(candidate.as_bytes());
                    Some(mac.finish_digest())
                }
                Signed::Unreadable(_) => None,
            };
            if let Some(digest) = digest {
                matched |= digest.base64_matches(signature.as_bytes());
            }
            if let Some(lowercase) = &lowercase {
                let mut mac = secret.keyed(Algorithm::HmacSha1);
                mac.update(candidate.as_bytes());
                mac.update(body);
                matched |= texts_match(
                    hex(mac.finish_digest().as_slice()).as_bytes(),
                    lowercase.as_bytes(),
                );
            }
        }
        if !bool::from(matched) {
            return Err(SignatureError::Mismatch);
        }
        if let Signed::UrlAndBodyHash { expected } = signed {
            let actual = hex(&Sha256::digest(body));
            if !bool::from(texts_match(actual.as_bytes(), expected)) {
                return Err(SignatureError::BodyHashMismatch);
            }
        }
        Ok(())
    }

    /// The HMAC (`keyed()` gives it, keyed) of `candidate` followed by the pairs of `params`
    /// in signing order.
    ///
    /// The order is the one kept for a body whose names came in the same order, when no two
    /// of its names share their first fourteen bytes (`fast::KnownOrders::use_plain`): it is
    /// checked while the pairs are hashed, and when it does not sort them the pairs are
    /// sorted and hashed again. A sorted order is left in `order` for the next candidate.
    fn form_digest(
        &self,
        keyed: impl Fn() -> Hasher,
        candidate: &str,
        params: &RawParams<'_>,
        order: &mut Option<Vec<u32>>,
    ) -> DigestBytes {
        let fingerprint = params.fingerprint();
        loop {
            let mut mac = keyed();
            let mut blocks = crate::fast::Blocks::new(|bytes: &[u8]| mac.update(bytes));
            blocks.push(candidate.as_bytes());
            let mut push = |at: usize| {
                for (piece, len) in params.pair_within(at) {
                    blocks.push_within(piece, len);
                }
            };
            let hashed = match order {
                Some(order) => {
                    order.iter().for_each(|&at| push(at as usize));
                    true
                }
                None => crate::fast::KnownOrders::use_plain(fingerprint, params.len(), |kept| {
                    // Without runs: one with them is not the signing order.
                    crate::fast::walk_sorted(
                        kept,
                        |at| params.name_bytes(at),
                        |at| params.name_head(at),
                        &mut push,
                    ) == Some(false)
                }),
            };
            if hashed {
                blocks.finish();
                return mac.finish_digest();
            }
            // Hashed again in the order found, which is then known.
            *order = Some(signing_order(
                params.len(),
                |at| params.name_bytes(at),
                |at| params.name_head(at),
                fingerprint,
                |at| params.pair(at),
                self.repeated_values,
            ));
        }
    }

    /// The algorithm and secret a request's settings header asks for.
    fn select(&self, settings: Option<&str>) -> Result<(Algorithm, &Secret), SignatureError> {
        // No header, nothing to read (splitting an empty text still costs).
        let settings = settings.map(SignatureSettings::parse).unwrap_or_default();
        let Some(name) = settings.algorithm else {
            return self
                .auth_token
                .as_ref()
                .map(|token| (Algorithm::HmacSha1, token))
                .ok_or(SignatureError::NoSecret);
        };
        let algorithm =
            Algorithm::from_name(name).ok_or_else(|| SignatureError::UnsupportedAlgorithm {
                algorithm: excerpt(name),
            })?;
        let secret = match settings.key {
            Some(key_id) => self
                .shared_keys
                .iter()
                .find(|(id, _)| id == key_id)
                .map(|(_, secret)| secret)
                .ok_or_else(|| SignatureError::UnknownKey {
                    key_id: excerpt(key_id),
                })?,
            None => self.auth_token.as_ref().ok_or(SignatureError::NoSecret)?,
        };
        Ok((algorithm, secret))
    }
}

/// Parses a callback from its body, or, when the body is empty, from the URL's query.
pub(crate) fn parse_callback<T: StatusCallback>(url: &str, body: &[u8]) -> Result<T, ParseError> {
    if body.is_empty() {
        T::from_query(query_of(url))
    } else {
        T::from_form(body)
    }
}

/// The parts of an `X-Twilio-Webhooks-Signature-Settings` header: `key=<id>,algorithm=<name>`,
/// parts separated by commas, spaces around them ignored, other parts ignored.
///
/// ```
/// use status_callbacks::signature::SignatureSettings;
///
/// let settings = SignatureSettings::parse(" key=webhooks_sharedkey_1 , algorithm=HMAC_SHA256");
/// assert_eq!(settings.key, Some("webhooks_sharedkey_1"));
/// assert_eq!(settings.algorithm, Some("HMAC_SHA256"));
/// assert_eq!(SignatureSettings::parse("").algorithm, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignatureSettings<'a> {
    /// `key=`: the shared key's identifier, if named.
    pub key: Option<&'a str>,
    /// `algorithm=`: the algorithm's name as sent, if named; without it the request is signed
    /// with the Auth Token and HMAC-SHA1.
    pub algorithm: Option<&'a str>,
}

impl<'a> SignatureSettings<'a> {
    /// Reads a header value; the first non-empty value of each part counts.
    pub fn parse(header: &'a str) -> Self {
        let mut settings = SignatureSettings::default();
        for part in header.split(',') {
            let Some((name, value)) = part.split_once('=') else {
                continue;
            };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name.trim() {
                "key" if settings.key.is_none() => settings.key = Some(value),
                "algorithm" if settings.algorithm.is_none() => settings.algorithm = Some(value),
                _ => {}
            }
        }
        settings
    }
}

/// What is signed after the URL.
enum Signed<'b> {
    /// The URL carries `bodySHA256`: the URL alone is signed, and the body must hash to
    /// `expected` (the decoded value of the URL's first `bodySHA256`).
    UrlAndBodyHash { expected: Vec<u8> },
    /// A form body, or none: its pairs are signed after the URL.
    Form(RawParams<'b>),
    /// The body is not a form that can be read: only a signature of the raw bytes applies.
    Unreadable(ParseError),
}

impl<'b> Signed<'b> {
    fn of(url: &str, body: &'b [u8]) -> Self {
        if let Some(expected) = body_sha256(url) {
            return Signed::UrlAndBodyHash { expected };
        }
        match RawParams::scan(body) {
            Ok(params) => Signed::Form(params),
            Err(err) => Signed::Unreadable(err),
        }
    }

    /// What is appended to a candidate URL, for the diagnostics that show it.
    fn appended(&self, order: RepeatedValues) -> Result<String, SignatureError> {
        match self {
            Signed::UrlAndBodyHash { .. } => Ok(String::new()),
            Signed::Form(params) => Ok(appended(params.len(), |at| params.pair(at), order)),
            Signed::Unreadable(err) => Err(SignatureError::MalformedBody(err.clone())),
        }
    }
}

/// The order in which the `len` pairs given by `pair` (whose names `name` gives alone) are
/// signed: names sorted, a repeated name's values in `order` (sorted with duplicates dropped,
/// or as received).
fn signing_order<'p>(
    len: usize,
    name: impl Fn(usize) -> &'p [u8],
    name_head: impl Fn(usize) -> u64,
    fingerprint: u64,
    pair: impl Fn(usize) -> (&'p [u8], &'p [u8]),
    order: RepeatedValues,
) -> Vec<u32> {
    /// Marks a copy of a pair already signed, to be dropped.
    const COPY: u32 = u32::MAX;
    let mut copies = false;
    let mut signed = crate::fast::by_name(len, &name, name_head, fingerprint, |ties| match order {
        // Copies of a pair can only be in one run of ties (they share their name): they
        // are dropped there, not by comparing every pair with the next.
        RepeatedValues::Sorted => {
            ties.sort_unstable_by(|&a, &b| pair(a as usize).cmp(&pair(b as usize)));
            for at in 1..ties.len() {
                if pair(ties[at - 1] as usize) == pair(ties[at] as usize) {
                    ties[at - 1] = COPY;
                    copies = true;
                }
            }
        }
        // Stable: each name's values stay in the order received.
        RepeatedValues::SubmissionOrder => {
            ties.sort_by(|&a, &b| pair(a as usize).0.cmp(pair(b as usize).0))
        }
    });
    if copies {
        signed.retain(|&at| at != COPY);
    }
    signed
}

/// Each name, then its value, of the pairs given by `pair`, in `order`, to `feed`.
fn for_each_signed<'p>(
    order: &[u32],
    pair: impl Fn(usize) -> (&'p [u8], &'p [u8]),
    mut feed: impl FnMut(&[u8]),
) {
    for &at in order {
        let (name, value) = pair(at as usize);
        feed(name);
        feed(value);
    }
}

/// What is signed after the URL for the `len` pairs given by `pair`: every name followed by
/// its value, in signing order.
fn appended<'p>(
    len: usize,
    pair: impl Fn(usize) -> (&'p [u8], &'p [u8]),
    order: RepeatedValues,
) -> String {
    let mut out = Vec::new();
    // The same fingerprint as a scan's (`RawParams::fingerprint`), from the names' tags.
    let fingerprint = crate::fast::fingerprint((0..len).map(|at| u64::from(tag(pair(at).0))));
    let head = |at| crate::fast::name_head(pair(at).0);
    let order = signing_order(len, |at| pair(at).0, head, fingerprint, &pair, order);
    for_each_signed(&order, &pair, |piece| out.extend_from_slice(piece));
    // Whole names and values, each UTF-8: nothing is replaced.
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL with its port removed and with the scheme's default port added, as the official
/// helpers try both (Twilio is not consistent about which it signs). A URL without a port
/// gives itself and the one with `:443` (`https`) or `:80` (otherwise); a URL with a port
/// gives itself and the one without.
///
/// The second form is built only when it is asked for: most signatures match the first.
fn candidate_urls(url: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let other = other_form(url);
    // `None` stands for the URL as received; the form without a port comes first.
    let forms = match other {
        Some(OtherForm::WithoutPort { .. }) => [other, None],
        _ => [None, other],
    };
    forms
        .into_iter()
        .take(if other.is_some() { 2 } else { 1 })
        .map(move |form| form.map_or(Cow::Borrowed(url), |form| Cow::Owned(form.build(url))))
}

/// How the other form of a URL differs from it.
#[derive(Clone, Copy)]
enum OtherForm {
    /// The URL has a port, at `colon..end`: the other form is the URL without it.
    WithoutPort { colon: usize, end: usize },
    /// The URL has no port: the other form has `port` inserted at `end`.
    WithPort { end: usize, port: &'static str },
}

impl OtherForm {
    fn build(self, url: &str) -> String {
        match self {
            OtherForm::WithoutPort { colon, end } => format!("{}{}", &url[..colon], &url[end..]),
            OtherForm::WithPort { end, port } => format!("{}{port}{}", &url[..end], &url[end..]),
        }
    }
}

/// The other form of `url` ([`candidate_urls`]), or `None` for a URL without an authority.
///
/// Searched as bytes, eight at a time where it pays ([`next_of`](crate::fast::next_of)): a
/// URL's delimiters are ASCII, and `str`'s pattern searches cost more to set up than these
/// few bytes take to read.
fn other_form(url: &str) -> Option<OtherForm> {
    let bytes = url.as_bytes();
    let authority = authority_span(url)?;
    // Most authorities have neither a user nor a port: one search, eight bytes at a time.
    let port_start = crate::fast::next_of(&bytes[authority.clone()], 0, [b'@', b':'])
        .and_then(|_| port_colon(bytes, authority.clone()));
    Some(match port_start {
        Some(colon)
            if bytes[colon + 1..authority.end]
                .iter()
                .all(u8::is_ascii_digit) =>
        {
            OtherForm::WithoutPort {
                colon,
                end: authority.end,
            }
        }
        _ => {
            // The scheme ends where `://` starts.
            let scheme = &bytes[..authority.start - 3];
            let port = if scheme.eq_ignore_ascii_case(b"https") {
                ":443"
            } else {
                ":80"
            };
            OtherForm::WithPort {
                end: authority.end,
                port,
            }
        }
    })
}

/// Where the `:` before the port of the authority at `authority` of `bytes` is, if it has
/// one (in its host, after the last `@`).
fn port_colon(bytes: &[u8], authority: std::ops::Range<usize>) -> Option<usize> {
    let host_start = bytes[authority.clone()]
        .iter()
        .rposition(|&b| b == b'@')
        .map_or(authority.start, |at| authority.start + at + 1);
    let host = &bytes[host_start..authority.end];
    if host.first() == Some(&b'[') {
        host.windows(2)
            .position(|pair| pair == b"]:")
            .map(|at| host_start + at + 1)
    } else {
        host.iter()
            .rposition(|&b| b == b':')
            .map(|at| host_start + at)
    }
}

/// Where the authority (`user@host:port`) of `url` is, if it has one.
fn authority_span(url: &str) -> Option<std::ops::Range<usize>> {
    use crate::fast::next_of;
    let bytes = url.as_bytes();
    let mut colon = next_of(bytes, 0, [b':'])?;
    while bytes.get(colon + 1..colon + 3) != Some(b"//") {
        colon = next_of(bytes, colon + 1, [b':'])?;
    }
    let start = colon + 3;
    let end = next_of(bytes, start, [b'/', b'?', b'#']).unwrap_or(url.len());
    Some(start..end)
}

/// The query string of a URL (without `?` and fragment); empty when it has none.
fn query_of(url: &str) -> &str {
    use crate::fast::next_of;
    let bytes = url.as_bytes();
    let Some(start) = next_of(bytes, 0, [b'?']) else {
        return "";
    };
    let end = next_of(bytes, start, [b'#']).unwrap_or(bytes.len());
    &url[start + 1..end]
}

/// The value of the first `bodySHA256` in the query of `url`, percent-decoded as bytes.
///
/// Read leniently, without the limits and UTF-8 checks of a body: a query that is not
/// readable as a form (`x=%FF`, thousands of parameters) must not hide the body hash, or a
/// request signed for one body would be accepted with any other.
fn body_sha256(url: &str) -> Option<Vec<u8>> {
    // Read as bytes: `str` pattern searches cost more to set up than a query takes to read.
    query_of(url)
        .as_bytes()
        .split(|&b| b == b'&')
        .find_map(|piece| {
            let (name, value) = match piece.iter().position(|&b| b == b'=') {
                Some(at) => (&piece[..at], &piece[at + 1..]),
                None => (piece, &[][..]),
            };
            // Only an escaped name is decoded (a query's other names cost no allocation).
            let named = if name.iter().any(|&b| b == b'%' || b == b'+') {
                decode_bytes(name) == BODY_SHA256.as_bytes()
            } else {
                name == BODY_SHA256.as_bytes()
            };
            named.then(|| decode_bytes(value))
        })
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// The strings a signature of a request to `url` with `body` is checked against, one per
/// candidate URL: `(candidate URL, string signed)`. For diagnosing a mismatch; it holds no
/// secret.
pub fn signing_strings(
    url: &str,
    body: &[u8],
    order: RepeatedValues,
) -> Result<Vec<(String, String)>, SignatureError> {
    let appended = Signed::of(url, body).appended(order)?;
    Ok(candidate_urls(url)
        .map(|candidate| {
            let signed = format!("{candidate}{appended}");
            (candidate.into_owned(), signed)
        })
        .collect())
}

/// The HMAC-SHA1 signature Twilio would send for a request to `url` with these body
/// parameters (none for a GET callback), keyed with `secret`: what the official helpers'
/// `compute_signature` gives.
///
/// ```
/// use status_callbacks::signature::sign;
///
/// // Twilio's documented example.
/// let params = [
///     ("CallSid", "CA1234567890ABCDE"),
///     ("Caller", "+14158675310"),
///     ("Digits", "1234"),
///     ("From", "+14158675310"),
///     ("To", "+18005551212"),
/// ];
/// let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// assert_eq!(sign("12345", url, &params), "GvWf1cFY/Q7PnoempGyD5oXAezc=");
/// ```
pub fn sign(secret: &str, url: &str, params: &[(&str, &str)]) -> String {
    sign_with(Algorithm::HmacSha1, secret, url, params)
}

/// [`sign`] with another algorithm (`HmacSha256` for shared keys that ask for it).
pub fn sign_with(algorithm: Algorithm, secret: &str, url: &str, params: &[(&str, &str)]) -> String {
    let pair = |at: usize| (params[at].0.as_bytes(), params[at].1.as_bytes());
    let appended = appended(params.len(), pair, RepeatedValues::Sorted);
    algorithm.base64(secret.as_bytes(), &format!("{url}{appended}"))
}

/// The HMAC-SHA1 signature of a request to `url` with this raw body (form-encoded, or JSON
/// when `url` carries `bodySHA256`), keyed with `secret`.
pub fn sign_body(secret: &str, url: &str, body: &[u8]) -> Result<String, SignatureError> {
    sign_body_with(Algorithm::HmacSha1, secret, url, body)
}

/// [`sign_body`] with another algorithm.
pub fn sign_body_with(
    algorithm: Algorithm,
    secret: &str,
    url: &str,
    body: &[u8],
) -> Result<String, SignatureError> {
    let appended = Signed::of(url, body).appended(RepeatedValues::Sorted)?;
    Ok(algorithm.base64(secret.as_bytes(), &format!("{url}{appended}")))
}

/// The public base URL of a receiver (`https://hooks.example.com`, optionally with a port and a
/// path prefix), from which the URL Twilio signed is rebuilt.
///
/// Behind a proxy that strips a prefix (Twilio calls `https://example.com/api/callbacks`, the
/// proxy forwards `/callbacks`), give the prefix in the base: `https://example.com/api`. The
/// request's raw path and query are appended to it.
///
/// ```
/// use status_callbacks::signature::PublicUrl;
///
/// let base: PublicUrl = "https://hooks.example.com".parse()?;
/// // The raw path and query of the request, as received.
/// assert_eq!(
///     base.signed_url("/callbacks?tenant=7&name=a+b"),
///     "https://hooks.example.com/callbacks?tenant=7&name=a+b"
/// );
/// // A proxy that strips `/api` before the request reaches the receiver.
/// let behind_proxy: PublicUrl = "https://example.com/api/".parse()?;
/// assert_eq!(
///     behind_proxy.signed_url("/callbacks?tenant=7"),
///     "https://example.com/api/callbacks?tenant=7"
/// );
/// assert!("https://hooks.example.com/prefix?x=1".parse::<PublicUrl>().is_err());
/// # Ok::<(), status_callbacks::signature::InvalidPublicUrl>(())
/// ```
///
/// A password in the base (`https://user:pass@host`, signed by Twilio as part of the URL) is
/// shown as `***` by `Debug`, `Display` and errors.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicUrl {
    base: String,
}

/// Why a public base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid public URL `{url}`: {reason}")]
pub struct InvalidPublicUrl {
    url: String,
    reason: &'static str,
}

impl PublicUrl {
    /// Reads a base URL: `http` or `https`, a host, an optional port, an optional path prefix,
    /// and no query or fragment (a trailing `/` is allowed).
    pub fn parse(base: &str) -> Result<Self, InvalidPublicUrl> {
        let invalid = |reason| InvalidPublicUrl {
            url: excerpt(&redact_password(base)),
            reason,
        };
        let trimmed = base.strip_suffix('/').unwrap_or(base);
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| invalid("it must start with http:// or https://"))?;
        if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
            return Err(invalid("it must start with http:// or https://"));
        }
        if rest.is_empty() || rest.starts_with('/') {
            return Err(invalid("it has no host"));
        }
        if rest.contains(['?', '#']) {
            return Err(invalid(
                "it must not have a query or fragment: the request's own are appended",
            ));
        }
        if rest
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(invalid("it contains white space"));
        }
        Ok(PublicUrl {
            base: trimmed.to_owned(),
        })
    }

    /// Builds a base from `X-Forwarded-Proto` and `X-Forwarded-Host`.
    ///
    /// Only call this when a proxy you control sets both headers on every request: anyone can
    /// send them, and a host taken from them lets a request signed for one of your URLs be
    /// replayed against another.
    pub fn from_forwarded(proto: &str, host: &str) -> Result<Self, InvalidPublicUrl> {
        let proto = proto.split(',').next().unwrap_or(proto).trim();
        let host = host.split(',').next().unwrap_or(host).trim();
        if host.contains('/') {
            return Err(InvalidPublicUrl {
                url: excerpt(&redact_password(host)),
                reason: "a forwarded host must not have a path",
            });
        }
        Self::parse(&format!("{proto}://{host}"))
    }

    /// The URL Twilio signed: this base (with its path prefix, if any) followed by the
    /// request's raw path and query, exactly as received (a missing leading `/` is added).
    pub fn signed_url(&self, path_and_query: &str) -> String {
        if path_and_query.starts_with('/') || path_and_query.is_empty() {
            format!("{}{path_and_query}", self.base)
        } else {
            format!("{}/{path_and_query}", self.base)
        }
    }

    /// The base, without a trailing `/`, password included: not for logs (`Display` hides
    /// the password).
    pub fn as_str(&self) -> &str {
        &self.base
    }
}

impl fmt::Debug for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PublicUrl")
            .field(&redact_password(&self.base))
            .finish()
    }
}

impl std::str::FromStr for PublicUrl {
    type Err = InvalidPublicUrl;

    fn from_str(base: &str) -> Result<Self, Self::Err> {
        Self::parse(base)
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_password(&self.base))
    }
}

/// `url` with the password of its user information (`user:password@`) replaced by `***`, for
/// output; unchanged when it has none.
///
/// ```
/// use status_callbacks::signature::redact_password;
///
/// assert_eq!(redact_password("https://me:hunter2@hooks.example.com/cb"), "https://me:***@hooks.example.com/cb");
/// assert_eq!(redact_password("https://hooks.example.com/cb?a=b:c@d"), "https://hooks.example.com/cb?a=b:c@d");
/// ```
pub fn redact_password(url: &str) -> Cow<'_, str> {
    let Some(authority) = authority_span(url) else {
        return Cow::Borrowed(url);
    };
    let Some(at) = url[authority.clone()].rfind('@') else {
        return Cow::Borrowed(url);
    };
    let user_info = &url[authority.start..authority.start + at];
    match user_info.find(':') {
        Some(colon) => Cow::Owned(format!(
            "{}***{}",
            &url[..authority.start + colon + 1],
            &url[authority.start + at..]
        )),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(url: &str) -> Vec<String> {
        candidate_urls(url).map(Cow::into_owned).collect()
    }

    #[test]
    fn texts_match_only_when_equal_at_every_byte_and_length() {
        let text = b"uvPNXHDS4a2O+4r7I55CeJSc4OQk6DGgpEwvhmbxMrQ=";
        assert!(bool::from(texts_match(text, text)));
        for at in 0..text.len() {
            let mut other = *text;
            other[at] ^= 1;
            assert!(!bool::from(texts_match(text, &other)), "{at}");
            assert!(!bool::from(texts_match(text, &text[..at])), "{at}");
        }
        assert!(!bool::from(texts_match(b"", b"x")));
        assert!(bool::from(texts_match(b"", b"")));
        assert!(!bool::from(texts_match(&[b'a'; 64], &[b'a'; 65])));
        assert!(bool::from(texts_match(&[b'a'; 64], &[b'a'; 64])));
    }

    #[test]
    fn the_signing_order_is_the_sorted_order_whatever_the_names_share() {
        let pairs = [
            ("AudioInJitterMaxVariance", "2"),
            ("b", "1"),
            ("AudioInJitterMinVariance", "1"),
            ("To", "b"),
            ("AudioInJitterMaxVariance", "1"),
            ("A", ""),
            ("To", "a"),
            ("To", "b"),
            ("A\u{0}", "x"),
            ("AudioInJitterMaxVariance", "2"),
            ("", "empty name"),
        ];
        let pair = |at: usize| (pairs[at].0.as_bytes(), pairs[at].1.as_bytes());
        let mut sorted: Vec<(&str, &str)> = pairs.to_vec();
        sorted.sort();
        sorted.dedup();
        let name = |at: usize| pairs[at].0.as_bytes();
        let head = |at: usize| crate::fast::name_head(name(at));
        let order = signing_order(pairs.len(), name, head, 0, pair, RepeatedValues::Sorted);
        let got: Vec<(&str, &str)> = order.iter().map(|&at| pairs[at as usize]).collect();
        assert_eq!(got, sorted);
        // Submission order: names sorted, a name's values as received, nothing dropped.
        let mut stable: Vec<(&str, &str)> = pairs.to_vec();
        stable.sort_by(|a, b| a.0.cmp(b.0));
        let order = signing_order(
            pairs.len(),
            name,
            head,
            0,
            pair,
            RepeatedValues::SubmissionOrder,
        );
        let got: Vec<(&str, &str)> = order.iter().map(|&at| pairs[at as usize]).collect();
        assert_eq!(got, stable);
    }

    #[test]
    fn a_kept_order_that_does_not_sort_a_body_is_not_used() {
        let validator = Validator::twilio("token").unwrap();
        let url = "https://a.example/cb";
        // The first two bodies' names have the same tags place by place (the same
        // fingerprint) but sort in opposite orders; the last two have names sharing their
        // first fourteen bytes (no order kept for them is used unchecked).
        let bodies = [
            "Cab=1&Czb=2&To=x",
            "Czb=1&Cab=2&To=x",
            "Cab=1&Czb=2&To=x",
            "AudioInJitterMaxVariance=2&AudioInJitterMinVariance=1&To=x",
            "AudioInJitterMinVariance=1&AudioInJitterMaxVariance=2&To=x",
        ];
        for body in bodies.iter().chain(&bodies) {
            let mut pairs: Vec<(&str, &str)> = body
                .split('&')
                .map(|pair| pair.split_once('=').unwrap())
                .collect();
            let as_received: String = pairs.iter().map(|(n, v)| format!("{n}{v}")).collect();
            pairs.sort();
            let sorted: String = pairs.iter().map(|(n, v)| format!("{n}{v}")).collect();
            let sign =
                |signed: &str| Algorithm::HmacSha1.base64(b"token", &format!("{url}{signed}"));
            assert_eq!(
                validator.validate(url, body.as_bytes(), &sign(&sorted)),
                Ok(()),
                "{body}"
            );
            if as_received != sorted {
                assert_eq!(
                    validator.validate(url, body.as_bytes(), &sign(&as_received)),
                    Err(SignatureError::Mismatch),
                    "{body}"
                );
            }
        }
    }

    #[test]
    fn candidate_urls_add_or_remove_the_port() {
        assert_eq!(
            candidates("https://a.example/x?y=1"),
            ["https://a.example/x?y=1", "https://a.example:443/x?y=1"]
        );
        assert_eq!(
            candidates("HTTP://a.example"),
            ["HTTP://a.example", "HTTP://a.example:80"]
        );
        assert_eq!(
            candidates("http://a.example:8080/x"),
            ["http://a.example/x", "http://a.example:8080/x"]
        );
        assert_eq!(
            candidates("https://u:p@a.example/x"),
            ["https://u:p@a.example/x", "https://u:p@a.example:443/x"]
        );
        assert_eq!(
            candidates("https://[::1]:8443/x"),
            ["https://[::1]/x", "https://[::1]:8443/x"]
        );
        assert_eq!(
            candidates("https://[::1]/x"),
            ["https://[::1]/x", "https://[::1]:443/x"]
        );
        // A colon in the path or query is not a port.
        assert_eq!(
            candidates("https://a.example/x:1?t=10:00"),
            [
                "https://a.example/x:1?t=10:00",
                "https://a.example:443/x:1?t=10:00"
            ]
        );
        assert_eq!(candidates("not a url"), ["not a url"]);
    }

    #[test]
    fn odd_urls_do_not_panic() {
        for url in [
            "",
            "://",
            "https://",
            "https://[",
            "https://a:",
            "https://é:ü/é",
            "x://@:",
        ] {
            let _ = candidates(url);
            let _ = body_sha256(url);
            let _ = redact_password(url);
        }
    }

    #[test]
    fn settings_parts_are_found_in_any_order() {
        let settings = SignatureSettings::parse(" algorithm = HMAC_SHA256 ,key=abc,other=1");
        assert_eq!(
            (settings.key, settings.algorithm),
            (Some("abc"), Some("HMAC_SHA256"))
        );
        let settings = SignatureSettings::parse("key=,algorithm");
        assert_eq!((settings.key, settings.algorithm), (None, None));
        assert_eq!(Algorithm::from_name("hmac_sha1"), Some(Algorithm::HmacSha1));
        assert_eq!(Algorithm::from_name("HMAC-SHA256"), None);
    }

    #[test]
    fn the_body_hash_is_read_from_the_query() {
        assert_eq!(
            body_sha256("https://a/x?foo=1&bodySHA256=abc#frag").as_deref(),
            Some(&b"abc"[..])
        );
        // However the query is written: encoded name, unreadable neighbours, repeated.
        assert_eq!(
            body_sha256("https://a/x?x=%FF&body%53HA256=a%62c&bodySHA256=def").as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(
            body_sha256("https://a/x?bodySHA256=%FF%").as_deref(),
            Some(&b"\xff%"[..])
        );
        assert_eq!(body_sha256("https://a/x"), None);
        assert_eq!(body_sha256("https://a/x?bodySHA2567=1&abodySHA256=2"), None);
        assert_eq!(query_of("https://a/x?q=1#f"), "q=1");
    }
}
