//! Receiving callbacks in a web server: read, verify and parse in one step.
//!
//! - [`WebhookConfig::verify`]: any stack; give it the raw path and query, the body and a
//!   header lookup.
//! - [`http`](mod@http) (feature `http`): on the `http` crate's types, which hyper, tower,
//!   `lambda_http`, poem and salvo share: [`http::verify_request`], and
//!   [`http::rejection_response`] for the answer.
//! - [`tower`] (feature `tower`): [`tower::VerifyLayer`], which refuses unauthentic callbacks
//!   before any handler.
//! - [`axum`] (feature `axum`, axum 0.8): [`axum::TwilioCallback`].
//! - [`actix`] (feature `actix-web`, actix-web 4): [`actix::TwilioCallback`].
//!
//! Each takes a [`WebhookConfig`], reads the body within a limit, rebuild the URL Twilio signed from the configured public base
//! URL and the raw path and query of the request, check the signature headers
//! (`X-Twilio-Signature`, `X-SignalWire-Signature`, `X-Twilio-Webhooks-Signature-Settings`), and
//! parse the callback into [`Event`](crate::Event) or whichever family type the handler asks
//! for. GET callbacks work the same way. Failures are a [`CallbackRejection`], which answers:
//!
//! | rejection | status |
//! |---|---|
//! | an authentic request whose body is not a status callback | 400 |
//! | a missing or invalid signature, a body that cannot be authenticated, a forwarded host not allowed | 403 |
//! | a body over the framework's limit | 413 |
//! | missing configuration (no validator or a validator without a secret, no public URL) | 500 |
//!
//! To never lose an authentic callback, ask for [`Received<Event>`](crate::Received) (or
//! `Received<` a family type `>`): a callback whose values do not fit the model then reaches the
//! handler as its raw pairs with the error naming the parameter, and only requests that are not
//! status callbacks at all are refused with 400. Twilio does not retry a 4xx, so a strict
//! `TwilioCallback<Event>` loses such a callback for good.
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use status_callbacks::integrations::axum::TwilioCallback;
//! use status_callbacks::{Event, Received};
//!
//! async fn callback(TwilioCallback(received): TwilioCallback<Received<Event>>) {
//!     match received {
//!         Received::Typed(event) => println!("{}", event.summary()),
//!         Received::Untyped(raw) => eprintln!("kept untyped: {}", raw.error),
//!     }
//! }
//! # }
//! ```
//!
//! Every request that is not proven authentic gets the same answer, 403 with the body
//! `forbidden`, whatever is wrong with it: nothing of the parser's view of an unauthenticated
//! body is told to its sender (the reason is the rejection's
//! [`source`](std::error::Error::source), for your logs). A request without any signature
//! header is refused before its body is read. No response echoes the token, a shared key or
//! the signature.

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

use std::fmt;
use std::sync::Arc;

use crate::signature::{
    InvalidPublicUrl, InvalidSecret, PublicUrl, SignatureError, Validator, WebhookError,
};
use crate::{ParseError, StatusCallback};

/// Twilio's `I-Twilio-Idempotency-Token` request header, given a header lookup: the same for the
/// retries of one callback request, so a receiver can tell a retry from a new callback. Twilio
/// documents it for its webhooks in general; whether every product sends it, and whether it
/// stays the same across every retry, is not documented: use it together with
/// [`Event::dedupe_key`](crate::Event::dedupe_key), not instead of it.
pub fn idempotency_token<'h>(header: impl Fn(&str) -> Option<&'h str>) -> Option<&'h str> {
    header("I-Twilio-Idempotency-Token").filter(|token| !token.is_empty())
}

/// The default [`WebhookConfig::body_limit`]: 64 KiB, many times a real callback.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// What an extractor needs: how to check signatures, and which URL Twilio called.
///
/// Cheap to clone (the settings are shared).
///
/// ```
/// use status_callbacks::integrations::WebhookConfig;
/// use status_callbacks::signature::Validator;
///
/// let config = WebhookConfig::new(Validator::twilio("auth token")?, "https://hooks.example.com".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct WebhookConfig {
    inner: Arc<Settings>,
}

#[derive(Clone)]
struct Settings {
    validator: Option<Validator>,
    public_url: Option<PublicUrl>,
    /// The largest body read, in bytes.
    body_limit: usize,
    /// The oldest an event may be, when the replay guard is on.
    max_age: Option<std::time::Duration>,
    /// Hosts a trusted `X-Forwarded-Host` may name (lowercase); empty: forwarded headers are
    /// ignored.
    forwarded_hosts: Vec<String>,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("validator", &self.inner.validator)
            .field("public_url", &self.inner.public_url)
            .field("forwarded_hosts", &self.inner.forwarded_hosts)
            .finish()
    }
}

