//! Web framework integrations: extractors that read, verify and parse a callback in one step.
//!
//! - [`axum`] (feature `axum`, axum 0.8): [`axum::TwilioCallback`].
//! - [`actix`] (feature `actix-web`, actix-web 4): [`actix::TwilioCallback`].
//!
//! Both take a [`WebhookConfig`] from the application's state, read the body within the
//! framework's own body limit, rebuild the URL Twilio signed from the configured public base
//! URL and the raw path and query of the request, check the signature headers
//! (`X-Twilio-Signature`, `X-SignalWire-Signature`, `X-Twilio-Webhooks-Signature-Settings`), and
//! parse the callback into [`Event`](crate::Event) or whichever family type the handler asks
//! for. GET callbacks work the same way. Failures are a [`CallbackRejection`], which answers:
//!
//! | rejection | status |
//! |---|---|
//! | a malformed body, or a body that is not a status callback | 400 |
//! | a missing or invalid signature | 403 |
//! | a body over the framework's limit | 413 |
//! | missing configuration (no validator, no public URL) | 500 |
//!
//! No response echoes the token, a shared key or the signature.

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

use std::fmt;
use std::sync::Arc;

use crate::signature::{InvalidPublicUrl, PublicUrl, SignatureError, Validator};
use crate::{ParseError, StatusCallback};

/// What an extractor needs: how to check signatures, and which URL Twilio called.
///
/// Cheap to clone (the settings are shared).
///
/// ```
/// use status_callbacks::integrations::WebhookConfig;
/// use status_callbacks::signature::Validator;
///
/// let config = WebhookConfig::new(Validator::twilio("auth token"), "https://hooks.example.com".parse()?);
/// # Ok::<(), status_callbacks::signature::InvalidPublicUrl>(())
/// ```
#[derive(Clone)]
pub struct WebhookConfig {
    inner: Arc<Settings>,
}

struct Settings {
    validator: Option<Validator>,
    public_url: Option<PublicUrl>,
    trust_forwarded_headers: bool,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("validator", &self.inner.validator)
            .field("public_url", &self.inner.public_url)
            .field(
                "trust_forwarded_headers",
                &self.inner.trust_forwarded_headers,
            )
            .finish()
    }
}

impl WebhookConfig {
    /// Checks signatures with `validator` against URLs built from `public_url` (the scheme,
    /// host and port Twilio calls, e.g. `https://hooks.example.com`).
    pub fn new(validator: Validator, public_url: PublicUrl) -> Self {
        Self::from_parts(Some(validator), Some(public_url), false)
    }

    /// A configuration with parts possibly missing, e.g. read from an environment that may
    /// lack them: requests are then refused with a 500 ([`CallbackRejection::Misconfigured`])
    /// instead of the application failing to start.
    pub fn from_parts(
        validator: Option<Validator>,
        public_url: Option<PublicUrl>,
        trust_forwarded_headers: bool,
    ) -> Self {
        WebhookConfig {
            inner: Arc::new(Settings {
                validator,
                public_url,
                trust_forwarded_headers,
            }),
        }
    }

    /// Reads the configuration from the environment: the Auth Token from `TWILIO_AUTH_TOKEN`
    /// and the public base URL from `PUBLIC_URL` (e.g. `https://hooks.example.com`).
    pub fn from_env() -> Result<Self, ConfigError> {
        let token = std::env::var("TWILIO_AUTH_TOKEN")
            .ok()
            .filter(|token| !token.is_empty())
            .ok_or(ConfigError::Missing("TWILIO_AUTH_TOKEN"))?;
        let public_url = std::env::var("PUBLIC_URL")
            .map_err(|_| ConfigError::Missing("PUBLIC_URL"))?
            .parse()
            .map_err(ConfigError::PublicUrl)?;
        Ok(WebhookConfig::new(Validator::twilio(&token), public_url))
    }

    /// Builds the URL from `X-Forwarded-Proto` and `X-Forwarded-Host` when a request has both,
    /// falling back to the public URL otherwise.
    ///
    /// Only turn this on behind a proxy you control that sets both headers on every request:
    /// anyone can send them, and a host taken from them lets a request signed for one of your
    /// URLs be replayed against another.
    pub fn trust_forwarded_headers(self, trust: bool) -> Self {
        Self::from_parts(
            self.inner.validator.clone(),
            self.inner.public_url.clone(),
            trust,
        )
    }

    /// The URL Twilio signed, for a request with this raw path and query.
    fn signed_url<'h>(
        &self,
        path_and_query: &str,
        header: &impl Fn(&str) -> Option<&'h str>,
    ) -> Result<String, CallbackRejection> {
        if self.inner.trust_forwarded_headers {
            if let (Some(proto), Some(host)) =
                (header("X-Forwarded-Proto"), header("X-Forwarded-Host"))
            {
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

    /// Verifies and parses a request, whatever the framework: its raw path and query, its
    /// body, and a lookup of its headers by name (the signature headers, and the
    /// `X-Twilio-Webhooks-Signature-Settings` of shared keys).
    pub fn verify<'h, T: StatusCallback>(
        &self,
        path_and_query: &str,
        body: &[u8],
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<T, CallbackRejection> {
        let validator = self
            .inner
            .validator
            .as_ref()
            .ok_or(CallbackRejection::Misconfigured(
                "no signature validator is configured",
            ))?;
        let url = self.signed_url(path_and_query, &header)?;
        validator
            .validate_headers(&url, body, &header)
            .map_err(CallbackRejection::from)?;
        crate::signature::parse_callback(&url, body).map_err(CallbackRejection::Parse)
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
}

/// Why an extractor refused a request. Each maps to a status code
/// ([`status`](Self::status)); the response body is the [`Display`](fmt::Display) text, which
/// never holds a secret or the signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackRejection {
    /// The body is larger than the framework's limit. 413.
    #[error("the body is too large")]
    PayloadTooLarge,
    /// The body could not be read. 400.
    #[error("the body could not be read")]
    BodyUnreadable,
    /// The signature is missing or does not match (or names an unknown key or algorithm). 403.
    #[error("forbidden: {0}")]
    Signature(SignatureError),
    /// Forwarded headers are trusted but do not make a URL. 400.
    #[error("the X-Forwarded-Proto and X-Forwarded-Host headers do not make a URL")]
    BadForwardedHeaders,
    /// The signature is valid but the body is not a status callback this crate can read. 400.
    #[error("{0}")]
    Parse(ParseError),
    /// The receiver is not configured. 500.
    #[error("the callback receiver is misconfigured: {0}")]
    Misconfigured(&'static str),
}

impl From<SignatureError> for CallbackRejection {
    fn from(err: SignatureError) -> Self {
        match err {
            SignatureError::NoSecret => CallbackRejection::Misconfigured(
                "no Auth Token is configured for requests that name no shared key",
            ),
            SignatureError::MalformedBody(parse) => CallbackRejection::Parse(parse),
            other => CallbackRejection::Signature(other),
        }
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
            CallbackRejection::Signature(_) => 403,
            CallbackRejection::Misconfigured(_) => 500,
        }
    }
}
