//! Identifier newtypes, one per resource.
//!
//! Twilio identifiers (SIDs) are two letters naming the resource and 32 hexadecimal digits
//! (`RM5c1e...`). SignalWire sends UUIDs in the same parameters, and test payloads often carry
//! made-up values, so parsing accepts any non-empty value; [`is_well_formed`](RoomSid::is_well_formed)
//! tells whether a value has the documented Twilio shape.

use std::borrow::{Borrow, Cow};
use std::fmt;

use serde::{Serialize, Serializer};

use crate::params::WireValue;
use crate::text::Repr;

macro_rules! sids {
    ($(
        $(#[$attr:meta])*
        $name:ident = $prefix:literal, $resource:literal;
    )*) => {$(
        $(#[$attr])*
        #[doc = concat!(
            "\n\nThe identifier of ", $resource, ": `", $prefix,
            "` and 32 hexadecimal digits on Twilio. Any non-empty value is accepted."
        )]
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Repr<INLINE>);

        impl $name {
            /// The two letters a Twilio identifier of this resource starts with.
            pub const PREFIX: &'static str = $prefix;

            /// Wraps a value as it is, refusing only the empty string, as [`FromStr`] does.
            ///
            /// The shape is not checked: SignalWire UUIDs and made-up test values are accepted
            /// ([`is_well_formed`](Self::is_well_formed) tells). The parsers never produce an
            /// empty identifier either: an empty value of a required parameter is an error.
            ///
            /// [`FromStr`]: std::str::FromStr
            pub fn new(value: impl Into<String>) -> Result<Self, EmptySid> {
                let value = value.into();
                if value.is_empty() {
                    Err(EmptySid)
                } else {
                    Ok($name(Repr::from_string(value)))
                }
            }

            /// The identifier as sent.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// Whether the value has the documented Twilio shape: the prefix, then 32 hex
            /// digits (either case). SignalWire UUIDs answer `false`.
            pub fn is_well_formed(&self) -> bool {
                is_twilio_sid(self.as_str(), $prefix)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = EmptySid;

            /// Accepts any non-empty value, as [`new`](Self::new).
            fn from_str(value: &str) -> Result<Self, EmptySid> {
                $name::new(value)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl WireValue for $name {
            const EXPECTED: crate::error::Expected = crate::error::Expected::Identifier;

            fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
                Ok($name(Repr::from_cow(raw)))
            }

            fn to_wire(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}

sids! {
    /// `AccountSid`: the Twilio account, or the SignalWire project.
    AccountSid = "AC", "an account";
    /// `RoomSid`.
    RoomSid = "RM", "a Video Room";
    /// `ParticipantSid`.
    ParticipantSid = "PA", "a Video Participant";
    /// `TrackSid`, and a recording's `SourceSid`.
    TrackSid = "MT", "a Video Track";
    /// `RecordingSid` in Video `recording-*` events.
    VideoRecordingSid = "RT", "a Video track Recording";
    /// `CompositionSid`.
    CompositionSid = "CJ", "a Video Composition";
    /// `HookSid`.
    CompositionHookSid = "HK", "a Video Composition Hook";
    /// `MediaProcessorSid`.
    MediaProcessorSid = "ZX", "a Live MediaProcessor";
    /// `PlayerStreamerSid`.
    PlayerStreamerSid = "VJ", "a Live PlayerStreamer";
    /// `CallSid` and `ParentCallSid`: a call (a UUID on SignalWire).
    CallSid = "CA", "a voice call";
    /// `RecordingSid` in voice callbacks (a UUID on SignalWire).
    RecordingSid = "RE", "a voice recording";
    /// `ConferenceSid`.
    ConferenceSid = "CF", "a conference";
    /// `MessageSid` and `SmsSid`: a message (`SM...`, or `MM...` for MMS; a UUID on
    /// SignalWire).
    MessageSid = "SM", "a message";
    /// `MessagingServiceSid`: a Messaging Service.
    MessagingServiceSid = "MG", "a Messaging Service";
    /// `ChannelInstallSid`: a channel installation (WhatsApp, RCS, ...).
    ChannelInstallSid = "XE", "a channel installation";
    /// `StreamSid`: a Media Stream (a UUID on SignalWire).
    StreamSid = "MZ", "a Media Stream";
    /// `TranscriptionSid` of a real-time transcription.
    RealTimeTranscriptionSid = "GT", "a real-time transcription";
    /// `TranscriptionSid` of a `<Record>` transcription (a UUID on SignalWire).
    TranscriptionSid = "TR", "a recording transcription";
    /// `SiprecSid`: a SIPREC session.
    SiprecSid = "SR", "a SIPREC session";
}

/// Which vendor sent a callback, as far as its identifiers tell.
///
/// A heuristic: Twilio account identifiers are `AC` and 32 hex digits, SignalWire project
/// identifiers are UUIDs. A proxy, a test payload or another Twilio-compatible vendor can send
/// either shape, so use it for logging and defaults, never for security (verify the signature
/// for that).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provider {
    /// The `AccountSid` has Twilio's shape.
    Twilio,
    /// The `AccountSid` is a UUID, as SignalWire sends.
    SignalWire,
    /// The `AccountSid` has neither shape.
    Unknown,
}

impl AccountSid {
    /// Which vendor this identifier looks like it comes from (see [`Provider`]).
    ///
    /// ```
    /// use status_callbacks::{AccountSid, Provider};
    ///
    /// assert_eq!(AccountSid::new("AC88c0aa9e2b5c3a8d1e1b9f3d0d6c7e10")?.provider(), Provider::Twilio);
    /// assert_eq!(
    ///     AccountSid::new("b3877c40-da60-4998-90ad-b792e98472af")?.provider(),
    ///     Provider::SignalWire
    /// );
    /// assert_eq!(AccountSid::new("AC123")?.provider(), Provider::Unknown);
    /// # Ok::<(), status_callbacks::EmptySid>(())
    /// ```
    pub fn provider(&self) -> Provider {
        if self.is_well_formed() {
            Provider::Twilio
        } else if is_uuid(self.as_str()) {
            Provider::SignalWire
        } else {
            Provider::Unknown
        }
    }
}

/// Whether `value` is a UUID in its usual text form (8-4-4-4-12 hex digits).
fn is_uuid(value: &str) -> bool {
    value.len() == 36
        && value.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Identifiers up to this many bytes are kept without an allocation: Twilio SIDs have 34,
/// UUIDs 36.
const INLINE: usize = 36;

/// The error of parsing an empty string as an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an identifier cannot be empty")]
pub struct EmptySid;

fn is_twilio_sid(value: &str, prefix: &str) -> bool {
    value.len() == 34
        && value.starts_with(prefix)
        && value.bytes().skip(2).all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_is_checked_only_on_request() {
        let room = |value: &str| RoomSid::new(value).unwrap();
        assert!(room("RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3").is_well_formed());
        assert!(room("RM5C1E62B8E6A1A2C8DE0C3FE3ED36F5D3").is_well_formed());
        assert!(!room("RMxxxxxxxxxxxxxxxxxxxxxxxxxx").is_well_formed());
        assert!(!room("PA5c1e62b8e6a1a2c8de0c3fe3ed36f5d3").is_well_formed());
        let uuid = AccountSid::new("b3877c40-da60-4998-90ad-b792e98472af").unwrap();
        assert!(!uuid.is_well_formed());
        assert_eq!(uuid, "b3877c40-da60-4998-90ad-b792e98472af");
    }

    #[test]
    fn uuids_are_told_apart_from_sids() {
        assert!(is_uuid("b3877c40-da60-4998-90ad-b792e98472af"));
        assert!(is_uuid("B3877C40-DA60-4998-90AD-B792E98472AF"));
        // SignalWire's own documentation example is not valid hex.
        assert!(!is_uuid("b3877c40-da60-4998-90ad-b792e984re01"));
        assert!(!is_uuid("b3877c40da60-4998-90ad-b792e98472af-"));
        let not_hex = AccountSid::new("b3877c40-da60-4998-90ad-b792e984re01").unwrap();
        assert_eq!(not_hex.provider(), Provider::Unknown);
    }

    #[test]
    fn from_str_refuses_only_empty() {
        assert_eq!("".parse::<RoomSid>(), Err(EmptySid));
        assert_eq!("x".parse::<RoomSid>().unwrap().as_str(), "x");
        assert_eq!(
            format!("{:?}", RoomSid::new("RM1").unwrap()),
            r#"RoomSid("RM1")"#
        );
    }

    #[test]
    fn new_and_from_str_agree() {
        let long = "x".repeat(INLINE + 1);
        for value in [
            "",
            "x",
            "b3877c40-da60-4998-90ad-b792e98472af",
            "RM5c1e62b8e6a1a2c8de0c3fe3ed36f5d3",
            long.as_str(),
        ] {
            assert_eq!(RoomSid::new(value), value.parse::<RoomSid>(), "{value:?}");
            if let Ok(sid) = RoomSid::new(value) {
                assert_eq!(sid.as_str(), value);
            }
            assert_eq!(
                CallSid::new(value.to_owned()),
                value.parse::<CallSid>(),
                "{value:?}"
            );
        }
        assert_eq!(RoomSid::new(""), Err(EmptySid));
        assert_eq!(RoomSid::new(String::new()), Err(EmptySid));
        assert!(RoomSid::new("x").is_ok());
    }
}