impl WebhookConfig {
    /// Checks signatures with `validator` against URLs built from `public_url` (the scheme,
    /// host and port Twilio calls, e.g. `https://hooks.example.com`).
    pub fn new(validator: Validator, public_url: PublicUrl) -> Self {
        Self::from_parts(Some(validator), Some(public_url))
    }

    /// A configuration with parts possibly missing, e.g. read from an environment that may
    /// lack them: requests are then refused with a 500 ([`CallbackRejection::Misconfigured`])
    /// instead of the application failing to start.
    pub fn from_parts(validator: Option<Validator>, public_url: Option<PublicUrl>) -> Self {
        WebhookConfig {
            inner: Arc::new(Settings {
                validator,
                public_url,
                body_limit: DEFAULT_BODY_LIMIT,
                max_age: None,
                forwarded_hosts: Vec::new(),
            }),
        }
    }

    /// Reads the configuration from the environment:
    ///
    /// - the secret: Twilio's Auth Token in `TWILIO_AUTH_TOKEN`, or SignalWire's Signing Key in
    ///   `SIGNALWIRE_SIGNING_KEY` (exactly one of them; the validator is the vendor's);
    /// - the public base URL Twilio or SignalWire calls in `PUBLIC_URL`
    ///   (`https://hooks.example.com`, with a path prefix if a proxy strips one).
    pub fn from_env() -> Result<Self, ConfigError> {
        let read = |name: &'static str| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
                .map(zeroize::Zeroizing::new)
        };
        let validator = match (read("TWILIO_AUTH_TOKEN"), read("SIGNALWIRE_SIGNING_KEY")) {
            (Some(token), None) => Validator::twilio(&token),
            (None, Some(key)) => Validator::signalwire(&key),
            (Some(_), Some(_)) => return Err(ConfigError::BothSecrets),
            (None, None) => {
                return Err(ConfigError::Missing(
                    "TWILIO_AUTH_TOKEN (or SIGNALWIRE_SIGNING_KEY)",
                ))
            }
        }
        .map_err(ConfigError::Secret)?;
        let public_url = std::env::var("PUBLIC_URL")
            .map_err(|_| ConfigError::Missing("PUBLIC_URL"))?
            .parse()
            .map_err(ConfigError::PublicUrl)?;
        Ok(WebhookConfig::new(validator, public_url))
    }

    /// Builds the URL from `X-Forwarded-Proto` and `X-Forwarded-Host` when a request has both
    /// and the host is one of `allowed_hosts` (`hooks.example.com`, or with its port,
    /// `hooks.example.com:8443`; compared ignoring case), falling back to the public URL when
    /// a request has neither. A forwarded host that is not allowed is refused with 403
    /// ([`CallbackRejection::ForwardedHostNotAllowed`]). An empty list turns forwarded headers
    /// off again.
    ///
    /// Only use this behind a proxy you control that sets both headers on every request:
    /// anyone can send them, and the allow-list is what keeps a request signed for one of
    /// your URLs from being replayed against another host.
    pub fn trust_forwarded_headers<I, H>(self, allowed_hosts: I) -> Self
    where
        I: IntoIterator<Item = H>,
        H: AsRef<str>,
    {
        let mut settings = Settings::clone(&self.inner);
        settings.forwarded_hosts = allowed_hosts
            .into_iter()
            .map(|host| host.as_ref().trim().to_ascii_lowercase())
            .filter(|host| !host.is_empty())
            .collect();
        WebhookConfig {
            inner: Arc::new(settings),
        }
    }

    /// The largest body the `http` and `tower` integrations read, in bytes:
    /// [`DEFAULT_BODY_LIMIT`] unless set with [`with_body_limit`](Self::with_body_limit). (The
    /// axum and actix-web extractors use the framework's own limit.)
    pub fn body_limit(&self) -> usize {
        self.inner.body_limit
    }

    /// Sets [`body_limit`](Self::body_limit).
    pub fn with_body_limit(self, bytes: usize) -> Self {
        let mut settings = Settings::clone(&self.inner);
        settings.body_limit = bytes;
        WebhookConfig {
            inner: Arc::new(settings),
        }
    }

    /// Turns the replay guard on: an authentic callback whose event happened more than
    /// `max_age` ago is refused ([`CallbackRejection::Stale`], 403), so that a captured request
    /// cannot be replayed later. Only families whose `Timestamp` is the event's time are
    /// checked (Video, Live, call status, conference, Media Streams, transcriptions, SIPREC);
    /// messaging, recording, AMD and `<Record>` transcription callbacks carry none and pass,
    /// as do untyped callbacks.
    ///
    /// Choose an age well above Twilio's retry window and your clocks' drift: ten minutes,
    /// say. A refused callback is not retried by Twilio.
    pub fn refuse_older_than(self, max_age: std::time::Duration) -> Self {
        let mut settings = Settings::clone(&self.inner);
        settings.max_age = Some(max_age);
        WebhookConfig {
            inner: Arc::new(settings),
        }
    }

    /// The replay guard's verdict on `callback`, at `now`.
    fn check_age<T: StatusCallback>(
        &self,
        callback: &T,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), CallbackRejection> {
        let (Some(max_age), Some(happened)) = (self.inner.max_age, callback.event_time()) else {
            return Ok(());
        };
        let age = now.signed_duration_since(happened);
        match chrono::Duration::from_std(max_age) {
            Ok(max_age) if age > max_age => Err(CallbackRejection::Stale {
                age: age.to_std().unwrap_or_default(),
            }),
            _ => Ok(()),
        }
    }

    /// The URL Twilio signed, for a request with this raw path and query.
    fn signed_url<'h>(
        &self,
        path_and_query: &str,
        header: &impl Fn(&str) -> Option<&'h str>,
    ) -> Result<String, CallbackRejection> {
        if !self.inner.forwarded_hosts.is_empty() {
            if let (Some(proto), Some(host)) =
                (header("X-Forwarded-Proto"), header("X-Forwarded-Host"))
            {
                let first_host = host.split(',').next().unwrap_or(host).trim();
                if !self
                    .inner
                    .forwarded_hosts
                    .iter()
                    .any(|allowed| allowed.eq_ignore_ascii_case(first_host))
                {
                    return Err(CallbackRejection::ForwardedHostNotAllowed);
                }
                return PublicUrl::from_forwarded(proto, host)
                    .map(|base| base.signed_url(path_and_query))
                    .map_err(|_| CallbackRejection::BadForwardedHeaders);
            }
        }
        self.inner
            .public_url
            .as_ref()
            .map(|base| base.signed_url(path_and_query))
            .ok_or(CallbackRejection::Misconfigured(
                "no public URL is configured",
            ))
    }

    /// The validator, or why there is none to use.
    fn validator(&self) -> Result<&Validator, CallbackRejection> {
        match &self.inner.validator {
            Some(validator) if validator.has_secret() => Ok(validator),
            Some(_) => Err(CallbackRejection::Misconfigured(
                "the signature validator holds no secret",
            )),
            None => Err(CallbackRejection::Misconfigured(
                "no signature validator is configured",
            )),
        }
    }

    /// What can be checked before the body is read: the configuration, and that the request
    /// carries a signature header at all. An extractor calls this first, so that a request
    /// without a signature is refused without buffering its body.
    pub fn check_headers<'h>(
        &self,
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<(), CallbackRejection> {
        let validator = self.validator()?;
        if validator.signature_header(header).is_none() {
            return Err(CallbackRejection::Signature(SignatureError::Missing));
        }
        Ok(())
    }

    /// Verifies and parses a request, whatever the framework: its raw path and query, its
    /// body, and a lookup of its headers by name (the signature headers, and the
    /// `X-Twilio-Webhooks-Signature-Settings` of shared keys).
    pub fn verify<'h, T: StatusCallback>(
        &self,
        path_and_query: &str,
        body: &[u8],
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<T, CallbackRejection> {
        let validator = self.validator()?;
        let url = self.signed_url(path_and_query, &header)?;
        let signature = validator
            .signature_header(&header)
            .ok_or(CallbackRejection::Signature(SignatureError::Missing))?;
        validator
            .verify_and_parse_as(
                &url,
                body,
                signature,
                header(crate::signature::SETTINGS_HEADER),
            )
            .map_err(|err| match err {
                WebhookError::Signature(err) => CallbackRejection::Signature(err),
                WebhookError::Parse(err) => CallbackRejection::Parse(err),
            })
            .and_then(|callback| {
                self.check_age(&callback, std::time::SystemTime::now().into())
                    .map(|()| callback)
            })
    }
}

