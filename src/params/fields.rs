//! The field declaration machinery: how each parameter is read from and written to the wire,
//! and [`form_struct!`], which declares a struct whose fields are wire parameters.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{FormWriter, RawParams};
use crate::error::{Expected, ParseError};

/// How values of type `T` are read from and written to the wire.
///
/// Most types have one wire form ([`Wire`]); timestamps have one per family.
pub(crate) trait Format<T> {
    /// What a valid value looks like, for error messages: `an unsigned integer`.
    const EXPECTED: Expected;

    /// Reads a non-empty value; on failure the value comes back for the error message.
    fn decode(raw: Cow<'_, str>) -> Result<T, Cow<'_, str>>;

    /// The value as it goes on the wire.
    fn encode(value: &T) -> Cow<'_, str>;

    /// The value in a self-describing format such as JSON: typed where the format has the
    /// type (numbers), the wire text otherwise.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Self::encode(value))
    }
}

/// A type with one wire form.
pub(crate) trait WireValue: Sized + Serialize {
    const EXPECTED: Expected;
    fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>>;
    fn to_wire(&self) -> Cow<'_, str>;
}

/// The [`Format`] of every [`WireValue`].
pub(crate) struct Wire;

impl<T: WireValue> Format<T> for Wire {
    const EXPECTED: Expected = T::EXPECTED;

