//! Integers that providers write as JSON numbers or as strings of digits.
//!
//! NXCloud's receipt `code` is a number (`"code": 11000`); Wappin's status codes are the
//! same kind of value written in strings (`"status": "200"`). One reader takes both and
//! never goes through a float, so a long code keeps every digit.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Reads an integer code from a JSON integer or a string of digits; `name` is the code's
/// type, for the error message.
pub(crate) fn deserialize_code<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<i64, D::Error> {
    struct CodeVisitor(&'static str);

    impl Visitor<'_> for CodeVisitor {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an integer code ({}), as a number or a string of digits",
                self.0
            )
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            v.parse()
                .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    deserializer.deserialize_any(CodeVisitor(name))
}
