//! Value types shared by every family: durations that know their unit, timestamps, and the
//! machinery behind the open enums.

use std::borrow::Cow;

use crate::fast;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use serde::{Serialize, Serializer};

use crate::error::Expected;
use crate::params::{Format, WireValue};
use crate::Text;

/// Declares an open enum: the documented values, then `Other(String)` for any other value,
/// kept as received so that it round-trips.
macro_rules! open_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        ///
        /// An open enum: a value the documentation does not list is kept in `Other`, never
        /// an error. Matching on the documented values is exact (case-sensitive).
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $doc])*
                #[doc = concat!("\n\nWire value: `", $wire, "`.")]
                $variant,
            )+
            /// A value the documentation does not list, exactly as received.
            Other(String),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const DOCUMENTED: &'static [$name] = &[$($name::$variant),+];

            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(other) => other,
                }
            }

            /// Whether this is a documented value (not `Other`).
            pub fn is_documented(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            fn from_known(value: &str) -> Option<Self> {
                match value {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_known(value).unwrap_or_else(|| $name::Other(value.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self::from_known(&value).unwrap_or($name::Other(value))
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
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

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::params::WireValue for $name {
            const EXPECTED: $crate::error::Expected = $crate::error::Expected::NonEmpty;

            fn from_wire(
                raw: std::borrow::Cow<'_, str>,
            ) -> Result<Self, std::borrow::Cow<'_, str>> {
                Ok(match Self::from_known(&raw) {
                    Some(known) => known,
                    None => $name::Other(raw.into_owned()),
                })
            }

            fn to_wire(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

pub(crate) use open_enum;

/// Declares a whole-number duration type whose unit is part of the type.
macro_rules! duration_unit {
    ($(#[$attr:meta])* $name:ident, $unit:literal, $to_duration:expr) => {
        $(#[$attr])*
        ///
        /// Keeps the wire integer (`.0`, or [`get`](Self::get)) and converts to a
        /// [`std::time::Duration`] with [`as_duration`](Self::as_duration). Serialised as a
        /// bare number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub u64);

        impl $name {
            #[doc = concat!("The number of ", $unit, " as sent.")]
            pub fn get(self) -> u64 {
                self.0
            }

            /// The same length of time as a [`Duration`] (saturating at its maximum).
            pub fn as_duration(self) -> Duration {
                let to_duration: fn(u64) -> Duration = $to_duration;
                to_duration(self.0)
            }
        }

        impl From<$name> for Duration {
            fn from(value: $name) -> Duration {
                value.as_duration()
            }
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                $name(value)
            }
        }

        impl PartialEq<u64> for $name {
            fn eq(&self, other: &u64) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.0, $unit)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u64(self.0)
            }
        }

        impl WireValue for $name {
            const EXPECTED: Expected = Expected::$name;

            fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
                u64::from_wire(raw).map($name)
            }

            fn to_wire(&self) -> Cow<'_, str> {
                Cow::Owned(self.0.to_string())
            }
        }
    };
}

duration_unit!(
    /// A length of time in whole seconds (`RoomDuration`, `Duration` of a recording, ...).
    Seconds,
    "seconds",
    Duration::from_secs
);

duration_unit!(
    /// A length of time in whole minutes (Twilio's billed voice `Duration`, rounded up).
    Minutes,
    "minutes",
    |minutes| Duration::from_secs(minutes.saturating_mul(60))
);

duration_unit!(
    /// A length of time in whole milliseconds (`OffsetFromTwilioVideoEpoch`).
    Milliseconds,
    "milliseconds",
    Duration::from_millis
);

/// A decimal number sent as text (SignalWire's `AudioInMos`, e.g. `4.5`).
///
/// Keeps the text as received, so a body round-trips exactly (`4.50` stays `4.50`), and gives
/// the number with [`as_f64`](Decimal::as_f64). Serialised as a JSON number. Only plain
/// decimals are accepted: an optional `-`, digits, and an optional fraction (`4`, `4.5`,
/// `-0.25`); not `NaN`, `inf`, exponents or a leading `+`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(Text);

impl Decimal {
    /// Parses a plain decimal, or `None` if `text` is not one.
    pub fn new(text: impl Into<String>) -> Option<Self> {
        let text = text.into();
        Self::is_plain_decimal(&text).then(|| Decimal(text.into()))
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number.
    pub fn as_f64(&self) -> f64 {
        // Checked on construction to be a plain decimal, which `f64` always parses.
        self.0.parse().unwrap_or(f64::NAN)
    }

    fn is_plain_decimal(text: &str) -> bool {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (digits, None),
        };
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl WireValue for Decimal {
    const EXPECTED: Expected = Expected::Decimal;

    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
        if Self::is_plain_decimal(&raw) {
            Ok(Decimal(raw.into()))
        } else {
            Err(raw)
        }
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

open_enum! {
    /// A flag sent as `true` or `false` (conference `Muted`, `Hold`, transcription `Final`,
    /// ...).
    ///
    /// The vendors document lowercase; no capture shows another casing, but none rules it out,
    /// so any other text is kept in `Other` and [`is_true`](Flag::is_true) reads it without
    /// regard to case.
    pub enum Flag {
        /// `true`.
        True = "true",
        /// `false`.
        False = "false",
    }
}

impl Flag {
    /// The flag's value, reading `True`, `TRUE`, `False`, ... too; `None` for any other text.
    pub fn is_true(&self) -> Option<bool> {
        match self {
            Flag::True => Some(true),
            Flag::False => Some(false),
            Flag::Other(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Flag::Other(text) if text.eq_ignore_ascii_case("false") => Some(false),
            Flag::Other(_) => None,
        }
    }
}

/// `RawDlrDoneDate`: when the carrier's delivery receipt says the message was done, as the
/// carrier wrote it: `YYMMDDhhmm` (`2303222338`), no seconds and no time zone (accepted with
/// seconds too, `YYMMDDhhmmss`).
///
/// Keeps the text as received; [`date_time`](DlrDate::date_time) reads it, years as 20YY.
///
/// ```
/// use status_callbacks::DlrDate;
///
/// let done = DlrDate::new("2303222338").unwrap();
/// assert_eq!(done.date_time().to_string(), "2023-03-22 23:38:00");
/// assert!(DlrDate::new("23032223").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DlrDate(Text);

impl DlrDate {
    /// Reads `YYMMDDhhmm` or `YYMMDDhhmmss`, or `None` if `text` is neither a valid date.
    pub fn new(text: impl Into<String>) -> Option<Self> {
        let text = text.into();
        Self::read(&text).map(|_| DlrDate(text.into()))
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date and time, in the carrier's zone (not stated; usually UTC).
    pub fn date_time(&self) -> chrono::NaiveDateTime {
        // Checked on construction.
        Self::read(&self.0).unwrap_or_default()
    }

    fn read(text: &str) -> Option<chrono::NaiveDateTime> {
        if !(text.len() == 10 || text.len() == 12) || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number = |at: usize| text[at..at + 2].parse::<u32>().ok();
        let date = chrono::NaiveDate::from_ymd_opt(
            2000 + i32::try_from(number(0)?).ok()?,
            number(2)?,
            number(4)?,
        )?;
        let seconds = if text.len() == 12 { number(10)? } else { 0 };
        date.and_hms_opt(number(6)?, number(8)?, seconds)
    }
}

impl fmt::Display for DlrDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DlrDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl WireValue for DlrDate {
    const EXPECTED: Expected = Expected::DlrDate;

    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
        if Self::read(&raw).is_some() {
            Ok(DlrDate(raw.into()))
        } else {
            Err(raw)
        }
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

/// Reads a timestamp in RFC 3339 (`2020-08-19T17:40:05.273Z`) or RFC 2822
/// (`Sun, 25 Mar 2018 09:53:19 +0000`), whichever it is, as UTC.
///
/// The year (in UTC) must have four digits, 0000 to 9999, as both formats write it.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    fast::utc_rfc3339(text).or_else(|| {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc2822(text))
            .ok()
            .map(|time| time.with_timezone(&Utc))
            .filter(|time| (0..=9999).contains(&time.year()))
    })
}

/// RFC 2822 as voice callbacks send it, the common case first; any other form through
/// [`parse_timestamp`].
fn parse_voice_timestamp(text: &str) -> Option<DateTime<Utc>> {
    fast::utc_rfc2822(text).or_else(|| parse_timestamp(text))
}

/// Timestamps as Video and Live send them: RFC 3339 in UTC with `Z`, with as many fractional
/// digits as needed (none, 3, 6 or 9). RFC 2822 is accepted on input too.
pub(crate) struct Rfc3339;

impl Format<DateTime<Utc>> for Rfc3339 {
    const EXPECTED: Expected = Expected::Timestamp;

    fn decode(raw: Cow<'_, str>) -> Result<DateTime<Utc>, Cow<'_, str>> {
        parse_timestamp(&raw).ok_or(raw)
    }

    fn encode(value: &DateTime<Utc>) -> Cow<'_, str> {
        Cow::Owned(value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// Timestamps as voice callbacks send them: RFC 2822 (`Sun, 25 Mar 2018 09:53:19 +0000`).
/// RFC 3339 is accepted on input too, and written back when the instant has a fraction of a
/// second, which RFC 2822 cannot hold.
pub(crate) struct Rfc2822;

impl Format<DateTime<Utc>> for Rfc2822 {
    const EXPECTED: Expected = Expected::Timestamp;

    fn decode(raw: Cow<'_, str>) -> Result<DateTime<Utc>, Cow<'_, str>> {
        parse_voice_timestamp(&raw).ok_or(raw)
    }

    /// RFC 2822 has no fractions of a second: an instant that has one (received in RFC 3339)
    /// is written in RFC 3339, so that it reads back the same.
    fn encode(value: &DateTime<Utc>) -> Cow<'_, str> {
        if value.timestamp_subsec_nanos() == 0 {
            Cow::Owned(value.format("%a, %d %b %Y %H:%M:%S %z").to_string())
        } else {
            Rfc3339::encode(value)
        }
    }
}

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    use super::*;
    use crate::fast::{utc_rfc2822, utc_rfc3339};
    use chrono::{TimeZone, Timelike};

    open_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "red",
            /// Dark blue.
            DarkBlue = "dark-blue",
        }
    }

    #[test]
    fn open_enum_keeps_unknown_values() {
        assert_eq!(Colour::from("dark-blue"), Colour::DarkBlue);
        assert_eq!(Colour::from("Red"), Colour::Other("Red".into()));
        assert_eq!(Colour::Other("teal".into()).as_str(), "teal");
        assert_eq!(Colour::DarkBlue.to_string(), "dark-blue");
        assert!(Colour::Red == "red");
        assert!(!Colour::from("teal").is_documented());
        assert_eq!(Colour::DOCUMENTED, &[Colour::Red, Colour::DarkBlue]);
    }

    #[test]
    fn decimals_keep_their_text() {
        let mos = Decimal::new("4.50").unwrap();
        assert_eq!(mos.as_f64(), 4.5);
        assert_eq!(mos.as_str(), "4.50");
        assert_eq!(Decimal::new("-0.25").map(|d| d.as_f64()), Some(-0.25));
        assert_eq!(Decimal::new("4").map(|d| d.as_f64()), Some(4.0));
        for bad in [
            "", "-", ".5", "5.", "+4", "NaN", "inf", "1e3", "4,5", "4.5.1", " 4",
        ] {
            assert_eq!(Decimal::new(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn durations_know_their_unit() {
        assert_eq!(Seconds(312).as_duration(), Duration::from_secs(312));
        assert_eq!(Minutes(2).as_duration(), Duration::from_secs(120));
        assert_eq!(
            Minutes(u64::MAX).as_duration(),
            Duration::from_secs(u64::MAX)
        );
        assert_eq!(
            Milliseconds(155137307765).as_duration(),
            Duration::from_millis(155137307765)
        );
        assert_eq!(Seconds(3).to_string(), "3 seconds");
    }

    #[test]
    fn timestamps_accept_both_formats() {
        let rfc3339 = parse_timestamp("2018-03-25T09:53:19Z").unwrap();
        let rfc2822 = parse_timestamp("Sun, 25 Mar 2018 09:53:19 +0000").unwrap();
        assert_eq!(rfc3339, rfc2822);
        assert_eq!(
            rfc3339,
            Utc.with_ymd_and_hms(2018, 3, 25, 9, 53, 19).unwrap()
        );
        let offset = parse_timestamp("2018-03-25T11:53:19+02:00").unwrap();
        assert_eq!(offset, rfc3339);
        assert_eq!(parse_timestamp("yesterday"), None);
        // Five-digit years cannot be written back in either format.
        assert_eq!(parse_timestamp("Sun, 25 Mar 20018 09:53:22 +0000"), None);
        assert_eq!(parse_timestamp("0000-01-01T00:30:00+01:00"), None);
        let early = parse_timestamp("0050-01-01T00:00:00Z").unwrap();
        assert_eq!(Rfc2822::decode(Rfc2822::encode(&early)), Ok(early));
        assert_eq!(Rfc3339::decode(Rfc3339::encode(&early)), Ok(early));
        assert_eq!(parse_timestamp(""), None);
    }

    /// The fast paths read exactly what chrono reads, and leave the rest to it.
    #[test]
    fn fast_timestamp_paths_agree_with_chrono() {
        let chrono_3339 = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|time| time.with_timezone(&Utc))
        };
        let chrono_2822 = |text: &str| {
            DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|time| time.with_timezone(&Utc))
        };
        let mut seconds: i64 = 1;
        for step in 0..20_000u32 {
            seconds = seconds
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407)
                .rem_euclid(253_402_300_800);
            let nanos = [0, 273_000_000, 839_174_000, 1, 999_999_999][step as usize % 5];
            let time = DateTime::from_timestamp(seconds, nanos).unwrap();
            for text in [
                time.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                time.to_rfc3339_opts(SecondsFormat::Nanos, true),
                time.to_rfc3339_opts(SecondsFormat::Millis, true),
            ] {
                assert_eq!(utc_rfc3339(&text), chrono_3339(&text), "{text}");
                assert!(utc_rfc3339(&text).is_some(), "{text}");
            }
            let text = time.format("%a, %d %b %Y %H:%M:%S +0000").to_string();
            let whole = time.with_nanosecond(0).unwrap();
            assert_eq!(utc_rfc2822(&text), Some(whole), "{text}");
            assert_eq!(chrono_2822(&text), Some(whole), "{text}");
        }
        // Not the fast forms: left to chrono (None here), or refused by both.
        for text in [
            "2020-08-19t17:40:05Z",
            "2020-08-19T17:40:05+00:00",
            "2020-08-19T17:40:60Z",
            "2020-02-30T17:40:05Z",
            "2020-08-19T17:40:05.Z",
            "2020-08-19T17:40:05.1234567890Z",
            "+2020-08-19T17:40:05Z",
        ] {
            assert_eq!(utc_rfc3339(text), None, "{text}");
        }
        for text in [
            "Mon, 25 Mar 2018 09:53:19 +0000",
            "Sun, 25 Mar 2018 09:53:19 -0000",
            "Sun, 25 Mar 2018 09:53:19 GMT",
            "Sun,  5 Mar 2018 09:53:19 +0000",
            "Sun, 32 Mar 2018 09:53:19 +0000",
            "Sun, 25 mar 2018 09:53:19 +0000",
        ] {
            assert_eq!(utc_rfc2822(text), None, "{text}");
        }
        assert_eq!(chrono_2822("Mon, 25 Mar 2018 09:53:19 +0000"), None);
        // Forms only chrono reads still parse.
        assert!(parse_timestamp("2020-08-19T19:40:05+02:00").is_some());
        assert!(parse_voice_timestamp("Sun, 25 Mar 2018 11:53:19 +0200").is_some());
        assert!(parse_voice_timestamp("2020-08-19T17:40:05.5Z").is_some());
    }

    #[test]
    fn rfc3339_keeps_3_and_6_fractional_digits() {
        for text in [
            "2020-08-19T17:40:05.273Z",
            "2020-08-20T01:42:05.839174Z",
            "2025-11-16T10:00:00Z",
        ] {
            let time = Rfc3339::decode(text.into()).unwrap();
            assert_eq!(Rfc3339::encode(&time), text);
        }
        let time = Rfc3339::decode("2020-08-19T17:40:05.273Z".into()).unwrap();
        assert_eq!(time.nanosecond(), 273_000_000);
    }

    #[test]
    fn rfc2822_round_trips_twilio_text() {
        let text = "Sun, 25 Mar 2018 09:53:19 +0000";
        let time = Rfc2822::decode(text.into()).unwrap();
        assert_eq!(Rfc2822::encode(&time), text);
        assert_eq!(
            Rfc2822::decode("Tue, 24 Mar 2026 18:15:40 +0000".into())
                .map(|t| Rfc2822::encode(&t).into_owned()),
            Ok("Tue, 24 Mar 2026 18:15:40 +0000".to_owned())
        );
    }
}