    fn decode(raw: Cow<'_, str>) -> Result<T, Cow<'_, str>> {
        T::from_wire(raw)
    }

    fn encode(value: &T) -> Cow<'_, str> {
        value.to_wire()
    }

    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

macro_rules! wire_integer {
    ($($ty:ty),*) => {$(
        impl WireValue for $ty {
            const EXPECTED: Expected = $crate::error::Expected::UnsignedInteger;

            fn from_wire(raw: Cow<'_, str>) -> Result<Self, Cow<'_, str>> {
                // Only ASCII digits: `str::parse` would also take a leading `+`.
                if raw.bytes().all(|b| b.is_ascii_digit()) {
                    raw.parse().map_err(|_| raw)
                } else {
                    Err(raw)
                }
            }

            fn to_wire(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

wire_integer!(u16, u32, u64);

/// Serialises a field through its [`Format`].
pub(crate) struct Formatted<'v, T, F>(pub(crate) &'v T, pub(crate) std::marker::PhantomData<F>);

impl<T, F: Format<T>> Serialize for Formatted<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::serialize(self.0, serializer)
    }
}

/// An event struct whose fields are wire parameters (declared with [`form_struct!`]).
pub(crate) trait Fields: Sized {
    /// Every typed parameter, in declaration order.
    const PARAMETERS: &'static [crate::Parameter];

    /// Takes this struct's parameters from `params`; `kind` is for error messages.
    fn decode(params: &mut RawParams<'_>, kind: crate::EventKind) -> Result<Self, ParseError>;

    /// Writes the typed fields in declaration order, then the extras.
    fn encode(&self, out: &mut FormWriter);

    /// The same entries as [`encode`](Fields::encode), typed, into a serde map.
    fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// The value of the parameter `name` in its wire form: a typed field's, else the first in
    /// the extras.
    fn get(&self, name: &str) -> Option<Cow<'_, str>>;
}

/// Declares an event struct whose fields are wire parameters, with its [`Fields`]
/// implementation.
///
/// Each field says where it comes from after `=`:
/// - `req("Name")` / `opt("Name")`: a parameter that is always present / sometimes present,
///   read with [`Wire`], or `req("Name", SomeFormat)` with another [`Format`];
/// - `extra`: the [`Extra`](crate::Extra) pairs (the last field).
///
/// A field's name is its parameter's wire name in snake case (`RoomSid` is `room_sid`); a
/// test checks every struct against that rule. The struct must be listed by a family
/// (`event_family!` or `callback_family!`), or it does not compile.
macro_rules! form_struct {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                pub $field:ident : $ty:ty = $mode:ident $( ( $wire:literal $(, $format:ty)? ) )?
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
        }

        const _: () = $crate::declare::listed::<$name>();

        impl $crate::params::Fields for $name {
            const PARAMETERS: &'static [$crate::Parameter] = &[
                $( $( $crate::Parameter {
                    name: $wire,
                    field: stringify!($field),
                    required: $crate::params::form_field!(@required $mode),
                }, )? )*
            ];

            fn decode(
                params: &mut $crate::params::RawParams<'_>,
                kind: $crate::EventKind,
            ) -> Result<Self, $crate::ParseError> {
                /// Each field's place in `found`.
                #[allow(non_camel_case_types, dead_code)]
                #[derive(Clone, Copy)]
                enum Slot {
                    $( $field, )*
                }
                const SLOTS: usize = [$( stringify!($field) ),*].len();
                const EVERY_SLOT: [Slot; SLOTS] = [$( Slot::$field ),*];
                fn slot_of(name: &str) -> Option<usize> {
                    match name {
                        $( $( $wire => Some(Slot::$field as usize), )? )*
                        _ => None,
                    }
                }
                // Every typed parameter found in one pass, then taken from where it is: the
                // required ones as the struct is built, then the optional ones the body
                // carries into the built struct, so that an error drops it in one place, and
                // the code of an absent one is not run (`fast` says what this buys).
                let found: [u32; SLOTS] = params.locate(slot_of);
                let mut decoded = $name {
                    $( $field: $crate::params::form_field!(
                        @first params, kind, found[Slot::$field as usize], $mode $( ($wire $(, $format)?) )?
                    ), )*
                };
                for (slot, at) in EVERY_SLOT.into_iter().zip(found) {
                    if at == $crate::params::ABSENT {
                        continue;
                    }
                    match slot {
                        $( Slot::$field => $crate::params::form_field!(
                            @then decoded.$field, params, kind, at, $mode $( ($wire $(, $format)?) )?
                        ), )*
                    }
                }
                $( $crate::params::form_field!(@last decoded.$field, params, $mode); )*
                Ok(decoded)
            }

            fn encode(&self, out: &mut $crate::params::FormWriter) {
                $( $crate::params::form_field!(
                    @encode self.$field, out, $mode $( ($wire $(, $format)?) )?
                ); )*
            }

            fn serialize_entries<M: serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> Result<(), M::Error> {
                $( $crate::params::form_field!(
                    @serialize self.$field, map, $mode $( ($wire $(, $format)?) )?
                ); )*
                Ok(())
            }

            fn get(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
                $(
                    if let Some(value) = $crate::params::form_field!(
                        @get self.$field, name, $mode $( ($wire $(, $format)?) )?
                    ) {
                        return Some(value);
                    }
                )*
                None
            }
        }
    };
}

/// One field of [`form_struct!`]: decoding, encoding, serialising and looking up by its source.
macro_rules! form_field {
    // A parameter without a format is read with `Wire`.
    (@$op:ident $value:expr, $target:ident, $mode:ident ($wire:literal)) => {
        $crate::params::form_field!(@$op $value, $target, $mode ($wire, $crate::params::Wire))
    };

    (@first $params:expr, $kind:ident, $at:expr, req ($wire:literal)) => {
        $crate::params::form_field!(@first $params, $kind, $at, req ($wire, $crate::params::Wire))
    };
    (@first $params:expr, $kind:ident, $at:expr, req ($wire:literal, $format:ty)) => {
        $params.required_at::<_, $format>($at, $wire, $kind)?
    };
    (@first $params:expr, $kind:ident, $at:expr, opt $($source:tt)*) => {
        None
    };
    (@first $params:expr, $kind:ident, $at:expr, extra) => {
        $crate::Extra::default()
    };

    (@then $field:expr, $params:expr, $kind:ident, $at:expr, req $($source:tt)*) => {
        ()
    };
    (@then $field:expr, $params:expr, $kind:ident, $at:expr, opt ($wire:literal)) => {
        $crate::params::form_field!(@then $field, $params, $kind, $at, opt ($wire, $crate::params::Wire))
    };
    (@then $field:expr, $params:expr, $kind:ident, $at:expr, opt ($wire:literal, $format:ty)) => {
        $params.optional_into::<_, $format>(&mut $field, $at, $wire, $kind)?
    };
    (@then $field:expr, $params:expr, $kind:ident, $at:expr, extra) => {
        ()
    };

    // Once every typed field is read: `extra` takes what is left.
    (@last $field:expr, $params:expr, extra) => {
        $field = $params.take_rest()
    };
    (@last $field:expr, $params:expr, $mode:ident $($source:tt)*) => {};

    (@encode $value:expr, $out:ident, req ($wire:literal, $format:ty)) => {
        $out.pair($wire, &<$format as $crate::params::Format<_>>::encode(&$value))
    };
    (@encode $value:expr, $out:ident, opt ($wire:literal, $format:ty)) => {
        if let Some(value) = &$value {
            $out.pair($wire, &<$format as $crate::params::Format<_>>::encode(value))
        }
    };
    (@encode $value:expr, $out:ident, extra) => {
        $value.encode($out)
    };

    (@serialize $value:expr, $map:ident, req ($wire:literal, $format:ty)) => {
        $map.serialize_entry(
            $wire,
            &$crate::params::Formatted::<_, $format>(&$value, std::marker::PhantomData),
        )?
    };
    (@serialize $value:expr, $map:ident, opt ($wire:literal, $format:ty)) => {
        if let Some(value) = &$value {
            $map.serialize_entry(
                $wire,
                &$crate::params::Formatted::<_, $format>(value, std::marker::PhantomData),
            )?
        }
    };
    (@serialize $value:expr, $map:ident, extra) => {
        $value.serialize_entries($map)?
    };

    (@get $value:expr, $name:ident, req ($wire:literal, $format:ty)) => {
        ($name == $wire).then(|| <$format as $crate::params::Format<_>>::encode(&$value))
    };
    (@get $value:expr, $name:ident, opt ($wire:literal, $format:ty)) => {
        match &$value {
            Some(value) if $name == $wire => {
                Some(<$format as $crate::params::Format<_>>::encode(value))
            }
            _ => None,
        }
    };
    (@required req) => {
        true
    };
    (@required opt) => {
        false
    };

    (@get $value:expr, $name:ident, extra) => {
        $value.get($name).map(std::borrow::Cow::Borrowed)
    };
}

pub(crate) use {form_field, form_struct};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_take_digits_only() {
        assert_eq!(u64::from_wire("155137307765".into()), Ok(155137307765));
        assert!(u64::from_wire("+5".into()).is_err());
        assert!(u64::from_wire("-1".into()).is_err());
        assert!(u32::from_wire("99999999999".into()).is_err());
        assert!(u64::from_wire("1.5".into()).is_err());
    }

    const KIND: crate::EventKind =
        crate::EventKind::Room(crate::video::RoomKind::RecordingCompleted);

    #[test]
    fn optional_leaves_an_empty_value_for_extra() {
        let mut params = RawParams::scan(b"Size=&Duration=3").unwrap();
        assert_eq!(params.optional::<u64, Wire>("Size", KIND), Ok(None));
        assert_eq!(params.optional::<u64, Wire>("Duration", KIND), Ok(Some(3)));
        assert_eq!(params.take_rest().get("Size"), Some(""));
    }

    #[test]
    fn required_names_the_parameter_and_kind() {
        let mut params = RawParams::scan(b"Size=&Duration=x").unwrap();
        assert_eq!(
            params.required::<u64, Wire>("Size", KIND),
            Err(ParseError::InvalidValue {
                param: "Size",
                kind: KIND,
                value: String::new(),
                expected: Expected::NonEmpty,
            })
        );
        assert_eq!(
            params.required::<u64, Wire>("Duration", KIND),
            Err(ParseError::InvalidValue {
                param: "Duration",
                kind: KIND,
                value: "x".into(),
                expected: Expected::UnsignedInteger,
            })
        );
        assert_eq!(
            params.required::<u64, Wire>("Missing", KIND),
            Err(ParseError::MissingParameter {
                param: "Missing",
                kind: KIND,
            })
        );
    }
}
