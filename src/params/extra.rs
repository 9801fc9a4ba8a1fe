//! [`Extra`]: the parameters no typed field holds.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::FormWriter;
use crate::Text;

/// Parameters that no typed field of an event holds, in the order received.
///
/// These are the parameters the vendor documentation does not list for the event (Twilio adds
/// new ones without notice), further copies of a typed parameter's value, and documented
/// optional parameters that arrived with an empty value (their typed field is `None`). Keeping
/// them means [`to_form`](crate::Event::to_form) gives back every pair that was received.
///
/// ```
/// use status_callbacks::{parse, Event};
///
/// let body = "StatusCallbackEvent=composition-started&AccountSid=AC00000000000000000000000000000000\
///     &RoomSid=RM00000000000000000000000000000000&CompositionSid=CJ00000000000000000000000000000000\
///     &CompositionUri=%2Fv1%2FCompositions%2FCJ00000000000000000000000000000000\
///     &Timestamp=2020-08-20T01%3A42%3A05.839174Z&Resolution=1280x720";
/// let event = parse(body.as_bytes()).unwrap();
/// assert_eq!(event.extra().get("Resolution"), Some("1280x720"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Extra {
    pub(super) pairs: Vec<(Text, Text)>,
}

impl Extra {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of the first parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of the parameters called `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The pairs, in the order received.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }

    /// Adds a pair at the end.
    pub fn push(&mut self, name: impl Into<Text>, value: impl Into<Text>) {
        self.pairs.push((name.into(), value.into()));
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub(crate) fn encode(&self, out: &mut FormWriter) {
        for (key, value) in &self.pairs {
            out.pair(key, value);
        }
    }

    pub(crate) fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.pairs {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<Text>, V: Into<Text>> FromIterator<(K, V)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Extra {
            pairs: iter
                .into_iter()
                .map(|(key, value)| (key.into(), value.into()))
                .collect(),
        }
    }
}

impl IntoIterator for Extra {
    type Item = (Text, Text);
    type IntoIter = std::vec::IntoIter<(Text, Text)>;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.into_iter()
    }
}

/// Serialised as a map in the order received; a repeated name is written once per value.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}
