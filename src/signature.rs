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
//! let validator = Validator::twilio("the auth token");
//! let event: Event = validator.verify_and_parse(url, body, &signature)?;
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
//! The Auth Token, signing key and shared keys never appear in `Debug`, `Display` or an error.

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{excerpt, ParseError};
use crate::params::RawParams;
use crate::{Event, StatusCallback};

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
    /// A name or value of the form body is not UTF-8 once percent-decoded, so it cannot be
    /// checked.
    #[error("the body cannot be checked: {0}")]
    MalformedBody(ParseError),
}

/// A failure of [`Validator::verify_and_parse`]: the signature, or the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request is not proven to come from the vendor; nothing was parsed.
    #[error("signature: {0}")]
    Signature(#[from] SignatureError),
    /// The signature is valid, but the body is not a status callback this crate can read.
    #[error("body: {0}")]
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

    fn mac(self, key: &[u8], message: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::HmacSha1 => {
                // HMAC takes keys of any length, so this cannot fail.
                let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }
            Algorithm::HmacSha256 => {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
                    .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }

    fn base64(self, key: &[u8], message: &str) -> String {
        BASE64.encode(self.mac(key, message.as_bytes()))
    }
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

/// A secret: kept out of every `Debug`, `Display` and error.
#[derive(Clone)]
struct Secret(Box<[u8]>);

impl Secret {
    fn new(value: &str) -> Self {
        Secret(value.as_bytes().into())
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
/// let validator = Validator::twilio("auth token")
///     .with_shared_key("webhooks_sharedkey_old", "old secret")
///     .with_shared_key("webhooks_sharedkey_new", "new secret");
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
    pub fn twilio(auth_token: &str) -> Self {
        Validator {
            auth_token: Some(Secret::new(auth_token)),
            shared_keys: Vec::new(),
            repeated_values: RepeatedValues::Sorted,
            signalwire: false,
        }
    }

    /// A validator for SignalWire requests signed with the project's Signing Key.
    ///
    /// It accepts the Twilio-compatible signature of form callbacks, with repeated values in
    /// the order received, and SignalWire's hex signature of JSON requests
    /// (`hex(HMAC-SHA1(key, url + body))`).
    pub fn signalwire(signing_key: &str) -> Self {
        Validator {
            signalwire: true,
            repeated_values: RepeatedValues::SubmissionOrder,
            ..Validator::twilio(signing_key)
        }
    }

    /// A validator that holds only shared keys (add them with
    /// [`with_shared_key`](Self::with_shared_key)): a request that names no shared key is
    /// refused with [`SignatureError::NoSecret`].
    pub fn shared_keys_only() -> Self {
        Validator {
            auth_token: None,
            ..Validator::twilio("")
        }
    }

    /// Adds a Twilio shared key: its identifier, as the settings header names it
    /// (`webhooks_sharedkey_...`), and its secret. Several keys can be held at once, so keys
    /// rotate without downtime.
    pub fn with_shared_key(mut self, key_id: &str, secret: &str) -> Self {
        self.shared_keys
            .push((key_id.to_owned(), Secret::new(secret)));
        self
    }

    /// Sets how the values of a repeated parameter are ordered in the signed string.
    pub fn with_repeated_values(mut self, order: RepeatedValues) -> Self {
        self.repeated_values = order;
        self
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
    pub fn validate_with_settings(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
        settings: Option<&str>,
    ) -> Result<(), SignatureError> {
        let signature = signature.trim();
        if signature.is_empty() {
            return Err(SignatureError::Missing);
        }
        let (algorithm, secret) = self.select(settings)?;
        let payload = match Payload::of(url, body, self.repeated_values) {
            // A SignalWire JSON body need not read as a form: its hex signature covers the
            // raw bytes.
            Err(SignatureError::MalformedBody(_)) if self.signalwire => None,
            payload => Some(payload?),
        };
        let mut matched = subtle::Choice::from(0);
        for candidate in candidate_urls(url) {
            if let Some(payload) = &payload {
                let expected = algorithm.base64(&secret.0, &payload.signing_string(&candidate));
                matched |= expected.as_bytes().ct_eq(signature.as_bytes());
            }
            if self.signalwire {
                let mut message = candidate.into_owned().into_bytes();
                message.extend_from_slice(body);
                let expected = hex(&Algorithm::HmacSha1.mac(&secret.0, &message));
                matched |= expected
                    .as_bytes()
                    .ct_eq(signature.to_ascii_lowercase().as_bytes());
            }
        }
        if !bool::from(matched) {
            return Err(SignatureError::Mismatch);
        }
        if payload.is_some_and(|payload| !payload.body_hash_ok) {
            return Err(SignatureError::BodyHashMismatch);
        }
        Ok(())
    }

    /// Like [`validate_with_settings`](Self::validate_with_settings), reading the headers
    /// through `header`, a lookup by name (give it your framework's case-insensitive header
    /// map): the signature from `X-Twilio-Signature`, else `X-SignalWire-Signature`, and the
    /// settings from `X-Twilio-Webhooks-Signature-Settings`.
    pub fn validate_headers<'h>(
        &self,
        url: &str,
        body: &[u8],
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<(), SignatureError> {
        let signature = [TWILIO_SIGNATURE_HEADER, SIGNALWIRE_SIGNATURE_HEADER]
            .into_iter()
            .filter_map(&header)
            .find(|value| !value.trim().is_empty())
            .ok_or(SignatureError::Missing)?;
        self.validate_with_settings(url, body, signature, header(SETTINGS_HEADER))
    }

    /// Checks the signature, then parses the callback into an [`Event`].
    ///
    /// For a GET callback pass an empty `body`: the parameters are read from the URL's query.
    pub fn verify_and_parse(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
    ) -> Result<Event, WebhookError> {
        self.verify_and_parse_as(url, body, signature, None)
    }

    /// Checks the signature (with the settings header, if any), then parses the callback into
    /// `T`: [`Event`], or one family's type.
    pub fn verify_and_parse_as<T: StatusCallback>(
        &self,
        url: &str,
        body: &[u8],
        signature: &str,
        settings: Option<&str>,
    ) -> Result<T, WebhookError> {
        self.validate_with_settings(url, body, signature, settings)?;
        Ok(parse_callback(url, body)?)
    }

    /// The algorithm and secret a request's settings header asks for.
    fn select(&self, settings: Option<&str>) -> Result<(Algorithm, &Secret), SignatureError> {
        let settings = SignatureSettings::parse(settings.unwrap_or(""));
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
        let mut settings = SignatureSettings {
            key: None,
            algorithm: None,
        };
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

/// What is signed after the URL, and whether the body matched its `bodySHA256`.
struct Payload {
    /// `name value` for every body parameter, in signing order.
    appended: String,
    body_hash_ok: bool,
}

impl Payload {
    fn of(url: &str, body: &[u8], order: RepeatedValues) -> Result<Self, SignatureError> {
        if let Some(expected) = query_value(url, BODY_SHA256) {
            let actual = hex(&Sha256::digest(body));
            return Ok(Payload {
                appended: String::new(),
                body_hash_ok: bool::from(actual.as_bytes().ct_eq(expected.as_bytes())),
            });
        }
        let params = RawParams::scan(body).map_err(SignatureError::MalformedBody)?;
        Ok(Payload {
            appended: appended_params(params.pairs(), order),
            body_hash_ok: true,
        })
    }

    fn signing_string(&self, url: &str) -> String {
        let mut signed = String::with_capacity(url.len() + self.appended.len());
        signed.push_str(url);
        signed.push_str(&self.appended);
        signed
    }
}

/// Every name followed by its value, names sorted; a repeated name's values in `order`.
fn appended_params<'p>(
    pairs: impl Iterator<Item = (&'p str, &'p str)>,
    order: RepeatedValues,
) -> String {
    let mut pairs: Vec<(&str, &str)> = pairs.collect();
    match order {
        RepeatedValues::Sorted => {
            pairs.sort_unstable();
            pairs.dedup();
        }
        // A stable sort by name keeps each name's values in the order received.
        RepeatedValues::SubmissionOrder => pairs.sort_by_key(|&(name, _)| name),
    }
    let mut out = String::new();
    for (name, value) in pairs {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// The URL with its port removed and with the scheme's default port added, as the official
/// helpers try both (Twilio is not consistent about which it signs). A URL without a port
/// gives itself and the one with `:443` (`https`) or `:80` (otherwise); a URL with a port
/// gives itself and the one without.
fn candidate_urls(url: &str) -> Vec<Cow<'_, str>> {
    let Some(authority) = authority_span(url) else {
        return vec![Cow::Borrowed(url)];
    };
    let host_start = url[authority.clone()]
        .rfind('@')
        .map_or(authority.start, |at| authority.start + at + 1);
    let host = &url[host_start..authority.end];
    let port_start = if host.starts_with('[') {
        host.find("]:").map(|at| host_start + at + 1)
    } else {
        host.rfind(':').map(|at| host_start + at)
    };
    match port_start {
        Some(colon)
            if url[colon + 1..authority.end]
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            let without = format!("{}{}", &url[..colon], &url[authority.end..]);
            vec![Cow::Owned(without), Cow::Borrowed(url)]
        }
        _ => {
            let scheme = &url[..url.find("://").unwrap_or(0)];
            let port = if scheme.eq_ignore_ascii_case("https") {
                ":443"
            } else {
                ":80"
            };
            let with = format!("{}{port}{}", &url[..authority.end], &url[authority.end..]);
            vec![Cow::Borrowed(url), Cow::Owned(with)]
        }
    }
}

/// Where the authority (`user@host:port`) of `url` is, if it has one.
fn authority_span(url: &str) -> Option<std::ops::Range<usize>> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| start + at);
    Some(start..end)
}

/// The query string of a URL (without `?` and fragment); empty when it has none.
fn query_of(url: &str) -> &str {
    let Some(start) = url.find('?') else {
        return "";
    };
    let query = &url[start + 1..];
    query.split('#').next().unwrap_or(query)
}

/// The first value of `name` in the query of `url`, decoded.
fn query_value(url: &str, name: &str) -> Option<String> {
    let params = RawParams::scan(query_of(url).as_bytes()).ok()?;
    let value = params
        .pairs()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned());
    value
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
    let payload = Payload::of(url, body, order)?;
    Ok(candidate_urls(url)
        .into_iter()
        .map(|candidate| {
            let signed = payload.signing_string(&candidate);
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
    let appended = appended_params(params.iter().copied(), RepeatedValues::Sorted);
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
    let payload = Payload::of(url, body, RepeatedValues::Sorted)?;
    Ok(algorithm.base64(secret.as_bytes(), &payload.signing_string(url)))
}

/// The public base URL of a receiver (`https://hooks.example.com`, optionally with a port),
/// from which the URL Twilio signed is rebuilt.
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
/// assert!("https://hooks.example.com/prefix".parse::<PublicUrl>().is_err());
/// # Ok::<(), status_callbacks::signature::InvalidPublicUrl>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// Reads a base URL: `http` or `https`, a host, an optional port, and no path, query or
    /// fragment (a trailing `/` is allowed).
    pub fn parse(base: &str) -> Result<Self, InvalidPublicUrl> {
        let invalid = |reason| InvalidPublicUrl {
            url: excerpt(base),
            reason,
        };
        let trimmed = base.strip_suffix('/').unwrap_or(base);
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| invalid("it must start with http:// or https://"))?;
        if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
            return Err(invalid("it must start with http:// or https://"));
        }
        if rest.is_empty() {
            return Err(invalid("it has no host"));
        }
        if rest.contains(['/', '?', '#']) {
            return Err(invalid(
                "it must not have a path, query or fragment: the request's own are appended",
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
        Self::parse(&format!("{proto}://{host}"))
    }

    /// The URL Twilio signed: this base followed by the request's raw path and query, exactly
    /// as received (a missing leading `/` is added).
    pub fn signed_url(&self, path_and_query: &str) -> String {
        if path_and_query.starts_with('/') || path_and_query.is_empty() {
            format!("{}{path_and_query}", self.base)
        } else {
            format!("{}/{path_and_query}", self.base)
        }
    }

    /// The base, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
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
        f.write_str(&self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(url: &str) -> Vec<String> {
        candidate_urls(url)
            .into_iter()
            .map(Cow::into_owned)
            .collect()
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
            let _ = query_value(url, BODY_SHA256);
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
            query_value("https://a/x?foo=1&bodySHA256=abc#frag", BODY_SHA256).as_deref(),
            Some("abc")
        );
        assert_eq!(query_value("https://a/x", BODY_SHA256), None);
        assert_eq!(query_of("https://a/x?q=1#f"), "q=1");
    }
}
