//! Numbers read from the text that was sent: a JSON number or a string holding one.
//!
//! NXCloud's receipt `code` is a number (`"code": 11000`), Wappin's callback `timestamp`
//! the same in a string (`"1557915512"`), Viva's `CurrencyCode` either (`978`, `"978"`).
//! Never through a float: a long number keeps every digit, and an error quotes it as sent.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Unexpected, Visitor};

use super::text::Borrowed;

/// Whether `text` starts as an integer written the one way it is written back: an
/// optional `-`, then `0` alone or a digit that is not `0`: `"05"`, `"+5"` and `"-0"`
/// would come back as `5`, `5` and `0` (`esms/invalid/send_status_leading_zero.query`).
fn starts_canonically(text: &str) -> bool {
    matches!(
        text.as_bytes(),
        [b'0'] | [b'1'..=b'9', ..] | [b'-', b'1'..=b'9', ..]
    )
}

/// Whether `text` is an integer written the one way it is written back, of any size.
pub(crate) fn is_canonical_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    starts_canonically(text) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An integer read from its text: within an `i64`, or past it within a `u64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Integer {
    Signed(i64),
    Unsigned(u64),
}

/// The integer `text` stands for, written its one way: a negative one within an `i64`,
/// any other within a `u64`.
pub(crate) fn integer_from_text(text: &str) -> Option<Integer> {
    if !starts_canonically(text) {
        None
    } else if text.starts_with('-') {
        text.parse().ok().map(Integer::Signed)
    } else {
        text.parse().ok().map(Integer::Unsigned)
    }
}

/// The integer code `text` stands for, written its one way, within an `i64`. Serde's
/// reading of a code in a string and the code enums' `FromStr` both use it, so they agree
/// on every text.
pub(crate) fn code_from_text(text: &str) -> Option<i64> {
    text.parse().ok().filter(|_| starts_canonically(text))
}

/// Reads an integer code (`name` is its type, for the error): a JSON integer or a string
/// of digits ([`code_from_text`]).
pub(crate) fn deserialize_code<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<i64, D::Error> {
    struct Code(&'static str);

    impl de::Expected for Code {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an integer code ({}), as a number or a string of digits",
                self.0
            )
        }
    }

    deserialize_number(deserializer, code_from_text, &Code(name))
}

/// The newtype [`deserialize_number`] asks for: an object's field probe (`written`) reads
/// the number's text itself, notes whether it came in a string, and hands the text over.
pub(crate) const NUMBER: &str = "$provider_payloads::number";

/// Reads the raw JSON text of the next value: borrowed from the body where it can be,
/// else owned (`from_value`). A `Box<RawValue>` would always allocate, and a `&RawValue`
/// takes borrowed text only. `serde_json` hands it to a reader that asks for a newtype of
/// the private name `RawValue` uses, which a test here checks.
pub(crate) fn raw_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'de, str>, D::Error> {
    struct RawVisitor;

    impl<'de> Visitor<'de> for RawVisitor {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cow<'de, str>, A::Error> {
            // One entry: `serde_json`'s name, then the text.
            map.next_key::<de::IgnoredAny>()?;
            map.next_value::<Borrowed<'de>>().map(|Borrowed(text)| text)
        }
    }

    deserializer.deserialize_newtype_struct("$serde_json::private::RawValue", RawVisitor)
}

/// The raw JSON text of a value sent for a number: the number (`100.50`), a string that
/// may hold one (`"100.50"`), or anything else, for the error.
#[derive(Clone, Copy)]
pub(crate) struct Sent<'a>(pub(crate) &'a str);

impl<'a> Sent<'a> {
    pub(crate) fn is_quoted(self) -> bool {
        self.0.starts_with('"')
    }

    /// The number's text: the string's raw content (a number has no escapes), or the
    /// JSON number.
    pub(crate) fn text(self) -> &'a str {
        match self.0.strip_prefix('"') {
            Some(content) => content.strip_suffix('"').unwrap_or(content),
            None => self.0,
        }
    }

    /// The error for a value that is not the number `expected`, quoting it as sent: the
    /// digits of a number out of range (`integer `98765432109876543210``), not a float.
    pub(crate) fn error<E: de::Error>(self, expected: &dyn de::Expected) -> E {
        let unexpected = match self.0.as_bytes().first() {
            Some(b'"') => return E::invalid_value(Unexpected::Str(self.text()), expected),
            Some(b'n') => Unexpected::Unit,
            Some(b't') => Unexpected::Bool(true),
            Some(b'f') => Unexpected::Bool(false),
            Some(b'{') => Unexpected::Map,
            Some(b'[') => Unexpected::Seq,
            _ => {
                let digits = self.0.strip_prefix('-').unwrap_or(self.0);
                let integer = digits.bytes().all(|b| b.is_ascii_digit());
                let what = if integer { "integer" } else { "number" };
                let number = format!("{what} `{}`", self.0);
                return E::invalid_value(Unexpected::Other(&number), expected);
            }
        };
        E::invalid_type(unexpected, expected)
    }
}

/// Reads a number from its raw text, as a JSON number or in a string, with `parse`
/// (`None` when the digits are not the number `expected`): the one reader of decimals,
/// codes, unix times and currencies.
pub(crate) fn deserialize_number<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Option<T>,
    expected: &dyn de::Expected,
) -> Result<T, D::Error> {
    struct NumberVisitor<'e, F> {
        parse: F,
        expected: &'e dyn de::Expected,
    }

    impl<'de, T, F: FnOnce(&str) -> Option<T>> Visitor<'de> for NumberVisitor<'_, F> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.expected.fmt(f)
        }

        /// The raw text, read by a field's probe.
        fn visit_str<E: de::Error>(self, raw: &str) -> Result<T, E> {
            let sent = Sent(raw);
            (self.parse)(sent.text()).ok_or_else(|| sent.error(self.expected))
        }

        /// Any other deserializer: the raw text is read here.
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            self.visit_str(&raw_text(d)?)
        }
    }

    deserializer.deserialize_newtype_struct(NUMBER, NumberVisitor { parse, expected })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_is_borrowed_from_a_body_and_owned_from_a_value() {
        let mut body = serde_json::Deserializer::from_str(r#" "100.50" "#);
        let raw = raw_text(&mut body);
        assert!(matches!(raw, Ok(Cow::Borrowed(r#""100.50""#))));
        assert_eq!(raw_text(serde_json::json!(100)).unwrap(), "100");
    }

    #[test]
    fn an_integer_is_read_from_its_one_spelling_within_an_i64_or_a_u64() {
        let (max, min) = (i64::MAX.to_string(), i64::MIN.to_string());
        for (text, integer, code) in [
            ("0", Integer::Unsigned(0), Some(0)),
            ("-5", Integer::Signed(-5), Some(-5)),
            (&max, Integer::Unsigned(i64::MAX as u64), Some(i64::MAX)),
            (&min, Integer::Signed(i64::MIN), Some(i64::MIN)),
            ("18446744073709551615", Integer::Unsigned(u64::MAX), None),
        ] {
            assert_eq!(integer_from_text(text), Some(integer), "{text}");
            assert_eq!(code_from_text(text), code, "{text}");
        }
        for text in [
            "",
            "-",
            "02",
            "-0",
            "+1",
            "1a",
            " 1",
            "1.0",
            "٣",
            "18446744073709551616",
            "-9223372036854775809",
        ] {
            assert_eq!(integer_from_text(text), None, "{text:?}");
            assert_eq!(code_from_text(text), None, "{text:?}");
        }
    }
}
