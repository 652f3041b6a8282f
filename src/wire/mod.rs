//! Helpers for the ways providers write their payloads, each in one place
//! (`ARCHITECTURE.md`, convention 5). A type uses them through serde attributes; each helper's doc names the
//! sample that needs it.
//!
//! - [`object`]: unknown fields kept and written back, with [`shape`] for `null`, `""`,
//!   numbers in strings and text as numbers.
//! - [`shape`]: the one rule for every scalar: a number also read from a string holding
//!   it, text also from an integer, each written back as it came.
//! - [`decimal`]: money as exact decimals from the digits that were sent (Viva).
//! - [`enums`]: closed sets of values that keep any undocumented value.
//! - [`number`]: numbers read from their text as sent, in a JSON number or a string.
//! - [`time`]: provider time formats.
//! - [`text`]: short text built on the stack, to write times and numbers without allocating,
//!   and text borrowed from the input.
//! - [`json`]: reading a body with the path of a failing field, and writing it back.
//! - [`detect`]: telling a payload's kind from its top-level keys, by a table of kinds.
//! - [`kinds`]: a provider's table of kinds, declared once.
//! - [`no_kind`]: the errors of a body whose kind could not be told.
//! - [`top_level`]: the top-level keys of a JSON object, read without its values.
//! - [`query`]: query strings, strictly percent-decoded (eSMS callbacks).

/// Declares the serde `with` module `$name` for an `Option<$ty>` field, through the
/// `with` module `$inner` for `$ty`: absent or `null` is `None`.
macro_rules! option_with {
    ($(#[doc = $doc:expr])* $name:ident, $ty:ty, $inner:ident) => {
        $(#[doc = $doc])*
        pub(crate) mod $name {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            use super::*;

            /// One value, through the inner module.
            struct Through($ty);

            impl Serialize for Through {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    $inner::serialize(&self.0, serializer)
                }
            }

            impl<'de> Deserialize<'de> for Through {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    $inner::deserialize(deserializer).map(Through)
                }
            }

            pub(crate) fn serialize<S: Serializer>(
                value: &Option<$ty>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                value.map(Through).serialize(serializer)
            }

            pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<$ty>, D::Error> {
                Ok(Option::<Through>::deserialize(deserializer)?.map(|Through(value)| value))
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
pub(crate) mod shape;
pub(crate) mod text;
pub(crate) mod time;
pub(crate) mod top_level;