/// Why [`WebhookConfig::from_env`] could not read a configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// An environment variable is not set (or empty).
    #[error("set {0}")]
    Missing(&'static str),
    /// `PUBLIC_URL` is not a base URL.
    #[error("PUBLIC_URL: {0}")]
    PublicUrl(InvalidPublicUrl),
    /// A secret was refused.
    #[error("{0}")]
    Secret(InvalidSecret),
    /// Both `TWILIO_AUTH_TOKEN` and `SIGNALWIRE_SIGNING_KEY` are set: which vendor signs is
    /// ambiguous.
    #[error("set TWILIO_AUTH_TOKEN or SIGNALWIRE_SIGNING_KEY, not both")]
    BothSecrets,
}

/// Why an extractor refused a request. Each maps to a status code
/// ([`status`](Self::status)); the response body is the [`Display`](fmt::Display) text, which
/// never holds a secret, the signature, or (for 403) anything about the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackRejection {
    /// The body is larger than the framework's limit. 413.
    #[error("the body is too large")]
    PayloadTooLarge,
    /// The body could not be read. 400.
    #[error("the body could not be read")]
    BodyUnreadable,
    /// The request is not proven authentic: no signature, a signature that does not match,
    /// an unknown key or algorithm, or a body that cannot be authenticated. 403, with the
    /// body `forbidden`; the reason is the [`source`](std::error::Error::source).
    #[error("forbidden")]
    Signature(#[source] SignatureError),
    /// Forwarded headers are trusted but name a host that is not allowed. 403.
    #[error("forbidden")]
    ForwardedHostNotAllowed,
    /// Forwarded headers are trusted but do not make a URL. 400.
    #[error("the X-Forwarded-Proto and X-Forwarded-Host headers do not make a URL")]
    BadForwardedHeaders,
    /// The signature is valid but the body is not a status callback this crate can read. 400.
    #[error("{0}")]
    Parse(ParseError),
    /// The receiver is not configured. 500.
    #[error("the callback receiver is misconfigured: {0}")]
    Misconfigured(&'static str),
    /// An authentic callback older than the replay guard allows
    /// ([`WebhookConfig::refuse_older_than`]). 403, with the body `forbidden`.
    #[error("forbidden")]
    Stale {
        /// How long ago the event happened.
        age: std::time::Duration,
    },
    /// Callbacks come as POST (or GET); another method. 405.
    #[error("status callbacks are POST or GET requests")]
    MethodNotAllowed,
}

impl From<SignatureError> for CallbackRejection {
    fn from(err: SignatureError) -> Self {
        CallbackRejection::Signature(err)
    }
}

impl CallbackRejection {
    /// The HTTP status code this rejection answers with.
    pub fn status(&self) -> u16 {
        match self {
            CallbackRejection::PayloadTooLarge => 413,
            CallbackRejection::BodyUnreadable
            | CallbackRejection::BadForwardedHeaders
            | CallbackRejection::Parse(_) => 400,
            CallbackRejection::Signature(_)
            | CallbackRejection::ForwardedHostNotAllowed
            | CallbackRejection::Stale { .. } => 403,
            CallbackRejection::Misconfigured(_) => 500,
            CallbackRejection::MethodNotAllowed => 405,
        }
    }

    /// The rejection with its reason, for a log line: `forbidden: the signature does not
    /// match the request`. Not for the response, which must not tell an unauthenticated
    /// sender why it was refused.
    pub fn log_line(&self) -> String {
        match self {
            CallbackRejection::Signature(reason) => format!("{self}: {reason}"),
            CallbackRejection::ForwardedHostNotAllowed => {
                format!("{self}: X-Forwarded-Host names a host that is not allowed")
            }
            CallbackRejection::Stale { age } => format!(
                "{self}: the event happened {}s ago, more than the replay guard allows",
                age.as_secs()
            ),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test for every case, so that no other test sees the variables change.
    #[test]
    fn the_environment_names_either_vendor() {
        let set = |token: Option<&str>, key: Option<&str>| {
            for (name, value) in [
                ("TWILIO_AUTH_TOKEN", token),
                ("SIGNALWIRE_SIGNING_KEY", key),
            ] {
                match value {
                    Some(value) => std::env::set_var(name, value),
                    None => std::env::remove_var(name),
                }
            }
            std::env::set_var("PUBLIC_URL", "https://example.com/api");
        };
        set(Some("token"), None);
        let twilio = WebhookConfig::from_env().unwrap();
        assert_eq!(
            twilio
                .validator()
                .unwrap()
                .signature_header(|name| { (name == "X-Twilio-Signature").then_some("t") }),
            Some("t")
        );
        set(None, Some("PSKxxxx"));
        let signalwire = WebhookConfig::from_env().unwrap();
        // A SignalWire validator reads its own header first.
        let both = |name: &str| match name {
            "X-SignalWire-Signature" => Some("s"),
            "X-Twilio-Signature" => Some("t"),
            _ => None,
        };
        assert_eq!(
            signalwire.validator().unwrap().signature_header(both),
            Some("s")
        );
        assert_eq!(
            twilio.validator().unwrap().signature_header(both),
            Some("t")
        );
        set(Some("token"), Some("PSKxxxx"));
        assert_eq!(
            WebhookConfig::from_env().unwrap_err(),
            ConfigError::BothSecrets
        );
        set(None, None);
        assert!(matches!(
            WebhookConfig::from_env(),
            Err(ConfigError::Missing(name)) if name.contains("SIGNALWIRE_SIGNING_KEY")
        ));
        std::env::remove_var("PUBLIC_URL");
    }
}
