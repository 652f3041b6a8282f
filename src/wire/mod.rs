//! Helpers for the ways providers write their payloads, each in one place
//! (`ARCHITECTURE.md`, convention 5), used through serde attributes; each helper's doc
//! names the sample that needs it. [`detect`], [`kinds`] and [`top_level`] tell a body's
//! kind from its table, [`no_kind`] says why when they cannot.

/// Declares the serde `with` module `$name` for an `Option<$ty>` field, through the
/// newtype `$newtype`, which reads and writes one `$ty`: absent or `null` is `None`.
macro_rules! option_with {
    ($name:ident, $ty:ty, $newtype:path) => {
        pub(crate) mod $name {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            use super::*;

            pub(crate) fn serialize<S: Serializer>(
                value: &Option<$ty>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                value.map($newtype).serialize(serializer)
            }

            pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<$ty>, D::Error> {
                Ok(Option::<$newtype>::deserialize(deserializer)?.map(|$newtype(value)| value))
            }
        }
    };
}
pub(crate) use option_with;

pub(crate) mod decimal;
pub(crate) mod detect;
pub(crate) mod enums;
pub(crate) mod json;
pub(crate) mod kinds;
pub(crate) mod no_kind;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod query;
pub(crate) mod text;
pub(crate) mod time;
pub(crate) mod top_level;
pub(crate) mod written;
